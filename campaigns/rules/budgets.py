"""Budgets: a unit's editors and heads keep their own unit's estimates and spending; Home
Affairs, leaders, administrators and the finance department read every unit's totals."""

import rules

from registry.rules import can_reach_unit, is_unit_member_who_edits, is_users_unit, reads_all_units


@rules.predicate
def works_in_finance(user):
    """The user belongs to the finance department (``PORTAL["FINANCE_UNIT_CODE"]``)."""
    from django.conf import settings

    code = settings.PORTAL["FINANCE_UNIT_CODE"]
    return bool(user.is_authenticated and user.unit_id and user.unit.code == code)


belongs_to_unit = is_users_unit


reads_all_budgets = reads_all_units | works_in_finance

# The object is the unit.
rules.add_perm("campaigns.view_budget", reads_all_budgets | can_reach_unit)
rules.add_perm("campaigns.change_budget", is_unit_member_who_edits & belongs_to_unit)
rules.add_perm("campaigns.view_budget_totals", reads_all_budgets)


@rules.predicate
def keeps_the_budget(user, spending):
    """The object is a spending (or one about to be recorded): the unit's own editors and
    heads keep its budget of a year in which the unit exists."""
    if spending is None:
        return False
    unit = spending.unit
    return unit.is_active_in(spending.year) and user.has_perm("campaigns.change_budget", unit)


for action in ("add", "change", "delete"):
    rules.add_perm(f"campaigns.{action}_budgetspending", keeps_the_budget)
