"""Which proposals and introductions a user reaches, and an exemplar's award history.

Proposals: those about an exemplar of a unit in reach, or made by a unit in reach
(``registry.selectors.unit_scope_filter``). Introductions: those about an exemplar of a unit
in reach and, for media staff, those made to the outlets their unit runs.
"""

from django.db.models import QuerySet

from exemplar_portal.base.lookups import Naming, rows_naming
from registry.enums import ExemplarStatus

from .models import AwardProposal, MediaIntroduction


def proposals_in_reach(user) -> QuerySet:
    return AwardProposal.objects.restrict(user).select_related(
        "exemplar", "exemplar__unit", "award", "proposing_unit"
    )


def introductions_in_reach(user) -> QuerySet:
    return MediaIntroduction.objects.restrict(user).select_related(
        "exemplar", "exemplar__unit", "exemplar__field", "outlet"
    )


def exemplar_awards(*, user, exemplar) -> dict:
    """The exemplar page's award section: its proposals and introductions the user reaches,
    and whether the user may propose it (context of ``reports/partials/exemplar_awards.html``)."""
    # A cheap first look (one query): most exemplars have neither, and the scoped queries
    # are then not worth planning.
    proposals, introductions = rows_naming(
        exemplar.pk,
        Naming(AwardProposal, by="exemplar"),
        Naming(MediaIntroduction, by="exemplar"),
    )
    return {
        "award_proposals": proposals_in_reach(user)
        .filter(pk__in=proposals)
        .order_by("-year", "-created_at")
        if proposals
        else [],
        "media_introductions": introductions_in_reach(user)
        .filter(pk__in=introductions)
        .order_by("-date")
        if introductions
        else [],
        "can_propose_award": user.has_perm("reports.propose_exemplar", exemplar),
        "can_introduce": user.has_perm("reports.add_mediaintroduction")
        and exemplar.status == ExemplarStatus.ACCEPTED,
    }
