"""Media coverage: the staff of an outlet's unit (media editors, a unit's portal editors) log
its coverage; Home Affairs logs any. Columns are kept by the outlet's media staff or Home
Affairs."""

import rules

from registry.rules import can_manage_campaigns, is_media, is_unit_member_who_edits


@rules.predicate
def runs_outlet(user, outlet):
    """The user works in the unit in charge of ``outlet`` (an outlet, column or coverage)."""
    outlet = getattr(outlet, "outlet", outlet)
    return outlet is not None and user.unit_id is not None and user.unit_id == outlet.unit_id


@rules.predicate
def can_reach_coverage(user, coverage):
    from ..models import Coverage

    return (
        coverage is not None and Coverage.objects.visible_to(user).filter(pk=coverage.pk).exists()
    )


is_outlet_staff = is_media | is_unit_member_who_edits
# Without an object: may the user log coverage at all (for some outlet)?
can_log_coverage = can_manage_campaigns | is_outlet_staff
can_change_coverage = can_reach_coverage & (can_manage_campaigns | (is_outlet_staff & runs_outlet))

rules.add_perm("campaigns.view_coverage", can_reach_coverage)
rules.add_perm("campaigns.add_coverage", can_log_coverage)
rules.add_perm("campaigns.change_coverage", can_change_coverage)
rules.add_perm("campaigns.delete_coverage", can_change_coverage)
rules.add_perm("campaigns.view_column", rules.is_authenticated)
rules.add_perm("campaigns.add_column", can_manage_campaigns | is_media)
rules.add_perm("campaigns.change_column", can_manage_campaigns | (is_media & runs_outlet))
