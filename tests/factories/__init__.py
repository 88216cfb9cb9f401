"""Factories of the records tests build (factory_boy): the defaults are a plausible record
of the province, so that a test states only what it is about."""

from .registry import (
    PlanFactory,
    QuotaRuleFactory,
    UnitFactory,
    UnitSuccessionFactory,
    UserFactory,
    kind,
)

__all__ = [
    "PlanFactory",
    "QuotaRuleFactory",
    "UnitFactory",
    "UnitSuccessionFactory",
    "UserFactory",
    "kind",
]
