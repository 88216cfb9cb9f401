"""Units' regulations of subjects and specific criteria (plan VII.1): a unit's editors and
heads send their own unit's; Home Affairs acknowledges or returns it. Whoever reaches the
unit reads (rows are scoped by ``unit_scope_filter``; out of reach is a 404). The object of
"view" and "add" is the unit; of "review", the regulation."""

import rules

from registry.rules import (
    can_reach_unit,
    is_home_affairs,
    is_unit_member_who_edits,
    is_users_unit,
    reaches_records_unit,
)

rules.add_perm("campaigns.view_unitregulation", can_reach_unit)
rules.add_perm(
    "campaigns.add_unitregulation", can_reach_unit & is_unit_member_who_edits & is_users_unit
)
# Whether the regulation still awaits a review is the business of its table of moves
# (``campaigns.services.REGULATION_MOVES``).
rules.add_perm("campaigns.review_unitregulation", reaches_records_unit & is_home_affairs)
