"""The review chain follows dates (issue items 4 and 5).

A submission goes to the reviewer in force on the day it is sent; when a reviewing body
ends, the work still waiting for it moves to its successor or to Home Affairs, on each
timeline, and the people concerned are told; the unit that took over a commune's work
finishes its records; a record keeps its unit and is found from its successor.

province
├── Sở Nội vụ ................................ home_affairs
├── Huyện Hoa Lư (to 30/6/2025) ............. district_reviewer
│   └── Xã Ninh Hải (to 30/6/2025) ........... old_editor
│       ⇒ Xã Hoa Lư (from 1/7/2025) ........... new_editor (takes over its work)
├── Xã Kim Đông (from 1/7/2025) .............. other_editor
└── province-level leader .................... leader
"""

import datetime
from contextlib import contextmanager
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from registry import workflow
from registry.enums import ExemplarStatus as S
from registry.enums import Role
from registry.handover import hand_over_pending_work
from registry.models import Exemplar, Notification, Transition, UnitSuccession
from registry.selectors import exemplar_list, unit_ids_in_scope
from tests.factories import UnitFactory, UserFactory, kind
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration

LAST_DAY = datetime.date(2025, 6, 30)
FIRST_DAY = datetime.date(2025, 7, 1)
BEFORE = datetime.date(2025, 5, 15)
BASIS = "Nghị quyết số 1674/NQ-UBTVQH15"

_real_localdate = timezone.localdate


@contextmanager
def on(day):
    """Make ``day`` today for the portal (dates of given moments are left as they are)."""

    def localdate(value=None, timezone=None):
        return day if value is None else _real_localdate(value, timezone)

    with mock.patch("django.utils.timezone.localdate", side_effect=localdate):
        yield


def succession(predecessor, successor, **extra):
    return UnitSuccession.objects.create(
        predecessor=predecessor,
        successor=successor,
        kind=extra.pop("kind", UnitSuccession.Kind.MERGER),
        effective_on=extra.pop("effective_on", FIRST_DAY),
        legal_basis=BASIS,
        **extra,
    )


class Reform:
    """Dated units and their people, as they were around 1 July 2025."""

    def __init__(self):
        self.province = UnitFactory(code="R-37", name="Tỉnh Ninh Bình", kind=kind("province"))
        self.snv = UnitFactory(code="R-SNV", name="Sở Nội vụ", parent=self.province)
        self.district = UnitFactory(
            code="R-HOALU",
            name="Huyện Hoa Lư",
            kind=kind("district"),
            parent=self.province,
            valid_until=LAST_DAY,
        )
        self.old_commune = UnitFactory(
            code="R-NINHHAI",
            name="Xã Ninh Hải",
            kind=kind("commune"),
            parent=self.district,
            valid_until=LAST_DAY,
        )
        self.new_commune = UnitFactory(
            code="R-XAHOALU",
            name="Xã Hoa Lư",
            kind=kind("commune"),
            parent=self.province,
            valid_from=FIRST_DAY,
        )
        self.other_commune = UnitFactory(
            code="R-KIMDONG",
            name="Xã Kim Đông",
            kind=kind("commune"),
            parent=self.province,
            valid_from=FIRST_DAY,
        )
        succession(self.old_commune, self.new_commune, takes_over_work=True)
        self.users = {
            "old_editor": UserFactory(
                username="r_old_editor", unit=self.old_commune, role=Role.UNIT_EDITOR
            ),
            "new_editor": UserFactory(
                username="r_new_editor", unit=self.new_commune, role=Role.UNIT_EDITOR
            ),
            "other_editor": UserFactory(
                username="r_other_editor", unit=self.other_commune, role=Role.UNIT_EDITOR
            ),
            "district_reviewer": UserFactory(
                username="r_district", unit=self.district, role=Role.DISTRICT_REVIEWER
            ),
            "home_affairs": UserFactory(
                username="r_home_affairs", unit=self.snv, role=Role.HOME_AFFAIRS
            ),
            "leader": UserFactory(username="r_leader", unit=self.province, role=Role.LEADER),
        }

    def user(self, persona):
        return self.users[persona]


@pytest.fixture
def reform(db):
    return Reform()


def sent_on(day, exemplar, by):
    with on(day):
        workflow.submit(exemplar=exemplar, by=by)
    exemplar.refresh_from_db()
    return exemplar


def notified(user) -> int:
    return Notification.objects.filter(recipient=user).count()


# 1. Sending follows the day ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "day"), [(2024, datetime.date(2024, 11, 20)), (2025, BEFORE), (2025, LAST_DAY)]
)
def test_before_the_reform_a_commune_goes_to_its_district_which_endorses(
    reform, django_capture_on_commit_callbacks, year, day
):
    exemplar = ExemplarFactory(unit=reform.old_commune, year=year)
    with django_capture_on_commit_callbacks(execute=True):
        sent_on(day, exemplar, reform.user("old_editor"))
    assert exemplar.status == S.SUBMITTED_TO_DISTRICT
    assert exemplar.reviewer_unit == reform.district
    assert notified(reform.user("district_reviewer")) == 1
    assert notified(reform.user("home_affairs")) == 0
    with on(day):
        workflow.transition(
            exemplar=exemplar, action="endorse", by=reform.user("district_reviewer")
        )
    exemplar.refresh_from_db()
    assert exemplar.status == S.UNDER_REVIEW
    # Moves on to Home Affairs keep the reviewer that endorsed it first.
    assert exemplar.reviewer_unit == reform.district
    workflow.send_back(exemplar=exemplar, by=reform.user("home_affairs"), comment="Bổ sung")
    exemplar.refresh_from_db()
    assert exemplar.reviewer_unit == reform.district


def test_after_the_reform_the_same_commune_goes_straight_to_home_affairs(
    reform, django_capture_on_commit_callbacks
):
    old = ExemplarFactory(unit=reform.old_commune)
    new = ExemplarFactory(unit=reform.new_commune)
    with django_capture_on_commit_callbacks(execute=True):
        sent_on(FIRST_DAY, old, reform.user("new_editor"))
        sent_on(FIRST_DAY, new, reform.user("new_editor"))
    for exemplar in (old, new):
        assert exemplar.status == S.UNDER_REVIEW
        assert exemplar.reviewer_unit is None
    assert notified(reform.user("district_reviewer")) == 0
    assert notified(reform.user("home_affairs")) == 2
    with on(FIRST_DAY), pytest.raises(PermissionDenied):
        workflow.transition(exemplar=old, action="accept", by=reform.user("district_reviewer"))
    workflow.accept(exemplar=old, by=reform.user("home_affairs"))
    old.refresh_from_db()
    assert old.status == S.ACCEPTED
    assert old.unit == reform.old_commune


def test_the_reviewer_is_the_one_recorded_at_sending_not_todays_parent(reform):
    exemplar = sent_on(BEFORE, ExemplarFactory(unit=reform.old_commune), reform.user("old_editor"))
    # The commune is moved under another reviewing district afterwards.
    other_district = UnitFactory(code="R-GIAVIEN", name="Huyện Gia Viễn", kind=kind("district"))
    outsider = UserFactory(username="r_outsider", unit=other_district, role=Role.DISTRICT_REVIEWER)
    reform.old_commune.parent = other_district
    reform.old_commune.save()
    exemplar = Exemplar.objects.get(pk=exemplar.pk)
    assert not outsider.has_perm("registry.district_review_exemplar", exemplar)
    assert reform.user("district_reviewer").has_perm("registry.district_review_exemplar", exemplar)


# 2. Work pending at a body that ended ----------------------------------------------------------


def test_work_pending_at_a_district_moves_to_home_affairs_on_1_july(
    reform, client_for, django_capture_on_commit_callbacks
):
    exemplar = sent_on(
        LAST_DAY, ExemplarFactory(unit=reform.old_commune), reform.user("old_editor")
    )
    version = exemplar.version
    Notification.objects.all().delete()
    # On its last day the district is still in force: nothing moves.
    assert hand_over_pending_work(today=LAST_DAY).moved == 0

    with django_capture_on_commit_callbacks(execute=True), on(FIRST_DAY):
        report = hand_over_pending_work(today=FIRST_DAY)
    assert report.moved == 1
    assert report.to_home_affairs == 1
    [line] = report.lines
    assert (line.code, line.ended_unit, line.new_reviewer) == (exemplar.code, "Huyện Hoa Lư", "")
    exemplar.refresh_from_db()
    assert exemplar.status == S.UNDER_REVIEW
    assert exemplar.reviewer_unit is None
    assert exemplar.version == version + 1
    assert exemplar.unit == reform.old_commune
    step = exemplar.transitions.last()
    assert (step.action, step.by, step.from_status, step.to_status) == (
        "hand_over",
        None,
        S.SUBMITTED_TO_DISTRICT,
        S.UNDER_REVIEW,
    )
    assert "Huyện Hoa Lư" in step.comment
    assert "30/6/2025" in step.comment
    assert exemplar.history.first().history_change_reason
    # The district's reviewer, Home Affairs and the commune's staff (old and new) are told.
    for persona in ("district_reviewer", "home_affairs", "old_editor", "new_editor"):
        assert notified(reform.user(persona)) == 1, persona
    assert notified(reform.user("other_editor")) == 0
    assert reform.user("district_reviewer").email in {m.to[0] for m in mail.outbox}
    note = Notification.objects.get(recipient=reform.user("home_affairs"))
    assert "Huyện Hoa Lư" in note.message

    # Running it again changes nothing.
    with django_capture_on_commit_callbacks(execute=True), on(FIRST_DAY):
        assert hand_over_pending_work(today=FIRST_DAY).moved == 0
    assert exemplar.transitions.filter(action="hand_over").count() == 1
    assert Notification.objects.count() == 4

    # Home Affairs carries on; the timeline shows the portal's own step.
    with on(FIRST_DAY):
        response = client_for(reform.user("home_affairs")).get(exemplar.get_absolute_url())
    content = response.content.decode()
    assert gettext("the portal (automatic)") in content
    assert step.comment in content
    workflow.accept(exemplar=exemplar, by=reform.user("home_affairs"))


def test_a_district_with_a_reviewing_successor_hands_over_to_it(
    reform, client_for, django_capture_on_commit_callbacks
):
    old_district = UnitFactory(
        code="R-YENMO",
        name="Huyện Yên Mô",
        kind=kind("district"),
        parent=reform.province,
        valid_until=LAST_DAY,
    )
    new_district = UnitFactory(
        code="R-YENKHANH",
        name="Huyện Yên Khánh mới",
        kind=kind("district"),
        parent=reform.province,
        valid_from=FIRST_DAY,
    )
    succession(old_district, new_district, takes_over_work=True)
    commune = UnitFactory(
        code="R-YENTHANG", name="Xã Yên Thắng", kind=kind("commune"), parent=old_district
    )
    editor = UserFactory(username="r_yenthang", unit=commune, role=Role.UNIT_EDITOR)
    old_reviewer = UserFactory(username="r_yenmo", unit=old_district, role=Role.DISTRICT_REVIEWER)
    new_reviewer = UserFactory(
        username="r_yenkhanh", unit=new_district, role=Role.DISTRICT_REVIEWER
    )
    exemplar = sent_on(BEFORE, ExemplarFactory(unit=commune), editor)
    assert exemplar.reviewer_unit == old_district
    Notification.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True), on(FIRST_DAY):
        report = hand_over_pending_work(today=FIRST_DAY)
    assert (report.moved, report.to_successors) == (1, 1)
    exemplar.refresh_from_db()
    assert exemplar.status == S.SUBMITTED_TO_DISTRICT
    assert exemplar.reviewer_unit == new_district
    step = exemplar.transitions.get(action="hand_over")
    assert step.by is None
    assert "Huyện Yên Mô" in step.comment
    assert "Huyện Yên Khánh mới" in step.comment
    for user in (old_reviewer, new_reviewer, editor):
        assert notified(user) == 1, user.username
    assert notified(reform.user("home_affairs")) == 0
    assert hand_over_pending_work(today=FIRST_DAY).moved == 0

    # The new district finds it in its queue and endorses it; the old one no longer may.
    with on(FIRST_DAY):
        client = client_for(new_reviewer)
        queue = client.get(reverse("registry:review_queue"))
        assert [row["exemplar"].pk for row in queue.context["rows"]] == [exemplar.pk]
        page = client.get(exemplar.get_absolute_url())
        assert page.status_code == 200
        assert [move.action for move in page.context["moves"]] == ["endorse", "district_return"]
        assert not old_reviewer.has_perm("registry.district_review_exemplar", exemplar)
        workflow.transition(exemplar=exemplar, action="endorse", by=new_reviewer)
    exemplar.refresh_from_db()
    assert exemplar.status == S.UNDER_REVIEW
    assert exemplar.reviewer_unit == new_district


def test_only_work_waiting_at_an_ended_reviewer_moves(reform):
    waiting_elsewhere = ExemplarFactory(unit=reform.new_commune)
    sent_on(FIRST_DAY, waiting_elsewhere, reform.user("new_editor"))
    draft = ExemplarFactory(unit=reform.old_commune)
    returned = sent_on(BEFORE, ExemplarFactory(unit=reform.old_commune), reform.user("old_editor"))
    with on(BEFORE):
        workflow.transition(
            exemplar=returned,
            action="district_return",
            by=reform.user("district_reviewer"),
            comment="Thiếu minh chứng",
        )
    assert hand_over_pending_work(today=FIRST_DAY).moved == 0
    assert not Transition.objects.filter(action="hand_over").exists()
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


# 3. Nothing stranded: the successor finishes a predecessor's records ---------------------------


def edit_data(exemplar, **overrides):
    data = {
        "version": exemplar.version,
        "year": exemplar.year,
        "subject_kind": exemplar.subject_kind,
        "full_name": exemplar.full_name,
        "gender": exemplar.gender,
        "birth_year": exemplar.birth_year,
        "position": exemplar.position,
        "workplace": exemplar.workplace,
        "field": exemplar.field_id,
        "achievements": exemplar.achievements,
        "new_model": exemplar.new_model,
        "contact_name": exemplar.contact_name,
        "contact_phone": exemplar.contact_phone,
        "publication_consent": "on",
    }
    for criterion in exemplar.criteria():
        text = exemplar.evidence.get(criterion=criterion).text
        if criterion.kind == "specific":
            data["specific_evidence"] = text
        else:
            data[f"evidence_{criterion.pk}"] = text
    data.update(overrides)
    return data


def test_the_successor_communes_editor_finishes_the_old_communes_draft(reform, client_for):
    draft = ExemplarFactory(unit=reform.old_commune, created_by=reform.user("old_editor"))
    client = client_for(reform.user("new_editor"))
    detail = draft.get_absolute_url()
    update = reverse("registry:exemplar_update", kwargs={"code": draft.code})
    move = reverse("registry:exemplar_transition", kwargs={"code": draft.code})
    with on(FIRST_DAY):
        page = client.get(detail)
        assert page.status_code == 200
        assert page.context["unit_now"] == reform.new_commune
        content = page.content.decode()
        assert "Xã Ninh Hải" in content
        assert "30/6/2025" in content
        assert "Xã Hoa Lư" in content
        assert client.get(update).status_code == 200
        response = client.post(update, edit_data(draft, position="Trưởng thôn"))
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.position == "Trưởng thôn"
        response = client.post(move, {"action": "submit", "version": draft.version})
        assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.UNDER_REVIEW
    assert draft.unit == reform.old_commune
    assert draft.transitions.get().by == reform.user("new_editor")


def test_a_record_returned_by_the_ended_district_is_sent_again_by_the_successor(reform):
    exemplar = sent_on(BEFORE, ExemplarFactory(unit=reform.old_commune), reform.user("old_editor"))
    with on(BEFORE):
        workflow.transition(
            exemplar=exemplar,
            action="district_return",
            by=reform.user("district_reviewer"),
            comment="Bổ sung ảnh",
        )
    exemplar = sent_on(FIRST_DAY, exemplar, reform.user("new_editor"))
    assert exemplar.status == S.UNDER_REVIEW


def test_a_user_of_an_unrelated_unit_gets_nothing(reform, client_for):
    draft = ExemplarFactory(unit=reform.old_commune, created_by=reform.user("old_editor"))
    client = client_for(reform.user("other_editor"))
    with on(FIRST_DAY):
        for name in ("exemplar_detail", "exemplar_update", "exemplar_transition"):
            url = reverse(f"registry:{name}", kwargs={"code": draft.code})
            assert client.get(url).status_code in {404, 405}
            assert client.post(url, {"action": "submit", "version": 1}).status_code == 404
        with pytest.raises(PermissionDenied):
            workflow.submit(exemplar=draft, by=reform.user("other_editor"))
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


# Each role × the old commune's draft / the new commune's draft: view, change, submit.
MATRIX = {
    "old": {
        "new_editor": (True, True, True),
        "old_editor": (True, True, True),
        "other_editor": (False, False, False),
        "district_reviewer": (True, False, False),
        "home_affairs": (True, False, False),
        "leader": (True, False, False),
    },
    "new": {
        "new_editor": (True, True, True),
        "old_editor": (False, False, False),
        "other_editor": (False, False, False),
        "district_reviewer": (False, False, False),
        "home_affairs": (True, False, False),
        "leader": (True, False, False),
    },
}


@pytest.mark.parametrize("whose", ["old", "new"])
@pytest.mark.parametrize(
    "persona",
    ["new_editor", "old_editor", "other_editor", "district_reviewer", "home_affairs", "leader"],
)
def test_who_reaches_and_finishes_which_draft(reform, client_for, whose, persona):
    unit = reform.old_commune if whose == "old" else reform.new_commune
    draft = ExemplarFactory(unit=unit)
    user = reform.user(persona)
    expected = MATRIX[whose][persona]
    with on(FIRST_DAY):
        allowed = (
            user.has_perm("registry.view_exemplar", draft),
            user.has_perm("registry.change_exemplar", draft),
            user.has_perm("registry.submit_exemplar", draft),
        )
        assert allowed == expected
        status = client_for(user).get(draft.get_absolute_url()).status_code
    assert status == (200 if expected[0] else 404)


def test_reach_follows_the_work_down_a_chain_but_not_back(reform):
    third = UnitFactory(
        code="R-HOALU2",
        name="Phường Hoa Lư",
        kind=kind("commune"),
        parent=reform.province,
        valid_from=datetime.date(2026, 1, 1),
    )
    reform.new_commune.valid_until = datetime.date(2025, 12, 31)
    reform.new_commune.save()
    succession(
        reform.new_commune,
        third,
        kind=UnitSuccession.Kind.RENAMING,
        effective_on=third.valid_from,
        takes_over_work=True,
    )
    editor = UserFactory(username="r_third", unit=third, role=Role.UNIT_HEAD)
    assert unit_ids_in_scope(editor) == {third.pk, reform.new_commune.pk, reform.old_commune.pk}
    assert unit_ids_in_scope(reform.user("new_editor")) == {
        reform.new_commune.pk,
        reform.old_commune.pk,
    }
    assert unit_ids_in_scope(reform.user("old_editor")) == {reform.old_commune.pk}
    # A district reviewer still reaches its district and the units it reviews.
    assert unit_ids_in_scope(reform.user("district_reviewer")) == {
        reform.district.pk,
        reform.old_commune.pk,
    }


def test_a_link_that_does_not_take_over_the_work_gives_no_reach(reform):
    split_part = UnitFactory(
        code="R-PART", name="Xã Ninh Phúc", kind=kind("commune"), valid_from=FIRST_DAY
    )
    succession(
        reform.old_commune, split_part, kind=UnitSuccession.Kind.SPLIT, takes_over_work=False
    )
    editor = UserFactory(username="r_part", unit=split_part, role=Role.UNIT_EDITOR)
    draft = ExemplarFactory(unit=reform.old_commune)
    assert unit_ids_in_scope(editor) == {split_part.pk}
    assert not editor.has_perm("registry.change_exemplar", draft)


# 4. A district's own exemplars --------------------------------------------------------------


def test_a_district_reviewer_registers_their_districts_own_exemplar(reform, client_for):
    reviewer = reform.user("district_reviewer")
    client = client_for(reviewer)
    with on(BEFORE):
        assert client.get(reverse("registry:exemplar_create")).status_code == 200
        exemplar = ExemplarFactory(unit=reform.district, created_by=reviewer)
        assert reviewer.has_perm("registry.add_exemplar")
        assert reviewer.has_perm("registry.change_exemplar", exemplar)
        assert reviewer.has_perm("registry.delete_exemplar", exemplar)
        assert (
            client.get(
                reverse("registry:exemplar_update", kwargs={"code": exemplar.code})
            ).status_code
            == 200
        )
        workflow.submit(exemplar=exemplar, by=reviewer)
    exemplar.refresh_from_db()
    # Its own record is not its to endorse: it goes straight to Home Affairs.
    assert exemplar.status == S.UNDER_REVIEW
    assert exemplar.reviewer_unit is None
    # A commune's draft is still the commune's to send.
    commune_draft = ExemplarFactory(unit=reform.old_commune)
    assert not reviewer.has_perm("registry.change_exemplar", commune_draft)
    with on(BEFORE), pytest.raises(PermissionDenied):
        workflow.submit(exemplar=commune_draft, by=reviewer)


def test_a_district_reviewer_creates_through_the_form(reform, client_for):
    reviewer = reform.user("district_reviewer")
    template = ExemplarFactory.build(unit=reform.district, created_by=reviewer)
    data = {
        "year": 2025,
        "subject_kind": "collective",
        "collective_name": "Hội Nông dân huyện Hoa Lư",
        "head_name": "Đinh Văn Bình",
        "member_count": 1200,
        "field": template.field.pk,
        "achievements": template.achievements,
        "new_model": template.new_model,
        "contact_name": template.contact_name,
        "contact_phone": template.contact_phone,
        "publication_consent": "on",
        "creation_token": "5f0c2f4e-6c1b-4e59-9f55-0d7c7a4c2b11",
    }
    with on(BEFORE):
        response = client_for(reviewer).post(reverse("registry:exemplar_create"), data)
    assert response.status_code == 302
    exemplar = Exemplar.objects.get(collective_name="Hội Nông dân huyện Hoa Lư")
    assert exemplar.unit == reform.district
    assert exemplar.created_by == reviewer


# 5. Found from either unit ----------------------------------------------------------------------


def test_the_list_by_unit_finds_the_predecessors_and_successors_records(reform, client_for):
    old = ExemplarFactory(unit=reform.old_commune, year=2024, full_name="Đinh Thị Lan")
    new = ExemplarFactory(unit=reform.new_commune, year=2025, full_name="Phạm Văn Hòa")
    ExemplarFactory(unit=reform.other_commune, full_name="Vũ Văn Tâm")
    home_affairs = reform.user("home_affairs")
    for code in (reform.new_commune.code, reform.old_commune.code):
        found = exemplar_list(user=home_affairs, filters={"unit": code})
        assert set(found) == {old, new}, code
    assert list(exemplar_list(user=home_affairs, filters={"unit": "NO-SUCH-UNIT"})) == []
    response = client_for(home_affairs).get(
        reverse("registry:exemplar_list"), {"unit": reform.new_commune.code}
    )
    assert {e.pk for e in response.context["exemplars"]} == {old.pk, new.pk}
    # The successor's editor finds the old record by the new code too, within their reach.
    found = exemplar_list(user=reform.user("new_editor"), filters={"unit": reform.new_commune.code})
    assert set(found) == {old, new}
    found = exemplar_list(user=reform.user("old_editor"), filters={"unit": reform.new_commune.code})
    assert set(found) == {old}


# 6. The daily command -------------------------------------------------------------------------


def run(*args):
    out = StringIO()
    call_command("hand_over_work", *args, stdout=out)
    return out.getvalue()


def test_the_command_lists_each_exemplar_and_a_total_and_dry_run_changes_nothing(reform):
    first = sent_on(BEFORE, ExemplarFactory(unit=reform.old_commune), reform.user("old_editor"))
    second = sent_on(BEFORE, ExemplarFactory(unit=reform.old_commune), reform.user("old_editor"))
    dry = run("--date", "2025-07-01", "--dry-run")
    lines = [line for line in dry.splitlines() if line.startswith("- ")]
    assert len(lines) == 2
    assert first.code in dry and second.code in dry
    assert "Huyện Hoa Lư" in dry
    assert "2025-07-01" in dry and " 2 " in dry
    assert not Transition.objects.filter(action="hand_over").exists()
    first.refresh_from_db()
    assert first.status == S.SUBMITTED_TO_DISTRICT

    done = run("--date", "2025-07-01")
    assert len([line for line in done.splitlines() if line.startswith("- ")]) == 2
    assert Transition.objects.filter(action="hand_over").count() == 2
    assert set(Exemplar.objects.values_list("status", flat=True)) == {S.UNDER_REVIEW}
    again = run("--date", "2025-07-01")
    assert not [line for line in again.splitlines() if line.startswith("- ")]
    assert " 0 " in again
    assert Transition.objects.filter(action="hand_over").count() == 2


def test_the_command_refuses_a_later_day_unless_dry_run(reform):
    later = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(CommandError):
        run("--date", later)
    run("--date", later, "--dry-run")
    with pytest.raises(CommandError):
        run("--date", "1-7-2025")
