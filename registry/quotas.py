"""Who owes a quota in a year, and what counts toward it: the rule written down.

The plan in force in a year (``Plan``) sets the minimum per unit kind (``QuotaRule``) and
how a year of reform is counted (``Plan.quota_basis``):

- **Reference day** (the default; 31/12 unless the plan says otherwise): the units in force
  on that day of the year owe the year's quota. A unit that ended earlier in the year owes
  nothing of its own; what it achieved that year counts for the unit that took over its work
  (``UnitSuccession.takes_over_work``, followed down a chain).
- **Part of the year**: every unit in force on some day of the year owes it, unless a unit
  that took over its work is also in force that year; then the obligation, and what the
  predecessor achieved, pass to that successor.

Either way each obligation is counted once, and each exemplar counts once for its own unit
or the one successor that inherited it. A rule with ``counts_endorsed`` also counts the
exemplars of child units the unit endorsed as their first reviewer (a district's ≥ 5
includes its communes' exemplars, plan VI.8). Exemplars that reach no unit owing a quota
(their unit ended with no successor) are returned apart, never silently dropped.

A year no plan covers has no obligations and no deadline: ``standing`` says so with
``plan=None``.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from .enums import ExemplarStatus as S
from .lineage import Lineage
from .models import Exemplar, Plan, QuotaRule, Transition, Unit, UnitKind, plan_in_force

# Sent up and not sent back: what counts as "submitted" towards the quota.
SUBMITTED_STATUSES = frozenset({S.SUBMITTED_TO_DISTRICT, S.UNDER_REVIEW, S.ACCEPTED})


@dataclass
class Tally:
    submitted: int = 0
    accepted: int = 0

    def add(self, other: "Tally") -> None:
        self.submitted += other.submitted
        self.accepted += other.accepted


@dataclass
class QuotaProgress:
    """Where one unit stands against its quota in one year.

    ``minimum`` is ``None`` when the unit owes no quota that year (no plan, no rule for its
    kind, or not in force on the plan's terms); such a unit is neither met nor behind.
    ``own`` is what the unit registered, ``inherited`` what its predecessors achieved that
    year (``predecessors`` names them), ``endorsed`` what it endorsed for its child units when
    the rule counts that.
    """

    unit: Unit
    year: int
    minimum: int | None
    deadline: datetime.date | None
    today: datetime.date
    plan: Plan | None = None
    rule: QuotaRule | None = None
    own: Tally = field(default_factory=Tally)
    inherited: Tally = field(default_factory=Tally)
    endorsed: Tally = field(default_factory=Tally)
    predecessors: list = field(default_factory=list)
    area: Unit | None = None
    # For a unit that owes nothing of its own: the unit whose quota counts what it achieved
    # that year (its work passed to it), if any.
    counted_for: Unit | None = None

    @property
    def submitted(self) -> int:
        return self.own.submitted + self.inherited.submitted + self.endorsed.submitted

    @property
    def accepted(self) -> int:
        return self.own.accepted + self.inherited.accepted + self.endorsed.accepted

    @property
    def has_rule(self) -> bool:
        return self.minimum is not None

    @property
    def met(self) -> bool:
        return self.has_rule and self.accepted >= self.minimum

    @property
    def behind(self) -> bool:
        return self.has_rule and self.accepted < self.minimum

    @property
    def remaining(self) -> int:
        """Accepted exemplars still missing to reach the minimum."""
        return max((self.minimum or 0) - self.accepted, 0)

    @property
    def overdue(self) -> bool:
        """Behind, and the plan's deadline has passed (never when the plan sets none)."""
        return self.behind and self.deadline is not None and self.today > self.deadline

    @property
    def days_left(self) -> int | None:
        if self.deadline is None:
            return None
        return (self.deadline - self.today).days

    @property
    def reference_day(self) -> datetime.date | None:
        """The day whose units owe the year's quota, when the plan counts them that way."""
        if self.plan is None or self.plan.quota_basis != Plan.QuotaBasis.REFERENCE_DATE:
            return None
        return self.plan.reference_date(self.year)

    @property
    def percent(self) -> int:
        """Accepted as a share of the minimum, for a progress bar (0-100)."""
        if not self.minimum:
            return 100 if self.has_rule else 0
        return min(100, round(100 * self.accepted / self.minimum))

    # The names the older reports read.
    @property
    def district_code(self) -> str | None:
        return self.area.code if self.area else None

    @property
    def district_name(self) -> str | None:
        return self.area.name if self.area else None


@dataclass
class Standing:
    """The quota obligations of a year: one row per unit that owes one, in report order."""

    year: int
    plan: Plan | None
    rows: list[QuotaProgress]
    # Exemplars of units that owe nothing and left no successor that does: (unit, tally).
    unattributed: list[tuple[Unit, Tally]] = field(default_factory=list)

    @property
    def behind(self) -> list[QuotaProgress]:
        return [row for row in self.rows if row.behind]

    def by_unit(self) -> dict[int, QuotaProgress]:
        return {row.unit.pk: row for row in self.rows}


def _area(unit: Unit, day: datetime.date) -> Unit | None:
    """The reviewing district a unit belonged to on ``day`` (for grouping), if any."""
    return unit.reviewing_unit_on(day)


def _tallies(year: int, units: set[int] | None = None) -> dict[int, Tally]:
    exemplars = Exemplar.objects.filter(year=year)
    if units is not None:
        exemplars = exemplars.filter(unit_id__in=units)
    rows = exemplars.values("unit_id").annotate(
        submitted=Count("pk", filter=Q(status__in=SUBMITTED_STATUSES)),
        accepted=Count("pk", filter=Q(status=S.ACCEPTED)),
    )
    return {row["unit_id"]: Tally(row["submitted"], row["accepted"]) for row in rows}


def _endorsed(year: int, units: set[int] | None = None) -> dict[int, Tally]:
    """Per first reviewer: the exemplars of ``year`` it endorsed (one query)."""
    endorsed = Transition.objects.filter(exemplar=OuterRef("pk"), action="endorse")
    exemplars = Exemplar.objects.filter(year=year, reviewer_unit__isnull=False)
    if units is not None:
        exemplars = exemplars.filter(reviewer_unit_id__in=units)
    rows = (
        exemplars.filter(Exists(endorsed))
        .values("reviewer_unit_id")
        .annotate(
            submitted=Count("pk", filter=Q(status__in=SUBMITTED_STATUSES)),
            accepted=Count("pk", filter=Q(status=S.ACCEPTED)),
        )
    )
    return {row["reviewer_unit_id"]: Tally(row["submitted"], row["accepted"]) for row in rows}


# What a standing row shows of its unit; the kinds and the few parents are shared objects,
# so ten thousand communes make ten thousand instances, not forty thousand.
UNIT_FIELDS = (
    "pk",
    "code",
    "name",
    "short_name",
    "kind_id",
    "parent_id",
    "valid_from",
    "valid_until",
)


def _with_kinds_and_parents(units: list[Unit]) -> list[Unit]:
    kinds = UnitKind.objects.in_bulk()
    parents = Unit.objects.select_related("kind").in_bulk({u.parent_id for u in units} - {None})
    for unit in units:
        unit.kind = kinds[unit.kind_id]
        unit.parent = parents.get(unit.parent_id)
    return units


def owing_units(
    plan: Plan, year: int, lineage: Lineage | None = None, among: set[int] | None = None
) -> list[Unit]:
    """The units that owe a quota in ``year`` under ``plan``, each once (of ``among`` only,
    when given: it must hold the work successors of each of its units, see ``_around``)."""
    kinds = [rule.unit_kind_id for rule in plan.quota_rules.all()]
    units = Unit.objects.filter(kind_id__in=kinds).only(*UNIT_FIELDS)
    if among is not None:
        units = units.filter(pk__in=among)
    if plan.quota_basis == Plan.QuotaBasis.REFERENCE_DATE:
        return _with_kinds_and_parents(list(units.active_on(plan.reference_date(year))))
    candidates = _with_kinds_and_parents(list(units.active_in(year)))
    lineage = lineage or Lineage.load_ids()
    in_year = {unit.pk for unit in candidates}
    # A unit whose work passed to a successor also in force that year owes nothing itself.
    return [
        unit
        for unit in candidates
        if not any(successor in in_year for successor in lineage.work_successor_chain(unit.pk))
    ]


def _around(unit_id: int, lineage: Lineage) -> set[int]:
    """The units whose standing decides ``unit_id``'s row: the unit, the units whose work
    came to it down a chain, and the work successors of each (whether one of them owes the
    quota decides who counts what)."""
    around = {unit_id, *lineage.predecessor_ids(unit_id, work_only=True)}
    return around.union(*(lineage.work_successor_chain(pk) for pk in around))


def standing(
    year: int, *, today: datetime.date | None = None, around: int | None = None
) -> Standing:
    """Every quota obligation of ``year`` with what counts toward it (five queries).

    With ``around`` (a unit's id), only the rows that decide that unit's own row are worked
    out: its row, when it has one, is exactly the province-wide one, for a unit's page that
    needs no other (``progress``).
    """
    today = today or timezone.localdate()
    plan = plan_in_force(year)
    if plan is None:
        return Standing(year=year, plan=None, rows=[])
    lineage = Lineage.load_ids()
    among = _around(around, lineage) if around is not None else None
    rules = {rule.unit_kind_id: rule for rule in plan.quota_rules.all()}
    owing = owing_units(plan, year, lineage, among)
    area_day = (
        plan.reference_date(year)
        if plan.quota_basis == Plan.QuotaBasis.REFERENCE_DATE
        else datetime.date(year, 12, 31)
    )
    rows = {
        unit.pk: QuotaProgress(
            unit=unit,
            year=year,
            minimum=rules[unit.kind_id].minimum,
            deadline=plan.deadline_for(year),
            today=today,
            plan=plan,
            rule=rules[unit.kind_id],
            area=_area(unit, min(area_day, unit.valid_until or area_day)),
        )
        for unit in owing
    }
    unattributed: list[tuple[int, Tally]] = []
    for unit_id, tally in _tallies(year, among).items():
        if unit_id in rows:
            rows[unit_id].own.add(tally)
            continue
        heir = next((s for s in lineage.work_successor_chain(unit_id) if s in rows), None)
        if heir is None:
            unattributed.append((unit_id, tally))
            continue
        rows[heir].inherited.add(tally)
        rows[heir].predecessors.append(unit_id)
    for reviewer_id, tally in _endorsed(year, among).items():
        row = rows.get(reviewer_id)
        if row is not None and row.rule.counts_endorsed:
            row.endorsed.add(tally)
    names = Unit.objects.in_bulk(
        {pk for row in rows.values() for pk in row.predecessors} | {pk for pk, _ in unattributed}
    )
    for row in rows.values():
        row.predecessors = sorted({names[pk] for pk in row.predecessors}, key=lambda u: u.name)
    ordered = sorted(
        rows.values(),
        key=lambda row: (
            row.unit.kind.order,
            row.unit.kind.name,
            row.area is not None,
            row.area.name if row.area else "",
            row.unit.name,
            row.unit.pk,
        ),
    )
    return Standing(
        year=year,
        plan=plan,
        rows=ordered,
        unattributed=[(names[pk], tally) for pk, tally in unattributed],
    )


def progress(*, unit: Unit, year: int, today: datetime.date | None = None) -> QuotaProgress:
    """Where ``unit`` stands in ``year`` (a row with ``minimum=None`` when it owes nothing)."""
    today = today or timezone.localdate()
    rows = standing(year, today=today, around=unit.pk)
    row = rows.by_unit().get(unit.pk)
    if row is not None:
        return row
    plan = rows.plan
    own = _tallies(year, {unit.pk}).get(unit.pk, Tally())
    return QuotaProgress(
        unit=unit,
        year=year,
        minimum=None,
        deadline=None,  # nothing owed, so no deadline to meet
        today=today,
        plan=plan,
        own=own,
        # The rule of the unit's kind, if the plan has one: the unit owes nothing all the same.
        rule=plan.rule_for(unit.kind_id) if plan is not None else None,
        counted_for=_heir(unit, rows),
    )


def _heir(unit: Unit, rows: Standing) -> Unit | None:
    """The unit owing a quota in ``rows``' year that inherits ``unit``'s results, following
    the chain of work successors as ``standing`` does."""
    owing = rows.by_unit()
    heir = next(
        (pk for pk in Lineage.load_ids().work_successor_chain(unit.pk) if pk in owing), None
    )
    return owing[heir].unit if heir is not None else None


def kind_totals(rows: list[QuotaProgress]) -> Counter:
    return Counter(row.unit.kind_id for row in rows)


def counted_toward(unit_id: int, year: int) -> Q:
    """The exemplars of ``year`` that ``standing`` counts toward ``unit_id``'s quota, as a
    filter: its own, those of the units whose work it inherited that year, and those it
    endorsed as first reviewer when its rule counts them. The list behind a unit's
    "accepted X / at least Y" (with ``status=accepted``) shows exactly the X. A unit that owes
    nothing that year counts its own only (as ``progress`` does)."""
    row = standing(year, around=unit_id).by_unit().get(unit_id)
    counted = Q(unit_id=unit_id)
    if row is not None:
        counted = Q(unit_id__in={unit_id, *(unit.pk for unit in row.predecessors)})
        if row.rule.counts_endorsed:
            endorsed = Transition.objects.filter(action="endorse").values("exemplar_id")
            counted |= Q(reviewer_unit_id=unit_id, pk__in=endorsed)
    return Q(year=year) & counted
