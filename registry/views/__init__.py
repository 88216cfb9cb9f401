"""Pages of the registry, one module per area. Views are thin: a selector reads, a
predicate allows, a service writes, a template shows."""

from .attachments import EXEMPLAR_FILES
from .exemplars import (
    ExemplarCreateView,
    ExemplarDetailView,
    ExemplarListView,
    ExemplarTransitionView,
    ExemplarUpdateView,
    NotificationListView,
    ReviewQueueView,
)
from .plans import PLANS, PlanCopyView
from .platform import health
from .tracking import (
    ExemplarFollowUpListView,
    FollowUpCreateView,
    FollowUpGapListView,
    MyRegistrationView,
    NurturingNoteCreateView,
    NurturingNoteListView,
    QuotaComplianceView,
    RegistrationView,
)
from .units import (
    CatalogueView,
    HomeView,
    QuotaRuleListView,
    ScopedUnitMixin,
    UnitDetailView,
    UnitListView,
    UnitPeopleView,
)

__all__ = [
    "EXEMPLAR_FILES",
    "PLANS",
    "CatalogueView",
    "ExemplarCreateView",
    "ExemplarDetailView",
    "ExemplarFollowUpListView",
    "ExemplarListView",
    "ExemplarTransitionView",
    "ExemplarUpdateView",
    "FollowUpCreateView",
    "FollowUpGapListView",
    "HomeView",
    "MyRegistrationView",
    "NotificationListView",
    "NurturingNoteCreateView",
    "NurturingNoteListView",
    "PlanCopyView",
    "QuotaComplianceView",
    "QuotaRuleListView",
    "RegistrationView",
    "ReviewQueueView",
    "ScopedUnitMixin",
    "UnitDetailView",
    "UnitListView",
    "UnitPeopleView",
    "health",
]
