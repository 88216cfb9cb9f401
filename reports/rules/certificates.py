"""Who may do what: certificate blanks, their calibration page, and printing certificates.

Home Affairs and the administrators keep the blanks (with their fields); Home Affairs,
leaders and administrators read every blank, a unit's staff the blanks their unit keeps
(the scope: ``reports.models.certificates.blank_scope``). Home Affairs prints on any blank in
use, a unit's staff on their own unit's; administrators and leaders do not print. A blank
that has printed is kept (made not in use), never deleted.
"""

import rules

from registry.rules import (
    grant,
    in_users_unit,
    is_administrator,
    is_home_affairs,
    is_in_reach,
    keeps_own_units_exemplars,
    reads_all_units,
    record_is,
)


@rules.predicate
def unit_keeps_a_blank(user):
    from ..models import CertificateBlank

    return bool(user.unit_id) and CertificateBlank.objects.filter(unit_id=user.unit_id).exists()


keeps_blanks = is_home_affairs | is_administrator
is_blank_in_use = record_is("is_blank_in_use", lambda blank: blank.active)
has_not_printed = record_is("has_not_printed", lambda blank: not blank.prints.exists())
# Without an object: may the user print at all (the buttons)? With a blank: on this one?
prints_for_own_unit = keeps_own_units_exemplars & in_users_unit("unit_id")

rules.add_perm(
    "reports.view_certificate_blanks",
    reads_all_units | (keeps_own_units_exemplars & unit_keeps_a_blank),
)
rules.add_perm("reports.view_certificateblank", is_in_reach)
rules.add_perm("reports.add_certificateblank", keeps_blanks)
rules.add_perm("reports.change_certificateblank", is_in_reach & keeps_blanks)
rules.add_perm("reports.delete_certificateblank", is_in_reach & keeps_blanks & has_not_printed)
rules.add_perm("reports.print_certificates", is_home_affairs | keeps_own_units_exemplars)
rules.add_perm(
    "reports.print_certificateblank",
    is_in_reach & is_blank_in_use & (is_home_affairs | prints_for_own_unit),
)
rules.add_perm(
    "reports.calibrate_certificateblank",
    is_in_reach & (keeps_blanks | is_home_affairs | prints_for_own_unit),
)
# A blank's fields go with it (the admin's inline).
grant(keeps_blanks, "reports", *(f"{a}_certificatefield" for a in ("view", "add", "change")))
rules.add_perm("reports.delete_certificatefield", keeps_blanks)
# What was printed is a register: read by those who reach the blank, changed by no one.
rules.add_perm("reports.view_certificateprint", is_in_reach)
