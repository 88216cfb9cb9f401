"""Commendation proposals: their table of moves, the one way their status changes.

A proposal is sent "awaiting appraisal" (its creation). Home Affairs appraises it: agreed,
not agreed or needing more (the last two with the reason, kept as the appraisal notes), and
may appraise it again until the award is conferred. The proposer completes a proposal that
is awaiting appraisal or needs more, which sends it back to appraisal. Once agreed, Home
Affairs records the decision that confers the award. Who may act is ``reports/rules/awards.py``;
from which state, ``PROPOSAL_MOVES``.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.moves import Move, Moves, stamp

from .models import AwardDecision, AwardProposal

Status = AwardProposal.Status

# The fields the decision records, and those the proposer completes.
DECISION_FIELDS = ("decision_number", "decision_date", "decision_signer")
# Recorded with the decision when given: the group the yearly statistics count the recipient in.
DECISION_EXTRAS = ("recipient_group",)
PROPOSER_FIELDS = ("exemplar", "award", "year", "track", "proposing_unit", "reasons")


def decision_of(proposal: AwardProposal, by) -> AwardDecision:
    """The decision that ``proposal``'s number, date and award level name: the one made on
    its first award, else a new one recorded ``by`` this user."""
    decision, _created = AwardDecision.objects.get_or_create(
        number=proposal.decision_number.strip(),
        date=proposal.decision_date,
        level=proposal.award.level,
        defaults={"signer": proposal.decision_signer, "created_by": by},
    )
    return decision


def _decide(step):
    _set((*DECISION_FIELDS, *DECISION_EXTRAS))(step)
    step.obj.decision = decision_of(step.obj, step.by)
    step.fields.add("decision")


def _set(names):
    def apply(step):
        for name, value in step.data.items():
            if name in names:
                setattr(step.obj, name, value)
                step.fields.add(name)

    return apply


_NO_LONGER_APPRAISED = _("A conferred proposal is no longer appraised.")


def _appraisal(name, outcome, *, reason_required):
    return Move(
        name,
        outcome.label,
        frozenset(Status.appraisable()),
        outcome,
        "reports.appraise_awardproposal",
        reason_required=reason_required,
        refusal=_NO_LONGER_APPRAISED,
        apply=stamp(
            by="appraised_by", at="appraised_on", reason="appraisal_notes", when=timezone.localdate
        ),
    )


PROPOSAL_MOVES = Moves(
    [
        _appraisal("agree", Status.AGREED, reason_required=False),
        _appraisal("disagree", Status.NOT_AGREED, reason_required=True),
        _appraisal("ask_for_more", Status.NEEDS_MORE, reason_required=True),
        Move(
            "complete",
            _("Completed and sent back to appraisal"),
            frozenset(Status.editable()),
            Status.PROPOSED,
            "reports.change_awardproposal",
            takes_reason=False,
            refusal=_("This proposal is already appraised."),
            apply=_set(PROPOSER_FIELDS),
        ),
        Move(
            "confer",
            _("Record the decision"),
            frozenset({Status.AGREED}),
            Status.CONFERRED,
            "reports.decide_awardproposal",
            takes_reason=False,
            refusal=_("A decision is recorded for an agreed proposal."),
            apply=_decide,
        ),
    ],
    reason_message=_("Say why, so that the unit knows what to do."),
)
# The move that records each outcome of an appraisal.
APPRAISAL_MOVES = {
    Status.AGREED: "agree",
    Status.NOT_AGREED: "disagree",
    Status.NEEDS_MORE: "ask_for_more",
}


def proposal_appraise(*, proposal, by, outcome: str, notes: str = "") -> AwardProposal:
    """Record Home Affairs' appraisal of ``proposal`` (``outcome``: one of
    ``Status.outcomes()``; ``notes`` are required unless it is agreed).

    Side effects: the status, the notes, who appraised it and the day; a history entry.
    Raises ``MoveNotAllowed`` once the award is conferred, ``ReasonMissing`` or
    ``PermissionDenied``.
    """
    return PROPOSAL_MOVES.make(proposal, APPRAISAL_MOVES[outcome], by=by, reason=notes).obj


def proposal_complete(*, proposal, by, changes: dict) -> AwardProposal:
    """Save the proposer's ``changes`` (field → value) to ``proposal``, which goes back to
    appraisal; a history entry. Raises ``MoveNotAllowed`` once it is appraised (agreed, not
    agreed or conferred) or ``PermissionDenied``."""
    return PROPOSAL_MOVES.make(proposal, "complete", by=by, data=changes).obj


def proposal_confer(*, proposal, by, decision: dict) -> AwardProposal:
    """Record the decision (number, date, signer; the recipient's group in the statistics
    when ``decision`` gives it) that confers the award of an agreed ``proposal``; a history
    entry. Raises ``MoveNotAllowed`` unless it is agreed, or
    ``PermissionDenied``."""
    return PROPOSAL_MOVES.make(proposal, "confer", by=by, data=decision).obj
