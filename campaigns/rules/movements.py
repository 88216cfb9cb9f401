"""Movements, their reviews and pledges."""

import rules

from registry.rules import can_manage_campaigns

rules.add_perm("campaigns", can_manage_campaigns)
rules.add_perm("campaigns.add_campaignreview", can_manage_campaigns)
rules.add_perm("campaigns.view_pledge", rules.is_authenticated)
rules.add_perm("campaigns.add_pledge", can_manage_campaigns)
rules.add_perm("campaigns.change_pledge", can_manage_campaigns)
