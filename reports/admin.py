from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.admin import PortalAdmin, ReferenceAdmin, RegisterAdmin

from .models import (
    AwardCondition,
    AwardDecision,
    AwardDossierPart,
    AwardForm,
    AwardTrack,
    BaseSalary,
    CashRate,
    CertificateBlank,
    CertificateField,
    CertificatePrint,
    DayOff,
    DocumentRender,
    DossierPart,
    IssuedDocument,
    LegalDocument,
    Signer,
)


class CashRateInline(admin.TabularInline):
    model = CashRate
    extra = 0
    fields = [
        "valid_from",
        "valid_until",
        "multiple",
        "collective_multiple",
        "household_multiple",
        "legal_document",
        "article",
    ]


class AwardDossierPartInline(admin.TabularInline):
    model = AwardDossierPart
    extra = 0
    fields = ["part", "for_collectives", "for_individuals", "for_households", "required", "order"]


class AwardConditionInline(admin.StackedInline):
    model = AwardCondition
    fk_name = "award"
    extra = 0
    fields = [
        ("group", "order", "kind"),
        ("title", "count", "years"),
        ("initiative_level", "rating", "not_used_before"),
        "text",
        ("legal_document", "article"),
    ]


@admin.register(AwardForm)
class AwardFormAdmin(ReferenceAdmin):
    """The award forms of the Laws on Emulation and Commendation, kept up with the decrees:
    their source, tracks, cash rates, dossier and conditions."""

    list_display = [
        "name",
        "category",
        "level",
        "for_collectives",
        "for_individuals",
        "for_households",
        "article",
        "legal_basis",
        "valid_from",
        "valid_to",
        "order",
    ]
    list_filter = [
        "category",
        "level",
        "statistics_column",
        "legal_basis",
        "tracks",
        "for_collectives",
        "for_individuals",
        "for_households",
    ]
    search_fields = ["name", "code", "article"]
    fields = [
        "code",
        "name",
        "category",
        "level",
        ("for_collectives", "for_individuals", "for_households"),
        ("legal_basis", "article"),
        ("valid_from", "valid_to"),
        "tracks",
        "sent_up",
        "statistics_column",
        "note",
        "order",
    ]
    filter_horizontal = ["tracks"]
    inlines = [CashRateInline, AwardDossierPartInline, AwardConditionInline]


@admin.register(LegalDocument)
class LegalDocumentAdmin(PortalAdmin):
    list_display = ["number", "kind", "title", "issued_on", "valid_from", "valid_until"]
    list_filter = ["kind"]
    search_fields = ["number", "title"]


@admin.register(AwardTrack)
class AwardTrackAdmin(PortalAdmin):
    list_display = ["name", "name_en", "code", "sent_up", "order"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(PortalAdmin):
    list_display = ["valid_from", "amount", "legal_document", "article"]


@admin.register(DossierPart)
class DossierPartAdmin(PortalAdmin):
    list_display = ["name", "code", "official_form", "legal_document", "article"]
    search_fields = ["name", "code"]


@admin.register(DayOff)
class DayOffAdmin(PortalAdmin):
    """Public holidays, the days off the government moves and the Saturdays worked in
    exchange: what a count of working days (a public disclosure's) leaves out or adds.
    Administrators add each year's days as they are announced, with the announcement."""

    list_display = ["date", "weekday", "kind", "name", "source"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name", "source"]
    fields = ["date", "kind", "name", "source"]

    @admin.display(description=_("weekday"), ordering="date")
    def weekday(self, obj):
        return date_format(obj.date, "l")


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


@admin.register(AwardDecision)
class AwardDecisionAdmin(RegisterAdmin):
    """Decisions conferring awards, made by recording a decision on agreed proposals."""

    list_display = ["number", "date", "level", "signer"]
    list_filter = ["level"]
    search_fields = ["number", "signer"]
    readonly_fields = ["number", "date", "level", "signer", "created_by", "created_at"]


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


class CertificateFieldInline(admin.TabularInline):
    model = CertificateField
    extra = 0
    fields = [
        "key",
        "x_mm",
        "y_mm",
        "width_mm",
        "font_size",
        "bold",
        "italic",
        "align",
        "uppercase",
        "max_lines",
        "line_spacing_mm",
    ]


@admin.register(CertificateBlank)
class CertificateBlankAdmin(PortalAdmin):
    """The offices' pre-printed certificate blanks and where each text goes on them (also
    kept by Home Affairs on the portal's pages, with the calibration page)."""

    list_display = ["name", "unit", "paper", "orientation", "active"]
    list_filter = ["paper", "orientation", "active"]
    search_fields = ["name", "unit__name"]
    autocomplete_fields = ["unit"]
    filter_horizontal = ["award_forms"]
    readonly_fields = ["created_by", "created_at"]
    inlines = [CertificateFieldInline]

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(CertificatePrint)
class CertificatePrintAdmin(RegisterAdmin):
    """Certificates printed for a decision, read-only: what was printed stays as printed."""

    list_display = ["decision", "blank", "printed_by", "printed_at"]
    list_filter = ["blank"]
    search_fields = ["decision__number", "blank__name"]
    readonly_fields = [
        "blank",
        "decision",
        "signer_name",
        "signer_position",
        "achievement",
        "offset_x_mm",
        "offset_y_mm",
        "printed_by",
        "printed_at",
    ]
    exclude = ["search_text"]
