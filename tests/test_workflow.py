"""The review workflow: the table of moves by state × role × own/other unit, the timeline,
conflicts, frozen records and notifications."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from registry import workflow
from registry.enums import ExemplarStatus as S
from registry.models import Exemplar, Notification, Transition
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration


def force_status(exemplar, status):
    """Put an exemplar in a state for a test (the workflow is tested separately); one sent to
    its district records the district as its reviewer, as sending does."""
    reviewer = exemplar.unit.reviewing_unit if status == S.SUBMITTED_TO_DISTRICT else None
    Exemplar.objects.filter(pk=exemplar.pk).update(status=status, reviewer_unit=reviewer)
    exemplar.refresh_from_db()
    return exemplar


@pytest.fixture
def dept_exemplar(world):
    return ExemplarFactory(unit=world.dept_a)


@pytest.fixture
def commune_exemplar(world):
    return ExemplarFactory(unit=world.commune_a)


# (state, action, persona, on the commune's exemplar?) → allowed
MATRIX = [
    (S.DRAFT, "submit", "commune_editor", True),
    (S.DRAFT, "submit", "commune_b_editor", False),
    (S.DRAFT, "submit", "district_reviewer", False),
    (S.DRAFT, "submit", "home_affairs", False),
    (S.DRAFT, "submit", "leader", False),
    (S.SUBMITTED_TO_DISTRICT, "endorse", "district_reviewer", True),
    (S.SUBMITTED_TO_DISTRICT, "endorse", "commune_editor", False),
    (S.SUBMITTED_TO_DISTRICT, "endorse", "home_affairs", False),
    (S.SUBMITTED_TO_DISTRICT, "district_return", "district_reviewer", True),
    (S.UNDER_REVIEW, "accept", "home_affairs", True),
    (S.UNDER_REVIEW, "accept", "district_reviewer", False),
    (S.UNDER_REVIEW, "accept", "commune_editor", False),
    (S.UNDER_REVIEW, "accept", "leader", False),
    (S.UNDER_REVIEW, "accept", "administrator", False),
    (S.UNDER_REVIEW, "return", "home_affairs", True),
    (S.UNDER_REVIEW, "refuse", "home_affairs", True),
    (S.ACCEPTED, "reopen", "home_affairs", True),
    (S.ACCEPTED, "reopen", "commune_editor", False),
    (S.RETURNED, "submit", "commune_editor", True),
    (S.RETURNED_BY_DISTRICT, "submit", "commune_editor", True),
]


@pytest.mark.parametrize(("state", "action", "persona", "allowed"), MATRIX)
def test_who_may_make_which_move(world, commune_exemplar, state, action, persona, allowed):
    exemplar = force_status(commune_exemplar, state)
    user = world.user(persona)
    if allowed:
        result = workflow.transition(exemplar=exemplar, action=action, by=user, comment="Lý do")
        assert result.status == workflow.MOVES[action].target_for(exemplar)
        assert Transition.objects.filter(exemplar=exemplar, action=action, by=user).exists()
    else:
        with pytest.raises(PermissionDenied):
            workflow.transition(exemplar=exemplar, action=action, by=user, comment="Lý do")
        exemplar.refresh_from_db()
        assert exemplar.status == state


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (S.DRAFT, "accept"),
        (S.ACCEPTED, "accept"),
        (S.REFUSED, "return"),
        (S.SUBMITTED_TO_DISTRICT, "accept"),
        (S.ACCEPTED, "submit"),
    ],
)
def test_moves_from_the_wrong_state_are_refused(world, commune_exemplar, state, action):
    exemplar = force_status(commune_exemplar, state)
    persona = "commune_editor" if action == "submit" else "home_affairs"
    with pytest.raises(workflow.WorkflowError):
        workflow.transition(exemplar=exemplar, action=action, by=world.user(persona), comment="x")


def test_a_commune_goes_through_its_district_a_department_straight_to_home_affairs(
    world, commune_exemplar, dept_exemplar
):
    workflow.submit(exemplar=commune_exemplar, by=world.user("commune_editor"))
    workflow.submit(exemplar=dept_exemplar, by=world.user("editor_a"))
    commune_exemplar.refresh_from_db()
    dept_exemplar.refresh_from_db()
    assert commune_exemplar.status == S.SUBMITTED_TO_DISTRICT
    assert dept_exemplar.status == S.UNDER_REVIEW


def test_the_whole_journey_is_recorded_on_the_timeline(world, commune_exemplar):
    e = commune_exemplar
    workflow.submit(exemplar=e, by=world.user("commune_editor"))
    workflow.transition(exemplar=e, action="endorse", by=world.user("district_reviewer"))
    workflow.send_back(exemplar=e, by=world.user("home_affairs"), comment="Bổ sung minh chứng")
    workflow.submit(exemplar=e, by=world.user("commune_editor"))
    workflow.transition(exemplar=e, action="endorse", by=world.user("district_reviewer"))
    workflow.accept(exemplar=e, by=world.user("home_affairs"))
    steps = list(e.transitions.values_list("from_status", "to_status", "by__username", "comment"))
    assert steps == [
        (S.DRAFT, S.SUBMITTED_TO_DISTRICT, "commune_editor", ""),
        (S.SUBMITTED_TO_DISTRICT, S.UNDER_REVIEW, "district_reviewer", ""),
        (S.UNDER_REVIEW, S.RETURNED, "home_affairs", "Bổ sung minh chứng"),
        (S.RETURNED, S.SUBMITTED_TO_DISTRICT, "commune_editor", ""),
        (S.SUBMITTED_TO_DISTRICT, S.UNDER_REVIEW, "district_reviewer", ""),
        (S.UNDER_REVIEW, S.ACCEPTED, "home_affairs", ""),
    ]
    e.refresh_from_db()
    assert e.status == S.ACCEPTED
    assert e.version == 7


def test_returning_needs_a_reason(world, dept_exemplar):
    exemplar = force_status(dept_exemplar, S.UNDER_REVIEW)
    with pytest.raises(workflow.WorkflowError) as error:
        workflow.send_back(exemplar=exemplar, by=world.user("home_affairs"), comment="  ")
    assert "lý do" in " ".join(error.value.messages)


def test_an_incomplete_exemplar_cannot_be_submitted(world):
    exemplar = ExemplarFactory(
        unit=world.dept_a, with_evidence=False, publication_consent=False, contact_phone=""
    )
    with pytest.raises(workflow.WorkflowError) as error:
        workflow.submit(exemplar=exemplar, by=world.user("editor_a"))
    text = " ".join(error.value.messages)
    assert "đồng ý công bố" in text
    assert "Điện thoại liên hệ" in text
    assert "Y tế" in text
    exemplar.refresh_from_db()
    assert exemplar.status == S.DRAFT


def test_the_second_of_two_concurrent_reviewers_gets_a_conflict(world, dept_exemplar):
    exemplar = force_status(dept_exemplar, S.UNDER_REVIEW)
    seen = exemplar.version
    workflow.accept(exemplar=exemplar, by=world.user("home_affairs"), expected_version=seen)
    with pytest.raises(workflow.ConflictError) as error:
        workflow.send_back(
            exemplar=exemplar, by=world.user("home_affairs"), comment="Thiếu", expected_version=seen
        )
    assert "Người khác đã thay đổi" in " ".join(error.value.messages)
    exemplar.refresh_from_db()
    assert exemplar.status == S.ACCEPTED
    assert exemplar.transitions.count() == 1


def test_notifications_reach_the_next_reviewer_and_the_unit(
    world, commune_exemplar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(exemplar=commune_exemplar, by=world.user("commune_editor"))
    assert Notification.objects.filter(recipient=world.user("district_reviewer")).count() == 1
    assert [m.to for m in mail.outbox] == [[world.user("district_reviewer").email]]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(
            exemplar=commune_exemplar, action="endorse", by=world.user("district_reviewer")
        )
    assert Notification.objects.filter(recipient=world.user("home_affairs")).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        workflow.send_back(
            exemplar=commune_exemplar, by=world.user("home_affairs"), comment="Bổ sung"
        )
    note = Notification.objects.filter(recipient=world.user("commune_editor")).first()
    assert "Trả lại để bổ sung" in note.message
    assert not Notification.objects.filter(recipient=world.user("commune_b_editor")).exists()
    assert "Bổ sung" in mail.outbox[-1].body


class TestPages:
    def test_transition_through_the_page_and_conflict_message(
        self, world, client_for, dept_exemplar
    ):
        exemplar = force_status(dept_exemplar, S.UNDER_REVIEW)
        url = reverse("registry:exemplar_transition", kwargs={"code": exemplar.code})
        client = client_for(world.user("home_affairs"))
        response = client.post(url, {"action": "accept", "version": exemplar.version})
        assert response.status_code == 302
        response = client.post(
            url, {"action": "return", "version": exemplar.version, "comment": "Thiếu ảnh"}
        )
        # Back on the record's page, as it now is, with the message and the text kept.
        assert response.status_code == 302
        assert response.headers["Location"] == f"{exemplar.get_absolute_url()}#next-step"
        page = client.get(exemplar.get_absolute_url())
        content = page.content.decode()
        assert "Người khác đã thay đổi" in content
        assert "Thiếu ảnh" in content

    def test_another_units_exemplar_is_404_everywhere(self, world, client_for, dept_exemplar):
        client = client_for(world.user("editor_b"))
        for name in ["exemplar_detail", "exemplar_update", "exemplar_transition"]:
            url = reverse(f"registry:{name}", kwargs={"code": dept_exemplar.code})
            assert client.get(url).status_code in {404, 405}
            assert client.post(url, {"action": "submit", "version": 1}).status_code == 404
        dept_exemplar.refresh_from_db()
        assert dept_exemplar.status == S.DRAFT

    def test_an_accepted_exemplar_is_frozen(self, world, client_for, dept_exemplar):
        exemplar = force_status(dept_exemplar, S.ACCEPTED)
        client = client_for(world.user("editor_a"))
        url = reverse("registry:exemplar_update", kwargs={"code": exemplar.code})
        assert client.get(url).status_code == 403
        assert client.post(url, {"full_name": "Tên khác"}).status_code == 403
        exemplar.refresh_from_db()
        assert exemplar.full_name != "Tên khác"
