"""Commendation proposals: their table of moves, the one way their status changes.

A proposal is sent "awaiting appraisal" (its creation, ``proposal_send``), unless the
award's conditions judged against the subject's history are not met (``reports.conditions``):
it is then saved but held ("held: conditions not met") until the proposer completes it so
that they are, or Home Affairs allows it despite them with a reason (the "override" move,
which sends it to appraisal); Home Affairs' own proposals are held the same way. Each
judgement is kept as it was (``ConditionCheck``). Home Affairs appraises it: agreed,
not agreed or needing more (the last two with the reason, kept as the appraisal notes), and
may appraise it again until the award is conferred. The proposer completes a proposal that
is awaiting appraisal or needs more, which sends it back to appraisal. Once agreed, Home
Affairs records the decision that confers the award. Who may act is ``reports/rules/awards.py``;
from which state, ``PROPOSAL_MOVES``.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.moves import Move, MoveError, Moves, stamp

from . import conditions
from .models import AwardDecision, AwardProposal, ConditionCheck, Initiative

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
Occasion = ConditionCheck.Occasion
KEY_FIELDS = ("exemplar", "award", "year")
OVERRIDE_FIELDS = ("override_reason", "overridden_by", "overridden_at")


def judge(proposal: AwardProposal, *, by, occasion) -> conditions.Evaluation:
    """Judge ``proposal``'s conditions now, note the verdict on it (not saved) and keep the
    whole evaluation (a ``ConditionCheck`` once the proposal has a row)."""
    evaluation = conditions.evaluate(proposal)
    proposal.conditions = evaluation.verdict
    if proposal.pk is not None:
        ConditionCheck.objects.create(
            proposal=proposal,
            occasion=occasion,
            verdict=evaluation.verdict,
            data=evaluation.as_data(),
            checked_by=by,
        )
    return evaluation


def _not_twice(step):
    """The subject is not proposed twice for an award (or a form counted as it) for a year,
    nor for one it already holds for that year: checked again under the lock."""
    proposal = step.obj
    values = {name: step.data.get(name, getattr(proposal, name)) for name in KEY_FIELDS}
    refusal = conditions.double_award(**values, leaving_out=proposal)
    if refusal:
        raise MoveError(refusal)


# How the history names a completion that stays held.
_HELD = Move(
    "complete_held",
    _("Completed; held: conditions not met"),
    frozenset(),
    Status.HELD,
)


def _complete(step):
    proposal = step.obj
    before = [getattr(proposal, f"{name}_id", getattr(proposal, name)) for name in KEY_FIELDS]
    _set(PROPOSER_FIELDS)(step)
    after = [getattr(proposal, f"{name}_id", getattr(proposal, name)) for name in KEY_FIELDS]
    if before != after and proposal.is_overridden:
        # Home Affairs allowed this subject, award and year: not another.
        proposal.override_reason, proposal.overridden_by, proposal.overridden_at = "", None, None
        step.fields |= set(OVERRIDE_FIELDS)
    evaluation = judge(proposal, by=step.by, occasion=Occasion.COMPLETED)
    step.fields.add("conditions")
    if evaluation.is_not_met and not proposal.is_overridden:
        proposal.status = step.to_state = Status.HELD
        step.recorded = _HELD


def _override(step):
    stamp(by="overridden_by", at="overridden_at", reason="override_reason")(step)
    judge(step.obj, by=step.by, occasion=Occasion.OVERRIDDEN)
    step.fields.add("conditions")


def _confer(step):
    """The decision, and the initiatives the award uses up marked as counted for it."""
    _decide(step)
    proposal = step.obj
    evaluation = judge(proposal, by=step.by, occasion=Occasion.CONFERRED)
    step.fields.add("conditions")
    free = Initiative.objects.filter(
        pk__in=evaluation.initiatives_to_mark(),
        used_for__isnull=True,
        used_for_prior__isnull=True,
    )
    reason = gettext("Counted for %(award)s (%(year)s)") % {
        "award": proposal.award.name,
        "year": proposal.year,
    }
    for initiative in free.select_for_update():
        initiative.used_for = proposal
        initiative._change_reason = reason[:100]
        initiative._history_user = step.by
        initiative.save(update_fields=["used_for"])


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
            check=_not_twice,
            apply=_complete,
        ),
        Move(
            "override",
            _("Allowed despite the conditions and sent to appraisal"),
            frozenset({Status.HELD}),
            Status.PROPOSED,
            "reports.override_awardproposal",
            reason_required=True,
            refusal=_("Only a proposal held for its conditions is allowed despite them."),
            apply=_override,
        ),
        Move(
            "confer",
            _("Record the decision"),
            frozenset({Status.AGREED}),
            Status.CONFERRED,
            "reports.decide_awardproposal",
            takes_reason=False,
            refusal=_("A decision is recorded for an agreed proposal."),
            apply=_confer,
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


def proposal_send(*, proposal: AwardProposal, by) -> AwardProposal:
    """Save a new ``proposal`` made by ``by``: awaiting appraisal, or held where its
    conditions are not met (a proposal starts in one of the two; every later change of its
    status is a move of ``PROPOSAL_MOVES``).

    Side effects: the proposal with its first history entry, the check of its conditions.
    Raises ``ValidationError`` for a double award (nothing is saved).
    """
    refusal = conditions.double_award(
        exemplar=proposal.exemplar, award=proposal.award, year=proposal.year
    )
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        proposal.created_by = by
        evaluation = judge(proposal, by=by, occasion=Occasion.SENT)
        proposal.status = Status.HELD if evaluation.is_not_met else Status.PROPOSED
        proposal._history_user = by
        proposal.save()
        ConditionCheck.objects.create(
            proposal=proposal,
            occasion=Occasion.SENT,
            verdict=evaluation.verdict,
            data=evaluation.as_data(),
            checked_by=by,
        )
    return proposal


def proposal_override(*, proposal, by, reason: str) -> AwardProposal:
    """Home Affairs allows a proposal held for its conditions, with ``reason``: it goes to
    appraisal. Side effects: who, when and why on the proposal and in its history, a check
    of its conditions. Raises ``MoveNotAllowed`` unless it is held, ``ReasonMissing`` or
    ``PermissionDenied``."""
    return PROPOSAL_MOVES.make(proposal, "override", by=by, reason=reason).obj


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
    appraisal, or stays (or becomes) held where its conditions are not met and Home Affairs
    has not allowed it despite them (a change of exemplar, award or year ends that leave); a
    history entry and a check of its conditions. Raises ``MoveNotAllowed`` once it is
    appraised (agreed, not agreed or conferred), ``MoveError`` for a double award, or
    ``PermissionDenied``."""
    return PROPOSAL_MOVES.make(proposal, "complete", by=by, data=changes).obj


def proposal_confer(*, proposal, by, decision: dict) -> AwardProposal:
    """Record the decision (number, date, signer; the recipient's group in the statistics
    when ``decision`` gives it) that confers the award of an agreed ``proposal``; a history
    entry and a check of its conditions; the initiatives the award uses up are marked as
    counted for it, in the same transaction. Raises ``MoveNotAllowed`` unless it is agreed,
    or ``PermissionDenied``."""
    return PROPOSAL_MOVES.make(proposal, "confer", by=by, data=decision).obj
