"""Who may do what: the yearly statistics on emulation and commendation.

The province's forms (every unit's records) are read by those who read every unit: Home
Affairs, the provincial leaders and administrators. A unit's editors, heads and a district's
reviewers read the forms of their own reach (0601–0603); the forms of the emulation bodies
and their staff (0604, 0605) are the province's alone. The media have no statistics to
report.
"""

import rules

from registry.rules import is_district_reviewer, is_unit_editor, is_unit_head, reads_all_units


@rules.predicate
def has_a_unit(user) -> bool:
    return bool(getattr(user, "unit_id", None))


reports_for_own_reach = (is_unit_editor | is_unit_head | is_district_reviewer) & has_a_unit

rules.add_perm("reports.view_statistics", reads_all_units | reports_for_own_reach)
rules.add_perm("reports.view_province_statistics", reads_all_units)
