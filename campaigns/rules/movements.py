"""Movements, their reviews and pledges."""

import rules

from registry.rules import can_manage_campaigns, grant

rules.add_perm("campaigns.view_pledge", rules.is_authenticated)
rules.add_perm("campaigns", can_manage_campaigns)
grant(can_manage_campaigns, "campaigns", "add_campaignreview", "add_pledge", "change_pledge")
