"""What the administrators' screens of every app share: permissions from the rules
predicates, every change kept in the history (simple-history), who recorded a row shown and
never typed, reference data laid out alike, and registers the portal writes and
administrators only read."""

from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from .text import fold

# Who recorded a row: read only, the user who adds it.
AUDIT_FIELDS = ("recorded_by",)


def _present(model, names) -> list[str]:
    fields = {field.name for field in model._meta.fields}
    return [name for name in names if name in fields]


def _fill_audit_fields(row, user) -> None:
    for name in _present(type(row), AUDIT_FIELDS):
        if getattr(row, f"{name}_id") is None:
            setattr(row, name, user)


class AuditFieldsReadOnly:
    """``AUDIT_FIELDS`` are shown, never typed."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [name for name in _present(self.model, AUDIT_FIELDS) if name not in fields]


class PortalInline(AuditFieldsReadOnly, admin.TabularInline):
    extra = 0


class PortalAdmin(AuditFieldsReadOnly, ObjectPermissionsModelAdminMixin, SimpleHistoryAdmin):
    """Permissions from the rules predicates, history from simple-history. A search of the
    folded ``search_text`` is accent-insensitive, as everywhere else in the portal."""

    def get_search_results(self, request, queryset, search_term):
        if any(name.endswith("search_text") for name in self.get_search_fields(request)):
            search_term = fold(search_term)
        return super().get_search_results(request, queryset, search_term)

    def save_model(self, request, obj, form, change):
        _fill_audit_fields(obj, request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for row in formset.forms:
            _fill_audit_fields(row.instance, request.user)
        super().save_formset(request, form, formset, change)


class ReferenceAdmin(PortalAdmin):
    """Reference data (unit kinds, blocs, fields, budget items, award forms…): found by its
    name and code; its form, unless it lays out its own, opens with the code and the names
    and closes with the years it is in force."""

    search_fields = ["name", "code"]
    opening = ("code", "name", "name_en")
    closing = ("valid_from", "valid_to")

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if self.fields:
            return fields
        ends = (*self.opening, *self.closing)
        middle = [name for name in fields if name not in ends]
        return [*_present(self.model, self.opening), *middle, *_present(self.model, self.closing)]


class RegisterAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    """A register the portal writes: administrators read it (and delete from it where the
    rules let them), never add to or change it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
