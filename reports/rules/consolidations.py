"""Who may do what: the yearly consolidation and its documents.

The consolidation counts every unit's exemplars: provincial leaders, Home Affairs and
administrators read it and its published versions (``reads_all_units``); only Home Affairs
builds, publishes and reopens it. The commendation proposal list (with its submission letter)
is printed by those who propose (their own unit's proposals) and by those who read every
unit (all proposals).
"""

import rules

from registry.rules import grant, is_administrator, is_home_affairs, reads_all_units

from .awards import may_propose

rules.add_perm("reports.view_consolidation", reads_all_units)
grant(
    is_home_affairs, "reports", "add_consolidation", "publish_consolidation", "reopen_consolidation"
)
rules.add_perm("reports.print_proposal_list", may_propose | reads_all_units)

# Rendered documents: administrators read and delete them in the admin (to render again).
grant(is_administrator, "reports", "view_documentrender", "delete_documentrender")
