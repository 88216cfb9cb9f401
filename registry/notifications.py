"""Who hears about what: portal notifications and e-mails.

``notify`` makes every notification of the portal (the registry's review steps and
reminders, the campaigns' difficulties, regulations and inspections), delivered when the
transaction that made the news commits; the rest of this module says who hears about an
exemplar's review steps."""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from . import phrases
from .enums import ExemplarStatus as S
from .enums import Role
from .models import Exemplar, Notification, Transition, User
from .phrases import Phrase
from .tasks import send_portal_mails

# Who keeps a unit's own records (a district's reviewers keep the district's own).
UNIT_STAFF_ROLES = [Role.UNIT_EDITOR, Role.UNIT_HEAD, Role.DISTRICT_REVIEWER]
# Moves that send a record up, which may be made more than once: their notifications say
# which round it is ("sent, round 2").
SENDING_ACTIONS = frozenset({"submit", "head_approve", "endorse"})


def _staff_unit_ids(exemplar) -> set[int]:
    from .lineage import work_successor_on

    unit_ids = {exemplar.unit_id}
    if exemplar.unit.has_ended():
        successor = work_successor_on(exemplar.unit, timezone.localdate())
        if successor is not None:
            unit_ids.add(successor.pk)
    return unit_ids


def unit_staff(exemplar):
    """The staff of the exemplar's unit and, once that unit has ended, of the unit carrying
    on its work today: whoever has to act on the record when it comes back."""
    return User.objects.filter(
        unit_id__in=_staff_unit_ids(exemplar), role__in=UNIT_STAFF_ROLES, is_active=True
    )


def unit_heads(exemplar):
    """The heads of the exemplar's unit (and of the unit carrying on its work): those who
    sign off what it sends."""
    return User.objects.filter(
        unit_id__in=_staff_unit_ids(exemplar), role=Role.UNIT_HEAD, is_active=True
    )


def reviewers_of(unit):
    """The active reviewers of a reviewing body."""
    return User.objects.filter(unit=unit, role=Role.DISTRICT_REVIEWER, is_active=True)


def home_affairs():
    return User.objects.filter(role=Role.HOME_AFFAIRS, is_active=True)


def _recipients(record: Transition):
    exemplar = record.exemplar
    staff = unit_staff(exemplar)
    if record.to_status == S.AWAITING_HEAD:
        return unit_heads(exemplar)
    # The head's approval (or own sending) also tells the unit's editors it has gone on.
    signed = staff if record.action == "head_approve" else User.objects.none()
    if record.to_status == S.SUBMITTED_TO_DISTRICT:
        # The reviewer recorded when it was sent, not whatever the unit's parent is now.
        if exemplar.reviewer_unit_id is None:
            return signed
        return reviewers_of(exemplar.reviewer_unit) | signed
    if record.to_status == S.UNDER_REVIEW:
        if record.action == "endorse":
            return home_affairs() | staff
        return home_affairs() | signed
    return staff


def portal_link(path: str) -> str:
    """The address of a page of the portal, as an e-mail gives it."""
    return settings.PORTAL["BASE_URL"].rstrip("/") + path


def notify(
    recipients,
    *,
    about=None,
    message,
    comment: str = "",
    transition=None,
    kind=Notification.Kind.REVIEW,
    details=(),
    url: str | None = None,
    link_in_mail: bool = True,
) -> int:
    """Tell ``recipients`` about ``about`` once the current transaction commits (at once
    outside one); returns how many will be told. The one place that makes notifications.

    ``about``: the record it concerns, an exemplar (the notification keeps it) or any record
    with a page (``get_absolute_url``); ``url`` names another page of the portal instead (a
    path). ``message``: a ``Phrase``, which each recipient reads, and their e-mail, in their
    own language (a plain text is sent as it is). ``comment``: a person's comment on what
    happened, added to the e-mail; when ``transition`` (the review step told of) takes a
    reason, as the reason. ``details``: more phrases for the e-mail's body, which ends with
    the page's address unless ``link_in_mail`` is false (the details give it themselves).

    Side effects, on commit: one ``Notification`` per recipient (each person once), and an
    e-mail each for those with an address, all queued as one task (``send_portal_mails``:
    one row in the queue and one connection to the mail server, not one per person).
    """
    people = list({user.pk: user for user in recipients}.values())
    if url is None and about is not None:
        url = about.get_absolute_url()
    details = list(details)
    if comment:
        if transition is not None and transition.comment_is_reason:
            details.append(Phrase(gettext_noop("Reason: %(comment)s"), comment=comment))
        else:
            details.append(Phrase(gettext_noop("Comment: %(comment)s"), comment=comment))
    exemplar = about if isinstance(about, Exemplar) else None

    def deliver():
        with override(settings.LANGUAGE_CODE):
            stored = str(message)  # the portal's language, for the admin and old readers
        text = message.to_json() if isinstance(message, Phrase) else None
        link = portal_link(url) if url and link_in_mail else None
        notifications, mails = [], []
        for user in people:
            with override(user.preferred_language):
                subject = str(message)
                body = "\n\n".join(
                    [
                        subject,
                        *(str(detail) for detail in details),
                        *([_("Open it in the portal: %(link)s") % {"link": link}] if link else []),
                    ]
                )
            notifications.append(
                Notification(
                    recipient=user,
                    exemplar=exemplar,
                    url=url or "",
                    kind=kind,
                    message=stored[:500],
                    text=text,
                    transition=transition,
                )
            )
            if user.email:
                mails.append({"subject": subject[:150], "body": body, "to": [user.email]})
        Notification.objects.bulk_create(notifications)
        if mails:
            send_portal_mails.enqueue(mails=mails)

    transaction.on_commit(deliver)
    return len(people)


def _about(exemplar) -> dict:
    return {
        "subject": exemplar.subject_name or exemplar.code,
        "unit": exemplar.unit.short_name or exemplar.unit.name,
        "year": exemplar.year,
    }


def notify_transition(record: Transition) -> int:
    """Tell the people concerned about one review step, once it commits; returns how many
    will be told (``notify``: one notification each, never the actor, and an e-mail)."""
    exemplar = record.exemplar
    recipients = _recipients(record)
    if record.by_id is not None:
        recipients = recipients.exclude(pk=record.by_id)
    by = str(record.by) if record.by_id else phrases.text(gettext_noop("the portal (automatic)"))
    about = {**_about(exemplar), "status": phrases.status(record.to_status), "by": by}
    if record.action in SENDING_ACTIONS:
        # A record sent again reaches the same reviewers: say which time it is.
        about["round"] = Transition.objects.filter(
            exemplar=exemplar, action=record.action, pk__lte=record.pk
        ).count()
        message = Phrase(
            gettext_noop(
                "%(subject)s (%(unit)s, %(year)s): %(status)s by %(by)s (round %(round)s)."
            ),
            **about,
        )
    else:
        message = Phrase(
            gettext_noop("%(subject)s (%(unit)s, %(year)s): %(status)s by %(by)s."), **about
        )
    return notify(
        recipients.distinct().order_by("pk"),
        about=exemplar,
        message=message,
        comment=record.comment,
        transition=record,
    )


def notify_hand_over(record: Transition, ended_unit_id: int) -> int:
    """Tell the people concerned, once it commits, that the portal handed an exemplar's
    pending review on from a body that ended: the people who reviewed there, those who
    review it now (the successor's reviewers, or Home Affairs) and the exemplar's unit.
    Returns how many will be told."""
    exemplar = record.exemplar
    if record.to_status == S.SUBMITTED_TO_DISTRICT and exemplar.reviewer_unit_id:
        now_reviewing = Q(unit_id=exemplar.reviewer_unit_id, role=Role.DISTRICT_REVIEWER)
    else:
        now_reviewing = Q(role=Role.HOME_AFFAIRS)
    staff = unit_staff(exemplar).values("pk")
    recipients = User.objects.filter(
        Q(unit_id=ended_unit_id, role=Role.DISTRICT_REVIEWER) | now_reviewing | Q(pk__in=staff),
        is_active=True,
    )
    message = Phrase(
        gettext_noop("%(subject)s (%(unit)s, %(year)s): %(comment)s"),
        **_about(exemplar),
        comment=record.comment,
    )
    return notify(recipients.distinct().order_by("pk"), about=exemplar, message=message)
