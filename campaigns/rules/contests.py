"""Contests: Home Affairs and administrators run them (criteria, rounds, judges, entries,
prizes, publication); a judge of a round scores its entries or recuses from one. Before the
results are published, a judge sees only their own scores."""

import rules

from registry.rules import can_manage_campaigns


@rules.predicate
def judges_round(user, contest_round):
    return (
        contest_round is not None
        and user.is_authenticated
        and contest_round.judges.filter(pk=user.pk).exists()
    )


@rules.predicate
def round_results_published(user, contest_round):
    return contest_round is not None and contest_round.contest.results_published_at is not None


@rules.predicate
def can_reach_entry(user, entry):
    from ..models import ContestEntry

    return entry is not None and ContestEntry.objects.restrict(user).filter(pk=entry.pk).exists()


rules.add_perm("campaigns.view_contest", rules.is_authenticated)
rules.add_perm("campaigns.add_contest", can_manage_campaigns)
rules.add_perm("campaigns.change_contest", can_manage_campaigns)
rules.add_perm("campaigns.publish_contest", can_manage_campaigns)
rules.add_perm("campaigns.add_prize", can_manage_campaigns)
rules.add_perm("campaigns.view_contestentry", can_reach_entry)
rules.add_perm("campaigns.add_contestentry", can_manage_campaigns)
rules.add_perm("campaigns.change_contestentry", can_manage_campaigns)
# The object is the round.
rules.add_perm("campaigns.add_contestround", can_manage_campaigns)
rules.add_perm("campaigns.judge_contestround", judges_round)
rules.add_perm("campaigns.view_contestround", can_manage_campaigns | judges_round)
rules.add_perm("campaigns.change_contestround", can_manage_campaigns)
# Every judge's scores and the ranking: those who run contests; the judges once published.
rules.add_perm(
    "campaigns.view_contestround_scores",
    can_manage_campaigns | (judges_round & round_results_published),
)
