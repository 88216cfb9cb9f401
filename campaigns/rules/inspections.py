"""Inspections: Home Affairs plans and records them; the inspected unit reads its own and
records follow-up notes on the recommendations; only Home Affairs closes a recommendation.

Which inspections a user reaches is ``Inspection.objects.restrict``: the units
they reach, plus those whose team they sit on. The objects of the recommendation perms may be
the inspection or one of its recommendations.
"""

import rules

from registry.rules import (
    can_manage_campaigns,
    grant,
    in_reach,
    in_users_unit,
    is_district_reviewer,
    is_home_affairs,
    is_unit_member_who_edits,
)


def _inspection(obj):
    return getattr(obj, "inspection", obj)  # a recommendation's, or the inspection itself


can_reach_inspection = in_reach(through=_inspection)
# The inspected unit answers for itself: its editors and heads, or, for a district, the
# district's reviewers (the staff of its Home Affairs office).
answers_for_inspected_unit = in_users_unit(through=_inspection) & (
    is_unit_member_who_edits | is_district_reviewer
)

rules.add_perm("campaigns.view_inspectionplan", rules.is_authenticated)
rules.add_perm("campaigns.view_inspection", can_reach_inspection)
grant(
    can_manage_campaigns,
    "campaigns",
    *("add_inspectionplan", "change_inspectionplan", "add_inspection", "change_inspection"),
    "add_recommendation",
)
rules.add_perm(
    "campaigns.follow_up_recommendation",
    can_reach_inspection & (is_home_affairs | answers_for_inspected_unit),
)
rules.add_perm("campaigns.close_recommendation", can_reach_inspection & is_home_affairs)
