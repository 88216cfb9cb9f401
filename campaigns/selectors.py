"""Which propagation records a user reaches: the row-level scope of the campaigns app.

The same reach as exemplars (``registry.selectors.unit_ids_in_scope``): Home Affairs,
leaders and administrators see every row; others see the rows of the units they reach, and
the rows about those units' exemplars. Media staff see what their outlets published.
"""

from django.db.models import Prefetch, Q, QuerySet

from registry.selectors import unit_ids_in_scope


def event_scope_filter(user) -> Q:
    """Events organised by, attended by or featuring exemplars of a unit the user reaches;
    for an outlet's staff, also the events featuring exemplars their outlet covered."""
    scope = unit_ids_in_scope(user)
    if scope is None:
        return Q()
    return (
        Q(organiser__in=scope)
        | Q(participating_units__in=scope)
        | Q(exemplars__unit__in=scope)
        | Q(coverage__outlet__unit__in=scope)
        | Q(exemplars__coverage__outlet__unit__in=scope)
    )


def coverage_scope_filter(user) -> Q:
    """Coverage published by an outlet of a unit the user reaches, or about its exemplars."""
    scope = unit_ids_in_scope(user)
    if scope is None:
        return Q()
    return Q(outlet__unit__in=scope) | Q(exemplars__unit__in=scope)


def contest_entries_visible_to(user) -> QuerySet:
    """Entries by the user's units, about their exemplars, or judged by the user."""
    from .models import ContestEntry

    scope = unit_ids_in_scope(user)
    entries = ContestEntry.objects.all()
    if scope is None:
        return entries
    if not (user and user.is_authenticated):
        return entries.none()
    return entries.filter(
        Q(author_unit__in=scope)
        | Q(exemplars__unit__in=scope)
        | Q(contest__organiser__in=scope)
        | Q(rounds__judges=user)
    ).distinct()


def inspections_visible_to(user) -> QuerySet:
    """Inspections of a unit the user reaches, or on whose team the user sits."""
    from .models import Inspection

    scope = unit_ids_in_scope(user)
    inspections = Inspection.objects.all()
    if scope is None:
        return inspections
    if not (user and user.is_authenticated):
        return inspections.none()
    return inspections.filter(
        Q(unit__in=scope)
        | Q(plan__lead_unit__in=scope)
        | Q(team_leader=user)
        | Q(team_members=user)
    ).distinct()


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
        "events": Event.objects.visible_to(user)
        .filter(pk__in=events)
        .select_related("organiser")
        .order_by("-date", "-pk")
        if events
        else Event.objects.none(),
        "coverage": Coverage.objects.visible_to(user)
        .filter(pk__in=coverage)
        .select_related("outlet", "column")
        .order_by("-published_on", "-pk")
        if coverage
        else Coverage.objects.none(),
        "contest_entries": ContestEntry.objects.filter(
            pk__in=contest_entries_visible_to(user).filter(pk__in=entries).values("pk")
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
