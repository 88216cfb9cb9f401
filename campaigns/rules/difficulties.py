"""Difficulties and proposals."""

import rules

from registry.rules import (
    can_reach_unit,
    is_home_affairs,
    is_unit_member_who_edits,
)


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
# Whether the thread is still open is the business of its table of moves
# (``campaigns.services.DIFFICULTY_MOVES``).
rules.add_perm("campaigns.reply_difficulty", can_take_part_in_difficulty)
rules.add_perm("campaigns.close_difficulty", can_take_part_in_difficulty)
