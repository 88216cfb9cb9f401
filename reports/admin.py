from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from registry.admin import PortalAdmin

from .models import AwardForm, DocumentRender


@admin.register(AwardForm)
class AwardFormAdmin(PortalAdmin):
    """The list of the Law on Emulation and Commendation 2022, kept up with the decrees."""

    list_display = [
        "name",
        "category",
        "level",
        "for_collectives",
        "for_individuals",
        "for_households",
        "valid_from",
        "valid_to",
        "order",
    ]
    list_filter = ["category", "level", "for_collectives", "for_individuals", "for_households"]
    search_fields = ["name", "code"]
    fields = [
        "code",
        "name",
        "category",
        "level",
        ("for_collectives", "for_individuals", "for_households"),
        ("valid_from", "valid_to"),
        "order",
    ]


@admin.register(DocumentRender)
class DocumentRenderAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    """Rendered consolidated reports, kept per version and language. Deleting one makes the
    next reader's request render it again (after a change of the document's layout)."""

    list_display = ["version", "language", "status", "pages", "size", "finished_at"]
    list_filter = ["status", "language"]
    list_select_related = ["version__consolidation__campaign"]
    readonly_fields = [
        "version",
        "document",
        "language",
        "status",
        "stage",
        "progress",
        "pages",
        "file",
        "size",
        "error",
        "requested_by",
        "requested_at",
        "started_at",
        "finished_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
