"""Difficulties and proposals (plan VII.1): a unit's editors and heads write to Home Affairs
about their own unit; Home Affairs answers any. Whoever reaches the unit reads the thread
(rows are scoped by ``unit_scope_filter``; out of reach is a 404, not a 403)."""

import rules

from registry.rules import (
    for_any_or_own_unit,
    grant,
    is_home_affairs,
    is_unit_member_who_edits,
    reaches_records_unit,
)

rules.add_perm("campaigns.view_difficulty", reaches_records_unit)
rules.add_perm("campaigns.add_difficulty", is_unit_member_who_edits)
# Whether the thread is still open is the business of its table of moves
# (``campaigns.services.DIFFICULTY_MOVES``).
grant(
    reaches_records_unit & for_any_or_own_unit(is_home_affairs),
    "campaigns",
    *("reply_difficulty", "close_difficulty"),
)
