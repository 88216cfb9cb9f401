"""The columns of each import and export, and the rules a row must meet (django-import-export
resources).

Every resource is built for one person and one run: ``user`` decides the reach (a unit
editor names only their own unit; Home Affairs any unit), ``dry_run`` whether anything is
written. Columns are keyed by the model's attribute; their headers are the model's own
labels, so a template, an export and the web form speak the same words.

Exemplars run in bulk mode (ten thousand rows in a few seconds): existing records and every
related row are read once per import, each row is validated by the same rules as the web
form (``exemplar_validation.ExemplarValidator``), nothing is written while
any row has an error (a bulk write's database error names no row), and the writes then
happen in one transaction with their history (``history.record_history``, since bulk writes
send no signals). Units, unit successions and users are few and run row by row inside one
transaction, so that a unit created on one row can be the parent of the next.
"""

import unicodedata
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources
from import_export.instance_loaders import BaseInstanceLoader

from exemplar_portal.base.text import fold

from ..enums import ExemplarStatus, Gender, Role, SubjectKind
from ..exemplar_validation import (
    EDITABLE_FIELDS,
    NAME_FIELD,
    ExemplarValidator,
    Stored,
    keep_one_subject_kind,
)
from ..models import (
    EmulationBloc,
    Exemplar,
    Field,
    Unit,
    UnitKind,
    UnitSuccession,
    User,
)
from ..selectors import unit_ids_in_scope
from .history import record_history
from .widgets import (
    ChoiceWidget,
    DateWidget,
    IntegerWidget,
    NaturalKeyWidget,
    TextWidget,
    YesNoWidget,
)

NON_FIELD = "__all__"
# How often the running import reports its progress (rows).
PROGRESS_EVERY = 500


def _column(attribute, widget=None, *, readonly=False):
    return fields.Field(
        attribute=attribute, column_name=attribute, widget=widget or TextWidget(), readonly=readonly
    )


class KeyLoader(BaseInstanceLoader):
    """The records the file names by key, read in one query from the resource's reach."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        key = resource.key_field
        keys = {resource.normalise_key(value) for value in dataset[key]} - {""}
        self.instances = {}
        if keys:
            candidates = resource.get_queryset()
            if resource.key_lookup:
                candidates = candidates.filter(**{resource.key_lookup: keys})
            for obj in candidates:
                self.instances[resource.normalise_key(getattr(obj, key))] = obj

    def get_instance(self, row):
        return self.instances.get(self.resource.normalise_key(row.get(self.resource.key_field)))


class SpreadsheetResource(resources.ModelResource):
    """What every import shares: columns and labels, reach, row notes, unchanged rows."""

    key_field = "code"
    # A filter on the normalised keys, or None to read every record of the reach (small
    # tables whose keys compare without letter case: units, users).
    key_lookup: str | None = None
    # Columns an export adds for reading (names, status…); an import ignores them.
    export_only: tuple[str, ...] = ()
    data_sheet_title = gettext_lazy("Data")
    labels: dict[str, object] = {}

    class Meta:
        # Options every import's ``Meta`` inherits.
        instance_loader_class = KeyLoader
        skip_diff = True
        report_skipped = True
        store_instance = True

    def __init__(self, *, user, dry_run=True, row_numbers=None, on_progress=None, on_written=None):
        super().__init__()
        self.user = user
        self.dry_run = dry_run
        # The sheet's own row numbers (the header is row 1), for messages naming a row.
        self.row_numbers = row_numbers
        self.on_progress = on_progress
        self.on_written = on_written
        self.scope = unit_ids_in_scope(user)
        # Row number (of the dataset) → warnings; keys already given → row number.
        self.warnings: dict[int, list[tuple[str, str]]] = {}
        self.keys_seen: dict[str, int] = {}
        self.originals: dict[int, dict] = {}
        self.done = 0

    # Columns.
    @classmethod
    def label(cls, attribute) -> str:
        if attribute in cls.labels:
            return capfirst(str(cls.labels[attribute]))
        if attribute == NON_FIELD:
            return ""
        return capfirst(str(cls._meta.model._meta.get_field(attribute).verbose_name))

    @classmethod
    def import_keys(cls) -> list[str]:
        return [name for name in cls._meta.fields if name not in cls.export_only]

    @classmethod
    def import_columns(cls) -> list[tuple[str, object]]:
        return [(name, _LazyLabel(cls, name)) for name in cls.import_keys()]

    @classmethod
    def ignored_columns(cls) -> list:
        return [_LazyLabel(cls, name) for name in cls.export_only]

    @classmethod
    def export_columns(cls, user=None) -> list[tuple[str, object]]:
        """(header, accessor) pairs for ``XlsxExportMixin``: the import's columns, filled
        as an import reads them, then the columns only exports carry."""
        resource_fields = cls.fields
        return [
            (cls.label(name), _exporter(resource_fields[name]))
            for name in cls._meta.fields
            if cls.may_export(name, user)
        ]

    @classmethod
    def may_export(cls, name, user) -> bool:
        return True

    @staticmethod
    def normalise_key(value) -> str:
        return "" if value is None else str(value).strip().casefold()

    # Rows.
    def warn(self, row_number: int, attribute: str, message: str) -> None:
        self.warnings.setdefault(row_number, []).append((attribute, message))

    def after_init_instance(self, instance, new, row, **kwargs):
        number = kwargs["row_number"]
        key = self.normalise_key(row.get(self.key_field))
        if key:
            if key in self.keys_seen:
                raise ValidationError(
                    {
                        self.key_field: _("Already given on row %(row)s of this file.")
                        % {"row": self.sheet_row(self.keys_seen[key])}
                    }
                )
            self.keys_seen[key] = number
        if new and key and not self.creates_with_key():
            raise ValidationError({self.key_field: self.not_found_message(row[self.key_field])})
        if not new:
            self.originals[number] = self.snapshot(instance)
        instance._row_number = number

    def import_instance(self, instance, row, **kwargs):
        """Each column's widget cleans its cell onto the record; the errors are collected
        by column. (django-import-export's own loop, without its per-cell indirections,
        which cost a third of a large import.)"""
        errors = {}
        for name in self._written:
            if name == self.key_field and instance.pk is not None:
                # Found by its key, letter case aside: the key itself stays as it is.
                continue
            try:
                setattr(instance, name, self.fields[name].widget.clean(row[name]))
            except ValueError as error:
                errors[name] = ValidationError(str(error), code="invalid")
        if errors:
            raise ValidationError(errors)

    @cached_property
    def _written(self) -> list[str]:
        return [name for name in self.import_keys() if not self.fields[name].readonly]

    def creates_with_key(self) -> bool:
        """Whether an unknown key makes a new record (units, users) or is an error."""
        return True

    def not_found_message(self, key) -> str:
        return _("Nothing has the key “%(key)s”.") % {"key": key}

    def snapshot(self, instance) -> dict:
        return {
            name: _comparable(self.fields[name].get_value(instance)) for name in self.import_keys()
        }

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """A row that changes nothing of an existing record is reported "unchanged"."""
        if import_validation_errors or instance.pk is None:
            return False
        return self.originals.get(instance._row_number) == self.snapshot(instance)

    def after_import_row(self, row, row_result, **kwargs):
        self.done += 1
        if self.on_progress is not None and self.done % PROGRESS_EVERY == 0:
            self.on_progress(self.done)

    def sheet_row(self, number: int) -> int:
        return self.row_numbers[number - 1] if self.row_numbers else number


class _LazyLabel:
    """A column's header, rendered in the language active when it is shown."""

    def __init__(self, resource, attribute):
        self.resource, self.attribute = resource, attribute

    def __str__(self):
        return self.resource.label(self.attribute)


def _comparable(value):
    # Spreadsheets turn "\r\n" into "\n" and trim cells: neither is a change.
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.replace("\r\n", "\n")).strip()
    return value


def _exporter(field):
    def value(obj):
        rendered = field.export(obj)
        return "" if rendered is None else rendered

    return value


def _units():
    return Unit.objects.only(
        "pk", "code", "name", "valid_from", "valid_until", "parent_id", "kind_id"
    )


UNIT_NOT_FOUND = gettext_lazy(
    "No unit has the code or name “%(value)s”. Write the unit's code (for example 37-SYT) or "
    "its full name as the unit list shows it."
)
UNIT_AMBIGUOUS = gettext_lazy("Several units are named “%(value)s”: write the unit's code.")


def _unit_column(attribute):
    """A column naming a unit by its code or its exact name."""
    return _column(
        attribute, NaturalKeyWidget(_units, not_found=UNIT_NOT_FOUND, ambiguous=UNIT_AMBIGUOUS)
    )


def _named_column(attribute, records, not_found):
    """A column naming one of ``records()`` by its code or its name."""
    return _column(
        attribute, NaturalKeyWidget(records, render_attribute="name", not_found=not_found)
    )


class ExemplarResource(SpreadsheetResource):
    # The key of an existing record, never written: a new exemplar gets a generated code.
    code = _column("code", readonly=True)
    unit = _unit_column("unit")
    unit_name = _column("unit__name", readonly=True)
    year = _column("year", IntegerWidget())
    subject_kind = _column("subject_kind", ChoiceWidget(SubjectKind.choices))
    full_name = _column("full_name")
    gender = _column("gender", ChoiceWidget(Gender.choices))
    birth_year = _column("birth_year", IntegerWidget())
    position = _column("position")
    workplace = _column("workplace")
    collective_name = _column("collective_name")
    head_name = _column("head_name")
    member_count = _column("member_count", IntegerWidget())
    household_head = _column("household_head")
    household_address = _column("household_address")
    household_members = _column("household_members", IntegerWidget())
    field = _named_column(
        "field",
        lambda: Field.objects.all(),
        gettext_lazy("No field has the code or name “%(value)s”."),
    )
    campaign = _named_column(
        "campaign",
        lambda: _campaigns(),
        gettext_lazy("No movement or campaign has the code or name “%(value)s”."),
    )
    is_new_factor = _column("is_new_factor", YesNoWidget())
    achievements = _column("achievements")
    new_model = _column("new_model")
    contact_name = _column("contact_name")
    contact_phone = _column("contact_phone")
    contact_email = _column("contact_email")
    publication_consent = _column("publication_consent", YesNoWidget())
    status = _column("status", ChoiceWidget(ExemplarStatus.choices), readonly=True)

    key_lookup = "code__in"
    export_only = ("unit_name", "status")
    labels = {"unit_name": gettext_lazy("unit name")}
    # Contacts, year of birth and home address: exported only to those who handle records.
    PERSONAL = {"birth_year", "household_address", "contact_name", "contact_phone", "contact_email"}

    class Meta:
        model = Exemplar
        fields = (
            "code",
            "unit",
            "unit_name",
            *EDITABLE_FIELDS,
            "status",
        )
        import_id_fields = ("code",)
        use_bulk = True
        # No write until every row is checked: the whole file is written at the end.
        batch_size = None
        use_transactions = False

    @classmethod
    def may_export(cls, name, user) -> bool:
        if name not in cls.PERSONAL or user is None:
            return True
        from .. import rules as perms

        # The role half of ``rules.can_view_exemplar_personal_data``: every exported row is
        # within the user's reach already (the list's own queryset).
        handles = (
            perms.is_unit_member_who_edits
            | perms.is_district_reviewer
            | perms.is_home_affairs
            | perms.is_administrator
        )
        return handles(user)

    def get_queryset(self):
        exemplars = Exemplar.objects.select_related("unit", "field", "campaign")
        if self.scope is not None:
            exemplars = exemplars.filter(unit__in=self.scope)
        return exemplars

    @staticmethod
    def normalise_key(value) -> str:
        return "" if value is None else str(value).strip().upper()

    def creates_with_key(self) -> bool:
        return False

    def not_found_message(self, key) -> str:
        if self.scope is None:
            return _("No exemplar has the code “%(code)s”. Leave the code empty for a new one.") % {
                "code": key
            }
        return _(
            "Your unit has no exemplar with the code “%(code)s”. Leave the code empty for a "
            "new one."
        ) % {"code": key}

    def before_import(self, dataset, **kwargs):
        # The rules of every exemplar, as the web form checks them (``exemplar_validation``);
        # the names already recorded in the file's years are read once.
        self.validator = ExemplarValidator(by=self.user)
        years = {year for year in (_as_int(v) for v in dataset["year"]) if year}
        self.validator.read_existing(years)
        # (folded name, unit, year) → the first row of the file that has it.
        self.keys_in_file: dict[tuple, int] = {}

    def import_instance(self, instance, row, **kwargs):
        """The cells read onto the record; the unit's editors may leave the unit empty. What
        the record must then meet is ``validate_instance``'s."""
        errors = {}
        # What the record held: a record keeps its unit, and its catalogue while its year stays.
        instance._stored = None if instance.pk is None else Stored.of(instance)
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Before a row is compared with its record: a record never mixes subject kinds.
        keep_one_subject_kind(instance)
        if "unit" not in errors and instance.unit_id is None:
            # A unit's editors may leave it empty: the row is their unit's, also when the
            # unit carries on the work of units that ended (their scope holds those too).
            if self.scope is not None and self.user.unit_id in self.scope:
                instance.unit = self.user.unit
            else:
                errors["unit"] = [_("This column is required.")]
        if errors:
            raise ValidationError(errors)

    def init_instance(self, row=None):
        # The code is generated when the record is written (``after_import``): a check
        # never spends the ten random draws of ``Exemplar``'s default on it.
        return Exemplar(code="")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.pk is None:
            instance.created_by = self.user
        found = self.validator.validate(instance, stored=instance._stored, skip=errors)
        for name, messages in found.errors.items():
            errors.setdefault(name, []).extend(messages)
        if found.catalogue_version is not None:
            instance.catalogue_version = found.catalogue_version
        if errors:
            raise ValidationError(errors)
        for name, messages in found.warnings.items():
            for message in messages:
                self.warn(instance._row_number, name, message)
        self._note_duplicate_in_file(instance)

    def _note_duplicate_in_file(self, instance) -> None:
        """The same name, unit and year on two rows is most likely one exemplar twice."""
        number = instance._row_number
        key = (fold(instance.subject_name)[:255], instance.unit_id, instance.year)
        if key in self.keys_in_file:
            self.warn(
                number,
                NAME_FIELD[instance.subject_kind],
                _("Possible duplicate of row %(row)s of this file (same name, unit and year).")
                % {"row": self.sheet_row(self.keys_in_file[key])},
            )
        else:
            self.keys_in_file[key] = number

    # Bulk writes wait for ``after_import``, once every row is known to be valid.
    def bulk_create(self, *args, **kwargs):
        pass

    def bulk_update(self, *args, **kwargs):
        pass

    UPDATE_FIELDS = [
        *(name for name in Meta.fields if name not in ("code", "unit_name", "status")),
        "catalogue_version",
        "version",
        "subject_key",
        "search_text",
        "updated_at",
    ]

    def after_import(self, dataset, result, **kwargs):
        created, updated = self.create_instances, self.update_instances
        if self.dry_run or result.has_errors() or result.has_validation_errors():
            return
        reason = _("Imported from a spreadsheet")
        code = Exemplar._meta.get_field("code")
        now = timezone.now()
        for exemplar in created:
            exemplar.code = code.get_default()
        for exemplar in updated:
            exemplar.version += 1
            exemplar.updated_at = now
        for exemplar in (*created, *updated):
            # What ``Exemplar.save`` derives, since bulk writes do not call it.
            exemplar.derive_search_fields()
        with transaction.atomic():
            self._check_unchanged_since_read(updated)
            Exemplar.objects.bulk_create(created, batch_size=500)
            Exemplar.objects.bulk_update(updated, self.UPDATE_FIELDS, batch_size=500)
            if any(exemplar.pk is None for exemplar in created):
                # A database that does not return the new keys from a bulk insert.
                new = Exemplar.objects.filter(code__in=[e.code for e in created])
                created = list(new.only("pk"))
            for records, kind in ((created, "+"), (updated, "~")):
                record_history(
                    Exemplar,
                    [exemplar.pk for exemplar in records],
                    history_type=kind,
                    user=self.user,
                    reason=reason,
                    when=now,
                )
            if self.on_written is not None:
                self.on_written()

    def _check_unchanged_since_read(self, updated) -> None:
        """Nobody changed a record between the check of its row and this write."""
        if not updated:
            return
        expected = {e.pk: (e.version - 1, e.status) for e in updated}
        current = Exemplar.objects.select_for_update().filter(pk__in=expected)
        changed = [
            code
            for pk, version, status, code in current.values_list("pk", "version", "status", "code")
            if expected[pk] != (version, status)
        ]
        if changed:
            raise ValidationError(
                _(
                    "Someone changed these exemplars while the file was being imported: "
                    "%(codes)s. Nothing was imported; upload the file again."
                )
                % {"codes": ", ".join(sorted(changed))}
            )


class RowByRowResource(SpreadsheetResource):
    """Units and users: saved one by one inside the import's transaction (rolled back after
    a check, or when any row fails), each save with its history."""

    # Fields the import never sets and the model's own checks must leave alone.
    not_cleaned: tuple[str, ...] = ()

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=[*errors, *self.not_cleaned])
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        instance._history_user = self.user
        instance._change_reason = _("Imported from a spreadsheet")

    def after_import(self, dataset, result, **kwargs):
        written = not (self.dry_run or result.has_errors() or result.has_validation_errors())
        if written and self.on_written is not None:
            self.on_written()


class UnitResource(RowByRowResource):
    code = _column("code")
    name = _column("name")
    short_name = _column("short_name")
    kind = _named_column(
        "kind",
        lambda: UnitKind.objects.all(),
        gettext_lazy("No unit kind has the code or name “%(value)s”."),
    )
    parent = _unit_column("parent")
    bloc = _named_column(
        "bloc",
        lambda: EmulationBloc.objects.all(),
        gettext_lazy("No emulation bloc has the code or name “%(value)s”."),
    )
    address = _column("address")
    phone = _column("phone")
    email = _column("email")
    valid_from = _column("valid_from", DateWidget())
    valid_until = _column("valid_until", DateWidget())
    end_basis = _column("end_basis")

    class Meta:
        model = Unit
        fields = (
            "code",
            "name",
            "short_name",
            "kind",
            "parent",
            "bloc",
            "address",
            "phone",
            "email",
            "valid_from",
            "valid_until",
            "end_basis",
        )
        import_id_fields = ("code",)

    def get_queryset(self):
        return Unit.objects.select_related("kind", "parent", "bloc")

    def after_save_instance(self, instance, row, **kwargs):
        # A later row of the file may name this unit as its parent.
        self.fields["parent"].widget.remember(instance)


class PairLoader(BaseInstanceLoader):
    """Successions already recorded, found by their (predecessor, successor) pair."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.instances = {
            (link.predecessor_id, link.successor_id): link for link in resource.get_queryset()
        }

    def get_instance(self, row):
        return self.instances.get(self.resource.pair(row))


# Other words offices use for the kinds of change (the choices' labels are accepted too).
SUCCESSION_ALIASES = {
    "hợp nhất": UnitSuccession.Kind.MERGER,
    "chia tách": UnitSuccession.Kind.SPLIT,
    "chia": UnitSuccession.Kind.SPLIT,
    "tách": UnitSuccession.Kind.SPLIT,
    "đổi tên": UnitSuccession.Kind.RENAMING,
    "sáp nhập": UnitSuccession.Kind.ABSORPTION,
    "nhập vào": UnitSuccession.Kind.ABSORPTION,
}


class UnitSuccessionResource(RowByRowResource):
    """Which unit carried on from which: one row per link, matched by its two units, so
    that importing the file again updates the links instead of adding them twice."""

    key_field = "predecessor"
    predecessor = _unit_column("predecessor")
    successor = _unit_column("successor")
    kind = _column(
        "kind",
        ChoiceWidget(UnitSuccession.Kind.choices, required=True, aliases=SUCCESSION_ALIASES),
    )
    effective_on = _column("effective_on", DateWidget())
    legal_basis = _column("legal_basis")
    takes_over_work = _column("takes_over_work", YesNoWidget(empty=True))
    note = _column("note")

    class Meta:
        model = UnitSuccession
        fields = (
            "predecessor",
            "successor",
            "kind",
            "effective_on",
            "legal_basis",
            "takes_over_work",
            "note",
        )
        import_id_fields = ("predecessor", "successor")
        instance_loader_class = PairLoader

    def get_queryset(self):
        return UnitSuccession.objects.select_related("predecessor", "successor")

    def pair(self, row) -> tuple[int, int] | None:
        """The row's two units, or None while either cell names no single unit (the
        column's own error says why)."""
        try:
            predecessor = self.fields["predecessor"].widget.clean(row.get("predecessor"))
            successor = self.fields["successor"].widget.clean(row.get("successor"))
        except ValueError:
            return None
        if predecessor is None or successor is None:
            return None
        return predecessor.pk, successor.pk

    def after_init_instance(self, instance, new, row, **kwargs):
        number = kwargs["row_number"]
        pair = self.pair(row)
        if pair is not None:
            if pair in self.keys_seen:
                raise ValidationError(
                    {
                        NON_FIELD: _("The same two units are already linked on row %(row)s.")
                        % {"row": self.sheet_row(self.keys_seen[pair])}
                    }
                )
            self.keys_seen[pair] = number
        if not new:
            self.originals[number] = self.snapshot(instance)
        instance._row_number = number

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name in ("predecessor", "successor"):
            if name not in errors and getattr(instance, f"{name}_id") is None:
                errors[name] = [_("This column is required.")]
        if errors:
            raise ValidationError(errors)

    def report_key(self, instance, row) -> str:
        """The link as the report names it: "373-GIAVAN → 14488"."""
        if instance is not None and instance.predecessor_id and instance.successor_id:
            return f"{instance.predecessor.code} → {instance.successor.code}"
        return f"{row.get('predecessor') or ''} → {row.get('successor') or ''}"


class UserResource(RowByRowResource):
    key_field = "username"
    username = _column("username")
    full_name = _column("full_name")
    email = _column("email")
    unit = _unit_column("unit")
    role = _column("role", ChoiceWidget(Role.choices, required=True))
    position = _column("position")
    phone = _column("phone")
    is_active = _column("is_active", YesNoWidget(empty=True))

    labels = {
        "username": gettext_lazy("log-in name"),
        "email": gettext_lazy("e-mail address"),
        "is_active": gettext_lazy("active account"),
    }
    not_cleaned = ("password",)

    class Meta:
        model = User
        fields = (
            "username",
            "full_name",
            "email",
            "unit",
            "role",
            "position",
            "phone",
            "is_active",
        )
        import_id_fields = ("username",)

    def get_queryset(self):
        return User.objects.select_related("unit__kind")

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        if instance.pk is not None and (instance.is_superuser or instance.pk == self.user.pk):
            raise ValidationError(
                {
                    NON_FIELD: _(
                        "Your own account and technical superusers cannot be changed by an "
                        "import; use the administration pages."
                    )
                }
            )
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if instance.pk is None:
            # The person chooses the password ("Forgot your password?").
            instance.set_unusable_password()
        if errors:
            raise ValidationError(errors)


def _campaigns():
    from registry.models import Campaign

    return Campaign.objects.only("pk", "code", "name")


def _as_int(value):
    try:
        return IntegerWidget().clean(value)
    except ValueError:
        return None
