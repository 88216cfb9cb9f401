"""Reads for pages: what an exemplar's page shows of propagation records, a column's output,
budgets and their arithmetic. Which rows a user reaches is each model's own
``objects.restrict``."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractYear, TruncMonth
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from exemplar_portal.base.lookups import Naming, rows_naming
from registry.models import Unit
from registry.selectors import FIRST_YEAR, unit_ids_in_scope

from .forms.budgets import format_vnd
from .models import BudgetEstimate, BudgetItem, BudgetSpending, ContestEntry, Coverage, Event, Prize


def _naming_exemplar(model) -> Naming:
    """The rows of ``model``'s link to exemplars that name one, returning ``model``'s ids."""
    through = model.exemplars.through
    return Naming(through, by="exemplar", returns=model._meta.model_name)


def exemplar_propagation(*, user, exemplar) -> dict:
    """Everything that spread ``exemplar`` and that ``user`` reaches, for the exemplar's page.

    A cheap first look at the three links (one query, ``rows_naming``): most exemplars have
    no event, coverage or entry yet, and the scoped queries (several joins, DISTINCT) are
    then not worth building; an empty list stands for each.
    """
    events, coverage, entries = rows_naming(
        exemplar.pk, *(_naming_exemplar(m) for m in (Event, Coverage, ContestEntry))
    )
    return {
        "events": Event.objects.restrict(user)
        .filter(pk__in=events)
        .select_related("organiser")
        .order_by("-date", "-pk")
        if events
        else [],
        "coverage": Coverage.objects.restrict(user)
        .filter(pk__in=coverage)
        .select_related("outlet", "column")
        .order_by("-published_on", "-pk")
        if coverage
        else [],
        "contest_entries": ContestEntry.objects.filter(
            pk__in=ContestEntry.objects.restrict(user).filter(pk__in=entries).values("pk")
        )
        .select_related("contest")
        .prefetch_related(
            # Prizes show once the contest's results are published.
            Prefetch(
                "prizes",
                queryset=Prize.objects.filter(contest__results_published_at__isnull=False),
            )
        )
        if entries
        else [],
    }


def month_starts(today: datetime.date, count: int = 12) -> list[datetime.date]:
    """The first days of the last ``count`` months, oldest first, this month last."""
    current = today.year * 12 + today.month - 1
    return [
        datetime.date(index // 12, index % 12 + 1, 1)
        for index in range(current - count + 1, current + 1)
    ]


def column_output(column, *, today: datetime.date) -> dict:
    """How many items ``column`` carried per month (last twelve) and per year.

    Every month and year of the span is listed, empty ones with 0, so gaps show. ``peak``
    is the largest count, the scale of the bars.
    """
    items = Coverage.objects.filter(column=column).order_by()
    months = month_starts(today)
    per_month = dict(
        items.filter(published_on__gte=months[0], published_on__lte=today)
        .annotate(month=TruncMonth("published_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    per_year = dict(
        items.annotate(year=ExtractYear("published_on")).values_list("year").annotate(n=Count("pk"))
    )
    first = min([column.started_on.year, *per_year])
    last = max([first, (column.ended_on or today).year, *per_year])
    monthly = [per_month.get(month, 0) for month in months]
    yearly = [per_year.get(year, 0) for year in range(first, last + 1)]
    return {
        "monthly": list(zip(months, monthly, strict=True)),
        "monthly_total": sum(monthly),
        "monthly_peak": max(monthly),
        "yearly": list(zip(range(first, last + 1), yearly, strict=True)),
        "yearly_total": sum(yearly),
        "yearly_peak": max(yearly, default=0),
    }


# Budgets (plan V) --------------------------------------------------------------------------

HISTORY_LIMIT = 30


def budget_years() -> range:
    """Years a budget may be kept for: from the plan's first year to next year."""
    return range(FIRST_YEAR, timezone.localdate().year + 2)


def budget_units(user):
    """Units whose budget ``user`` reads: every unit for those who read all budgets."""
    units = Unit.objects.select_related("kind")
    if user.has_perm("campaigns.view_budget_totals"):
        return units
    return units.restrict(user)


def reads_several_budgets(user) -> bool:
    """The user lands on the totals: they read every budget, or those of several units."""
    if user.has_perm("campaigns.view_budget_totals"):
        return True
    scope = unit_ids_in_scope(user)
    return scope is None or len(scope) > 1


@dataclass
class BudgetLine:
    """An estimate next to the spending against it: one item, one unit, or a total."""

    estimate: Decimal | None
    spent: Decimal
    unit: Unit | None = None
    item: BudgetItem | None = None
    year: int | None = None
    note: str = ""
    form: object = None
    spent_without_estimate: bool | None = None
    item_over_spent: bool = False  # a unit's total: some item is over its own estimate

    def __post_init__(self):
        if self.spent_without_estimate is None:
            self.spent_without_estimate = self.estimate is None and self.spent > 0

    @property
    def remaining(self) -> Decimal:
        return (self.estimate or 0) - self.spent

    @property
    def over_by(self) -> Decimal:
        return -self.remaining

    @property
    def over_spent(self) -> bool:
        return self.estimate is not None and self.spent > self.estimate

    @property
    def percent_spent(self) -> Decimal | None:
        if not self.estimate:
            return None
        return (self.spent * 100 / self.estimate).quantize(Decimal("0.1"))


def _sum(queryset, by="unit"):
    """The sum of ``amount`` over a subquery correlated on ``by`` (``None`` if no row)."""
    return Subquery(queryset.order_by().values(by).annotate(total=Sum("amount")).values("total"))


def sums(queryset, *keys) -> dict:
    """The sums of ``amount`` by ``keys`` (one key: its value; several: a tuple)."""
    rows = queryset.order_by().values_list(*keys).annotate(total=Sum("amount"))
    return {row[0] if len(keys) == 1 else row[:-1]: row[-1] for row in rows}


def item_lines(estimates: dict, spent: dict, year: int) -> list[BudgetLine]:
    """A line per item active in ``year`` or carrying an estimate or spending."""
    items = BudgetItem.objects.filter(
        Q(pk__in=BudgetItem.objects.active_in(year).values("pk")) | Q(pk__in=[*estimates, *spent])
    )
    return [
        BudgetLine(estimates.get(item.pk), spent.get(item.pk, Decimal(0)), item=item, year=year)
        for item in items
    ]


def grand_total(lines: list[BudgetLine]) -> BudgetLine:
    estimates = [line.estimate for line in lines if line.estimate is not None]
    return BudgetLine(
        sum(estimates, Decimal(0)) if estimates else None,
        sum((line.spent for line in lines), Decimal(0)),
    )


def budget_totals(user, year: int, filters: dict):
    """The units whose budget ``user`` reads that have one in ``year`` (``units`` "all": and
    every unit of the year), of a kind (``unit_kind``), matching ``q``; each with its
    estimate and spending totals and whether something is spent beyond an estimate."""
    estimates = BudgetEstimate.objects.filter(unit=OuterRef("pk"), year=year)
    spending = BudgetSpending.objects.filter(unit=OuterRef("pk"), year=year)
    same_item = {"unit": OuterRef("unit"), "year": year, "item": OuterRef("item")}
    unestimated = spending.filter(~Exists(BudgetEstimate.objects.filter(**same_item)))
    spent_on_item = _sum(BudgetSpending.objects.filter(**same_item), by="item")
    over = estimates.annotate(spent=spent_on_item).filter(spent__gt=F("amount"))
    units = budget_units(user).annotate(
        estimate_total=_sum(estimates),
        spent_total=Coalesce(_sum(spending), Decimal(0)),
        spent_without_estimate=Exists(unestimated),
        item_over_spent=Exists(over),
    )
    kept = Exists(estimates) | Exists(spending)
    if filters.get("units") == "all":
        kept |= Q(pk__in=Unit.objects.active_in(year).values("pk"))
    units = units.filter(kept)
    if filters.get("q"):
        units = units.search(filters["q"])
    if filters.get("unit_kind"):
        units = units.filter(kind=filters["unit_kind"])
    return units.order_by("kind__order", "name", "pk")


def with_budget_lines(units, year: int):
    """``units`` (from ``budget_totals``), each given its ``budget`` line."""
    for unit in units:
        unit.budget = BudgetLine(
            unit.estimate_total,
            unit.spent_total,
            unit=unit,
            year=year,
            spent_without_estimate=unit.spent_without_estimate,
            item_over_spent=unit.item_over_spent,
        )
    return units


def budget_rows(user, year: int, units, *keys) -> tuple[dict, dict]:
    """The estimates and the spending of ``units`` in ``year`` that ``user`` reaches,
    summed by ``keys``."""
    return tuple(
        sums(model.objects.restrict(user).filter(year=year, unit__in=units), *keys)
        for model in (BudgetEstimate, BudgetSpending)
    )


def unit_item_lines(user, year: int, units) -> list[BudgetLine]:
    """One line per unit and item: the totals' download."""
    estimates, spent = budget_rows(user, year, units, "unit", "item")
    keys = {*estimates, *spent}
    by_unit = Unit.objects.select_related("kind").in_bulk({unit for unit, _item in keys})
    items = BudgetItem.objects.in_bulk({item for _unit, item in keys})
    lines = [
        BudgetLine(
            estimates.get(key),
            spent.get(key, Decimal(0)),
            unit=by_unit[key[0]],
            item=items[key[1]],
            year=year,
        )
        for key in keys
    ]
    return sorted(
        lines,
        key=lambda line: (
            line.unit.kind.order,
            line.unit.name,
            line.unit.pk,
            line.item.order,
            line.item.name,
        ),
    )


def unit_budget(user, unit, year: int, forms=None) -> list[BudgetLine]:
    """A unit's line per item for ``year``, with the estimate's note and its row of the
    estimate's form (``forms``, by item)."""
    estimates = {
        e.item_id: e for e in BudgetEstimate.objects.restrict(user).filter(unit=unit, year=year)
    }
    spent = BudgetSpending.objects.restrict(user).filter(unit=unit, year=year)
    lines = item_lines({pk: e.amount for pk, e in estimates.items()}, sums(spent, "item"), year)
    for line in lines:
        line.note = getattr(estimates.get(line.item.pk), "note", "")
        line.form = (forms or {}).get(line.item.pk)
    return lines


# History: estimates and spending of one unit and year, deleted rows included.
def _shown(field, value, items):
    if value is None or value == "":
        return None
    if field.name == "item":
        return str(items.get(value, value))
    if field.name == "amount":
        return format_vnd(value)
    if field.name == "spent_on":
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return value


def _subject(entry) -> str:
    if entry.instance_type is BudgetEstimate:
        return _("Estimate · %(item)s · %(amount)s đ") % {
            "item": entry.item,
            "amount": format_vnd(entry.amount),
        }
    return _("Spending · %(date)s · %(description)s · %(amount)s đ") % {
        "date": formats.date_format(entry.spent_on, "SHORT_DATE_FORMAT"),
        "description": entry.description,
        "amount": format_vnd(entry.amount),
    }


def budget_history(*histories, limit: int = HISTORY_LIMIT) -> list[dict]:
    """The latest entries of the given history querysets, newest first, each with a subject
    and the fields it changed (old → new), in the shape ``includes/history.html`` reads."""
    entries = []
    for history in histories:
        entries += history.select_related("history_user", "item")[:limit]
    entries.sort(key=lambda entry: entry.history_date, reverse=True)
    entries = entries[:limit]
    items = {item.pk: item for item in BudgetItem.objects.all()}
    # The version before each changed entry, found in one query per model.
    earlier = defaultdict(list)
    for model in {type(entry) for entry in entries if entry.history_type == "~"}:
        ids = {entry.id for entry in entries if isinstance(entry, model)}
        for version in model.objects.filter(id__in=ids).order_by("history_date"):
            earlier[model, version.id].append(version)
    rows = []
    for entry in entries:
        changes = []
        versions = earlier.get((type(entry), entry.id), [])
        before = [v for v in versions if v.history_date < entry.history_date]
        if entry.history_type == "~" and before:
            for change in entry.diff_against(before[-1]).changes:
                field = entry.instance_type._meta.get_field(change.field)
                changes.append(
                    (
                        field.verbose_name,
                        _shown(field, change.old, items),
                        _shown(field, change.new, items),
                    )
                )
        rows.append({"entry": entry, "subject": _subject(entry), "changes": changes})
    return rows
