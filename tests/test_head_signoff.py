"""The unit head's sign-off (issue 14, item 18): an optional step, set per unit kind or unit,
in which an editor's exemplar goes to the unit head, who approves it on to the next reviewer
or returns it with a reason. Rows of the one workflow table; the documents a unit sends
carry the head's sign-off date.

New texts pass in English until the Vietnamese catalogue is compiled: these tests read
statuses, actions, ids and the English msgids through gettext.
"""

import datetime

import pytest
from django.contrib import admin
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from registry import selectors, tracking, workflow
from registry.enums import ExemplarStatus as S
from registry.enums import Role
from registry.models import Exemplar, Notification, Transition, Unit, UnitKind, UnitSuccession
from reports import documents
from tests.factories import UnitFactory, UserFactory
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration

REASON = "Đề nghị bổ sung ý kiến của Hội đồng Thi đua - Khen thưởng cơ quan trước khi trình ký."


def signing(unit, value=True):
    """Have ``unit`` sign off (or not) what its editors send, as its own choice."""
    unit.requires_head_signoff = value
    unit.save()
    return unit


def force_status(exemplar, status):
    """Put an exemplar in a state for a test (the moves themselves are tested below)."""
    Exemplar.objects.filter(pk=exemplar.pk).update(status=status)
    exemplar.refresh_from_db()
    return exemplar


@pytest.fixture
def head_b(world):
    """The head of the other department."""
    return UserFactory(username="head_b", unit=world.dept_b, role=Role.UNIT_HEAD)


@pytest.fixture
def record(world):
    """A complete draft of Sở Y tế, whose head signs off what it sends."""
    signing(world.dept_a)
    return ExemplarFactory(unit=world.dept_a, created_by=world.user("editor_a"))


def submitted(world, record):
    return workflow.submit(exemplar=record, by=world.user("editor_a"))


# The setting: per unit kind, and a unit's own choice over its kind's ----------------------


@pytest.mark.parametrize(
    ("kind_says", "unit_says", "signs_off"),
    [
        (False, None, False),
        (True, None, True),
        (True, False, False),
        (False, True, True),
        (True, True, True),
    ],
)
def test_a_unit_signs_off_as_its_kind_says_unless_it_chose_itself(
    world, kind_says, unit_says, signs_off
):
    kind = world.dept_a.kind
    kind.requires_head_signoff = kind_says
    kind.save()
    unit = Unit.objects.select_related("kind").get(pk=world.dept_a.pk)
    unit.requires_head_signoff = unit_says
    unit.save()
    unit = Unit.objects.select_related("kind").get(pk=unit.pk)
    assert unit.needs_head_signoff is signs_off
    exemplar = ExemplarFactory(unit=unit)
    expected = S.AWAITING_HEAD if signs_off else S.UNDER_REVIEW
    assert workflow.submit(exemplar=exemplar, by=world.user("editor_a")).status == expected


def test_by_default_nobody_signs_off(world):
    assert not UnitKind.objects.filter(requires_head_signoff=True).exists()
    assert not Unit.objects.get(pk=world.dept_a.pk).needs_head_signoff


def test_the_setting_is_kept_in_the_admin_for_kinds_and_units(world):
    request = RequestFactory().get("/")
    request.user = world.user("administrator")
    kind_admin = admin.site._registry[UnitKind]
    assert "requires_head_signoff" in kind_admin.get_fields(request)
    unit_admin = admin.site._registry[Unit]
    form_class = unit_admin.get_form(request, world.dept_b)
    form = form_class(instance=world.dept_b)
    html = str(form["requires_head_signoff"])
    # The empty choice says what it means: the kind decides.
    assert str(_("As its kind says")) in html
    assert 'value="unknown" selected' in html
    data = {
        name: form.initial.get(name) or ""
        for name in ("code", "name", "short_name", "kind", "parent")
    }
    data.update(requires_head_signoff="true")
    bound = form_class(data=data, instance=world.dept_b)
    assert bound.is_valid(), bound.errors
    bound.save()
    world.dept_b.refresh_from_db()
    assert world.dept_b.requires_head_signoff is True
    bound = form_class(data={**data, "requires_head_signoff": "unknown"}, instance=world.dept_b)
    assert bound.is_valid(), bound.errors
    bound.save()
    world.dept_b.refresh_from_db()
    assert world.dept_b.requires_head_signoff is None
    # Every change is kept.
    assert world.dept_b.history.count() >= 3


# The moves ----------------------------------------------------------------------------------


def test_the_editors_submit_goes_to_the_head_and_no_further(world, record):
    exemplar = submitted(world, record)
    assert exemplar.status == S.AWAITING_HEAD
    assert exemplar.reviewer_unit_id is None
    assert not exemplar.is_editable
    step = exemplar.transitions.get()
    assert (step.action, step.from_status, step.to_status) == ("submit", S.DRAFT, S.AWAITING_HEAD)
    assert workflow.done_message("submit", exemplar) == str(
        _("The record has been sent to %(unit)s.")
        % {"unit": _("the head of %(unit)s") % {"unit": world.dept_a.name}}
    )


def test_the_heads_approval_sends_it_where_the_submit_would_have_gone(world, record):
    exemplar = submitted(world, record)
    exemplar = workflow.transition(
        exemplar=exemplar, action="head_approve", by=world.user("head_a"), comment="Đồng ý."
    )
    assert exemplar.status == S.UNDER_REVIEW
    assert exemplar.reviewer_unit_id is None
    step = exemplar.transitions.last()
    assert (step.action, step.from_status, step.to_status, step.comment) == (
        "head_approve",
        S.AWAITING_HEAD,
        S.UNDER_REVIEW,
        "Đồng ý.",
    )
    assert workflow.done_message("head_approve", exemplar) == str(
        _("The record has been signed off and sent to %(unit)s.")
        % {"unit": _("Department of Home Affairs")}
    )


def test_a_communes_approval_goes_to_its_district_first(world):
    signing(world.commune_a)
    head = UserFactory(username="commune_head", unit=world.commune_a, role=Role.UNIT_HEAD)
    exemplar = ExemplarFactory(unit=world.commune_a, created_by=world.user("commune_editor"))
    exemplar = workflow.submit(exemplar=exemplar, by=world.user("commune_editor"))
    assert exemplar.status == S.AWAITING_HEAD
    assert exemplar.reviewer_unit_id is None
    exemplar = workflow.transition(exemplar=exemplar, action="head_approve", by=head)
    assert exemplar.status == S.SUBMITTED_TO_DISTRICT
    assert exemplar.reviewer_unit == world.district_a
    # And on, as any record sent to the district.
    exemplar = workflow.transition(
        exemplar=exemplar, action="endorse", by=world.user("district_reviewer")
    )
    assert exemplar.status == S.UNDER_REVIEW


def test_the_head_returns_it_only_with_a_reason_and_the_editor_sends_it_again(world, record):
    exemplar = submitted(world, record)
    head = world.user("head_a")
    with pytest.raises(workflow.ReasonMissingError):
        workflow.transition(exemplar=exemplar, action="head_return", by=head, comment="   ")
    exemplar.refresh_from_db()
    assert exemplar.status == S.AWAITING_HEAD
    exemplar = workflow.transition(exemplar=exemplar, action="head_return", by=head, comment=REASON)
    assert exemplar.status == S.RETURNED_BY_HEAD
    assert exemplar.is_editable
    assert world.user("editor_a").has_perm("registry.change_exemplar", exemplar)
    assert exemplar.transitions.last().comment_is_reason
    exemplar = workflow.submit(exemplar=exemplar, by=world.user("editor_a"))
    assert exemplar.status == S.AWAITING_HEAD
    assert list(exemplar.transitions.values_list("action", "to_status")) == [
        ("submit", S.AWAITING_HEAD),
        ("head_return", S.RETURNED_BY_HEAD),
        ("submit", S.AWAITING_HEAD),
    ]


def test_a_head_signs_by_sending_the_record_on(world, record):
    exemplar = workflow.submit(exemplar=record, by=world.user("head_a"))
    assert exemplar.status == S.UNDER_REVIEW
    step = exemplar.transitions.get()
    # Recorded as the head's sign-off, from the draft straight on.
    assert (step.action, step.from_status, step.to_status) == (
        "head_approve",
        S.DRAFT,
        S.UNDER_REVIEW,
    )
    assert workflow.head_signoff(exemplar) == step


def test_where_the_unit_does_not_sign_off_a_heads_submit_is_a_plain_submit(world):
    exemplar = ExemplarFactory(unit=world.dept_a)
    exemplar = workflow.submit(exemplar=exemplar, by=world.user("head_a"))
    assert exemplar.status == S.UNDER_REVIEW
    assert exemplar.transitions.get().action == "submit"
    assert workflow.head_signoff(exemplar) is None


# (state, action, persona) → allowed, on Sở Y tế's record; head_b is the other unit's head.
MATRIX = [
    (S.AWAITING_HEAD, "head_approve", "head_a", True),
    (S.AWAITING_HEAD, "head_approve", "editor_a", False),
    (S.AWAITING_HEAD, "head_approve", "head_b", False),
    (S.AWAITING_HEAD, "head_approve", "editor_b", False),
    (S.AWAITING_HEAD, "head_approve", "district_reviewer", False),
    (S.AWAITING_HEAD, "head_approve", "home_affairs", False),
    (S.AWAITING_HEAD, "head_approve", "leader", False),
    (S.AWAITING_HEAD, "head_approve", "administrator", False),
    (S.AWAITING_HEAD, "head_return", "head_a", True),
    (S.AWAITING_HEAD, "head_return", "editor_a", False),
    (S.AWAITING_HEAD, "head_return", "head_b", False),
    (S.AWAITING_HEAD, "head_return", "home_affairs", False),
    (S.AWAITING_HEAD, "head_return", "leader", False),
    (S.RETURNED_BY_HEAD, "submit", "editor_a", True),
    (S.RETURNED_BY_HEAD, "submit", "head_b", False),
    (S.RETURNED_BY_HEAD, "submit", "home_affairs", False),
]


@pytest.mark.parametrize(("state", "action", "persona", "allowed"), MATRIX)
def test_who_may_sign_off(world, record, head_b, state, action, persona, allowed):
    exemplar = force_status(record, state)
    user = head_b if persona == "head_b" else world.user(persona)
    if allowed:
        result = workflow.transition(exemplar=exemplar, action=action, by=user, comment="Lý do")
        assert result.status == workflow.MOVES[action].target_for(exemplar)
    else:
        with pytest.raises(PermissionDenied):
            workflow.transition(exemplar=exemplar, action=action, by=user, comment="Lý do")
        exemplar.refresh_from_db()
        assert exemplar.status == state
        assert not exemplar.transitions.exists()


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (S.DRAFT, "head_approve"),
        (S.UNDER_REVIEW, "head_approve"),
        (S.RETURNED_BY_HEAD, "head_return"),
        (S.AWAITING_HEAD, "submit"),
        (S.AWAITING_HEAD, "accept"),
    ],
)
def test_sign_off_moves_from_the_wrong_state_are_refused(world, record, state, action):
    exemplar = force_status(record, state)
    persona = {"accept": "home_affairs", "submit": "editor_a"}.get(action, "head_a")
    with pytest.raises(workflow.WorkflowError):
        workflow.transition(exemplar=exemplar, action=action, by=world.user(persona), comment="x")
    exemplar.refresh_from_db()
    assert exemplar.status == state


def test_the_editor_and_the_head_are_offered_their_own_moves(world, record, head_b):
    editor, head = world.user("editor_a"), world.user("head_a")
    exemplar = submitted(world, record)
    assert workflow.moves_for(exemplar, editor) == []
    assert [m.action for m in workflow.moves_for(exemplar, head)] == [
        "head_approve",
        "head_return",
    ]
    assert workflow.moves_for(exemplar, head_b) == []
    assert workflow.moves_for(exemplar, world.user("home_affairs")) == []


def test_the_head_of_the_unit_carrying_on_the_work_signs_off_an_ended_units_record(world):
    """A unit that ended hands its unfinished records on: the successor's head signs off."""
    signing(world.dept_a)
    old = UnitFactory(
        code="37-SCU",
        name="Sở cũ",
        parent=world.province,
        valid_until=datetime.date(2025, 2, 28),
    )
    UnitSuccession.objects.create(
        predecessor=old,
        successor=world.dept_a,
        kind=UnitSuccession.Kind.MERGER,
        effective_on=datetime.date(2025, 3, 1),
        legal_basis="Nghị quyết hợp nhất",
    )
    exemplar = ExemplarFactory(unit=old, created_by=world.user("editor_a"))
    exemplar = workflow.submit(exemplar=exemplar, by=world.user("editor_a"))
    assert exemplar.status == S.AWAITING_HEAD
    exemplar = workflow.transition(
        exemplar=exemplar, action="head_approve", by=world.user("head_a")
    )
    assert exemplar.status == S.UNDER_REVIEW


# Notifications ------------------------------------------------------------------------------


def test_the_heads_hear_of_a_record_to_sign_and_the_editor_of_its_return(
    world, record, head_b, django_capture_on_commit_callbacks
):
    editor, head = world.user("editor_a"), world.user("head_a")
    editor.language = "en"
    editor.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        exemplar = submitted(world, record)
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["head_a"]
    assert [m.to for m in mail.outbox] == [[head.email]]
    note = Notification.objects.get(recipient=head)
    assert note.exemplar == exemplar
    with translation.override("vi"):
        # The portal's own wording around the record's name, in the head's language.
        assert f"({world.dept_a.short_name}, năm {exemplar.year})" in note.render()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(exemplar=exemplar, action="head_return", by=head, comment=REASON)
    returned = Notification.objects.get(recipient=editor)
    assert returned.transition.to_status == S.RETURNED_BY_HEAD
    with translation.override("en"):
        assert "Returned by the unit head" in returned.render()
    assert not Notification.objects.filter(recipient=head_b).exists()
    assert not Notification.objects.filter(recipient__role=Role.HOME_AFFAIRS).exists()
    # The editor's e-mail is in English, with the head's reason in full.
    (message,) = [m for m in mail.outbox if m.to == [editor.email]]
    assert message.subject.startswith(exemplar.subject_name)
    assert "Returned by the unit head" in message.subject
    assert f"Reason: {REASON}" in message.body


def test_the_approval_reaches_home_affairs_and_tells_the_editor(
    world, record, django_capture_on_commit_callbacks
):
    exemplar = submitted(world, record)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(exemplar=exemplar, action="head_approve", by=world.user("head_a"))
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"home_affairs", "editor_a"}


# The sign-off date --------------------------------------------------------------------------


def _approved(world, record, day: datetime.date):
    exemplar = submitted(world, record)
    exemplar = workflow.transition(
        exemplar=exemplar, action="head_approve", by=world.user("head_a")
    )
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    exemplar.transitions.filter(action="head_approve").update(at=moment)
    return exemplar


def signed_off_at(exemplar):
    return (
        workflow.with_head_signoff(Exemplar.objects.filter(pk=exemplar.pk)).get().head_signed_off_at
    )


def test_the_sign_off_date_is_read_from_the_steps(world, record):
    exemplar = _approved(world, record, datetime.date(2025, 11, 5))
    step = workflow.head_signoff(exemplar)
    assert step.by == world.user("head_a")
    assert timezone.localtime(step.at).date() == datetime.date(2025, 11, 5)
    assert signed_off_at(exemplar) == step.at
    # Returned by Home Affairs, the record is back with its unit: no sign-off stands.
    exemplar = workflow.send_back(
        exemplar=exemplar, by=world.user("home_affairs"), comment="Bổ sung"
    )
    assert workflow.head_signoff(exemplar) is None
    assert signed_off_at(exemplar) is None
    # Sent again without the head (the unit no longer signs off): still none.
    signing(world.dept_a, False)
    exemplar = workflow.submit(exemplar=exemplar, by=world.user("editor_a"))
    assert exemplar.status == S.UNDER_REVIEW
    assert workflow.head_signoff(exemplar) is None
    assert signed_off_at(exemplar) is None


def _annex_rows(document):
    table = document.annexes[0].blocks[0]
    return table, [row for row in table.rows if isinstance(row, list)]


def test_the_units_report_carries_each_sign_off_date(world, record):
    signed = _approved(world, record, datetime.date(2025, 11, 5))
    signing(world.dept_a, False)
    plain = ExemplarFactory(unit=world.dept_a, full_name="Lê Văn Không Ký")
    workflow.submit(exemplar=plain, by=world.user("editor_a"))
    waiting = ExemplarFactory(unit=world.dept_a, full_name="Phạm Chờ Ký")
    signing(world.dept_a)
    workflow.submit(exemplar=waiting, by=world.user("editor_a"))
    document = documents.unit_exemplars(unit=world.dept_a, year=signed.year)
    table, rows = _annex_rows(document)
    assert table.columns[-1].header == _("Signed off by the unit head on")
    assert sum(column.width for column in table.columns) == 100
    by_name = {row[1]: row for row in rows}
    assert by_name[signed.subject_name][-1] == "05/11/2025"
    assert by_name[plain.subject_name][-1] == ""
    # What waits for the head has not been sent: not on the unit's report.
    assert waiting.subject_name not in by_name


def test_a_report_without_any_sign_off_has_no_such_column(world):
    exemplar = ExemplarFactory(unit=world.dept_a)
    workflow.submit(exemplar=exemplar, by=world.user("editor_a"))
    table, rows = _annex_rows(documents.unit_exemplars(unit=world.dept_a, year=exemplar.year))
    assert [column.header for column in table.columns][-1] == _("Status")
    assert len(rows[0]) == len(table.columns)


def test_the_profile_carries_the_sign_off_date(world, record):
    exemplar = _approved(world, record, datetime.date(2025, 11, 5))
    document = documents.exemplar_profile(exemplar=exemplar, personal_data=False)
    pairs = dict(document.extra["particulars_table"])
    assert pairs[_("Signed off by the unit head on")] == "05/11/2025"


def test_the_units_report_as_a_spreadsheet_has_the_date(world, record, client_for):
    from io import BytesIO

    from openpyxl import load_workbook

    exemplar = _approved(world, record, datetime.date(2025, 11, 5))
    url = reverse("reports:document_unit_exemplars", kwargs={"code": world.dept_a.code})
    response = client_for(world.user("head_a")).get(f"{url}?year={exemplar.year}&format=xlsx")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = load_workbook(BytesIO(content))
    values = {
        cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
    }
    assert "05/11/2025" in values


# Pages ---------------------------------------------------------------------------------------


def test_the_editor_is_told_the_record_goes_to_the_head(world, record, client_for):
    page = client_for(world.user("editor_a")).get(record.get_absolute_url())
    assert page.context["send_to_head"] is True
    assert page.context["send_to"] == _("the head of %(unit)s") % {"unit": world.dept_a.name}
    assert page.context["next_after_head"] == _("Department of Home Affairs")
    content = page.content.decode()
    assert 'id="send-to-head"' in content
    assert content.count('value="submit"') == 1  # in the dialog; the button opens it


def test_the_editor_is_warned_when_the_unit_has_no_head_to_sign(world, record, client_for):
    url = record.get_absolute_url()
    assert 'id="no-head"' not in client_for(world.user("editor_a")).get(url).content.decode()
    head = world.user("head_a")
    head.is_active = False
    head.save(update_fields=["is_active"])
    page = client_for(world.user("editor_a")).get(url)
    assert page.context["no_head"] is True
    assert 'id="no-head"' in page.content.decode()


def test_the_head_sending_a_draft_goes_straight_on(world, record, client_for):
    page = client_for(world.user("head_a")).get(record.get_absolute_url())
    assert page.context["send_to_head"] is False
    assert page.context["send_to"] == _("Department of Home Affairs")
    assert 'id="send-to-head"' not in page.content.decode()


def test_the_record_waiting_shows_the_head_its_moves_and_the_editor_a_note(
    world, record, client_for, head_b
):
    exemplar = submitted(world, record)
    head_page = client_for(world.user("head_a")).get(exemplar.get_absolute_url())
    content = head_page.content.decode()
    assert 'value="head_approve"' in content
    assert 'value="head_return"' in content
    assert 'id="sign-off-help"' in content
    assert 'class="badge status-awaiting_head"' in content
    editor_page = client_for(world.user("editor_a")).get(exemplar.get_absolute_url())
    content = editor_page.content.decode()
    assert 'id="awaiting-head"' in content
    assert 'value="head_approve"' not in content
    assert 'id="next-step"' not in content
    # The other unit's head does not reach the record.
    assert client_for(head_b).get(exemplar.get_absolute_url()).status_code == 404


def test_a_head_approves_and_returns_through_the_page(world, record, client_for):
    exemplar = submitted(world, record)
    client = client_for(world.user("head_a"))
    url = reverse("registry:exemplar_transition", kwargs={"code": exemplar.code})
    response = client.post(url, {"action": "head_approve", "version": exemplar.version})
    assert response.status_code == 302
    exemplar.refresh_from_db()
    assert exemplar.status == S.UNDER_REVIEW
    page = client.get(exemplar.get_absolute_url())
    content = page.content.decode()
    today = timezone.localdate()
    assert f'data-signed-off="{today:%Y-%m-%d}"' in content
    assert f"{today:%d/%m/%Y}" in content
    assert page.context["signoff_step"].by == world.user("head_a")


def test_a_return_without_reason_marks_the_box_and_keeps_the_text(world, record, client_for):
    exemplar = submitted(world, record)
    client = client_for(world.user("head_a"))
    url = reverse("registry:exemplar_transition", kwargs={"code": exemplar.code})
    response = client.post(
        url, {"action": "head_return", "version": exemplar.version, "comment": "   "}
    )
    assert response.headers["Location"] == f"{exemplar.get_absolute_url()}#id_comment"
    content = client.get(exemplar.get_absolute_url()).content.decode()
    assert 'id="id_comment_errors"' in content
    assert 'aria-invalid="true"' in content
    assert "is-invalid" in content
    exemplar.refresh_from_db()
    assert exemplar.status == S.AWAITING_HEAD
    # A reason too long to take is kept in the box, for the head to shorten.
    long_reason = "Bổ sung biên bản. " * 150
    response = client.post(
        url, {"action": "head_return", "version": exemplar.version, "comment": long_reason}
    )
    assert response.headers["Location"] == f"{exemplar.get_absolute_url()}#id_comment"
    page = client.get(exemplar.get_absolute_url())
    assert page.context["transition_form"]["comment"].value() == long_reason
    assert 'aria-invalid="true"' in page.content.decode()
    exemplar.refresh_from_db()
    assert exemplar.status == S.AWAITING_HEAD
    # With a reason, the editor reads it first on the record.
    client.post(url, {"action": "head_return", "version": exemplar.version, "comment": REASON})
    editor_page = client_for(world.user("editor_a")).get(exemplar.get_absolute_url())
    assert editor_page.context["reason_step"].comment == REASON
    assert str(_("Why the unit head returned the record")) in editor_page.content.decode()


def test_other_roles_cannot_sign_off_through_the_page(world, record, client_for, head_b):
    exemplar = submitted(world, record)
    url = reverse("registry:exemplar_transition", kwargs={"code": exemplar.code})
    for persona in ("editor_a", "home_affairs"):
        response = client_for(world.user(persona)).post(
            url, {"action": "head_approve", "version": exemplar.version}
        )
        assert response.status_code == 403, persona
    response = client_for(head_b).post(url, {"action": "head_approve", "version": exemplar.version})
    assert response.status_code == 404
    exemplar.refresh_from_db()
    assert exemplar.status == S.AWAITING_HEAD


# The unit's home, lists, queue and quota -------------------------------------------------------


def test_the_head_finds_what_waits_for_the_sign_off_on_the_home(world, record, client_for, head_b):
    exemplar = submitted(world, record)
    page = client_for(world.user("head_a")).get(reverse("registry:home"))
    assert [e.code for e in page.context["to_sign"]] == [exemplar.code]
    assert page.context["to_sign"][0].sent_by == world.user("editor_a").full_name
    content = page.content.decode()
    assert f'data-exemplar="{exemplar.code}"' in content
    assert 'data-status="awaiting_head"' in content
    assert 'id="unit-signs-off"' in content
    # Not for the editor, nor for another unit's head.
    assert "to_sign" not in client_for(world.user("editor_a")).get(reverse("registry:home")).context
    assert list(client_for(head_b).get(reverse("registry:home")).context["to_sign"]) == []
    assert list(selectors.exemplars_awaiting_signoff(user=world.user("home_affairs"))) == []


def test_the_editor_finds_the_record_the_head_returned_first_on_the_home(world, record, client_for):
    exemplar = submitted(world, record)
    workflow.transition(
        exemplar=exemplar, action="head_return", by=world.user("head_a"), comment=REASON
    )
    page = client_for(world.user("editor_a")).get(reverse("registry:home"))
    (returned,) = page.context["returned_records"]
    assert returned.code == exemplar.code
    assert returned.return_reason == REASON
    assert S.RETURNED_BY_HEAD in page.context["returned_statuses"]


def test_a_record_awaiting_the_head_is_not_sent_for_the_quota_nor_in_a_queue(
    world, record, client_for
):
    exemplar = submitted(world, record)
    progress = tracking.quota_progress(unit=world.dept_a, year=exemplar.year)
    assert progress.submitted == 0
    sent_up = selectors.exemplar_list(
        user=world.user("home_affairs"), filters={"status": selectors.STATUS_SENT_UP}
    )
    assert exemplar not in sent_up
    queue = client_for(world.user("home_affairs")).get(reverse("registry:review_queue"))
    assert exemplar not in [row["exemplar"] for row in queue.context["rows"]]
    # Listed by its own status, for those who reach it.
    listed = client_for(world.user("home_affairs")).get(
        reverse("registry:exemplar_list") + "?status=awaiting_head"
    )
    assert [e.code for e in listed.context["exemplars"]] == [exemplar.code]
    workflow.transition(exemplar=exemplar, action="head_approve", by=world.user("head_a"))
    assert tracking.quota_progress(unit=world.dept_a, year=exemplar.year).submitted == 1
    queue = client_for(world.user("home_affairs")).get(reverse("registry:review_queue"))
    assert exemplar.code in [row["exemplar"].code for row in queue.context["rows"]]


def test_a_record_within_its_unit_is_not_a_duplicate_put_forward(world, record):
    exemplar = submitted(world, record)
    other = ExemplarFactory(unit=world.dept_b, full_name=exemplar.full_name)
    workflow.submit(exemplar=other, by=world.user("editor_b"))
    assert selectors.possible_duplicates([other]) == set()
    workflow.transition(exemplar=exemplar, action="head_approve", by=world.user("head_a"))
    assert selectors.possible_duplicates([other]) == {(other.subject_key, other.year)}


def test_every_status_has_a_badge_colour():
    from pathlib import Path

    css = (Path(__file__).resolve().parent.parent / "static/css/portal.css").read_text()
    for status in S:
        assert f".badge.status-{status.value}" in css, status


def test_transition_rows_fit_the_new_statuses(world, record):
    exemplar = submitted(world, record)
    field = Transition._meta.get_field("to_status")
    assert all(len(value) <= field.max_length for value in S.values)
    assert exemplar.transitions.get().get_to_status_display() == S.AWAITING_HEAD.label
