"""The exemplar's record page, its form and the review moves as people use them (issue 14):
the reviewer's reason first on a returned record and in the notice of it (item 2), one list
of what sending lacks with links to the fields and the criteria numbered as the catalogue
numbers them (item 4), each role's own moves with a confirmed sending and messages as
people speak (item 9), names and full reasons in the timeline, the history and the
notices (item 11), and a return without a reason sent back to the record (item 13)."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from registry import workflow
from registry.enums import ExemplarStatus as S
from registry.forms import ExemplarForm
from registry.models import Criterion, Exemplar, Notification, Transition
from registry.templatetags.record_text import preview
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration

LONG_REASON = (
    "Đề nghị đơn vị bổ sung số liệu cụ thể về số ca bệnh nặng được cứu chữa thành công "
    "bằng kỹ thuật lọc máu liên tục trong năm 2025, kèm xác nhận của Giám đốc bệnh viện;\n"
    "đồng thời làm rõ mô hình “Điều dưỡng tận tâm” đã được nhân rộng ở những khoa nào, "
    "từ khi nào và với kết quả ra sao (thời gian chờ trung bình trước và sau khi áp dụng)."
)


def force_status(exemplar, status):
    reviewer = exemplar.unit.reviewing_unit if status == S.SUBMITTED_TO_DISTRICT else None
    Exemplar.objects.filter(pk=exemplar.pk).update(status=status, reviewer_unit=reviewer)
    exemplar.refresh_from_db()
    return exemplar


def detail(exemplar):
    return exemplar.get_absolute_url()


def move_url(exemplar):
    return reverse("registry:exemplar_transition", kwargs={"code": exemplar.code})


def edit_url(exemplar):
    return reverse("registry:exemplar_update", kwargs={"code": exemplar.code})


def section(content: str, element_id: str) -> str:
    """The HTML of the element with ``element_id`` (a section, an alert), up to its end."""
    match = re.search(rf'<(section|dialog|div)[^>]*\bid="{element_id}"', content)
    assert match, f"no #{element_id} on the page"
    tag = match.group(1)
    return content[match.start() : content.index(f"</{tag}>", match.start())]


@pytest.fixture
def returned(world, django_capture_on_commit_callbacks):
    """A department's exemplar sent and returned by Home Affairs with a long reason."""
    exemplar = ExemplarFactory(unit=world.dept_a)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(exemplar=exemplar, by=world.user("editor_a"))
        workflow.send_back(exemplar=exemplar, by=world.user("home_affairs"), comment=LONG_REASON)
    exemplar.refresh_from_db()
    return exemplar


# --- Item 2: the reviewer's reason first, and in the notice ---------------------------------


def test_a_returned_record_opens_with_the_reviewers_reason(world, client_for, returned):
    response = client_for(world.user("editor_a")).get(detail(returned))
    content = response.content.decode()
    step = returned.transitions.get(action="return")
    assert response.context["reason_step"] == step
    reason = section(content, "reason")
    # Who, when and the whole text, lines kept.
    assert world.user("home_affairs").full_name in reason
    assert world.home_affairs_unit.name in reason
    assert f'datetime="{step.at.isoformat()}"' in reason or "<time datetime=" in reason
    for line in LONG_REASON.split("\n"):
        assert escape(line) in reason
    # Before the next step and the record's details: the first thing under the title.
    assert content.index('id="reason"') < content.index('id="next-step"')
    assert content.index('id="reason"') < content.index('id="subject-title"')
    assert content.index("<h1") < content.index('id="reason"')
    # The editor who completes it is led to the form.
    assert f'href="{edit_url(returned)}"' in reason


def test_the_latest_reason_is_shown_after_a_second_return(world, client_for, returned):
    workflow.submit(exemplar=returned, by=world.user("editor_a"))
    workflow.send_back(exemplar=returned, by=world.user("home_affairs"), comment="Thiếu ảnh.")
    reason = section(
        client_for(world.user("editor_a")).get(detail(returned)).content.decode(), "reason"
    )
    assert "Thiếu ảnh." in reason
    assert escape(LONG_REASON.split("\n")[0]) not in reason


def test_a_commune_sees_its_districts_reason(world, client_for):
    exemplar = ExemplarFactory(unit=world.commune_a)
    workflow.submit(exemplar=exemplar, by=world.user("commune_editor"))
    workflow.transition(
        exemplar=exemplar,
        action="district_return",
        by=world.user("district_reviewer"),
        comment="Bổ sung xác nhận của thôn.",
    )
    response = client_for(world.user("commune_editor")).get(detail(exemplar))
    reason = section(response.content.decode(), "reason")
    assert "Bổ sung xác nhận của thôn." in reason
    assert world.district_a.name in reason


def test_a_refused_record_opens_with_the_reason_of_the_refusal(world, client_for):
    exemplar = force_status(ExemplarFactory(unit=world.dept_a), S.UNDER_REVIEW)
    workflow.transition(
        exemplar=exemplar, action="refuse", by=world.user("home_affairs"), comment="Trùng hồ sơ."
    )
    response = client_for(world.user("editor_a")).get(detail(exemplar))
    assert "Trùng hồ sơ." in section(response.content.decode(), "reason")


@pytest.mark.parametrize("status", [S.DRAFT, S.UNDER_REVIEW, S.ACCEPTED])
def test_records_not_sent_back_have_no_reason_box(world, client_for, status):
    exemplar = force_status(ExemplarFactory(unit=world.dept_a), status)
    response = client_for(world.user("editor_a")).get(detail(exemplar))
    assert response.context["reason_step"] is None
    assert 'id="reason"' not in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("editor_a", True),
        ("head_a", True),
        ("home_affairs", True),
        ("leader", True),
        ("editor_b", None),  # another unit's record: not found
        ("commune_editor", None),
    ],
)
def test_who_reads_the_reason(world, client_for, returned, persona, sees):
    response = client_for(world.user(persona)).get(detail(returned))
    if sees is None:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert ('id="reason"' in response.content.decode()) is sees
    # Only those who may change the record are offered to complete it.
    can_edit = world.user(persona).has_perm("registry.change_exemplar", returned)
    assert (f'href="{edit_url(returned)}"' in section(response.content.decode(), "reason")) is (
        can_edit
    )


def test_the_notice_and_the_email_of_a_return_carry_the_whole_reason(world, client_for, returned):
    note = Notification.objects.get(recipient=world.user("editor_a"), transition__action="return")
    assert note.transition.comment == LONG_REASON
    page = client_for(world.user("editor_a")).get(reverse("registry:notifications"))
    content = page.content.decode()
    for line in LONG_REASON.split("\n"):
        assert escape(line) in content
    returned_mail = [m for m in mail.outbox if m.to == [world.user("editor_a").email]][-1]
    assert LONG_REASON in returned_mail.body
    assert returned.get_absolute_url() in returned_mail.body
    # The head of the unit is told too; the other unit is not.
    assert Notification.objects.filter(recipient=world.user("head_a"), transition__action="return")
    assert not Notification.objects.filter(recipient=world.user("editor_b")).exists()


def test_the_notices_page_reads_the_reasons_in_a_fixed_number_of_queries(
    world, client_for, returned, django_assert_max_num_queries
):
    client = client_for(world.user("editor_a"))
    client.get(reverse("registry:notifications"))  # the session is warm
    for _ in range(3):
        workflow.submit(exemplar=returned, by=world.user("editor_a"))
        workflow.send_back(exemplar=returned, by=world.user("home_affairs"), comment="Thêm.")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("registry:notifications")).status_code == 200


# --- Item 4: one list of what sending lacks, numbered criteria, marks on the form -----------


@pytest.fixture
def incomplete(world):
    return ExemplarFactory(
        unit=world.dept_a,
        with_evidence=False,
        publication_consent=False,
        contact_phone="",
        achievements="",
    )


def test_completeness_lists_each_missing_thing_with_its_field(world, incomplete):
    items = workflow.completeness_errors(incomplete)
    general = list(Criterion.objects.filter(version=incomplete.catalogue_version, kind="general"))
    assert [item.field for item in items] == [
        "achievements",
        "contact_phone",
        *(f"evidence_{c.pk}" for c in general),
        "specific_evidence",
        "publication_consent",
    ]
    assert all(item.anchor == f"id_{item.field}" for item in items)
    # Criteria are numbered as the catalogue numbers them: general 1 to 4, then the field's.
    for item, criterion in zip(items[2:6], general, strict=True):
        assert str(criterion.number) in item.message
    specific = incomplete.criteria().get(kind="specific")
    assert f"{specific.number}. {specific.field.name}" in items[6].message
    assert workflow.completeness_errors(ExemplarFactory(unit=world.dept_a)) == []


def test_sending_an_incomplete_record_shows_one_list_with_links(world, client_for, incomplete):
    client = client_for(world.user("editor_a"))
    response = client.post(move_url(incomplete), {"action": "submit", "version": 1})
    assert response.status_code == 302
    assert response.headers["Location"] == f"{detail(incomplete)}#missing"
    page = client.get(response.headers["Location"])
    content = page.content.decode()
    # No message per missing thing: one list, marked as the error it is.
    assert not [m for m in get_messages(page.wsgi_request)]
    assert content.count('id="missing"') == 1
    listing = section(content, "missing")
    assert 'role="alert"' in listing
    items = workflow.completeness_errors(incomplete)
    assert f'data-missing-count="{len(items)}"' in listing
    links = re.findall(r'<a class="alert-link" href="([^"]+)">', listing)
    assert links == [f"{edit_url(incomplete)}#{item.anchor}" for item in items]
    # Each link lands on its field of the form.
    form = client.get(edit_url(incomplete)).content.decode()
    for item in items:
        assert f'id="{item.anchor}"' in form
    incomplete.refresh_from_db()
    assert incomplete.status == S.DRAFT
    # Shown once: the page read again is a plain reminder, no longer an error.
    again = section(client.get(detail(incomplete)).content.decode(), "missing")
    assert 'role="alert"' not in again


def test_someone_who_cannot_edit_reads_the_list_without_links(world, client_for, incomplete):
    """Home Affairs reading a returned record, which it may not change, sees what is
    missing as plain text."""
    force_status(incomplete, S.RETURNED)
    content = client_for(world.user("home_affairs")).get(detail(incomplete)).content.decode()
    listing = section(content, "missing")
    assert "<a " not in listing
    assert len(re.findall(r"<li ", listing)) == len(workflow.completeness_errors(incomplete))


def test_the_form_marks_every_field_sending_needs(world, client_for):
    content = client_for(world.user("editor_a")).get(reverse("registry:exemplar_create"))
    content = content.content.decode()
    form = ExemplarForm(unit=world.dept_a)
    needed = form.needed_to_send()
    general = [f"evidence_{c.pk}" for c in form.general_criteria]
    assert needed >= {
        *general,
        "specific_evidence",
        "publication_consent",
        "gender",
        "member_count",
        "household_address",
        "achievements",
        "new_model",
        "contact_name",
        "contact_phone",
    }
    for name in needed:
        mark = f'id="id_{name}_send"'
        assert content.count(mark) == 1, name
        # Read with the field by screen readers.
        widget = re.search(rf'<(?:input|textarea|select)[^>]*\bid="id_{name}"[^>]*>', content)
        assert widget, name
        assert f"id_{name}_send" in widget.group(0), name
    # What saving needs keeps its own mark; optional fields have none.
    for name in ("full_name", "collective_name", "household_head"):
        assert f'id="id_{name}_send"' not in content
        widget = re.search(rf'<input[^>]*\bid="id_{name}"[^>]*>', content).group(0)
        assert 'aria-required="true"' in widget
    for name in ("contact_email", "campaign", "is_new_factor"):
        assert f'id="id_{name}_send"' not in content
    # 12 to 15 fields were unmarked before; every one sending checks is marked now.
    checked = set(workflow.fields_needed_to_send()) - {"full_name", "collective_name"}
    assert checked - {"household_head"} <= needed


def test_a_refused_form_keeps_the_marks_with_the_errors(world, client_for):
    from tests.test_exemplar_pages import form_data

    client = client_for(world.user("editor_a"))
    response = client.post(
        reverse("registry:exemplar_create"), form_data(full_name="", birth_year="1800")
    )
    assert response.status_code == 200
    content = response.content.decode()
    widget = re.search(r'<input[^>]*\bid="id_birth_year"[^>]*>', content).group(0)
    described = re.search(r'aria-describedby="([^"]+)"', widget).group(1).split()
    assert described[0] == "id_birth_year_errors"
    assert "id_birth_year_send" in described
    assert 'value="1800"' in widget  # nothing typed is lost


def test_the_form_and_the_record_number_the_criteria_as_the_catalogue(world, client_for):
    exemplar = ExemplarFactory(unit=world.dept_a)
    client = client_for(world.user("editor_a"))
    form = client.get(edit_url(exemplar)).content.decode()
    record = client.get(detail(exemplar)).content.decode()
    general = Criterion.objects.filter(version=exemplar.catalogue_version, kind="general")
    for criterion in general:
        assert f"{escape(criterion.heading)}.</span> {escape(criterion.text)}" in form
        assert escape(criterion.heading) in record
        assert f'id="criterion-general-{criterion.number}"' in record
    specific = exemplar.criteria().get(kind="specific")
    # The form shows the specific criterion of the field chosen, and hides the others.
    shown = re.search(
        rf'<p class="specific-criterion mb-0" data-field="{specific.field_id}">', form
    )
    assert shown
    assert (
        form.count('class="specific-criterion mb-0"')
        == Criterion.objects.filter(version=exemplar.catalogue_version, kind="specific").count()
    )
    assert form.count('class="specific-criterion mb-0" data-field=') - 1 == len(
        re.findall(r'class="specific-criterion mb-0" data-field="\d+" hidden', form)
    )
    assert escape(specific.heading) in record


# --- Item 9: each role's own moves, a confirmed sending, messages as people speak ----------

# (status, persona, the commune's record?) → (moves offered, comment box?, box required?)
BOXES = [
    (S.DRAFT, "editor_a", False, ["submit"], False),
    (S.DRAFT, "head_a", False, ["submit"], False),
    (S.RETURNED, "editor_a", False, ["submit"], False),
    (S.UNDER_REVIEW, "home_affairs", False, ["accept", "return", "refuse"], True),
    (S.ACCEPTED, "home_affairs", False, ["reopen"], True),
    (S.SUBMITTED_TO_DISTRICT, "district_reviewer", True, ["endorse", "district_return"], True),
    (S.SUBMITTED_TO_DISTRICT, "commune_editor", True, [], False),
    (S.UNDER_REVIEW, "editor_a", False, [], False),
    (S.UNDER_REVIEW, "leader", False, [], False),
    (S.UNDER_REVIEW, "administrator", False, [], False),
    (S.ACCEPTED, "editor_a", False, [], False),
]


@pytest.mark.parametrize(("status", "persona", "commune", "offered", "comment"), BOXES)
def test_each_role_sees_only_its_moves_and_their_fields(
    world, client_for, status, persona, commune, offered, comment
):
    exemplar = force_status(
        ExemplarFactory(unit=world.commune_a if commune else world.dept_a), status
    )
    response = client_for(world.user(persona)).get(detail(exemplar))
    assert response.status_code == 200
    content = response.content.decode()
    if not offered:
        assert 'id="next-step"' not in content
        return
    box = section(content, "next-step")
    buttons = re.findall(r'name="action" value="([a-z_]+)"', box)
    if "submit" in offered:
        # Sending is confirmed first: the button opens the dialog (or the step of its own).
        assert 'data-open-dialog="send-dialog"' in box
        assert buttons == ["submit"]  # the dialog's own button
    else:
        assert buttons == offered
    assert ('name="comment"' in box) is comment
    if not comment:
        # Nothing about reasons for someone who cannot return anything.
        assert 'id="id_comment_helptext"' not in box
        return
    help_text = re.search(r'id="id_comment_helptext">([^<]*)<', box).group(1)
    textarea = re.search(r"<textarea[^>]*>", box).group(0)
    required = [workflow.MOVES[a] for a in offered if workflow.MOVES[a].comment_required]
    if len(required) == len(offered):  # every move here needs a reason
        assert 'aria-required="true"' in textarea
    else:
        assert "aria-required" not in textarea
        for move in required:
            assert escape(f"“{move.label}”") in help_text


@pytest.mark.parametrize(
    ("unit", "persona", "destination"),
    [("commune_a", "commune_editor", "district_a"), ("dept_a", "editor_a", None)],
)
def test_sending_is_confirmed_with_what_goes_where(world, client_for, unit, persona, destination):
    exemplar = ExemplarFactory(unit=getattr(world, unit))
    client = client_for(world.user(persona))
    expected = workflow.destination_name(getattr(world, destination) if destination else None)
    dialog = section(client.get(detail(exemplar)).content.decode(), "send-dialog")
    assert escape(expected) in dialog
    assert escape(exemplar.subject_name) in dialog
    assert f'action="{move_url(exemplar)}"' in dialog
    # Without script, the same question on a step of its own, and no other move meanwhile.
    step = client.get(detail(exemplar), {"xac-nhan": "gui"}).content.decode()
    confirmation = section(step, "confirm-send")
    assert escape(expected) in confirmation
    assert 'name="action" value="submit"' in confirmation
    assert 'id="next-step"' not in step
    # Confirmed, it is sent, and the message says where it went.
    response = client.post(move_url(exemplar), {"action": "submit", "version": 1}, follow=True)
    exemplar.refresh_from_db()
    assert exemplar.status == (S.SUBMITTED_TO_DISTRICT if destination else S.UNDER_REVIEW)
    sent = [str(m) for m in get_messages(response.wsgi_request)] or [
        str(m) for m in response.context["messages"]
    ]
    assert sent == [str(workflow.MOVES["submit"].done % {"unit": expected})]


def test_no_confirmation_for_an_incomplete_record_or_someone_who_cannot_send(
    world, client_for, incomplete
):
    editor = client_for(world.user("editor_a"))
    step = editor.get(detail(incomplete), {"xac-nhan": "gui"}).content.decode()
    assert 'id="confirm-send"' not in step
    assert 'id="send-dialog"' not in step  # the button tries, and the list answers
    exemplar = force_status(ExemplarFactory(unit=world.dept_a), S.RETURNED)
    reader = client_for(world.user("home_affairs"))
    assert (
        'id="confirm-send"'
        not in reader.get(detail(exemplar), {"xac-nhan": "gui"}).content.decode()
    )
    other = client_for(world.user("editor_b"))
    assert other.get(detail(exemplar), {"xac-nhan": "gui"}).status_code == 404


@pytest.mark.parametrize(
    ("status", "action", "persona", "commune", "unit_named"),
    [
        (S.SUBMITTED_TO_DISTRICT, "endorse", "district_reviewer", True, "home_affairs"),
        (S.SUBMITTED_TO_DISTRICT, "district_return", "district_reviewer", True, "commune_a"),
        (S.UNDER_REVIEW, "accept", "home_affairs", False, None),
        (S.UNDER_REVIEW, "return", "home_affairs", False, "dept_a"),
        (S.UNDER_REVIEW, "refuse", "home_affairs", False, "dept_a"),
        (S.ACCEPTED, "reopen", "home_affairs", False, "dept_a"),
    ],
)
def test_each_move_is_told_as_people_say_it(
    world, client_for, status, action, persona, commune, unit_named
):
    exemplar = force_status(
        ExemplarFactory(unit=world.commune_a if commune else world.dept_a), status
    )
    response = client_for(world.user(persona)).post(
        move_url(exemplar),
        {"action": action, "version": exemplar.version, "comment": "Lý do cụ thể."},
        follow=True,
    )
    told = [str(m) for m in response.context["messages"]]
    if unit_named == "home_affairs":
        name = workflow.destination_name(None)
    elif unit_named:
        name = getattr(world, unit_named).name
    else:
        name = None
    assert told == [str(workflow.MOVES[action].done % {"unit": name})]
    if name:
        assert name in told[0]
    assert "%(" not in told[0]


# --- Item 11: names on every step, full reasons, one notice per sending with its round -------


def test_the_timeline_names_who_created_the_draft(world, client_for):
    exemplar = ExemplarFactory(unit=world.dept_a, created_by=world.user("head_a"))
    content = client_for(world.user("editor_a")).get(detail(exemplar)).content.decode()
    timeline = content[content.index('id="timeline-title"') :]
    first = timeline[timeline.index("<li") : timeline.index("</li>")]
    assert world.user("head_a").full_name in first


def test_the_history_keeps_a_long_reason_in_full(world, client_for, returned):
    entry = returned.history.filter(history_change_reason__contains="lọc máu").get()
    assert entry.history_change_reason.endswith(LONG_REASON)
    content = client_for(world.user("editor_a")).get(detail(returned)).content.decode()
    history = content[content.index('id="history-title"') :]
    for line in LONG_REASON.split("\n"):
        assert escape(line) in history


def test_a_long_change_shows_a_preview_cut_between_words_and_the_whole_on_demand(world, client_for):
    exemplar = ExemplarFactory(unit=world.dept_a)
    client = client_for(world.user("editor_a"))
    from tests.test_exemplar_pages import form_data

    long_text = "Cứu chữa thành công " + "nhiều ca cấp cứu nặng, " * 12 + "kết thúc."
    data = form_data(achievements=long_text, version=exemplar.version)
    data.pop("creation_token")
    data["field"] = exemplar.field_id
    assert client.post(edit_url(exemplar), data).status_code == 302
    content = client.get(detail(exemplar)).content.decode()
    history = content[content.index('id="history-title"') :]
    short = preview(long_text)
    assert short != long_text and short.endswith("…")
    assert long_text.startswith(short[:-1].rstrip())
    assert long_text[len(short) - 1] in " ,"  # cut between two words, not inside one
    assert f"{escape(short)}" in history
    full = history[history.index('<details class="history-full">') :]
    assert escape(long_text) in full[: full.index("</details>")]


def test_preview_leaves_short_texts_and_non_texts_as_they_are():
    assert preview("Ngắn gọn.") == "Ngắn gọn."
    assert preview(None) is None
    assert preview(12) == 12
    text = "một " * 30
    assert len(preview(text)) <= 61
    assert preview("x" * 80).endswith("…")  # no space at all: cut where it must


def test_sending_and_sending_again_tell_the_district_once_each_with_the_round(
    world, django_capture_on_commit_callbacks
):
    exemplar = ExemplarFactory(unit=world.commune_a)
    reviewer = world.user("district_reviewer")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(exemplar=exemplar, by=world.user("commune_editor"))
        workflow.transition(
            exemplar=exemplar, action="district_return", by=reviewer, comment="Bổ sung ảnh."
        )
        workflow.submit(exemplar=exemplar, by=world.user("commune_editor"))
    first, second = Notification.objects.filter(recipient=reviewer).order_by("pk")
    assert first.message != second.message
    assert first.message.endswith("1).")
    assert second.message.endswith("2).")
    assert first.transition.action == second.transition.action == "submit"
    # A return is no sending: no round in its notice.
    back = Notification.objects.get(
        recipient=world.user("commune_editor"), transition__action="district_return"
    )
    assert not back.message.endswith(").")


def test_the_migration_restores_reasons_cut_at_one_hundred_characters(world, returned):
    step = returned.transitions.get(action="return")
    entry = returned.history.filter(history_change_reason__contains="lọc máu").get()
    label = entry.history_change_reason.split(": ", 1)[0]
    cut = f"{label}: {LONG_REASON}"[:100]
    type(entry).objects.filter(pk=entry.pk).update(history_change_reason=cut)
    migration = import_module("registry.migrations.0019_review_reasons_in_full")
    migration.restore_cut_reasons(apps, None)
    entry.refresh_from_db()
    assert entry.history_change_reason == f"{label}: {step.comment}"


# --- Item 13: a return without a reason goes back to the record, the box marked -------------


def test_returning_without_a_reason_goes_back_to_the_record_with_the_box_marked(world, client_for):
    exemplar = force_status(ExemplarFactory(unit=world.dept_a), S.UNDER_REVIEW)
    client = client_for(world.user("home_affairs"))
    response = client.post(
        move_url(exemplar), {"action": "return", "version": exemplar.version, "comment": "   "}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"{detail(exemplar)}#id_comment"
    page = client.get(detail(exemplar))
    assert page.status_code == 200
    box = section(page.content.decode(), "next-step")
    textarea = re.search(r"<textarea[^>]*>", box).group(0)
    assert 'aria-invalid="true"' in textarea
    assert "autofocus" in textarea
    described = re.search(r'aria-describedby="([^"]+)"', textarea).group(1).split()
    assert described == ["id_comment_errors", "id_comment_helptext"]
    error = re.search(r'id="id_comment_errors">([^<]+)<', box).group(1)
    assert error == escape(gettext("Please give the reason in the comment."))
    # Nothing happened, and no error page.
    exemplar.refresh_from_db()
    assert exemplar.status == S.UNDER_REVIEW
    assert not Transition.objects.filter(exemplar=exemplar).exists()
    # Shown once: read again, the box is as usual.
    again = section(client.get(detail(exemplar)).content.decode(), "next-step")
    assert "aria-invalid" not in again


def test_the_text_typed_is_kept_when_the_move_fails(world, client_for):
    """Refusing a record someone else accepted meanwhile: back to the record as it now is,
    with the message, and the text typed still in the box."""
    exemplar = force_status(ExemplarFactory(unit=world.dept_a), S.UNDER_REVIEW)
    seen = exemplar.version
    workflow.accept(exemplar=exemplar, by=world.user("home_affairs"))
    client = client_for(world.user("home_affairs"))
    response = client.post(
        move_url(exemplar), {"action": "refuse", "version": seen, "comment": "Chưa đủ minh chứng."}
    )
    assert response.status_code == 302
    page = client.get(detail(exemplar)).content.decode()
    assert "Chưa đủ minh chứng." in section(page, "next-step")


def test_a_reason_too_long_is_refused_next_to_the_box_and_kept_to_shorten(world, client_for):
    exemplar = force_status(ExemplarFactory(unit=world.dept_a), S.UNDER_REVIEW)
    client = client_for(world.user("home_affairs"))
    too_long = "Thiếu minh chứng. " * 150  # over the 2,000 characters a comment takes
    response = client.post(
        move_url(exemplar), {"action": "return", "version": exemplar.version, "comment": too_long}
    )
    assert response.headers["Location"] == f"{detail(exemplar)}#id_comment"
    box = section(client.get(detail(exemplar)).content.decode(), "next-step")
    assert 'aria-invalid="true"' in re.search(r"<textarea[^>]*>", box).group(0)
    assert 'id="id_comment_errors"' in box
    assert escape(too_long.strip()) in box
    exemplar.refresh_from_db()
    assert exemplar.status == S.UNDER_REVIEW


def test_an_attempt_on_one_record_does_not_follow_the_user_to_another(world, client_for):
    first = force_status(ExemplarFactory(unit=world.dept_a), S.UNDER_REVIEW)
    second = force_status(ExemplarFactory(unit=world.dept_a), S.UNDER_REVIEW)
    client = client_for(world.user("home_affairs"))
    client.post(move_url(first), {"action": "return", "version": first.version, "comment": ""})
    other = section(client.get(detail(second)).content.decode(), "next-step")
    assert "aria-invalid" not in other
    assert 'aria-invalid="true"' in section(client.get(detail(first)).content.decode(), "next-step")


@pytest.mark.parametrize(
    ("persona", "status_code"),
    [("editor_a", 403), ("head_a", 403), ("leader", 403), ("editor_b", 404), ("media", 404)],
)
def test_only_reviewers_may_return(world, client_for, persona, status_code):
    exemplar = force_status(ExemplarFactory(unit=world.dept_a), S.UNDER_REVIEW)
    response = client_for(world.user(persona)).post(
        move_url(exemplar), {"action": "return", "version": exemplar.version, "comment": "x"}
    )
    assert response.status_code == status_code
    exemplar.refresh_from_db()
    assert exemplar.status == S.UNDER_REVIEW


@pytest.mark.parametrize(
    "data",
    [
        {"action": "submit"},  # no version
        {"action": "fly", "version": 1},  # no such move
        {"action": "", "version": "x"},
    ],
)
def test_a_malformed_move_goes_back_to_the_record_with_a_message(world, client_for, data):
    exemplar = ExemplarFactory(unit=world.dept_a)
    response = client_for(world.user("editor_a")).post(move_url(exemplar), data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(detail(exemplar))
    assert [m for m in response.context["messages"] if m.level_tag == "error"]
    exemplar.refresh_from_db()
    assert exemplar.status == S.DRAFT


def test_the_record_page_does_not_grow_with_its_review_rounds(world, client_for, returned):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.user("editor_a"))
    client.get(detail(returned))  # the session is warm

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(detail(returned)).status_code == 200
        return len(queries)

    before = count()
    for _ in range(3):
        workflow.submit(exemplar=returned, by=world.user("editor_a"))
        workflow.send_back(exemplar=returned, by=world.user("home_affairs"), comment="Thêm.")
    assert count() == before


def test_a_district_acts_only_on_what_was_sent_to_it(world, client_for):
    ours = force_status(ExemplarFactory(unit=world.commune_a), S.SUBMITTED_TO_DISTRICT)
    theirs = force_status(ExemplarFactory(unit=world.commune_b), S.SUBMITTED_TO_DISTRICT)
    client = client_for(world.user("district_reviewer"))
    assert 'name="action" value="endorse"' in client.get(detail(ours)).content.decode()
    assert client.get(detail(theirs)).status_code == 404
    response = client.post(move_url(theirs), {"action": "endorse", "version": theirs.version})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == S.SUBMITTED_TO_DISTRICT
