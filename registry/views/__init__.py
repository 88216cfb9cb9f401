"""Pages of the registry, one module per area. Views are thin: a selector reads, a
predicate allows, a service writes, a template shows."""

from .attachments import AttachmentDeleteView, AttachmentDownloadView, AttachmentUploadView
from .exemplars import (
    ExemplarCreateView,
    ExemplarDetailView,
    ExemplarListView,
    ExemplarTransitionView,
    ExemplarUpdateView,
    NotificationListView,
    ReviewQueueView,
)
from .units import (
    CatalogueView,
    HomeView,
    QuotaRuleListView,
    ScopedUnitMixin,
    UnitDetailView,
    UnitListView,
    UnitPeopleView,
    health,
)

__all__ = [
    "AttachmentDeleteView",
    "AttachmentDownloadView",
    "AttachmentUploadView",
    "CatalogueView",
    "ExemplarCreateView",
    "ExemplarDetailView",
    "ExemplarListView",
    "ExemplarTransitionView",
    "ExemplarUpdateView",
    "HomeView",
    "NotificationListView",
    "QuotaRuleListView",
    "ReviewQueueView",
    "ScopedUnitMixin",
    "UnitDetailView",
    "UnitListView",
    "UnitPeopleView",
    "health",
]
