from django.contrib import admin

from exemplar_portal.base.admin import PortalAdmin, ReferenceAdmin, RegisterAdmin

from .models import AwardForm, DocumentRender, IssuedDocument, Signer


@admin.register(AwardForm)
class AwardFormAdmin(ReferenceAdmin):
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
class DocumentRenderAdmin(RegisterAdmin):
    """Rendered consolidated reports, kept per version and language, and drafts too large for
    a web request. Deleting one makes the next reader's request render it again (after a
    change of the document's layout)."""

    list_display = ["document", "version", "language", "status", "pages", "size", "finished_at"]
    list_filter = ["document", "status", "language"]
    list_select_related = ["version__consolidation__campaign"]
    readonly_fields = [
        "version",
        "document",
        "params",
        "key",
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


@admin.register(Signer)
class SignerAdmin(PortalAdmin):
    """Who signs each unit's documents; unit heads keep their own on the unit's page."""

    list_display = ["full_name", "position", "unit", "authority", "is_default", "active"]
    list_filter = ["authority", "is_default", "active"]
    search_fields = ["full_name", "position", "unit__name"]
    autocomplete_fields = ["unit"]
    fields = [
        "unit",
        "full_name",
        "position",
        "authority",
        "principal",
        "collective",
        ("is_default", "active"),
        "order",
    ]


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(RegisterAdmin):
    """The register, read-only: what was issued stays as issued."""

    list_display = ["number", "symbol", "issued_on", "subject", "unit", "signer_name", "status"]
    list_filter = ["kind", "status", "year"]
    search_fields = ["subject", "symbol", "signer_name", "unit__name"]
