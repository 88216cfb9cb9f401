"""Who may do what: the printable documents (PDF and xlsx, ``reports/documents.py``).

- A unit's list of exemplars: whoever reaches the unit (its own staff, the district over a
  commune, Home Affairs, leaders, administrators); other units are 404 in the view.
- An exemplar's profile: whoever reaches the exemplar (registry rules); personal data only
  with ``registry.view_personal_data_exemplar``.
- The quota compliance report: Home Affairs, leaders and administrators.
"""

import rules

from registry import rules as registry_rules

rules.add_perm("reports.print_unit_exemplars", registry_rules.can_reach_unit)
rules.add_perm("reports.print_exemplar_profile", registry_rules.can_view_exemplar)
rules.add_perm("reports.print_quota_compliance", registry_rules.reads_all_units)
