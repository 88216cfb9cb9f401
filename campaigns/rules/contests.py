"""Contests: Home Affairs and administrators run them (criteria, rounds, judges, entries,
prizes, publication); a judge of a round scores its entries or recuses from one. Before the
results are published, a judge sees only their own scores."""

import rules

from registry.rules import can_manage_campaigns, grant, is_in_reach


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


rules.add_perm("campaigns.view_contest", rules.is_authenticated)
rules.add_perm("campaigns.view_contestentry", is_in_reach)
# The object of the rounds' permissions is the round.
grant(
    can_manage_campaigns,
    "campaigns",
    *("add_contest", "change_contest", "publish_contest", "add_prize"),
    *("add_contestentry", "change_contestentry", "add_contestround", "change_contestround"),
)
rules.add_perm("campaigns.judge_contestround", judges_round)
rules.add_perm("campaigns.view_contestround", can_manage_campaigns | judges_round)
# Every judge's scores and the ranking: those who run contests; the judges once published.
rules.add_perm(
    "campaigns.view_contestround_scores",
    can_manage_campaigns | (judges_round & round_results_published),
)
