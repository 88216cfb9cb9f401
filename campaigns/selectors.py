"""Reads about propagation records for pages: what an exemplar's page shows of them, a
column's output. Which rows a user reaches is each model's own ``objects.restrict``."""

import datetime

from django.db.models import Count, Prefetch
from django.db.models.functions import ExtractYear, TruncMonth


def linked_to(exemplar, model) -> list[int]:
    """The ids of ``model``'s rows that name ``exemplar`` (through its ``exemplars`` link).

    A cheap first look for an exemplar's page: most exemplars have no event, coverage or
    entry yet, and the scoped query (several joins, DISTINCT) is then not worth planning.
    """
    through = model.exemplars.through
    column = through._meta.get_field(model._meta.model_name).attname
    return list(through.objects.filter(exemplar_id=exemplar.pk).values_list(column, flat=True))


def exemplar_propagation(*, user, exemplar) -> dict:
    """Everything that spread ``exemplar`` and that ``user`` reaches, for the exemplar's page."""
    from .models import ContestEntry, Coverage, Event, Prize

    events, coverage, entries = (linked_to(exemplar, m) for m in (Event, Coverage, ContestEntry))
    return {
        "events": Event.objects.restrict(user)
        .filter(pk__in=events)
        .select_related("organiser")
        .order_by("-date", "-pk")
        if events
        else Event.objects.none(),
        "coverage": Coverage.objects.restrict(user)
        .filter(pk__in=coverage)
        .select_related("outlet", "column")
        .order_by("-published_on", "-pk")
        if coverage
        else Coverage.objects.none(),
        "contest_entries": ContestEntry.objects.filter(
            pk__in=ContestEntry.objects.restrict(user).filter(pk__in=entries).values("pk")
            if entries
            else []
        )
        .select_related("contest")
        .prefetch_related(
            # Prizes show once the contest's results are published.
            Prefetch(
                "prizes",
                queryset=Prize.objects.filter(contest__results_published_at__isnull=False),
            )
        ),
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
    from .models import Coverage

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
