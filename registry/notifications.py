"""Who hears about what: portal notifications and e-mails after each review step."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from .enums import ExemplarStatus as S
from .enums import Role
from .models import Notification, Transition, User
from .tasks import send_portal_mail


def _recipients(record: Transition):
    exemplar = record.exemplar
    unit_staff = User.objects.filter(
        unit=exemplar.unit, role__in=[Role.UNIT_EDITOR, Role.UNIT_HEAD], is_active=True
    )
    if record.to_status == S.SUBMITTED_TO_DISTRICT:
        return User.objects.filter(
            unit=exemplar.unit.parent, role=Role.DISTRICT_REVIEWER, is_active=True
        )
    if record.to_status == S.UNDER_REVIEW:
        home_affairs = User.objects.filter(role=Role.HOME_AFFAIRS, is_active=True)
        if record.action == "endorse":
            return home_affairs | unit_staff
        return home_affairs
    return unit_staff


def notify_transition(transition_pk: int) -> int:
    """Tell the people concerned about one review step; returns how many were told.

    Side effects: one ``Notification`` per recipient (never the actor), and one e-mail each
    queued for the task worker.
    """
    record = Transition.objects.select_related("exemplar__unit__parent", "by").get(pk=transition_pk)
    exemplar = record.exemplar
    recipients = _recipients(record).exclude(pk=record.by_id).distinct()
    link = settings.PORTAL["BASE_URL"].rstrip("/") + reverse(
        "registry:exemplar_detail", kwargs={"code": exemplar.code}
    )
    count = 0
    with override("vi"):
        message = _("%(subject)s (%(unit)s, %(year)s): %(status)s by %(by)s.") % {
            "subject": exemplar.subject_name or exemplar.code,
            "unit": exemplar.unit.short_name or exemplar.unit.name,
            "year": exemplar.year,
            "status": S(record.to_status).label,
            "by": record.by,
        }
        body = message
        if record.comment:
            body += "\n\n" + _("Comment: %(comment)s") % {"comment": record.comment}
        body += "\n\n" + _("Open it in the portal: %(link)s") % {"link": link}
        for user in recipients:
            Notification.objects.create(recipient=user, exemplar=exemplar, message=message[:500])
            if user.email:
                send_portal_mail.enqueue(subject=message[:150], body=body, to=[user.email])
            count += 1
    return count
