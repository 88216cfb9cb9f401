"""Contests: Home Affairs and administrators run them (criteria, rounds, judges, entries,
prizes); a judge of a round scores its entries or recuses from one."""

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
def can_reach_entry(user, entry):
    from ..selectors import contest_entries_visible_to

    return entry is not None and contest_entries_visible_to(user).filter(pk=entry.pk).exists()


rules.add_perm("campaigns.view_contest", rules.is_authenticated)
rules.add_perm("campaigns.add_contest", can_manage_campaigns)
rules.add_perm("campaigns.change_contest", can_manage_campaigns)
rules.add_perm("campaigns.view_contestentry", can_reach_entry)
rules.add_perm("campaigns.add_contestentry", can_manage_campaigns)
rules.add_perm("campaigns.change_contestentry", can_manage_campaigns)
# The object is the round.
rules.add_perm("campaigns.judge_contestround", judges_round)
rules.add_perm("campaigns.view_contestround", can_manage_campaigns | judges_round)
rules.add_perm("campaigns.change_contestround", can_manage_campaigns)
