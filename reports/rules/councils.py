"""Who may do what: emulation and commendation councils, their meetings and disclosures.

Home Affairs keeps the province's council (the council of the province's own unit); a
unit's editors and heads keep their unit's. Whoever reaches a council's unit reads it and its
meetings (leaders and administrators read all); media staff read none (the scope and the
list's permission). A proposal's public disclosure is recorded by Home Affairs or by the
proposing unit.
"""

import rules

from registry.rules import (
    for_any_or_own_unit,
    in_users_unit,
    is_home_affairs,
    is_in_reach,
    is_media,
    is_unit_member_who_edits,
)


def council_of(record):
    """The council of a meeting, or the council itself."""
    return getattr(record, "council", record)


@rules.predicate
def is_provincial_council(user, record):
    return record is not None and council_of(record).unit.parent_id is None


keeps_council = (is_home_affairs & is_provincial_council) | (
    is_unit_member_who_edits & in_users_unit("unit_id", through=council_of)
)

for model in ("council", "meeting"):
    rules.add_perm(f"reports.view_{model}", ~is_media & is_in_reach)
    # Without an object: may the user keep a council at all (for the buttons)?
    rules.add_perm(f"reports.add_{model}", is_home_affairs | is_unit_member_who_edits)
    for action in ("change", "delete"):
        rules.add_perm(f"reports.{action}_{model}", is_in_reach & keeps_council)
rules.add_perm("reports.view_councils", ~is_media)
rules.add_perm(
    "reports.disclose_awardproposal",
    is_in_reach & for_any_or_own_unit(is_home_affairs, in_users_unit("proposing_unit_id")),
)
