"""Who may do what: the emulation and commendation funds and their ledgers.

Home Affairs keeps the province's fund (the fund of the unit at the top of the tree); a
unit's editors and heads keep their own unit's fund. Whoever reaches a fund's unit reads its
ledger (leaders, administrators and Home Affairs read every fund); media staff read none
(the scope and the list's permission). An inactive fund is read only. A decision's cash is
computed, never typed: its entry is removed and recorded again, not edited.
"""

import rules

from registry.rules import (
    in_users_unit,
    is_home_affairs,
    is_in_reach,
    is_media,
    is_unit_member_who_edits,
    record_is,
)


def fund_of(record):
    """The fund of an entry, or the fund itself."""
    return getattr(record, "fund", record)


is_provincial_fund = record_is("is_provincial_fund", lambda record: fund_of(record).is_provincial)
is_active_fund = record_is("is_active_fund", lambda record: fund_of(record).active)
is_typed_entry = record_is("is_typed_entry", lambda entry: not entry.is_payout)

keeps_fund = (is_home_affairs & is_provincial_fund) | (
    is_unit_member_who_edits & in_users_unit("unit_id", through=fund_of)
)

rules.add_perm("reports.view_funds", ~is_media)
rules.add_perm("reports.view_fund", ~is_media & is_in_reach)
# Without an object: may the user open a fund at all (for the buttons and the form)?
rules.add_perm("reports.add_fund", is_home_affairs | is_unit_member_who_edits)
rules.add_perm("reports.change_fund", is_in_reach & keeps_fund)
rules.add_perm("reports.view_fundentry", ~is_media & is_in_reach)
# Asked of the fund: a new entry, and recording a decision's cash into it.
rules.add_perm("reports.add_fundentry", is_in_reach & keeps_fund & is_active_fund)
rules.add_perm("reports.record_payouts", is_in_reach & keeps_fund & is_active_fund)
rules.add_perm(
    "reports.change_fundentry", is_in_reach & keeps_fund & is_active_fund & is_typed_entry
)
rules.add_perm("reports.delete_fundentry", is_in_reach & keeps_fund & is_active_fund)


@rules.predicate
def keeps_paying_fund(user, decision):
    """The user keeps the fund that pays ``decision``'s cash (open or not yet); where no
    fund the portal keeps pays it, Home Affairs reads why."""
    from ..fund import NoFund, paying_unit
    from ..models import Fund

    if decision is None:
        return False
    try:
        unit = paying_unit(decision)
    except NoFund:
        return bool(is_home_affairs(user))
    return bool(keeps_fund.test(user, Fund(unit=unit)))


# The page that records a decision's cash lists every award of the decision: for those who
# keep the fund that pays it.
rules.add_perm("reports.record_payouts_of", is_in_reach & keeps_paying_fund)
