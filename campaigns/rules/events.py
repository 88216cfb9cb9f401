"""Events: Home Affairs records any; a unit's editors and heads record their own unit's.

Who may organise what is decided here too, so that the form and the rules agree:
``organisers_for``.
"""

import rules

from registry.rules import (
    can_manage_campaigns,
    for_any_or_own_unit,
    grant,
    in_users_unit,
    is_in_reach,
    is_unit_member_who_edits,
)


def organisers_for(user):
    """Units the user records events for: any (Home Affairs, administrators), else their own."""
    from registry.models import Unit

    if can_manage_campaigns(user):
        return Unit.objects.all()
    if is_unit_member_who_edits(user):
        return Unit.objects.filter(pk=user.unit_id)
    return Unit.objects.none()


rules.add_perm("campaigns.view_event", is_in_reach)
rules.add_perm("campaigns.add_event", can_manage_campaigns | is_unit_member_who_edits)
grant(
    is_in_reach & for_any_or_own_unit(can_manage_campaigns, in_users_unit("organiser_id")),
    "campaigns",
    *("change_event", "delete_event"),
)
