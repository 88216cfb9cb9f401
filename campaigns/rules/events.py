"""Events: Home Affairs records any; a unit's editors and heads record their own unit's.

Who may organise what is decided here too, so that the form and the rules agree:
``organisers_for``.
"""

import rules

from registry.rules import can_manage_campaigns, is_unit_member_who_edits


def organisers_for(user):
    """Units the user records events for: any (Home Affairs, administrators), else their own."""
    from registry.models import Unit

    if can_manage_campaigns(user):
        return Unit.objects.all()
    if is_unit_member_who_edits(user):
        return Unit.objects.filter(pk=user.unit_id)
    return Unit.objects.none()


@rules.predicate
def can_reach_event(user, event):
    from ..models import Event

    return event is not None and Event.objects.restrict(user).filter(pk=event.pk).exists()


@rules.predicate
def organises_event(user, event):
    return event is not None and user.unit_id == event.organiser_id


can_record_events = can_manage_campaigns | is_unit_member_who_edits
can_change_event = can_reach_event & (
    can_manage_campaigns | (is_unit_member_who_edits & organises_event)
)

rules.add_perm("campaigns.view_event", can_reach_event)
rules.add_perm("campaigns.add_event", can_record_events)
rules.add_perm("campaigns.change_event", can_change_event)
rules.add_perm("campaigns.delete_event", can_change_event)
