"""Reads. Which rows a user may reach is decided here, once, for every list and detail.

Reach by role:
- Home Affairs reviewers, leaders and administrators: every unit;
- a district reviewer: the district and the units it reviews (its child units);
- everyone else: their own unit.
A unit also reaches the units whose work it took over (``UnitSuccession.takes_over_work``,
down the chain), so that a commune merged into another leaves no record without someone to
finish it. Later records (exemplars, plans, reports) are scoped by their unit through the same
filter.
"""

from django.db.models import Count, Q, QuerySet

from .enums import Role


def own_unit_ids(user) -> frozenset[int]:
    """The user's unit and the units whose work it took over, directly or down a chain: the
    units whose records the user keeps as their own (drafts to finish, returned records to
    send again). Empty for a user without a unit.

    Computed once per user object (one request), since permission checks ask repeatedly.
    """
    if not (user and user.is_authenticated and user.is_active and user.unit_id):
        return frozenset()
    cached = getattr(user, "_own_units_cache", None)
    if cached is not None and cached[0] == user.unit_id:
        return cached[1]
    from .lineage import work_predecessor_ids

    own = frozenset([user.unit_id, *work_predecessor_ids(user.unit_id)])
    user._own_units_cache = (user.unit_id, own)
    return own


def unit_ids_in_scope(user) -> frozenset[int] | None:
    """Ids of the units whose records ``user`` reaches; ``None`` means every unit.

    Computed once per user object (one request), since templates ask repeatedly.
    """
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    cached = getattr(user, "_unit_scope_cache", False)
    if cached is not False:
        return cached
    if user.is_superuser or user.role in Role.reading_all():
        scope = None
    elif not user.unit_id:
        scope = frozenset()
    elif user.role == Role.DISTRICT_REVIEWER:
        from .models import Unit

        children = Unit.objects.filter(
            parent_id=user.unit_id, parent__kind__reviews_children=True
        ).values_list("pk", flat=True)
        scope = frozenset([*own_unit_ids(user), *children])
    else:
        scope = own_unit_ids(user)
    user._unit_scope_cache = scope
    return scope


def unit_scope_filter(user, field: str = "pk") -> Q:
    """A condition restricting rows to the user's reach; ``field`` names the unit of the row.

    The building block of the models' scopes (``Model.objects.restrict(user)``, defined next
    to each model): views ask ``restrict``, never this.
    """
    scope = unit_ids_in_scope(user)
    if scope is None:
        return Q()
    return Q(**{f"{field}__in": scope})


def unit_list(*, q="", kind=None, year=None, on=None, parent_code="") -> QuerySet:
    """The unit directory, open to every signed-in user: public facts only; those matching
    ``q``, of ``kind``, in force in ``year`` or on the day ``on``, under ``parent_code``."""
    from .models import Unit

    units = Unit.objects.select_related("kind", "parent", "bloc")
    if q:
        units = units.search(q)
    if kind:
        units = units.filter(kind=kind)
    if year:
        units = units.active_in(year)
    if on:
        units = units.active_on(on)
    if parent_code:
        units = units.filter(parent__code=parent_code)
    return units


def unit_people(*, user, unit) -> QuerySet:
    """The people of ``unit``, for someone who may reach it."""
    from .models import User

    return (
        User.objects.filter(unit=unit, is_active=True)
        .filter(unit_scope_filter(user, "unit"))
        .order_by("role", "full_name")
    )


def kind_counts(*, year: int) -> QuerySet:
    """Active units per kind in ``year``, for Home Affairs' overview."""
    from .models import UnitKind

    active = Q(units__valid_from__isnull=True) | Q(units__valid_from__lte=year)
    still = Q(units__valid_to__isnull=True) | Q(units__valid_to__gte=year)
    return UnitKind.objects.annotate(active_units=Count("units", filter=active & still))


def unit_quota(*, unit, year: int):
    """The quota rule that applies to ``unit`` in ``year`` (None when no rule does)."""
    from .models import QuotaRule

    return QuotaRule.objects.for_kind(unit.kind_id, year)


# Statuses a list filters on together (``status=sent_up``): sent up and not sent back, what
# the dashboard's "sent up for review" counts and the quota's "submitted".
STATUS_SENT_UP = "sent_up"
# Which records of a unit the list shows (``unit_scope``): by default its own and those of
# the units it descends from or that descend from it; ``own``, its own only; ``quota``, those
# counted toward its quota of the year (``registry.quotas.counted_toward``).
UNIT_SCOPE_OWN = "own"
UNIT_SCOPE_QUOTA = "quota"


def status_group(value: str) -> frozenset | None:
    """The statuses of the group ``value`` names (None when it names one status)."""
    if value != STATUS_SENT_UP:
        return None
    from .quotas import SUBMITTED_STATUSES

    return SUBMITTED_STATUSES


def exemplar_list(*, user, filters: dict | None = None, sort: str = "-updated_at"):
    """Exemplars the user reaches, filtered; the related rows a list shows are joined."""
    from .models import Exemplar

    filters = filters or {}
    qs = Exemplar.objects.restrict(user).select_related("unit", "unit__kind", "field")
    if filters.get("q"):
        qs = qs.search(filters["q"])
    if filters.get("year"):
        qs = qs.filter(year=filters["year"])
    if filters.get("status"):
        group = status_group(filters["status"])
        qs = qs.filter(status__in=group) if group else qs.filter(status=filters["status"])
    if filters.get("subject_kind"):
        qs = qs.filter(subject_kind=filters["subject_kind"])
    if filters.get("field"):
        qs = qs.filter(field=filters["field"])
    if filters.get("unit_kind"):
        qs = qs.filter(unit__kind=filters["unit_kind"])
    if filters.get("unit"):
        # A unit's records include those of the units it carried on from and of those that
        # carried on from it: a 2024 record of a merged commune is found from either name.
        from .lineage import related_unit_ids
        from .models import Unit

        unit_id = Unit.objects.filter(code=filters["unit"]).values_list("pk", flat=True).first()
        scope = filters.get("unit_scope")
        if not unit_id:
            qs = qs.none()
        elif scope == UNIT_SCOPE_OWN:
            qs = qs.filter(unit_id=unit_id)
        elif scope == UNIT_SCOPE_QUOTA and filters.get("year"):
            from .quotas import counted_toward

            qs = qs.filter(counted_toward(unit_id, int(filters["year"])))
        else:
            qs = qs.filter(unit__in=related_unit_ids(unit_id))
    if filters.get("campaign"):
        qs = qs.filter(campaign=filters["campaign"])
    return qs.order_by(sort, "pk")


def possible_duplicates(exemplars) -> set[tuple[str, int]]:
    """(folded name, year) pairs that two or more units have put forward.

    The same person, collective or household named by two units in one year is flagged in
    the review queue; names are compared without accents or case.
    """
    from .enums import ExemplarStatus
    from .models import Exemplar

    keys = {(e.subject_key, e.year) for e in exemplars if e.subject_key}
    if not keys:
        return set()
    rows = (
        Exemplar.objects.exclude(status__in=ExemplarStatus.within_unit())
        .filter(subject_key__in={k for k, _ in keys}, year__in={y for _, y in keys})
        .values("subject_key", "year")
        .annotate(units=Count("unit", distinct=True))
        .filter(units__gt=1)
    )
    return {(row["subject_key"], row["year"]) for row in rows}


# The years a unit's pages speak of. The year lists of the forms start in 2023, the first
# year of the plan the portal was built for, and end next year (a unit registers its new
# factors at the start of the year).
FIRST_YEAR = 2023


def unit_years(unit, *, today=None) -> list[int]:
    """The years offered for ``unit``, latest first: the portal's years (2023 to next year)
    in which the unit was in force. A commune that ended on 30/6/2025 has 2025, 2024, 2023;
    one founded on 1/7/2025 has next year down to 2025. Without a unit, all of them."""
    from django.utils import timezone

    last = (today or timezone.localdate()).year + 1
    first = FIRST_YEAR
    if unit is not None:
        if unit.last_year is not None:
            last = min(last, unit.last_year)
        if unit.first_year is not None:
            first = max(first, unit.first_year)
    return list(range(last, first - 1, -1))


def unit_default_year(unit, *, today=None) -> int:
    """The year a unit's home opens on and a new exemplar of the unit is given: one answer
    for both, so the two never disagree.

    While the unit is in force, the current year (before it began, its first year); once it
    ended, its last year. Unless the plans say otherwise: when no plan with a published
    catalogue covers that year (no exemplar can be recorded in it yet), the latest earlier
    year of the unit that one covers. Without a unit, the current year.
    """
    from django.utils import timezone

    from .models import Plan

    year = (today or timezone.localdate()).year
    if unit is None:
        return year
    years = unit_years(unit, today=today)
    if not years:  # a unit that ended before the portal's first year
        return unit.last_year or year
    year = min(max(year, years[-1]), years[0])
    periods = Plan.objects.filter(
        catalogue__published=True, period_from__lte=year, period_to__gte=years[-1]
    ).values_list("period_from", "period_to")
    covered = [y for y in years if y <= year and any(a <= y <= b for a, b in periods)]
    if covered and covered[0] != year:
        # ``year`` itself is not covered: the latest covered year before it.
        return covered[0]
    return year


def unit_records_by_status(*, user, unit, year: int) -> list[dict]:
    """How many of ``unit``'s records of ``year`` stand in each status, in the workflow's
    order (statuses with none left out), as ``user`` reaches them: the records the unit
    keeps, with those of the units whose work it took over.

    Counted on the exemplar list's own query (``exemplar_list`` with the unit and the year),
    so the list a figure links to (``?year=…&unit=…&status=…``) shows exactly those records.
    """
    from .enums import ExemplarStatus

    rows = (
        exemplar_list(user=user, filters={"year": year, "unit": unit.code})
        .order_by()
        .values("status")
        .annotate(count=Count("pk"))
    )
    counts = {row["status"]: row["count"] for row in rows}
    return [
        {"status": status.value, "label": status.label, "count": counts[status]}
        for status in ExemplarStatus
        if counts.get(status)
    ]


def unit_returned_records(*, user, unit) -> QuerySet:
    """``unit``'s records that a reviewer (or the unit's own head) sent back and that wait
    for the unit to complete and send again, whatever their year, the longest waiting
    first. Each carries the latest reason given (``return_reason``), when (``returned_at``)
    and by whom (``returned_by``): the comment of the step that put the record in its
    present status."""
    from django.db.models import OuterRef, Subquery

    from .enums import ExemplarStatus
    from .models import Transition

    step = Transition.objects.filter(exemplar=OuterRef("pk"), to_status=OuterRef("status"))
    step = step.order_by("-at", "-pk")
    return (
        exemplar_list(user=user, filters={"unit": unit.code}, sort="status_changed_at")
        .filter(status__in=ExemplarStatus.returned())
        .annotate(
            return_reason=Subquery(step.values("comment")[:1]),
            returned_at=Subquery(step.values("at")[:1]),
            returned_by=Subquery(step.values("by__full_name")[:1]),
        )
    )


def exemplars_awaiting_endorsement(*, user) -> QuerySet:
    """The records sent to (or handed over to) the user's district for endorsement: what
    its review queue lists."""
    from .enums import ExemplarStatus
    from .models import Exemplar

    if not user.unit_id:
        return Exemplar.objects.none()
    return Exemplar.objects.restrict(user).filter(
        status=ExemplarStatus.SUBMITTED_TO_DISTRICT, reviewer_unit_id=user.unit_id
    )


def exemplars_awaiting_signoff(*, user) -> QuerySet:
    """The records its unit's editors sent to ``user``, a unit head, to sign off (those of the
    units whose work the unit took over included), the longest waiting first. Each carries
    who sent it (``sent_by``) and when (``sent_at``). Empty for anyone who does not sign off.
    """
    from django.db.models import OuterRef, Subquery

    from .enums import ExemplarStatus
    from .models import Exemplar, Transition

    if not (user and user.is_authenticated and user.role == Role.UNIT_HEAD):
        return Exemplar.objects.none()
    step = Transition.objects.filter(
        exemplar=OuterRef("pk"), to_status=ExemplarStatus.AWAITING_HEAD
    ).order_by("-at", "-pk")
    return (
        Exemplar.objects.restrict(user)
        .filter(status=ExemplarStatus.AWAITING_HEAD, unit_id__in=own_unit_ids(user))
        .select_related("unit")
        .defer("achievements", "new_model", "search_text")
        .annotate(
            sent_at=Subquery(step.values("at")[:1]),
            sent_by=Subquery(step.values("by__full_name")[:1]),
        )
        .order_by("status_changed_at", "pk")
    )
