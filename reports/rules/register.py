"""Who may do what: signers, issuing documents and the register of issued documents.

- A unit's signers: its unit head and administrators keep them; Home Affairs keeps those of
  the Department of Home Affairs, whose documents it issues.
- Issuing: a unit's editors and heads issue its own documents (its report of exemplars, an
  exemplar's report, its submission to Home Affairs); Home Affairs issues the province's
  (the yearly report, the quota report, the submission to the chair, the overview).
- The register: whoever reaches the unit reads its issued documents.
"""

import rules

from registry.rules import (
    ACTIONS,
    can_reach_unit,
    grant,
    is_administrator,
    is_home_affairs,
    is_unit_head,
    is_unit_member_who_edits,
    is_users_unit,
    reads_all_units,
)

from ..documents import HOME_AFFAIRS_UNIT_CODE


@rules.predicate
def is_home_affairs_unit(user, unit):
    return unit is not None and unit.code == HOME_AFFAIRS_UNIT_CODE


issues_for_home_affairs = is_home_affairs & is_home_affairs_unit

rules.add_perm(
    "reports.manage_signers",
    (is_unit_head & is_users_unit) | is_administrator | issues_for_home_affairs,
)
rules.add_perm(
    "reports.issue_document", (is_unit_member_who_edits & is_users_unit) | issues_for_home_affairs
)
grant(can_reach_unit, "reports", "view_signers", "view_register")
rules.add_perm("reports.view_all_registers", reads_all_units)
grant(is_administrator, "reports", "view_issueddocument", *(f"{a}_signer" for a in ACTIONS))
# Without an object: may the user issue the province's documents (for the buttons)?
rules.add_perm("reports.issue_province_document", is_home_affairs)
