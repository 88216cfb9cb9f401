"""Who may do what with movements, their reviews and pledges."""

import rules

from registry.rules import (
    can_manage_campaigns,
    can_reach_unit,
    is_home_affairs,
    is_unit_member_who_edits,
)

rules.add_perm("campaigns", can_manage_campaigns)
rules.add_perm("campaigns.add_campaignreview", can_manage_campaigns)
rules.add_perm("campaigns.view_pledge", rules.is_authenticated)
rules.add_perm("campaigns.add_pledge", can_manage_campaigns)
rules.add_perm("campaigns.change_pledge", can_manage_campaigns)


# Difficulties and proposals (plan VII.1): a unit's editors and heads write to Home Affairs
# about their own unit; Home Affairs answers any. Whoever reaches the unit reads the thread
# (rows are scoped by ``unit_scope_filter``; out of reach is a 404, not a 403).
@rules.predicate
def belongs_to_difficultys_unit(user, difficulty):
    return difficulty is not None and user.unit_id == difficulty.unit_id


@rules.predicate
def can_reach_difficulty(user, difficulty):
    return difficulty is not None and can_reach_unit(user, difficulty.unit)


is_difficultys_unit_staff = is_unit_member_who_edits & belongs_to_difficultys_unit
can_take_part_in_difficulty = can_reach_difficulty & (is_home_affairs | is_difficultys_unit_staff)

rules.add_perm("campaigns.view_difficulty", can_reach_difficulty)
rules.add_perm("campaigns.add_difficulty", is_unit_member_who_edits)
# Whether the thread is still open is the service's business (campaigns/services.py).
rules.add_perm("campaigns.reply_difficulty", can_take_part_in_difficulty)
rules.add_perm("campaigns.close_difficulty", can_take_part_in_difficulty)


# Units' regulations of subjects and specific criteria (plan VII.1): a unit's editors and heads
# send their own unit's; Home Affairs acknowledges or returns it. Whoever reaches the unit
# reads (rows are scoped by ``unit_scope_filter``; out of reach is a 404). The object of
# "view" and "add" is the unit; of "review", the regulation.
@rules.predicate
def belongs_to_unit(user, unit):
    return unit is not None and user.unit_id == unit.pk


@rules.predicate
def can_reach_regulation(user, regulation):
    return regulation is not None and can_reach_unit(user, regulation.unit)


rules.add_perm("campaigns.view_unitregulation", can_reach_unit)
rules.add_perm(
    "campaigns.add_unitregulation", can_reach_unit & is_unit_member_who_edits & belongs_to_unit
)
# Whether the regulation still awaits a review is the service's business.
rules.add_perm("campaigns.review_unitregulation", can_reach_regulation & is_home_affairs)
