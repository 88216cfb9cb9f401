"""Who may do what: commendation proposals and introductions to the media.

A unit's editors and heads propose their own unit's accepted exemplars; Home Affairs proposes
any, appraises and records the decision. Leaders and administrators read every proposal;
others read those within their reach (``reports.selectors``; out of reach is a 404).
Home Affairs introduces exemplars to the media; the staff of an outlet's unit read what was
introduced to it. Award forms are reference data kept by administrators in the admin.
"""

import rules

from registry.enums import ExemplarStatus
from registry.rules import (
    is_administrator,
    is_home_affairs,
    is_unit_member_who_edits,
)


@rules.predicate
def is_accepted_exemplar(user, exemplar):
    return exemplar is not None and exemplar.status == ExemplarStatus.ACCEPTED


@rules.predicate
def belongs_to_exemplars_unit(user, exemplar):
    return exemplar is not None and user.unit_id == exemplar.unit_id


@rules.predicate
def can_reach_proposal(user, proposal):
    from ..selectors import proposals_in_reach

    return proposal is not None and proposals_in_reach(user).filter(pk=proposal.pk).exists()


@rules.predicate
def belongs_to_proposing_unit(user, proposal):
    return proposal is not None and user.unit_id == proposal.proposing_unit_id


@rules.predicate
def is_editable_proposal(user, proposal):
    return proposal is not None and proposal.is_editable


@rules.predicate
def can_reach_introduction(user, introduction):
    from ..selectors import introductions_in_reach

    return (
        introduction is not None
        and introductions_in_reach(user).filter(pk=introduction.pk).exists()
    )


may_propose = is_home_affairs | is_unit_member_who_edits
may_propose_exemplar = is_accepted_exemplar & (
    is_home_affairs | (is_unit_member_who_edits & belongs_to_exemplars_unit)
)

# Without an object: may the user propose at all? With an exemplar: this one?
rules.add_perm("reports.add_awardproposal", may_propose)
rules.add_perm("reports.propose_exemplar", may_propose_exemplar)
rules.add_perm("reports.view_awardproposal", can_reach_proposal)
rules.add_perm(
    "reports.change_awardproposal",
    can_reach_proposal
    & is_editable_proposal
    & (is_home_affairs | (is_unit_member_who_edits & belongs_to_proposing_unit)),
)
# Which state allows an appraisal or a decision is the business of the proposals' table of
# moves (``reports.awards.PROPOSAL_MOVES``).
rules.add_perm("reports.appraise_awardproposal", is_home_affairs)
rules.add_perm("reports.decide_awardproposal", is_home_affairs)

rules.add_perm("reports.view_mediaintroduction", can_reach_introduction)
rules.add_perm("reports.add_mediaintroduction", is_home_affairs)
rules.add_perm("reports.change_mediaintroduction", is_home_affairs)

# Award forms: every signed-in user reads them, administrators keep them (in the admin).
rules.add_perm("reports.view_awardform", rules.is_authenticated)
for action in ("add", "change", "delete"):
    rules.add_perm(f"reports.{action}_awardform", is_administrator)
# The admin shows the reports app to administrators (set, not added: other areas may too).
rules.set_perm("reports", is_administrator)
