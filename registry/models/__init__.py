"""The registry's records, one module per area."""

from .catalogue import CatalogueVersion, Criterion, Field
from .exemplars import (
    Attachment,
    CriterionEvidence,
    Exemplar,
    FollowUp,
    Notification,
    NurturingNote,
    Transition,
)
from .imports import ImportJob
from .movements import Campaign
from .people import PortalUserManager, User
from .plans import Plan, plan_in_force
from .security import SecurityEvent
from .units import (
    EmulationBloc,
    QuotaRule,
    Unit,
    UnitKind,
    UnitQuerySet,
    UnitSuccession,
    ValidityPeriod,
    ValidityQuerySet,
)

__all__ = [
    "Attachment",
    "Campaign",
    "CatalogueVersion",
    "Criterion",
    "CriterionEvidence",
    "EmulationBloc",
    "Exemplar",
    "Field",
    "FollowUp",
    "ImportJob",
    "Notification",
    "NurturingNote",
    "Plan",
    "PortalUserManager",
    "QuotaRule",
    "SecurityEvent",
    "Transition",
    "Unit",
    "UnitKind",
    "UnitQuerySet",
    "UnitSuccession",
    "User",
    "ValidityPeriod",
    "ValidityQuerySet",
    "plan_in_force",
]
