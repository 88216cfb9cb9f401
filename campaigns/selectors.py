"""Reads about propagation records for pages (each model's scope is its own ``restrict``).

The same reach as exemplars (``registry.selectors.unit_ids_in_scope``): Home Affairs,
leaders and administrators see every row; others see the rows of the units they reach, and
the rows about those units' exemplars. Media staff see what their outlets published.
"""

from django.db.models import Prefetch


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
