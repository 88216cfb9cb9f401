"""What an exemplar's content must meet, checked one way whichever way it comes in.

The web form (``forms.ExemplarForm``) and the spreadsheet import
(``spreadsheets.resources.ExemplarResource``) each read what was typed into values first (a
form field, a cell: a number, a choice, a unit or a field named by its code), and answer
for what cannot be read in their own words. Then both hand the exemplar as it would be saved
to ``ExemplarValidator.validate``, which answers with the errors per field, in the reader's
language, and the warnings (a possible duplicate) that do not stop a save. The form shows
them on its fields, the import on its rows' columns.

The rules, in the order they are checked:

- the unit: given, within the reach of the person recording (``selectors.unit_ids_in_scope``),
  and, for a record that exists, the one it had (a record never moves to another unit);
- the subject: its kind given; the fields of the other kinds emptied (a record never mixes
  kinds); the name of the subject given;
- the field of work given;
- the year: given, a year the unit was in force, and one a plan with a published criteria
  catalogue covers (checked for a new record or a changed year only: a record keeps the
  catalogue it was judged against);
- a record that exists: the person may change it (its own unit's, a draft or returned);
- the model's own rules for every field: lengths, choices, ranges, the e-mail address;
- warnings: the unit already has a record with the same name (accents and letter case
  aside) in the same year.
"""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext

from exemplar_portal.base.text import fold

from .models import CatalogueVersion, Exemplar
from .models.units import day_month_year

# The fields of each kind of subject, and the one that holds its name.
SUBJECT_FIELDS = {
    "individual": ["full_name", "gender", "birth_year", "position", "workplace"],
    "collective": ["collective_name", "head_name", "member_count"],
    "household": ["household_head", "household_address", "household_members"],
}
NAME_FIELD = {
    "individual": "full_name",
    "collective": "collective_name",
    "household": "household_head",
}
# What a unit writes of an exemplar, in the order of its form and of the import's columns.
EDITABLE_FIELDS = (
    "year",
    "subject_kind",
    *(name for names in SUBJECT_FIELDS.values() for name in names),
    "field",
    "campaign",
    "is_new_factor",
    "achievements",
    "new_model",
    "contact_name",
    "contact_phone",
    "contact_email",
    "publication_consent",
)
NUMBER_FIELDS = frozenset({"birth_year", "member_count", "household_members"})
NON_FIELD = NON_FIELD_ERRORS
# Not the model's checks: related rows are found among existing ones by whoever reads the
# input (the form's choices, the file's codes), the rest is the portal's own bookkeeping.
NOT_MODEL_CHECKED = frozenset(
    {"unit", "field", "campaign", "catalogue_version", "created_by"}
    | {f.name for f in Exemplar._meta.fields if not f.editable or f.name == "id"}
)


def required_message() -> str:
    # Django's own words, which the form's fields say too.
    return gettext("This field is required.")


def not_in_force_message(unit, year: int) -> str:
    """Why ``unit`` records nothing in ``year``, in words a unit's editor can act on: when
    it was in force and, for a unit that ended, which unit carries on its work (or, for a
    new unit, which units the earlier years belong to)."""
    from .lineage import predecessors_of, successors_of

    if unit.valid_until is not None and unit.valid_until.year < year:
        values = {
            "unit": unit.name,
            "start": day_month_year(unit.valid_from) if unit.valid_from else "",
            "end": day_month_year(unit.valid_until),
        }
        link = next((x for x in successors_of(unit) if x.takes_over_work), None)
        if link is not None:
            values["successor"] = link.successor.name
            values["date"] = day_month_year(link.effective_on)
            if unit.valid_from:
                return (
                    gettext(
                        "%(unit)s was in force from %(start)s until %(end)s; its work passed to "
                        "%(successor)s (from %(date)s)."
                    )
                    % values
                )
            return (
                gettext(
                    "%(unit)s was in force until %(end)s; its work passed to %(successor)s "
                    "(from %(date)s)."
                )
                % values
            )
        if unit.valid_from:
            return (
                gettext(
                    "%(unit)s was in force from %(start)s until %(end)s: choose a year of that "
                    "period."
                )
                % values
            )
        return gettext(
            "%(unit)s was in force until %(end)s: choose %(last)s or an earlier year."
        ) % {**values, "last": unit.valid_until.year}
    values = {
        "unit": unit.name,
        "start": day_month_year(unit.valid_from) if unit.valid_from else "",
        "first": unit.first_year,
    }
    predecessors = [link.predecessor.name for link in predecessors_of(unit)]
    if predecessors:
        values["predecessors"] = ", ".join(predecessors)
        return (
            gettext(
                "%(unit)s is in force from %(start)s; the records of earlier years belong to "
                "%(predecessors)s."
            )
            % values
        )
    return (
        gettext("%(unit)s is in force from %(start)s: choose %(first)s or a later year.") % values
    )


def no_plan_message(year: int) -> str:
    """Why no exemplar can be recorded for ``year``: no plan, or a plan without a catalogue."""
    from .models import plan_in_force

    plan = plan_in_force(year)
    if plan is None:
        return gettext(
            "No plan covers %(year)s: there are no criteria to judge an exemplar of that year "
            "against. Choose another year, or ask Home Affairs to enter the plan for it."
        ) % {"year": year}
    return gettext(
        "%(plan)s adopts no published criteria catalogue yet: exemplars of %(year)s can be "
        "recorded once Home Affairs chooses one."
    ) % {"plan": plan.short_label, "year": year}


def keep_one_subject_kind(exemplar: Exemplar) -> None:
    """Empty the fields of the subject kinds other than ``exemplar``'s: a record never mixes
    kinds. Nothing is emptied while the kind is unknown."""
    kind = exemplar.subject_kind
    if kind not in SUBJECT_FIELDS:
        return
    for other_kind, names in SUBJECT_FIELDS.items():
        if other_kind != kind:
            for name in names:
                setattr(exemplar, name, None if name in NUMBER_FIELDS else "")


@dataclass(frozen=True)
class Stored:
    """What a record held before the change checked: a record keeps its unit, and keeps the
    catalogue it was judged against while its year stays."""

    year: int | None
    unit_id: int | None

    @classmethod
    def of(cls, exemplar: Exemplar) -> "Stored":
        return cls(year=exemplar.year, unit_id=exemplar.unit_id)


@dataclass
class Findings:
    """Errors and warnings per field (``NON_FIELD`` for the record as a whole), each a list
    of messages; the criteria catalogue of the year, when the year has one."""

    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    catalogue_version: CatalogueVersion | None = None

    def fail(self, name: str, message) -> None:
        self.errors.setdefault(name, []).append(str(message))

    def warn(self, name: str, message) -> None:
        self.warnings.setdefault(name, []).append(str(message))


class ExemplarValidator:
    """The rules an exemplar's content meets (see the module), for one person and any
    number of records: an import of ten thousand rows makes its queries once, not per row.

    ``by``: the person recording, whose reach and permissions count; without one (a check
    with no person behind it), those two rules are left out.
    """

    def __init__(self, *, by=None):
        self.by = by
        self._versions: dict[int, CatalogueVersion | None] = {}
        self._no_plan: dict[int, str] = {}
        # (folded name, unit, year) → codes of the records already saved, for the years read.
        self._existing: dict[tuple, list[str]] = {}
        self._years_read: set[int] = set()
        self._scope_read = False
        self._scope: set[int] | None = None

    @property
    def scope(self) -> set[int] | None:
        """The units ``by`` records for; ``None`` for every unit."""
        if not self._scope_read:
            from .selectors import unit_ids_in_scope

            self._scope = unit_ids_in_scope(self.by)
            self._scope_read = True
        return self._scope

    def read_existing(self, years) -> None:
        """Read at once the names of the records of ``years`` within reach, against which
        possible duplicates are found (otherwise each check asks the database)."""
        years = set(years) - self._years_read
        if not years:
            return
        existing = Exemplar.objects.filter(year__in=years)
        if self.by is not None and self.scope is not None:
            existing = existing.filter(unit__in=self.scope)
        for key, unit_id, year, code in existing.values_list(
            "subject_key", "unit_id", "year", "code"
        ):
            self._existing.setdefault((key, unit_id, year), []).append(code)
        self._years_read |= years

    def catalogue_version(self, year: int) -> CatalogueVersion | None:
        if year not in self._versions:
            self._versions[year] = CatalogueVersion.for_year(year)
        return self._versions[year]

    def validate(self, exemplar: Exemplar, *, stored: Stored | None = None, skip=()) -> Findings:
        """Check ``exemplar`` as it would be saved: a new record (``stored`` is ``None``) or a
        change to the record ``stored`` describes. ``skip``: fields whose input could not be
        read (their reader has said why): no rule speaks of them again.

        Changes ``exemplar`` itself in one way: the fields of the other subject kinds are
        emptied (``keep_one_subject_kind``).
        """
        found = Findings()
        skip = set(skip)
        keep_one_subject_kind(exemplar)
        self._check_unit(exemplar, stored, skip, found)
        self._check_subject(exemplar, skip, found)
        if "field" not in skip and exemplar.field_id is None:
            found.fail("field", required_message())
        self._check_year(exemplar, stored, skip, found)
        if stored is not None and self.by is not None:
            self._check_may_change(exemplar, found)
        self._check_model_rules(exemplar, skip, found)
        if not found.errors:
            self._note_duplicates(exemplar, found)
        return found

    def _check_unit(self, exemplar, stored, skip, found) -> None:
        if "unit" in skip:
            return
        if exemplar.unit_id is None:
            found.fail("unit", required_message())
            return
        if self.by is not None and self.scope is not None and exemplar.unit_id not in self.scope:
            found.fail(
                "unit",
                gettext("You can only import for your own unit (%(unit)s), not for %(other)s.")
                % {"unit": self.by.unit, "other": exemplar.unit},
            )
        elif stored is not None and exemplar.unit_id != stored.unit_id:
            found.fail("unit", gettext("An exemplar cannot move to another unit."))

    def _check_subject(self, exemplar, skip, found) -> None:
        if "subject_kind" in skip:
            return
        kind = exemplar.subject_kind
        if not kind:
            found.fail("subject_kind", required_message())
            return
        name_field = NAME_FIELD.get(kind)
        if name_field and name_field not in skip and not getattr(exemplar, name_field):
            found.fail(name_field, gettext("Enter the name of the exemplar."))

    def _check_year(self, exemplar, stored, skip, found) -> None:
        if "year" in skip:
            return
        year = exemplar.year
        if year is None:
            found.fail("year", required_message())
            return
        unit_known = exemplar.unit_id is not None and not {"unit"} & (skip | set(found.errors))
        if unit_known and not exemplar.unit.is_active_in(year):
            found.fail("year", not_in_force_message(exemplar.unit, year))
            return
        found.catalogue_version = self.catalogue_version(year)
        if found.catalogue_version is None and (stored is None or stored.year != year):
            # A year no plan covers has no criteria to judge an exemplar against.
            if year not in self._no_plan:
                self._no_plan[year] = no_plan_message(year)
            found.fail("year", self._no_plan[year])

    def _check_may_change(self, exemplar, found) -> None:
        if self.by.has_perm("registry.change_exemplar", exemplar):
            return
        if not exemplar.is_editable:
            message = gettext(
                "This exemplar is “%(status)s”: only drafts and returned exemplars can be changed."
            ) % {"status": exemplar.get_status_display()}
        else:
            message = gettext("Only the exemplar's own unit may change it.")
        found.fail(NON_FIELD, message)

    def _check_model_rules(self, exemplar, skip, found) -> None:
        try:
            exemplar.full_clean(
                exclude=[*NOT_MODEL_CHECKED, *skip, *found.errors], validate_unique=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    found.fail(name, message)

    def _note_duplicates(self, exemplar, found) -> None:
        """The same name, unit and year twice is most likely one exemplar entered twice."""
        name = exemplar.subject_name
        if not name:
            return
        key = (fold(name)[:255], exemplar.unit_id, exemplar.year)
        if exemplar.year in self._years_read:
            codes = self._existing.get(key, [])
        else:
            codes = list(
                Exemplar.objects.filter(
                    subject_key=key[0], unit_id=exemplar.unit_id, year=exemplar.year
                )
                .order_by("pk")
                .values_list("code", flat=True)
            )
        others = [code for code in codes if code != exemplar.code]
        if others:
            found.warn(
                NAME_FIELD[exemplar.subject_kind],
                gettext(
                    "Possible duplicate: the unit already has “%(name)s” in %(year)s "
                    "(code %(codes)s)."
                )
                % {"name": name, "year": exemplar.year, "codes": ", ".join(others)},
            )
