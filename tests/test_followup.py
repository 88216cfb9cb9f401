"""Follow-up of accepted exemplars (plan II.3): who may record one, on which exemplar, what
bad input gives, and Home Affairs' list of exemplars nobody followed up for twelve months."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from registry import tracking, workflow
from registry.enums import ExemplarStatus as S
from registry.enums import Reach
from registry.models import Exemplar, FollowUp
from tests.factories import kind
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration

TODAY = timezone.localdate()
VALID = {
    "date": TODAY.strftime("%d/%m/%Y"),
    "effectiveness": "Mô hình được nhân rộng ra 5 khoa.",
    "potential": "Có thể nhân rộng toàn ngành.",
    "reach": Reach.SECTOR,
    "difficulties": "Thiếu kinh phí.",
    "support": "Tập huấn kỹ năng.",
}


def force_status(exemplar, status):
    Exemplar.objects.filter(pk=exemplar.pk).update(status=status)
    exemplar.refresh_from_db()
    return exemplar


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def add_follow_up(exemplar, user, date):
    return FollowUp.objects.create(
        exemplar=exemplar, by=user, date=date, effectiveness="Tốt", reach=Reach.UNIT
    )


@pytest.fixture
def accepted(world):
    return force_status(ExemplarFactory(unit=world.dept_a), S.ACCEPTED)


@pytest.fixture
def accepted_commune(world):
    return force_status(ExemplarFactory(unit=world.commune_a), S.ACCEPTED)


# persona → status on GET and POST of the form for the department's accepted exemplar.
DEPT_MATRIX = [
    ("home_affairs", 200),
    ("editor_a", 200),
    ("head_a", 200),
    ("leader", 403),
    ("administrator", 403),
    ("editor_b", 404),
    ("district_reviewer", 404),
    ("commune_editor", 404),
    ("media", 404),
]


class TestWhoMayFollowUp:
    @pytest.mark.parametrize(("persona", "status"), DEPT_MATRIX)
    def test_form_on_get_and_post(self, world, client_for, accepted, persona, status):
        client = client_for(world.user(persona))
        url = reverse("registry:follow_up_create", kwargs={"code": accepted.code})
        assert client.get(url).status_code == status
        response = client.post(url, VALID)
        if status == 200:
            assert response.status_code == 302
            assert response["Location"] == accepted.get_absolute_url()
            follow_up = FollowUp.objects.get(exemplar=accepted)
            assert follow_up.by == world.user(persona)
            assert follow_up.date == TODAY
            assert follow_up.reach == Reach.SECTOR
        else:
            assert response.status_code == status
            assert not FollowUp.objects.exists()

    @pytest.mark.parametrize(
        ("persona", "status"),
        [("district_reviewer", 403), ("commune_editor", 200), ("commune_b_editor", 404)],
    )
    def test_a_district_reads_its_communes_but_does_not_follow_up(
        self, world, client_for, accepted_commune, persona, status
    ):
        client = client_for(world.user(persona))
        url = reverse("registry:follow_up_create", kwargs={"code": accepted_commune.code})
        assert client.get(url).status_code == status
        assert client.post(url, VALID).status_code == (302 if status == 200 else status)

    @pytest.mark.parametrize(
        "status", [S.DRAFT, S.UNDER_REVIEW, S.RETURNED, S.REFUSED, S.SUBMITTED_TO_DISTRICT]
    )
    @pytest.mark.parametrize("persona", ["home_affairs", "editor_a"])
    def test_only_accepted_exemplars_are_followed_up(self, world, client_for, persona, status):
        exemplar = force_status(ExemplarFactory(unit=world.dept_a), status)
        client = client_for(world.user(persona))
        url = reverse("registry:follow_up_create", kwargs={"code": exemplar.code})
        assert client.get(url).status_code == 403
        assert client.post(url, VALID).status_code == 403
        assert not FollowUp.objects.exists()

    def test_the_service_checks_the_permission_too(self, world, accepted):
        with pytest.raises(PermissionDenied):
            tracking.follow_up_create(
                exemplar=accepted,
                by=world.user("editor_b"),
                values={"date": TODAY, "effectiveness": "x", "reach": Reach.UNIT},
            )

    def test_reopening_stops_the_follow_up(self, world, client_for, accepted):
        workflow.transition(
            exemplar=accepted, action="reopen", by=world.user("home_affairs"), comment="Xem lại"
        )
        url = reverse("registry:follow_up_create", kwargs={"code": accepted.code})
        assert client_for(world.user("editor_a")).get(url).status_code == 403


class TestBadInput:
    URL_NAME = "registry:follow_up_create"

    def post(self, client, exemplar, **changes):
        url = reverse(self.URL_NAME, kwargs={"code": exemplar.code})
        return client.post(url, {**VALID, **changes})

    def test_an_impossible_date_is_refused_in_vietnamese_and_the_text_kept(
        self, world, client_for, accepted
    ):
        client = client_for(world.user("home_affairs"))
        response = self.post(client, accepted, date="31/02/2025", effectiveness="Giữ nguyên chữ")
        assert response.status_code == 200
        content = response.content.decode()
        assert "Nhập một ngày hợp lệ." in content
        assert "Giữ nguyên chữ" in content
        assert 'value="31/02/2025"' in content
        assert not FollowUp.objects.exists()

    def test_empty_required_fields(self, world, client_for, accepted):
        client = client_for(world.user("editor_a"))
        response = self.post(client, accepted, effectiveness="", reach="", support="Hỗ trợ vốn")
        assert response.status_code == 200
        form = response.context["form"]
        assert set(form.errors) == {"effectiveness", "reach"}
        content = response.content.decode()
        assert "Trường này là bắt buộc." in content
        assert "Hỗ trợ vốn" in content
        assert not FollowUp.objects.exists()

    def test_a_future_date_is_refused(self, world, client_for, accepted):
        client = client_for(world.user("home_affairs"))
        tomorrow = (TODAY + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
        response = self.post(client, accepted, date=tomorrow)
        assert response.status_code == 200
        with translation.override("en"):
            assert list(response.context["form"].errors["date"]) == [
                "The date cannot be in the future."
            ]
        assert not FollowUp.objects.exists()

    def test_an_unknown_reach_is_refused(self, world, client_for, accepted):
        client = client_for(world.user("home_affairs"))
        response = self.post(client, accepted, reach="galaxy")
        assert response.status_code == 200
        assert "reach" in response.context["form"].errors

    def test_the_date_is_offered_day_first(self, world, client_for, accepted):
        client = client_for(world.user("home_affairs"))
        content = client.get(reverse(self.URL_NAME, kwargs={"code": accepted.code})).content
        assert f'value="{TODAY.strftime("%d/%m/%Y")}"' in content.decode()


class TestOnTheExemplarPage:
    def test_follow_ups_and_the_link_are_shown_to_those_who_may_add(
        self, world, client_for, accepted
    ):
        add_follow_up(accepted, world.user("home_affairs"), TODAY - datetime.timedelta(days=3))
        link = reverse("registry:follow_up_create", kwargs={"code": accepted.code})
        for persona in ["home_affairs", "editor_a"]:
            content = client_for(world.user(persona)).get(accepted.get_absolute_url())
            assert link in content.content.decode()
        content = client_for(world.user("leader")).get(accepted.get_absolute_url()).content
        assert link not in content.decode()
        assert reverse("registry:exemplar_follow_ups", kwargs={"code": accepted.code}) in (
            content.decode()
        )

    def test_no_section_for_a_draft_without_follow_ups(self, world, client_for):
        draft = ExemplarFactory(unit=world.dept_a)
        client = english(client_for(world.user("editor_a")))
        content = client.get(draft.get_absolute_url()).content.decode()
        assert 'id="follow-ups-title"' not in content

    @pytest.mark.parametrize(
        ("persona", "status"),
        [("home_affairs", 200), ("editor_a", 200), ("leader", 200), ("editor_b", 404)],
    )
    def test_the_list_of_an_exemplars_follow_ups(
        self, world, client_for, accepted, persona, status
    ):
        for days in range(25):
            add_follow_up(accepted, world.user("home_affairs"), TODAY - datetime.timedelta(days))
        client = client_for(world.user(persona))
        url = reverse("registry:exemplar_follow_ups", kwargs={"code": accepted.code})
        response = client.get(url)
        assert response.status_code == status
        assert client.post(url).status_code == (405 if status == 200 else 404)
        if status == 200:
            assert len(response.context["follow_ups"]) == 20
            assert response.context["follow_ups"][0].date == TODAY
            assert len(client.get(url, {"page": 2}).context["follow_ups"]) == 5


class TestFollowUpGaps:
    URL = reverse("registry:follow_up_gaps")

    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("home_affairs", 200),
            ("leader", 200),
            ("administrator", 200),
            ("editor_a", 403),
            ("head_a", 403),
            ("district_reviewer", 403),
            ("commune_editor", 403),
            ("media", 403),
        ],
    )
    def test_who_may_open_it(self, world, client_for, persona, status):
        client = client_for(world.user(persona))
        assert client.get(self.URL).status_code == status
        assert client.post(self.URL).status_code == (405 if status == 200 else 403)

    def test_accepted_without_a_follow_up_in_twelve_months(self, world, client_for):
        ha = world.user("home_affairs")
        never = force_status(ExemplarFactory(unit=world.dept_a), S.ACCEPTED)
        recent = force_status(ExemplarFactory(unit=world.dept_a), S.ACCEPTED)
        add_follow_up(recent, ha, TODAY - datetime.timedelta(days=60))
        old = force_status(ExemplarFactory(unit=world.commune_a), S.ACCEPTED)
        add_follow_up(old, ha, TODAY - datetime.timedelta(days=400))
        edge = force_status(ExemplarFactory(unit=world.dept_b), S.ACCEPTED)
        add_follow_up(edge, ha, tracking.twelve_months_before(TODAY))
        force_status(ExemplarFactory(unit=world.dept_a), S.UNDER_REVIEW)
        response = client_for(ha).get(self.URL)
        rows = list(response.context["exemplars"])
        assert [e.code for e in rows] == [never.code, old.code]
        assert rows[0].last_follow_up is None
        assert rows[1].last_follow_up == TODAY - datetime.timedelta(days=400)
        # A follow-up today takes it off the list.
        add_follow_up(old, ha, TODAY)
        codes = [e.code for e in client_for(ha).get(self.URL).context["exemplars"]]
        assert codes == [never.code]

    def test_filters_search_and_pagination(self, world, client_for):
        dept = force_status(
            ExemplarFactory(unit=world.dept_a, year=2024, full_name="Phạm Văn Đức"), S.ACCEPTED
        )
        commune = force_status(ExemplarFactory(unit=world.commune_a, year=2025), S.ACCEPTED)
        client = client_for(world.user("home_affairs"))

        def codes(**params):
            return [e.code for e in client.get(self.URL, params).context["exemplars"]]

        assert codes(q="pham van duc") == [dept.code]
        assert codes(year=2025) == [commune.code]
        assert codes(unit_kind="commune") == [commune.code]
        assert codes(unit_kind="department", year=2025) == []
        for _ in range(30):
            force_status(ExemplarFactory(unit=world.dept_b), S.ACCEPTED)
        response = client.get(self.URL, {"page": 2})
        assert response.context["paginator"].count == 32
        assert len(response.context["exemplars"]) == 7

    def test_the_unit_kind_filter_in_the_selector(self, world):
        force_status(ExemplarFactory(unit=world.commune_a), S.ACCEPTED)
        rows = tracking.follow_up_gaps(user=world.user("leader"), unit_kind=kind("department"))
        assert list(rows) == []

    def test_the_selector_keeps_to_the_users_reach(self, world):
        force_status(ExemplarFactory(unit=world.dept_a), S.ACCEPTED)
        assert list(tracking.follow_up_gaps(user=world.user("editor_b"))) == []
        assert len(tracking.follow_up_gaps(user=world.user("editor_a"))) == 1

    def test_a_leap_day_looks_back_to_28_february(self):
        assert tracking.twelve_months_before(datetime.date(2028, 2, 29)) == datetime.date(
            2027, 2, 28
        )
