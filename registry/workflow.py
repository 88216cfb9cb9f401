"""The review workflow of exemplars: the one place where their status changes.

``MOVES`` is the table of allowed moves (a ``Moves`` table of ``exemplar_portal.base.moves``,
the one every state machine of the portal is built on): the states a move starts from,
where it leads, which permission the acting user needs (``registry/rules.py``) and whether a
comment is required. ``transition`` applies one move: it locks the row, checks the version
the user saw, the state, the permission and the comment, writes the new state, records a
``Transition`` and queues the notifications once the transaction commits. Views, imports
and any API call ``transition`` (or the small wrappers below); nothing else sets a status.

Sending records the reviewer in force that day (``Exemplar.reviewer_unit``). When that
reviewer ends with the exemplar still waiting for it, the portal itself hands the work on
(``registry.handover``), writing its step through ``write_step`` like any other.

A unit may have its head sign off what it sends (``Unit.needs_head_signoff``, set per unit
kind or unit): an editor's "submit" then leads to the head (``AWAITING_HEAD``), whose
"head_approve" sends the record where the submit would have gone and whose "head_return"
sends it back to the editor with a reason. A head who sends a record of such a unit signs it
by sending: that step is recorded as the head's approval. ``head_signoff`` reads the date
back from the steps.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base import moves

from .enums import ExemplarStatus as S
from .lineage import work_successor_on
from .models import Exemplar, Transition, Unit


class WorkflowError(moves.MoveError):
    """A move that cannot be made: wrong state, missing comment, incomplete record."""


class ConflictError(WorkflowError, moves.MoveNotAllowed):
    """Someone else changed the exemplar after the user opened it, or its state does not
    allow the move."""


class ReasonMissingError(WorkflowError, moves.ReasonMissing):
    """A move that needs a reason (return, refuse, reopen) was asked for without one."""


class IncompleteError(WorkflowError):
    """The exemplar lacks what sending needs; ``missing`` lists it (``MissingItem``)."""

    def __init__(self, missing: list["MissingItem"]):
        super().__init__([item.message for item in missing])
        self.missing = missing


@dataclass(frozen=True)
class MissingItem:
    """One thing an exemplar still lacks before it can be sent: the name of the form field
    that holds it (its anchor on the form is ``anchor``) and what to tell the user."""

    field: str
    message: str

    @property
    def anchor(self) -> str:
        return f"id_{self.field}"

    def __str__(self):
        return str(self.message)


@dataclass(frozen=True)
class Move(moves.Move):
    """A move of the review, with how its button looks and what the user is told after it."""

    style: str = "primary"
    # What the user is told once the move is made, as people say it; ``%(unit)s`` is the
    # unit the record goes to next (see ``done_message``).
    done: str = ""

    @property
    def action(self) -> str:
        return self.name

    @property
    def comment_required(self) -> bool:
        return self.reason_required

    @property
    def takes_comment(self) -> bool:
        # Whether the move records the user's comment at all: the record's page asks for
        # one only where a move on offer takes it.
        return self.takes_reason


def sending_unit(exemplar: Exemplar, day: datetime.date | None = None) -> Unit:
    """The unit that sends ``exemplar`` on ``day`` (default today): its own unit, or for a
    unit that has ended, the unit carrying on its work that day."""
    day = day or timezone.localdate()
    unit = exemplar.unit
    if not unit.is_active_on(day):
        unit = work_successor_on(unit, day) or unit
    return unit


def reviewer_on_sending(exemplar: Exemplar, day: datetime.date | None = None) -> Unit | None:
    """The unit that endorses ``exemplar`` if it is sent on ``day`` (default today), or
    ``None`` when it goes straight to Home Affairs.

    Who reviews whom is data and follows dates: the exemplar's unit's reviewer in force that
    day (a district until 30/6/2025). For a unit that has ended, the unit carrying on its
    work that day is the one whose reviewer counts.
    """
    day = day or timezone.localdate()
    return sending_unit(exemplar, day).reviewing_unit_on(day)


def head_signs_off(exemplar: Exemplar, day: datetime.date | None = None) -> bool:
    """Whether the unit sending ``exemplar`` on ``day`` has its head sign off what it sends
    (``Unit.needs_head_signoff``): an editor's submit then goes to the head first."""
    return sending_unit(exemplar, day).needs_head_signoff


def signs_by_sending(exemplar: Exemplar, user) -> bool:
    """Whether ``user`` sending ``exemplar`` signs it off at the same time: its unit signs off
    and ``user`` is one of the heads who may (a head's own submit goes straight on)."""
    return head_signs_off(exemplar) and user.has_perm("registry.sign_off_exemplar", exemplar)


def _status_on_sending(reviewer: Unit | None) -> S:
    return S.SUBMITTED_TO_DISTRICT if reviewer is not None else S.UNDER_REVIEW


def _after_submit(exemplar: Exemplar, by=None) -> S:
    """Where a submit leads: to the unit head where the unit signs off (unless ``by`` is a
    head, who signs by sending), else on."""
    if head_signs_off(exemplar) and not (by is not None and signs_by_sending(exemplar, by)):
        return S.AWAITING_HEAD
    return _after_sign_off(exemplar)


def _after_sign_off(exemplar: Exemplar, by=None) -> S:
    return _status_on_sending(reviewer_on_sending(exemplar))


def _after_hand_over(exemplar: Exemplar, by=None) -> S:
    # The hand-over has set the reviewer carrying on the work, if any.
    return _status_on_sending(exemplar.reviewer_unit)


def _complete(step: moves.Step) -> None:
    missing = completeness_errors(step.obj)
    if missing:
        raise IncompleteError(missing)


def _sent_on(step: moves.Step) -> None:
    """A record sent on from its unit (by a submit where no one signs off, or by the head's
    approval) records the reviewer in force today; a head who sends a record of a unit that
    signs off signs it by sending, and the step says so."""
    if step.to_state == S.AWAITING_HEAD:
        return
    locked = step.obj
    if step.move.name == "submit" and head_signs_off(locked):
        step.recorded = MOVES["head_approve"]
    # The reviewer in force on the day of sending is recorded: it alone endorses or returns
    # the exemplar, whatever becomes of the unit tree afterwards. Moves back to the unit or
    # on to Home Affairs leave it as it was.
    reviewer = reviewer_on_sending(locked)
    # A district that endorsed the record before it ended keeps the record as its own
    # endorsement (it counts toward the district's quota of that year) when the record is
    # sent again with no reviewer in force.
    endorsed = reviewer is None and locked.transitions.filter(action="endorse").exists()
    if not endorsed:
        locked.reviewer_unit = reviewer
        step.fields.add("reviewer_unit")


def _stamp(step: moves.Step) -> None:
    step.obj.status_changed_at = timezone.now()
    step.fields.add("status_changed_at")


def _record_step(step: moves.Step) -> Transition:
    return Transition.objects.create(
        exemplar=step.obj,
        action=step.name,
        from_status=step.from_state,
        to_status=step.to_state,
        by=step.by,
        comment=step.reason,
    )


def _tell(step: moves.Step) -> None:
    # The portal's own steps (a hand-over) tell the people concerned in their own words.
    if not step.move.is_system:
        from .notifications import notify_transition

        notify_transition(step.record)


def _lock(exemplar: Exemplar) -> Exemplar:
    return (
        Exemplar.objects.select_for_update(of=("self",))
        .select_related("unit__parent__kind", "unit__kind", "reviewer_unit")
        .get(pk=exemplar.pk)
    )


def _on(name, label, sources, target, permission, done, **options) -> Move:
    """A move that sends the record on (to the next reviewer, or into the list)."""
    return Move(name, label, frozenset(sources), target, permission, done=done, **options)


def _back(name, label, sources, target, permission, done, style="warning") -> Move:
    """A move that sends the record back, refuses or reopens it: a reason is required."""
    return _on(name, label, sources, target, permission, done, style=style, reason_required=True)


SIGN_OFF, DISTRICT, REVIEW = (
    "registry.sign_off_exemplar",
    "registry.district_review_exemplar",
    "registry.review_exemplar",
)
RETURNED_TO_UNIT = _("The record has been returned to %(unit)s with the reason.")

MOVES = moves.Moves(
    [
        _on(
            "submit",
            _("Submit"),
            {S.DRAFT, S.RETURNED_BY_HEAD, S.RETURNED_BY_DISTRICT, S.RETURNED},
            _after_submit,
            "registry.submit_exemplar",
            _("The record has been sent to %(unit)s."),
            takes_reason=False,
            check=_complete,
            apply=_sent_on,
        ),
        _on(
            "head_approve",
            _("Approve and send"),
            {S.AWAITING_HEAD},
            _after_sign_off,
            SIGN_OFF,
            _("The record has been signed off and sent to %(unit)s."),
            check=_complete,
            apply=_sent_on,
            style="success",
        ),
        _back(
            "head_return",
            _("Return to the editor"),
            {S.AWAITING_HEAD},
            S.RETURNED_BY_HEAD,
            SIGN_OFF,
            _("The record has been returned to the editor of %(unit)s with the reason."),
        ),
        _on(
            "endorse",
            _("Endorse and send to Home Affairs"),
            {S.SUBMITTED_TO_DISTRICT},
            S.UNDER_REVIEW,
            DISTRICT,
            _("The record has been endorsed and sent to %(unit)s."),
            style="success",
        ),
        _back(
            "district_return",
            _("Return to the commune"),
            {S.SUBMITTED_TO_DISTRICT},
            S.RETURNED_BY_DISTRICT,
            DISTRICT,
            RETURNED_TO_UNIT,
        ),
        _on(
            "accept",
            _("Accept"),
            {S.UNDER_REVIEW},
            S.ACCEPTED,
            REVIEW,
            _("The record has been accepted into the province's list of exemplars."),
            style="success",
        ),
        _back(
            "return",
            _("Return for completion"),
            {S.UNDER_REVIEW},
            S.RETURNED,
            REVIEW,
            RETURNED_TO_UNIT,
        ),
        _back(
            "refuse",
            _("Refuse"),
            {S.UNDER_REVIEW},
            S.REFUSED,
            REVIEW,
            _("The record has been refused; %(unit)s is told the reason."),
            style="danger",
        ),
        _back(
            "reopen",
            _("Reopen for changes"),
            {S.ACCEPTED, S.REFUSED},
            S.RETURNED,
            REVIEW,
            _("The record has been reopened for %(unit)s to change it."),
            style="secondary",
        ),
        # The portal's own: the work of a reviewer that ended is handed on to the reviewer
        # carrying on its work, or to Home Affairs (``registry.handover``, which chooses the
        # records and the new reviewer and writes the step through ``write_step``).
        Move(
            "hand_over",
            _("Handed over by the portal"),
            frozenset({S.SUBMITTED_TO_DISTRICT}),
            _after_hand_over,
        ),
    ],
    lock=_lock,
    not_allowed=ConflictError,
    reason_missing=ReasonMissingError,
    refusal=_("This exemplar is “%(status)s”: “%(action)s” is not possible now."),
    reason_message=_("Please give the reason in the comment."),
    conflict=_(
        "Someone else changed this exemplar while you had it open (it is now "
        "“%(status)s”). Nothing was saved: reload the page and check again."
    ),
    version_field="version",
    apply=_stamp,
    record=_record_step,
    notify=_tell,
)


def moves_for(exemplar: Exemplar, user) -> list[Move]:
    """The moves ``user`` may make on ``exemplar`` as it stands (for buttons)."""
    return MOVES.available(exemplar, user)


# What sending needs besides the evidence for each criterion and the consent to publication:
# the subject's own fields by kind, then what every record has. The form marks the same
# fields "needed to send" (``fields_needed_to_send``).
SUBJECT_FIELDS_TO_SEND = {
    "individual": ["full_name", "gender", "birth_year", "position", "workplace"],
    "collective": ["collective_name", "head_name", "member_count"],
    "household": ["household_head", "household_address", "household_members"],
}
COMMON_FIELDS_TO_SEND = ["achievements", "new_model", "contact_name", "contact_phone"]


def fields_needed_to_send() -> set[str]:
    """The names of the form's fields that sending needs (for every subject kind; the
    general criteria's evidence fields are named after their criterion, ``evidence_<id>``)."""
    names = {name for names in SUBJECT_FIELDS_TO_SEND.values() for name in names}
    return names | set(COMMON_FIELDS_TO_SEND) | {"specific_evidence", "publication_consent"}


def completeness_errors(exemplar: Exemplar, criteria=None) -> list[MissingItem]:
    """What is still missing before the exemplar can be sent (empty when complete), in the
    order of the form, each with the form field that holds it. Sending refuses an
    incomplete record with this list, and the record's page shows it.

    ``criteria``: ``exemplar.criteria_with_evidence()`` when the caller has it already (the
    record's page); else it is read here."""
    missing = []
    required = SUBJECT_FIELDS_TO_SEND[exemplar.subject_kind] + COMMON_FIELDS_TO_SEND
    for name in required:
        if getattr(exemplar, name) in (None, ""):
            field = Exemplar._meta.get_field(name)
            missing.append(
                MissingItem(
                    name,
                    _("%(field)s is missing.") % {"field": field.verbose_name.capitalize()},
                )
            )
    if criteria is None:
        criteria = exemplar.criteria_with_evidence()
    for criterion, evidence in criteria:
        if evidence:
            continue
        if criterion.field_id:
            missing.append(
                MissingItem(
                    "specific_evidence",
                    _(
                        "Evidence for the specific criterion of the field "
                        "“%(number)s. %(field)s” is missing."
                    )
                    % {"number": criterion.number, "field": criterion.field.name},
                )
            )
        else:
            missing.append(
                MissingItem(
                    f"evidence_{criterion.pk}",
                    _("Evidence for general criterion %(number)s is missing.")
                    % {"number": criterion.number},
                )
            )
    if not exemplar.publication_consent:
        missing.append(
            MissingItem("publication_consent", _("The consent to publication has not been given."))
        )
    return missing


def has_head(exemplar: Exemplar) -> bool:
    """Whether the unit sending ``exemplar`` has an active head in the portal to sign it off
    (a unit that signs off without one leaves its editors' records waiting)."""
    from .enums import Role

    return sending_unit(exemplar).users.filter(role=Role.UNIT_HEAD, is_active=True).exists()


def destination_name(reviewer: Unit | None) -> str:
    """Where a record sent to ``reviewer`` goes, as a user reads it: the reviewing unit's
    name, or the Department of Home Affairs when no one endorses it first."""
    return reviewer.name if reviewer is not None else str(_("Department of Home Affairs"))


def head_name(exemplar: Exemplar) -> str:
    """The unit head who signs ``exemplar`` off, as a user reads it: "the head of Sở Y tế"."""
    return _("the head of %(unit)s") % {"unit": sending_unit(exemplar).name}


def sending_to(exemplar: Exemplar, user) -> str:
    """Where ``user``'s submit of ``exemplar`` sends it, as the user reads it: the unit head
    where the unit signs off (unless ``user`` is a head, who signs by sending), else the
    next reviewer."""
    if head_signs_off(exemplar) and not signs_by_sending(exemplar, user):
        return head_name(exemplar)
    return destination_name(reviewer_on_sending(exemplar))


def done_message(action: str, exemplar: Exemplar) -> str:
    """What the user is told after making ``action`` on ``exemplar`` (as it now is): the
    move's own sentence, naming the unit the record has gone to."""
    move = MOVES[action]
    if not move.done:
        return _("Done: %(action)s.") % {"action": move.label}
    if exemplar.status == S.AWAITING_HEAD:
        unit = head_name(exemplar)
    elif exemplar.status == S.SUBMITTED_TO_DISTRICT:
        unit = destination_name(exemplar.reviewer_unit)
    elif exemplar.status == S.UNDER_REVIEW:
        unit = destination_name(None)
    else:
        unit = exemplar.unit.name
    return move.done % {"unit": unit}


def transition(
    *, exemplar: Exemplar, action: str, by, comment: str = "", expected_version: int | None = None
) -> Exemplar:
    """Apply one move of the workflow and return the exemplar as it now is.

    Side effects: updates the exemplar (status, version, status_changed_at, and the reviewer
    when it is sent on), writes one ``Transition`` and a history entry, and on commit queues
    portal notifications and e-mails (``registry.notifications.notify_transition``). Raises
    ``PermissionDenied``, ``ConflictError`` (someone else changed it first, or its state does
    not allow the move), ``ReasonMissingError``, ``IncompleteError`` or ``WorkflowError``.
    """
    move = MOVES.get(action)
    if move is None or move.is_system:
        raise WorkflowError(_("Unknown action."))
    step = MOVES.make(exemplar, action, by=by, reason=comment, expected_version=expected_version)
    return step.obj


# The steps that send a record on from its unit: an editor's or head's submit, or the head's
# approval of an editor's submit. The latest of them tells whether the head signed it off.
SENDING_ON = ("submit", "head_approve")
# Statuses in which the record, as last sent on from its unit, is with its reviewers.
BEYOND_THE_UNIT = frozenset({S.SUBMITTED_TO_DISTRICT, S.UNDER_REVIEW, S.ACCEPTED, S.REFUSED})


def head_signoff(exemplar: Exemplar, transitions=None) -> Transition | None:
    """The unit head's sign-off of ``exemplar`` as it now stands with its reviewers: the step
    that last sent it on from its unit, when it was the head's approval (or the head's own
    sending, recorded as such); ``None`` when an editor sent it without one, or the record
    is back in its unit (returned, awaiting the head). ``transitions``: the exemplar's steps
    in order, if already read."""
    if exemplar.status not in BEYOND_THE_UNIT:
        return None
    if transitions is None:
        transitions = exemplar.transitions.select_related("by").order_by("at", "pk")
    sending = [
        step
        for step in transitions
        if step.action in SENDING_ON and step.to_status != S.AWAITING_HEAD
    ]
    if not sending or sending[-1].action != "head_approve":
        return None
    return sending[-1]


def with_head_signoff(exemplars):
    """``exemplars`` annotated with ``head_signed_off_at``: the moment of the unit head's
    sign-off of each as it now stands with its reviewers (see ``head_signoff``), or None.
    One subquery, for lists and documents."""
    from django.db.models import Case, F, OuterRef, Subquery, When

    last_sent = (
        Transition.objects.filter(exemplar=OuterRef("pk"), action__in=SENDING_ON)
        .exclude(to_status=S.AWAITING_HEAD)
        .order_by("-at", "-pk")
    )
    return exemplars.annotate(
        last_sent_action=Subquery(last_sent.values("action")[:1]),
        last_sent_at=Subquery(last_sent.values("at")[:1]),
    ).annotate(
        head_signed_off_at=Case(
            When(
                last_sent_action="head_approve",
                status__in=BEYOND_THE_UNIT,
                then=F("last_sent_at"),
            ),
            default=None,
        )
    )


def write_step(
    locked: Exemplar,
    *,
    action: str,
    to_status: S,
    by=None,
    comment: str = "",
    update_fields: list[str] | None = None,
) -> Transition:
    """Write one step of the portal's own (``action``: a move without a permission, such as
    ``hand_over``) on an exemplar the caller has locked and checked, inside its transaction:
    the ``Transition``, the new status, the time of the change, the version and the history
    entry, as ``transition`` writes a person's moves. ``update_fields``: what the caller set
    on ``locked`` besides. Returns the ``Transition``.
    """
    step = MOVES.write(
        locked, action, by=by, reason=comment, to_state=to_status, fields=update_fields or ()
    )
    return step.record


def submit(*, exemplar, by, expected_version=None):
    return transition(exemplar=exemplar, action="submit", by=by, expected_version=expected_version)


def accept(*, exemplar, by, comment="", expected_version=None):
    return transition(
        exemplar=exemplar,
        action="accept",
        by=by,
        comment=comment,
        expected_version=expected_version,
    )


def send_back(*, exemplar, by, comment, expected_version=None):
    return transition(
        exemplar=exemplar,
        action="return",
        by=by,
        comment=comment,
        expected_version=expected_version,
    )
