"""The annual registration of new factors (plan II) and their nurturing (plan III.2): the
unit's page, the nurturing notes, who may write them and what bad input gives."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from registry import tracking
from registry.enums import ExemplarStatus as S
from registry.enums import Role
from registry.models import Exemplar, NurturingNote
from tests.factories import UserFactory
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration

YEAR = 2025
TODAY = timezone.localdate()
VALID = {
    "date": TODAY.strftime("%d/%m/%Y"),
    "support_given": "Cử cán bộ hướng dẫn hoàn thiện hồ sơ.",
    "shortcomings": "Chưa có số liệu hiệu quả.",
}


def force_status(exemplar, status):
    Exemplar.objects.filter(pk=exemplar.pk).update(status=status)
    exemplar.refresh_from_db()
    return exemplar


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def registration_url(unit, **params):
    url = reverse("registry:registration", kwargs={"code": unit.code})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def note(exemplar, user, date, text):
    return NurturingNote.objects.create(exemplar=exemplar, by=user, date=date, support_given=text)


@pytest.fixture
def new_factor(world):
    return ExemplarFactory(unit=world.dept_a, year=YEAR, is_new_factor=True)


class TestRegistrationPage:
    @pytest.mark.parametrize(
        ("persona", "unit", "status"),
        [
            ("editor_a", "dept_a", 200),
            ("head_a", "dept_a", 200),
            ("editor_b", "dept_a", 404),
            ("commune_editor", "dept_a", 404),
            ("media", "dept_a", 404),
            ("home_affairs", "dept_a", 200),
            ("leader", "dept_a", 200),
            ("administrator", "dept_a", 200),
            ("district_reviewer", "commune_a", 200),
            ("district_reviewer", "commune_b", 404),
            ("district_reviewer", "dept_a", 404),
            ("commune_editor", "commune_a", 200),
            ("commune_b_editor", "commune_a", 404),
        ],
    )
    def test_who_may_open_it(self, world, client_for, persona, unit, status):
        client = client_for(world.user(persona))
        url = registration_url(getattr(world, unit))
        assert client.get(url).status_code == status
        assert client.post(url).status_code == (405 if status == 200 else 404)

    def test_lists_the_units_new_factors_of_the_year_with_the_latest_note(
        self, world, client_for, new_factor
    ):
        editor = world.user("editor_a")
        note(new_factor, editor, datetime.date(YEAR, 3, 1), "Lần đầu")
        note(new_factor, editor, datetime.date(YEAR, 6, 1), "Lần mới nhất")
        ExemplarFactory(unit=world.dept_a, year=YEAR, is_new_factor=False)
        ExemplarFactory(unit=world.dept_a, year=YEAR - 1, is_new_factor=True)
        ExemplarFactory(unit=world.dept_b, year=YEAR, is_new_factor=True)
        response = client_for(editor).get(registration_url(world.dept_a, year=YEAR))
        rows = list(response.context["exemplars"])
        assert [e.code for e in rows] == [new_factor.code]
        assert rows[0].latest_notes[0].support_given == "Lần mới nhất"
        content = response.content.decode()
        assert "Lần mới nhất" in content
        assert "Lần đầu" not in content
        assert response.context["year"] == YEAR

    def test_the_unit_may_register_another(self, world, client_for):
        create = reverse("registry:exemplar_create") + "?new_factor=1"
        content = client_for(world.user("editor_a")).get(registration_url(world.dept_a)).content
        assert create in content.decode()
        content = client_for(world.user("home_affairs")).get(registration_url(world.dept_a))
        assert create not in content.content.decode()
        response = client_for(world.user("editor_a")).get(create)
        assert response.context["form"]["is_new_factor"].value() is True

    def test_shows_the_quota_progress_of_the_year(self, world, client_for, new_factor):
        force_status(new_factor, S.ACCEPTED)
        client = english(client_for(world.user("editor_a")))
        response = client.get(registration_url(world.dept_a, year=YEAR))
        progress = response.context["progress"]
        assert (progress.accepted, progress.minimum) == (1, 1)
        assert "Accepted 1 / at least 1" in response.content.decode()

    def test_search_status_filter_and_pagination(self, world, client_for):
        target = ExemplarFactory(
            unit=world.dept_a, year=YEAR, is_new_factor=True, full_name="Đặng Thị Ánh"
        )
        for _ in range(26):
            ExemplarFactory(unit=world.dept_a, year=YEAR, is_new_factor=True)
        force_status(target, S.UNDER_REVIEW)
        client = client_for(world.user("editor_a"))

        def codes(**params):
            response = client.get(registration_url(world.dept_a, year=YEAR, **params))
            return [e.code for e in response.context["exemplars"]]

        assert codes(q="dang thi anh") == [target.code]
        assert codes(status=S.UNDER_REVIEW) == [target.code]
        response = client.get(registration_url(world.dept_a, year=YEAR, page=2))
        assert response.context["paginator"].count == 27
        assert len(response.context["exemplars"]) == 2

    def test_notes_of_a_page_come_in_one_query(
        self, world, client_for, django_assert_max_num_queries
    ):
        editor = world.user("editor_a")
        for n in range(10):
            exemplar = ExemplarFactory(unit=world.dept_a, year=YEAR, is_new_factor=True)
            note(exemplar, editor, datetime.date(YEAR, 1, n + 1), f"Ghi chú {n}")
        exemplars = tracking.registration_list(unit=world.dept_a, year=YEAR)
        with django_assert_max_num_queries(2):
            notes = [e.latest_notes[0].support_given for e in exemplars]
        assert len(notes) == 10

    def test_my_registration_goes_to_my_unit(self, world, client_for):
        response = client_for(world.user("editor_a")).get(
            reverse("registry:my_registration"), {"year": YEAR}
        )
        assert response.status_code == 302
        assert response["Location"] == registration_url(world.dept_a, year=YEAR)
        no_unit = UserFactory(username="khongdonvi", unit=None, role=Role.LEADER)
        assert client_for(no_unit).get(reverse("registry:my_registration")).status_code == 404


# persona → status of GET and POST on the nurturing form for the department's draft.
NURTURE_MATRIX = [
    ("editor_a", 200),
    ("head_a", 200),
    ("home_affairs", 403),
    ("leader", 403),
    ("administrator", 403),
    ("editor_b", 404),
    ("district_reviewer", 404),
    ("media", 404),
]


class TestNurturingNotes:
    @pytest.mark.parametrize(("persona", "status"), NURTURE_MATRIX)
    def test_who_may_add_on_get_and_post(self, world, client_for, new_factor, persona, status):
        client = client_for(world.user(persona))
        url = reverse("registry:nurturing_note_create", kwargs={"code": new_factor.code})
        assert client.get(url).status_code == status
        response = client.post(url, VALID)
        if status == 200:
            assert response.status_code == 302
            saved = NurturingNote.objects.get(exemplar=new_factor)
            assert saved.by == world.user(persona)
            assert saved.date == TODAY
            assert saved.shortcomings == VALID["shortcomings"]
        else:
            assert response.status_code == status
            assert not NurturingNote.objects.exists()

    @pytest.mark.parametrize(
        ("persona", "status"),
        [("commune_editor", 302), ("district_reviewer", 403), ("commune_b_editor", 404)],
    )
    def test_a_communes_own_editor_only(self, world, client_for, persona, status):
        exemplar = ExemplarFactory(unit=world.commune_a, year=YEAR, is_new_factor=True)
        url = reverse("registry:nurturing_note_create", kwargs={"code": exemplar.code})
        assert client_for(world.user(persona)).post(url, VALID).status_code == status

    @pytest.mark.parametrize(
        ("status", "allowed"),
        [
            (S.DRAFT, True),
            (S.SUBMITTED_TO_DISTRICT, True),
            (S.UNDER_REVIEW, True),
            (S.RETURNED, True),
            (S.ACCEPTED, False),
            (S.REFUSED, False),
        ],
    )
    def test_not_once_the_exemplar_is_decided(self, world, client_for, new_factor, status, allowed):
        force_status(new_factor, status)
        url = reverse("registry:nurturing_note_create", kwargs={"code": new_factor.code})
        response = client_for(world.user("editor_a")).post(url, VALID)
        assert response.status_code == (302 if allowed else 403)
        assert NurturingNote.objects.exists() is allowed

    def test_the_service_checks_the_permission_too(self, world, new_factor):
        with pytest.raises(PermissionDenied):
            tracking.nurturing_note_create(
                exemplar=new_factor,
                by=world.user("home_affairs"),
                values={"date": TODAY, "support_given": "x", "shortcomings": ""},
            )

    def test_the_form_is_on_the_exemplar_page_for_the_unit_only(
        self, world, client_for, new_factor
    ):
        action = reverse("registry:nurturing_note_create", kwargs={"code": new_factor.code})
        content = client_for(world.user("editor_a")).get(new_factor.get_absolute_url()).content
        assert f'action="{action}"' in content.decode()
        assert 'name="date"' in content.decode()
        content = client_for(world.user("home_affairs")).get(new_factor.get_absolute_url())
        assert f'action="{action}"' not in content.content.decode()

    def test_notes_are_shown_on_the_exemplar_page_and_listed(self, world, client_for, new_factor):
        for n in range(22):
            note(new_factor, world.user("editor_a"), datetime.date(YEAR, 1, n + 1), f"Hỗ trợ {n}")
        client = client_for(world.user("home_affairs"))
        content = client.get(new_factor.get_absolute_url()).content.decode()
        assert "Hỗ trợ 21" in content
        url = reverse("registry:nurturing_notes", kwargs={"code": new_factor.code})
        assert url in content
        response = client.get(url)
        assert len(response.context["notes"]) == 20
        assert len(client.get(url, {"page": 2}).context["notes"]) == 2
        assert client.post(url).status_code == 405
        assert client_for(world.user("editor_b")).get(url).status_code == 404


class TestNurturingBadInput:
    def post(self, client, exemplar, **changes):
        url = reverse("registry:nurturing_note_create", kwargs={"code": exemplar.code})
        return client.post(url, {**VALID, **changes})

    @pytest.mark.parametrize("date", ["32/13/2025", "2025-13-01", "hôm qua", "31/04/2025"])
    def test_an_invalid_date_is_refused_in_vietnamese_and_the_text_kept(
        self, world, client_for, new_factor, date
    ):
        client = client_for(world.user("editor_a"))
        response = self.post(client, new_factor, date=date, support_given="Chữ đã gõ")
        assert response.status_code == 200
        content = response.content.decode()
        assert "Nhập một ngày hợp lệ." in content
        assert "Chữ đã gõ" in content
        assert f'value="{date}"' in content
        assert not NurturingNote.objects.exists()

    def test_an_empty_date_is_required(self, world, client_for, new_factor):
        response = self.post(client_for(world.user("editor_a")), new_factor, date="")
        assert response.status_code == 200
        assert "Trường này là bắt buộc." in response.content.decode()

    def test_a_note_needs_some_text(self, world, client_for, new_factor):
        response = self.post(
            client_for(world.user("editor_a")), new_factor, support_given=" ", shortcomings=""
        )
        assert response.status_code == 200
        with translation.override("en"):
            assert list(response.context["form"].non_field_errors()) == [
                "Write the support given, the shortcomings still to fix, or both."
            ]
        assert not NurturingNote.objects.exists()

    def test_a_future_date_is_refused(self, world, client_for, new_factor):
        tomorrow = (TODAY + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
        response = self.post(client_for(world.user("editor_a")), new_factor, date=tomorrow)
        assert response.status_code == 200
        assert "date" in response.context["form"].errors
        assert not NurturingNote.objects.exists()

    def test_an_iso_date_is_also_understood(self, world, client_for, new_factor):
        response = self.post(client_for(world.user("editor_a")), new_factor, date=f"{YEAR}-06-15")
        assert response.status_code == 302
        assert NurturingNote.objects.get().date == datetime.date(YEAR, 6, 15)
