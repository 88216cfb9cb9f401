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
    """A filter restricting rows to the user's reach; ``field`` names the unit of the row.

    ``Unit.objects.filter(unit_scope_filter(user))`` gives the units;
    ``Exemplar.objects.filter(unit_scope_filter(user, "unit"))`` the exemplars.
    """
    scope = unit_ids_in_scope(user)
    if scope is None:
        return Q()
    return Q(**{f"{field}__in": scope})


def unit_list(
    *, query: str = "", kind_code: str = "", year: int | None = None, parent_code: str = ""
) -> QuerySet:
    """The unit directory, open to every signed-in user: public facts only."""
    from .models import Unit

    units = Unit.objects.select_related("kind", "parent", "bloc")
    if query:
        units = units.search(query)
    if kind_code:
        units = units.filter(kind__code=kind_code)
    if year:
        units = units.active_in(year)
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


def exemplar_list(*, user, filters: dict | None = None, sort: str = "-updated_at"):
    """Exemplars the user reaches, filtered; the related rows a list shows are joined."""
    from .models import Exemplar

    filters = filters or {}
    qs = Exemplar.objects.visible_to(user).select_related("unit", "unit__kind", "field")
    if filters.get("q"):
        qs = qs.search(filters["q"])
    if filters.get("year"):
        qs = qs.filter(year=filters["year"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
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
        qs = qs.filter(unit__in=related_unit_ids(unit_id)) if unit_id else qs.none()
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
        Exemplar.objects.exclude(status=ExemplarStatus.DRAFT)
        .filter(subject_key__in={k for k, _ in keys}, year__in={y for _, y in keys})
        .values("subject_key", "year")
        .annotate(units=Count("unit", distinct=True))
        .filter(units__gt=1)
    )
    return {(row["subject_key"], row["year"]) for row in rows}
