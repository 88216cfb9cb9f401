"""The registry's records, one module per area."""

from .catalogue import CatalogueVersion, Criterion, Field
from .people import PortalUserManager, User
from .units import (
    EmulationBloc,
    QuotaRule,
    Unit,
    UnitKind,
    ValidityPeriod,
    ValidityQuerySet,
)

__all__ = [
    "CatalogueVersion",
    "Criterion",
    "EmulationBloc",
    "Field",
    "PortalUserManager",
    "QuotaRule",
    "Unit",
    "UnitKind",
    "User",
    "ValidityPeriod",
    "ValidityQuerySet",
]
