"""``registry.notifications.notify``: the one way the portal tells people something, in the
portal and by e-mail, once the news is committed, each reader in their own language."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from registry.enums import ExemplarStatus as S
from registry.models import Notification, Transition
from registry.notifications import notify
from registry.phrases import Phrase
from tests.factories import UserFactory
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parent.parent
NEWS = gettext_noop("%(subject)s (%(unit)s, %(year)s): %(status)s by %(by)s.")


def news_about(exemplar, status=S.RETURNED):
    from registry import phrases

    return Phrase(
        NEWS,
        subject=exemplar.full_name,
        unit=exemplar.unit.name,
        year=exemplar.year,
        status=phrases.status(status),
        by="Sở Nội vụ",
    )


def test_nothing_is_told_before_the_commit(world, django_capture_on_commit_callbacks):
    exemplar = ExemplarFactory(unit=world.dept_a, full_name="Lê Thị Hoa")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        told = notify([world.user("editor_a")], about=exemplar, message=news_about(exemplar))
    assert told == 1
    assert len(callbacks) == 1
    assert not Notification.objects.exists() and mail.outbox == []


def test_each_recipient_is_told_once_in_their_own_language(
    world, django_capture_on_commit_callbacks
):
    exemplar = ExemplarFactory(unit=world.dept_a, full_name="Lê Thị Hoa")
    editor, head = world.user("editor_a"), world.user("head_a")
    head.language = "en"
    head.save(update_fields=["language"])
    silent = UserFactory(unit=world.dept_a, email="")
    with django_capture_on_commit_callbacks(execute=True):
        told = notify(
            [editor, head, editor, silent],
            about=exemplar,
            message=news_about(exemplar),
            comment="Bổ sung số liệu năm 2025.",
        )
    assert told == 3
    notes = {note.recipient: note for note in Notification.objects.all()}
    assert set(notes) == {editor, head, silent}
    for note in notes.values():
        assert note.exemplar == exemplar and note.kind == Notification.Kind.REVIEW
        assert note.url == exemplar.get_absolute_url() == note.target_url
        assert note.message.startswith("Lê Thị Hoa (Sở Y tế, năm 2025)")  # the portal's language
    with translation.override("en"):
        assert notes[head].render().endswith("Returned for completion by Sở Nội vụ.")
    # One e-mail each for those with an address, in their language, with the link.
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {editor.email, head.email}
    english = by_address[head.email]
    assert english.subject.endswith("Returned for completion by Sở Nội vụ.")
    assert "Comment: Bổ sung số liệu năm 2025." in english.body
    link = settings.PORTAL["BASE_URL"].rstrip("/") + exemplar.get_absolute_url()
    assert f"Open it in the portal: {link}" in english.body
    assert link in by_address[editor.email].body


def test_the_mails_of_one_event_go_as_one_task_over_one_connection(
    world, django_capture_on_commit_callbacks, monkeypatch, django_assert_max_num_queries
):
    """Ten people told of one event: ten notifications written at once, and their e-mails
    queued as one task that opens one connection to the mail server (a bulk review tells a
    unit's people of every record at once)."""
    from django.core import mail as mail_module

    from registry import notifications, tasks

    exemplar = ExemplarFactory(unit=world.dept_a, full_name="Lê Thị Hoa")
    people = [UserFactory(unit=world.dept_a) for _ in range(9)] + [
        UserFactory(unit=world.dept_a, email="")
    ]
    queued, connections = [], []

    class Queue:  # the task, counting what is queued
        @staticmethod
        def enqueue(**kwargs):
            queued.append(kwargs)
            return tasks.send_portal_mails.enqueue(**kwargs)

    monkeypatch.setattr(notifications, "send_portal_mails", Queue)
    opened = mail_module.get_connection

    def counting_connection(*args, **kwargs):
        connections.append(1)
        return opened(*args, **kwargs)

    monkeypatch.setattr(tasks, "get_connection", counting_connection)
    with (
        django_assert_max_num_queries(1),  # the ten notifications in one insert
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(people, about=exemplar, message=news_about(exemplar))
    assert Notification.objects.filter(exemplar=exemplar).count() == 10
    assert len(queued) == 1 and len(queued[0]["mails"]) == 9
    assert connections == [1]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people[:9])
    assert all(m.subject.startswith("Lê Thị Hoa (Sở Y tế, năm 2025)") for m in mail.outbox)


def test_mails_are_sent_by_the_task_with_what_each_holds():
    from registry.tasks import send_portal_mails

    sent = send_portal_mails.call(
        mails=[
            {"subject": "Tin một", "body": "Nội dung một", "to": ["a@example.vn"]},
            {"subject": "Tin hai", "body": "Nội dung hai", "to": ["b@example.vn"]},
        ]
    )
    assert sent == 2
    assert [(m.subject, m.body, m.to) for m in mail.outbox] == [
        ("Tin một", "Nội dung một", ["a@example.vn"]),
        ("Tin hai", "Nội dung hai", ["b@example.vn"]),
    ]


def test_a_refused_mail_does_not_stop_the_others_and_fails_the_task(monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    from registry.tasks import MailRefused, send_portal_mails

    deliver = EmailBackend.send_messages

    def refusing(self, messages):
        if any("hong@" in address for m in messages for address in m.to):
            raise OSError("550 mailbox unavailable")
        return deliver(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refusing)
    mails = [
        {"subject": f"Tin {n}", "body": "Nội dung", "to": [f"{who}@example.vn"]}
        for n, who in enumerate(["an", "hong", "binh"])
    ]
    with pytest.raises(MailRefused, match=r"1 of 3 e-mails refused: hong@example.vn: 550"):
        send_portal_mails.call(mails=mails)
    assert [m.to for m in mail.outbox] == [["an@example.vn"], ["binh@example.vn"]]


def test_a_review_steps_comment_is_given_as_its_reason(world, django_capture_on_commit_callbacks):
    exemplar = ExemplarFactory(unit=world.dept_a, full_name="Lê Thị Hoa")
    step = Transition.objects.create(
        exemplar=exemplar,
        action="return",
        from_status=S.UNDER_REVIEW,
        to_status=S.RETURNED,
        by=world.user("home_affairs"),
        comment="Thiếu minh chứng.",
    )
    editor = world.user("editor_a")
    editor.language = "en"
    editor.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            [editor],
            about=exemplar,
            message=news_about(exemplar),
            comment=step.comment,
            transition=step,
        )
    assert Notification.objects.get().transition == step
    assert "Reason: Thiếu minh chứng." in mail.outbox[0].body


def test_any_record_with_a_page_and_the_list_links_to_it(
    world, client_for, django_capture_on_commit_callbacks
):
    editor = world.user("editor_a")
    with django_capture_on_commit_callbacks(execute=True):
        notify([editor], about=world.dept_a, message=Phrase(gettext_noop("Quota reminder:")))
    note = Notification.objects.get()
    assert note.exemplar is None
    assert note.url == world.dept_a.get_absolute_url()
    assert world.dept_a.get_absolute_url() in mail.outbox[0].body
    page = client_for(editor).get(reverse("registry:notifications")).content.decode()
    assert f'<a href="{world.dept_a.get_absolute_url()}">' in page


def test_another_page_and_a_mail_that_gives_its_own_link(world, django_capture_on_commit_callbacks):
    path = reverse("registry:registration", kwargs={"code": world.dept_a.code})
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            [world.user("editor_a")],
            url=path,
            message="Nhắc chỉ tiêu",
            kind=Notification.Kind.QUOTA_REMINDER,
            details=[f"Đăng ký tại {path}"],
            link_in_mail=False,
        )
    note = Notification.objects.get()
    assert (note.url, note.kind, note.message, note.text) == (
        path,
        Notification.Kind.QUOTA_REMINDER,
        "Nhắc chỉ tiêu",
        None,
    )
    [message] = mail.outbox
    assert message.body == f"Nhắc chỉ tiêu\n\nĐăng ký tại {path}"


# Made anywhere else, a notification would escape the rules above.
MAKES_NOTIFICATIONS = re.compile(
    r"Notification\.objects\.(create|bulk_create|get_or_create|update_or_create)\b"
    r"|(?<!class )\bNotification\("
)


def test_notify_is_the_only_code_that_makes_notifications():
    makers = []
    for app in ("registry", "campaigns", "reports", "exemplar_portal"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            if MAKES_NOTIFICATIONS.search(path.read_text(encoding="utf-8")):
                makers.append(str(path.relative_to(ROOT)))
    assert makers == ["registry/notifications.py"]
