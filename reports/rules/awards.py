"""Who may do what: commendation proposals and introductions to the media.

A unit's editors and heads propose their own unit's accepted exemplars; Home Affairs proposes
any, appraises and records the decision. Leaders and administrators read every proposal;
others read those within their reach (``reports.selectors``; out of reach is a 404).
Home Affairs introduces exemplars to the media; the staff of an outlet's unit read what was
introduced to it. Award forms are reference data kept by administrators in the admin.
"""

import rules

from registry.rules import (
    for_any_or_own_unit,
    grant,
    in_users_unit,
    is_accepted_exemplar,
    is_administrator,
    is_home_affairs,
    is_in_reach,
    is_unit_member_who_edits,
    keep_reference,
    record_is,
)

may_propose = is_home_affairs | is_unit_member_who_edits

# Without an object: may the user propose at all? With an exemplar: this one?
rules.add_perm("reports.add_awardproposal", may_propose)
rules.add_perm(
    "reports.propose_exemplar", is_accepted_exemplar & for_any_or_own_unit(is_home_affairs)
)
rules.add_perm("reports.view_awardproposal", is_in_reach)
rules.add_perm(
    "reports.change_awardproposal",
    is_in_reach
    & record_is("is_editable_proposal", lambda proposal: proposal.is_editable)
    & for_any_or_own_unit(is_home_affairs, in_users_unit("proposing_unit_id")),
)
# The signed scans of a proposal's dossier (its achievement report, letter, minutes,
# proofs), at any stage: the proposing unit's editors and heads, and Home Affairs.
rules.add_perm(
    "reports.add_proposalfile",
    is_in_reach & for_any_or_own_unit(is_home_affairs, in_users_unit("proposing_unit_id")),
)
rules.add_perm("reports.view_mediaintroduction", is_in_reach)
# A decision is read by whoever reaches one of the awards it confers (its scope).
rules.add_perm("reports.view_awarddecision", is_in_reach)
# Which state allows an appraisal or a decision is the business of the proposals' table of
# moves (``reports.awards.PROPOSAL_MOVES``).
grant(
    is_home_affairs,
    "reports",
    *("appraise_awardproposal", "decide_awardproposal"),
    *("add_mediaintroduction", "change_mediaintroduction"),
)
# Award forms: every signed-in user reads them, administrators keep them (in the admin).
keep_reference(
    "reports",
    *("awardform", "legaldocument", "awardtrack", "basesalary", "cashrate", "dossierpart"),
    *("awarddossierpart", "awardcondition"),
)
# The admin shows the reports app to administrators (set, not added: other areas may too).
rules.set_perm("reports", is_administrator)
