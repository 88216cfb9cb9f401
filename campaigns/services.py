"""Writes of the campaigns app. Each names its side effects.

The status of a difficulty and of a unit's regulation changes only through their tables of
moves here (``DIFFICULTY_MOVES``, ``REGULATION_MOVES``; ``exemplar_portal.base.moves``).
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.moves import Move, MoveNotAllowed, Moves, stamp
from registry.enums import Role

from .models import Difficulty, DifficultyMessage, UnitRegulation


@transaction.atomic
def save_with_history(form, by, **attributes):
    """Save a valid model form (a movement, its review, a pledge, a contest's round or entry);
    ``attributes`` are set first, and the history records ``by``."""
    obj = form.save(commit=False)
    for name, value in attributes.items():
        setattr(obj, name, value)
    obj._history_user = by
    obj.save()
    form.save_m2m()
    return obj


# Difficulties and proposals (plan VII.1).
class DifficultyClosed(MoveNotAllowed):
    """A closed thread takes no new message and cannot be closed again."""


def _difficulty_notify_on_commit(difficulty, by, event) -> int:
    """Tell the other side of a thread about ``event`` once it commits; returns how many will
    be told.

    Side effects (``registry.notifications.notify``): one portal ``Notification`` (kind
    "difficulty") per recipient, never the actor, and one e-mail each queued, in each
    recipient's language. The other side of a Home Affairs reviewer is the unit's editors
    and heads; of the unit, Home Affairs reviewers.
    """
    from django.utils.translation import gettext_noop

    from registry.models import Notification, User
    from registry.notifications import notify
    from registry.phrases import Phrase

    if by.role == Role.HOME_AFFAIRS:
        recipients = User.objects.filter(
            unit=difficulty.unit_id, role__in=[Role.UNIT_EDITOR, Role.UNIT_HEAD], is_active=True
        )
    else:
        recipients = User.objects.filter(role=Role.HOME_AFFAIRS, is_active=True)
    recipients = recipients.exclude(pk=by.pk).distinct().order_by("pk")
    values = {
        "subject": difficulty.subject,
        "unit": difficulty.unit.short_name or difficulty.unit.name,
        "by": str(by),
    }
    if event == "open":
        message = gettext_noop("New difficulty or proposal from %(unit)s: “%(subject)s” (%(by)s).")
    elif event == "reply":
        message = gettext_noop("New message on “%(subject)s” (%(unit)s) from %(by)s.")
    else:
        message = gettext_noop("“%(subject)s” (%(unit)s) was closed by %(by)s.")
    # Each recipient reads it in their own language.
    return notify(
        recipients,
        about=difficulty,
        message=Phrase(message, **values),
        kind=Notification.Kind.DIFFICULTY,
    )


def _after_reply(difficulty, by):
    # Home Affairs writing makes the thread answered; the unit writing, open again.
    return Difficulty.Status.ANSWERED if by.role == Role.HOME_AFFAIRS else Difficulty.Status.OPEN


def _add_message(step):
    return DifficultyMessage.objects.create(
        difficulty=step.obj, author=step.by, body=step.data["body"]
    )


def _difficulty_told(event):
    def notify(step):
        _difficulty_notify_on_commit(step.obj, step.by, event)

    return notify


_STILL_OPEN = frozenset({Difficulty.Status.OPEN, Difficulty.Status.ANSWERED})
DIFFICULTY_MOVES = Moves(
    [
        Move(
            "reply",
            _("Reply"),
            _STILL_OPEN,
            _after_reply,
            "campaigns.reply_difficulty",
            takes_reason=False,
            refusal=_("This thread is closed; it takes no new message."),
            apply=_add_message,
            notify=_difficulty_told("reply"),
        ),
        Move(
            "close",
            _("Close the thread"),
            _STILL_OPEN,
            Difficulty.Status.CLOSED,
            "campaigns.close_difficulty",
            takes_reason=False,
            refusal=_("This thread is already closed."),
            notify=_difficulty_told("close"),
        ),
    ],
    not_allowed=DifficultyClosed,
)


@transaction.atomic
def difficulty_open(*, unit, by, subject, body):
    """Open a thread for ``unit`` with its first message; Home Affairs is told on commit."""
    difficulty = Difficulty(unit=unit, subject=subject, created_by=by)
    difficulty._history_user = by
    difficulty.save()
    DifficultyMessage.objects.create(difficulty=difficulty, author=by, body=body)
    _difficulty_notify_on_commit(difficulty, by, "open")
    return difficulty


def difficulty_reply(*, difficulty, by, body):
    """Add a message. Home Affairs writing makes the thread answered; the unit, open again.

    Raises ``DifficultyClosed`` on a closed thread, ``PermissionDenied`` for one ``by`` does
    not take part in. The other side is told on commit.
    """
    return DIFFICULTY_MOVES.make(difficulty, "reply", by=by, data={"body": body}).result


def difficulty_close(*, difficulty, by):
    """Close the thread for good; raises ``DifficultyClosed`` when it already is. The other
    side is told on commit."""
    return DIFFICULTY_MOVES.make(difficulty, "close", by=by).obj


# Units' regulations of subjects and specific criteria (plan VII.1).
class RegulationNotAwaited(Exception):
    """The unit's current regulation is awaiting review or acknowledged: nothing new is due."""


class RegulationNotPending(MoveNotAllowed):
    """Only a unit's current regulation still awaiting review is acknowledged or returned."""


def current_regulation(*, requirement, unit):
    """The unit's latest regulation for ``requirement``, or ``None``."""
    return (
        UnitRegulation.objects.filter(requirement=requirement, unit=unit)
        .order_by("-sent_at", "-pk")
        .first()
    )


def _regulation_notify_on_commit(regulation, by, event) -> int:
    """Tell the other side about ``event`` ("send", "acknowledge", "return") once it
    commits; returns how many will be told.

    Side effects (``registry.notifications.notify``): one portal ``Notification`` (kind
    "review") per recipient, never the actor, and one e-mail each queued, in each recipient's
    language. A sending is told to Home Affairs reviewers; an acknowledgement or a return, to
    the unit's editors and heads.
    """
    from django.utils.translation import gettext_noop

    from registry.models import User
    from registry.notifications import notify
    from registry.phrases import Phrase

    if event == "send":
        recipients = User.objects.filter(role=Role.HOME_AFFAIRS, is_active=True)
    else:
        recipients = User.objects.filter(
            unit=regulation.unit_id, role__in=[Role.UNIT_EDITOR, Role.UNIT_HEAD], is_active=True
        )
    recipients = recipients.exclude(pk=by.pk).distinct().order_by("pk")
    values = {
        "unit": regulation.unit.short_name or regulation.unit.name,
        "title": regulation.requirement.title,
        "by": str(by),
        "reason": regulation.review_note,
    }
    if event == "send":
        message = gettext_noop("%(unit)s sent its regulation “%(title)s” (%(by)s).")
    elif event == "acknowledge":
        message = gettext_noop("The regulation “%(title)s” of %(unit)s was acknowledged by %(by)s.")
    else:
        message = gettext_noop(
            "The regulation “%(title)s” of %(unit)s was returned by %(by)s: %(reason)s"
        )
    # Each recipient reads it in their own language.
    return notify(recipients, about=regulation, message=Phrase(message, **values))


@transaction.atomic
def regulation_send(*, requirement, unit, upload, by):
    """Check ``upload`` by its content and record it as ``unit``'s regulation.

    Only a PDF or DOCX document is taken (else ``UploadRejected``); a unit sends when it has
    none yet or its current one was returned (else ``RegulationNotAwaited``). Side effects:
    stores the file under a generated name; Home Affairs is told on commit.
    """
    from exemplar_portal.base.uploads import UploadRejected, check_upload
    from registry.models import Unit

    checked = check_upload(upload)
    if checked.kind != "document":
        raise UploadRejected(
            _("Send the regulation as a PDF or DOCX document, not as a photo."),
            code="not_document",
        )
    Unit.objects.select_for_update().get(pk=unit.pk)  # one sending per unit at a time
    current = current_regulation(requirement=requirement, unit=unit)
    if current is not None and current.status != UnitRegulation.Status.RETURNED:
        raise RegulationNotAwaited
    regulation = UnitRegulation(
        requirement=requirement,
        unit=unit,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        sent_by=by,
    )
    regulation.document.save(checked.content.name, checked.content, save=False)
    regulation._history_user = by
    regulation.save()
    _regulation_notify_on_commit(regulation, by, "send")
    return regulation


def _is_current(step):
    regulation = step.obj
    current = current_regulation(requirement=regulation.requirement_id, unit=regulation.unit_id)
    if current.pk != regulation.pk:
        step.refuse()


def _review(name, label, target, **options):
    """Home Affairs' review of the unit's current regulation, awaiting one; the unit is told."""

    def notify(step):
        _regulation_notify_on_commit(step.obj, step.by, name)

    return Move(
        name,
        label,
        frozenset({UnitRegulation.Status.SENT}),
        target,
        "campaigns.review_unitregulation",
        refusal=_("This regulation is no longer awaiting a review."),
        check=_is_current,
        apply=stamp(by="reviewed_by", at="reviewed_at", reason="review_note"),
        notify=notify,
        **options,
    )


REGULATION_MOVES = Moves(
    [
        _review(
            "acknowledge", _("Acknowledge"), UnitRegulation.Status.ACKNOWLEDGED, takes_reason=False
        ),
        _review(
            "return", _("Return to the unit"), UnitRegulation.Status.RETURNED, reason_required=True
        ),
    ],
    not_allowed=RegulationNotPending,
)


def regulation_acknowledge(*, regulation, by):
    """Home Affairs acknowledges the regulation; the unit is told on commit.

    Raises ``RegulationNotPending`` unless it is the unit's current one awaiting review.
    """
    return REGULATION_MOVES.make(regulation, "acknowledge", by=by).obj


def regulation_return(*, regulation, by, reason: str):
    """Home Affairs returns the regulation with ``reason`` (required, else ``ReasonMissing``).

    Raises ``RegulationNotPending`` unless it is the unit's current one awaiting review. The
    unit then sends a new version; it is told on commit.
    """
    return REGULATION_MOVES.make(regulation, "return", by=by, reason=reason).obj
