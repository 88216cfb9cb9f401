"""Inspections: Home Affairs plans and records them; the inspected unit reads its own and
records follow-up notes on the recommendations; only Home Affairs closes a recommendation."""

import rules

from registry.rules import can_manage_campaigns, is_home_affairs, is_unit_member_who_edits


@rules.predicate
def can_reach_inspection(user, inspection):
    from ..selectors import inspections_visible_to

    inspection = getattr(inspection, "inspection", inspection)  # or a recommendation
    return inspection is not None and inspections_visible_to(user).filter(pk=inspection.pk).exists()


@rules.predicate
def belongs_to_inspected_unit(user, inspection):
    inspection = getattr(inspection, "inspection", inspection)
    return inspection is not None and user.unit_id == inspection.unit_id


rules.add_perm("campaigns.view_inspectionplan", rules.is_authenticated)
rules.add_perm("campaigns.add_inspectionplan", can_manage_campaigns)
rules.add_perm("campaigns.change_inspectionplan", can_manage_campaigns)
rules.add_perm("campaigns.view_inspection", can_reach_inspection)
rules.add_perm("campaigns.add_inspection", can_manage_campaigns)
rules.add_perm("campaigns.change_inspection", can_manage_campaigns)
# The object of these two is the recommendation.
rules.add_perm(
    "campaigns.follow_up_recommendation",
    can_reach_inspection
    & (is_home_affairs | (is_unit_member_who_edits & belongs_to_inspected_unit)),
)
rules.add_perm("campaigns.close_recommendation", can_reach_inspection & is_home_affairs)
