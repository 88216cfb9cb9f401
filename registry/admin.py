"""The administrators' screens. Every change is kept in the records' history."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.admin import PortalAdmin, PortalInline, ReferenceAdmin, RegisterAdmin

from .models import (
    CatalogueVersion,
    Criterion,
    EmulationBloc,
    Field,
    Plan,
    QuotaRule,
    SecurityEvent,
    Unit,
    UnitKind,
    UnitSuccession,
    User,
)


@admin.register(UnitKind)
class UnitKindAdmin(ReferenceAdmin):
    list_display = [
        "name",
        "name_en",
        "code",
        "reviews_children",
        "requires_head_signoff",
        "valid_from",
        "valid_to",
        "order",
    ]
    search_fields = ["name", "name_en", "code"]


@admin.register(EmulationBloc)
class EmulationBlocAdmin(ReferenceAdmin):
    list_display = ["name", "code", "head_unit", "valid_from", "valid_to"]
    autocomplete_fields = ["head_unit"]


class SuccessorInline(PortalInline):
    """The units that carried on from this one (merger, split, renaming)."""

    model = UnitSuccession
    fk_name = "predecessor"
    verbose_name = _("successor")
    verbose_name_plural = _("successors")
    autocomplete_fields = ["successor"]


@admin.register(Unit)
class UnitAdmin(PortalAdmin):
    list_display = ["name", "code", "kind", "parent", "bloc", "valid_from", "valid_until"]
    list_filter = ["kind", "bloc", ("valid_until", admin.EmptyFieldListFilter)]
    search_fields = ["name", "short_name", "code", "search_text"]
    autocomplete_fields = ["parent", "bloc"]
    list_select_related = ["kind", "parent", "bloc"]
    fieldsets = [
        (None, {"fields": ["code", "name", "short_name", "kind", "parent", "bloc"]}),
        (_("Validity"), {"fields": ["valid_from", "valid_until", "end_basis"]}),
        (_("Sending"), {"fields": ["requires_head_signoff"]}),
        (_("Contact"), {"fields": ["address", "phone", "email"]}),
    ]
    inlines = [SuccessorInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "requires_head_signoff":
            # Empty means "as its kind says": named so, rather than Django's "Unknown".
            widget = forms.NullBooleanSelect()
            widget.choices = [
                ("unknown", _("As its kind says")),
                ("true", _("Yes")),
                ("false", _("No")),
            ]
            kwargs["widget"] = widget
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(PortalAdmin):
    list_display = [
        "predecessor",
        "successor",
        "kind",
        "effective_on",
        "legal_basis",
        "takes_over_work",
    ]
    list_filter = ["kind", "effective_on", "takes_over_work"]
    search_fields = [
        "predecessor__search_text",
        "successor__search_text",
        "predecessor__code",
        "successor__code",
        "legal_basis",
    ]
    autocomplete_fields = ["predecessor", "successor"]
    list_select_related = ["predecessor", "successor"]


class QuotaRuleInline(PortalInline):
    model = QuotaRule


@admin.register(QuotaRule)
class QuotaRuleAdmin(PortalAdmin):
    list_display = ["unit_kind", "minimum", "plan", "counts_endorsed", "source"]
    list_filter = ["plan", "unit_kind"]
    list_select_related = ["plan", "unit_kind"]


class CriterionInline(PortalInline):
    model = Criterion
    fields = ["kind", "number", "field", "text"]

    def has_add_permission(self, request, obj=None):
        # Criteria are edited with their catalogue version, by whoever may change it.
        return request.user.has_perm("registry.change_catalogueversion", obj)

    has_change_permission = has_delete_permission = has_add_permission

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("registry.view_criterion")


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(PortalAdmin):
    list_display = ["title", "code", "valid_from", "valid_to", "published"]
    fields = [
        "code",
        "title",
        "source",
        "valid_from",
        "valid_to",
        "subjects_text",
        "specific_preamble",
        "published",
    ]
    inlines = [CriterionInline]


@admin.register(Field)
class FieldAdmin(ReferenceAdmin):
    list_display = ["name", "name_en", "code", "order"]
    search_fields = ["name", "name_en", "code"]


@admin.register(User)
class UserAdmin(PortalAdmin, DjangoUserAdmin):
    list_display = ["username", "full_name", "unit", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active", "unit__kind"]
    search_fields = ["username", "full_name", "email", "unit__name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]
    ordering = ["username"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["full_name", "email", "phone", "position", "language"]}),
        (_("Unit and role"), {"fields": ["unit", "role", "is_active"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "full_name",
                    "email",
                    "unit",
                    "role",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Plan)
class PlanAdmin(PortalAdmin):
    """The plans the portal serves: what documents cite and what applies in their years."""

    list_display = ["title", "number", "signed_on", "period_from", "period_to", "illustrative"]
    search_fields = ["title", "number"]
    fieldsets = [
        (
            None,
            {"fields": ["title", "number", "signed_on", "issuer", ("period_from", "period_to")]},
        ),
        (
            _("What the plan sets"),
            {
                "fields": [
                    "catalogue",
                    ("deadline_day", "deadline_month"),
                    "quota_basis",
                    ("reference_day", "reference_month"),
                ]
            },
        ),
        (None, {"fields": ["illustrative", "note"]}),
    ]
    inlines = [QuotaRuleInline]


@admin.register(SecurityEvent)
class SecurityEventAdmin(RegisterAdmin):
    """Who signed in, who was refused, who viewed or exported whose personal data. Read
    only: the portal writes these; the same events go to the log as JSON lines."""

    list_display = ["at", "kind", "username", "unit", "address", "target_label", "path"]
    list_filter = ["kind", "at", "unit"]
    search_fields = ["username", "address", "path", "target_id", "target_label", "request_id"]
    date_hierarchy = "at"
    list_select_related = ["unit"]
    readonly_fields = [field.name for field in SecurityEvent._meta.fields]
    show_full_result_count = False
