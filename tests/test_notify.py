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
