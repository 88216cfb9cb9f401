"""Writes of the campaigns app. Each names its side effects."""

from django.db import transaction


@transaction.atomic
def campaign_save(*, form, by):
    """Create or change a movement from a valid form; history records ``by``."""
    campaign = form.save(commit=False)
    campaign._history_user = by
    campaign.save()
    form.save_m2m()
    return campaign


@transaction.atomic
def campaign_review_add(*, campaign, form, by):
    """Record a preliminary or final review of ``campaign``."""
    review = form.save(commit=False)
    review.campaign = campaign
    review.recorded_by = by
    review._history_user = by
    review.save()
    return review


@transaction.atomic
def pledge_save(*, form, by):
    """Record an emulation pledge and its signing units."""
    pledge = form.save(commit=False)
    pledge.recorded_by = by
    pledge._history_user = by
    pledge.save()
    form.save_m2m()
    return pledge


# Difficulties and proposals (plan VII.1).
class DifficultyClosed(Exception):
    """A closed thread takes no new message and cannot be closed again."""


def _difficulty_notify(*, difficulty_pk: int, by_pk: int, event: str) -> int:
    """Tell the other side of a thread about ``event``; returns how many were told.

    Side effects: one portal ``Notification`` (kind "difficulty") per recipient, never the
    actor, and one e-mail each queued with ``send_portal_mail``. The other side of a Home
    Affairs reviewer is the unit's editors and heads; of the unit, Home Affairs reviewers.
    """
    from django.conf import settings
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from django.utils.translation import override

    from registry.enums import Role
    from registry.models import Notification, User
    from registry.tasks import send_portal_mail

    from .models import Difficulty

    difficulty = Difficulty.objects.select_related("unit").get(pk=difficulty_pk)
    by = User.objects.get(pk=by_pk)
    if by.role == Role.HOME_AFFAIRS:
        recipients = User.objects.filter(
            unit=difficulty.unit, role__in=[Role.UNIT_EDITOR, Role.UNIT_HEAD], is_active=True
        )
    else:
        recipients = User.objects.filter(role=Role.HOME_AFFAIRS, is_active=True)
    recipients = recipients.exclude(pk=by.pk).distinct()
    link = settings.PORTAL["BASE_URL"].rstrip("/") + reverse(
        "campaigns:difficulty_detail", kwargs={"pk": difficulty.pk}
    )
    count = 0
    with override("vi"):
        values = {
            "subject": difficulty.subject,
            "unit": difficulty.unit.short_name or difficulty.unit.name,
            "by": by,
        }
        if event == "open":
            message = _("New difficulty or proposal from %(unit)s: “%(subject)s” (%(by)s).")
        elif event == "reply":
            message = _("New message on “%(subject)s” (%(unit)s) from %(by)s.")
        else:
            message = _("“%(subject)s” (%(unit)s) was closed by %(by)s.")
        message = message % values
        body = message + "\n\n" + _("Open it in the portal: %(link)s") % {"link": link}
        for user in recipients:
            Notification.objects.create(
                recipient=user, kind=Notification.Kind.DIFFICULTY, message=message[:500]
            )
            if user.email:
                send_portal_mail.enqueue(subject=message[:150], body=body, to=[user.email])
            count += 1
    return count


def _difficulty_notify_on_commit(difficulty, by, event):
    pk, by_pk = difficulty.pk, by.pk
    transaction.on_commit(lambda: _difficulty_notify(difficulty_pk=pk, by_pk=by_pk, event=event))


@transaction.atomic
def difficulty_open(*, unit, by, subject, body):
    """Open a thread for ``unit`` with its first message; Home Affairs is told on commit."""
    from .models import Difficulty, DifficultyMessage

    difficulty = Difficulty(unit=unit, subject=subject, created_by=by)
    difficulty._history_user = by
    difficulty.save()
    DifficultyMessage.objects.create(difficulty=difficulty, author=by, body=body)
    _difficulty_notify_on_commit(difficulty, by, "open")
    return difficulty


@transaction.atomic
def difficulty_reply(*, difficulty, by, body):
    """Add a message. Home Affairs writing makes the thread answered; the unit, open again.

    Raises ``DifficultyClosed`` on a closed thread. The other side is told on commit.
    """
    from registry.enums import Role

    from .models import Difficulty, DifficultyMessage

    difficulty = Difficulty.objects.select_for_update().get(pk=difficulty.pk)
    if difficulty.is_closed:
        raise DifficultyClosed
    message = DifficultyMessage.objects.create(difficulty=difficulty, author=by, body=body)
    difficulty.status = (
        Difficulty.Status.ANSWERED if by.role == Role.HOME_AFFAIRS else Difficulty.Status.OPEN
    )
    difficulty._history_user = by
    difficulty.save()
    _difficulty_notify_on_commit(difficulty, by, "reply")
    return message


@transaction.atomic
def difficulty_close(*, difficulty, by):
    """Close the thread for good; raises ``DifficultyClosed`` when it already is."""
    from .models import Difficulty

    difficulty = Difficulty.objects.select_for_update().get(pk=difficulty.pk)
    if difficulty.is_closed:
        raise DifficultyClosed
    difficulty.status = Difficulty.Status.CLOSED
    difficulty._history_user = by
    difficulty.save()
    _difficulty_notify_on_commit(difficulty, by, "close")
    return difficulty
