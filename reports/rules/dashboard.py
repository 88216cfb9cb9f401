"""Who may do what: dashboard.

The leaders' dashboard reads every unit's figures: provincial leaders, Home Affairs and
administrators (``registry.rules.reads_all_units``), read-only.
"""

import rules

from registry.rules import reads_all_units

rules.add_perm("reports.view_dashboard", reads_all_units)
