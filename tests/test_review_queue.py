"""Home Affairs' and the district's review queue: what waits, for how long, duplicates,
bulk moves with one comment."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from registry.enums import ExemplarStatus as S
from registry.models import Exemplar
from tests.factories import UnitFactory
from tests.factories.exemplars import ExemplarFactory
from tests.factories.registry import UserFactory

pytestmark = pytest.mark.integration


def waiting(exemplar, status, days):
    # One sent to its district records the district as its reviewer, as sending does.
    reviewer = exemplar.unit.reviewing_unit if status == S.SUBMITTED_TO_DISTRICT else None
    Exemplar.objects.filter(pk=exemplar.pk).update(
        status=status,
        status_changed_at=timezone.now() - timedelta(days=days),
        reviewer_unit=reviewer,
    )
    exemplar.refresh_from_db()
    return exemplar


def test_home_affairs_sees_what_waits_oldest_first_with_overdue_marked(world, client_for):
    recent = waiting(ExemplarFactory(unit=world.dept_a, full_name="Mới gửi"), S.UNDER_REVIEW, 2)
    old = waiting(ExemplarFactory(unit=world.dept_a, full_name="Chờ lâu"), S.UNDER_REVIEW, 40)
    waiting(ExemplarFactory(unit=world.dept_a, full_name="Bản nháp"), S.DRAFT, 50)
    response = client_for(world.user("home_affairs")).get(reverse("registry:review_queue"))
    rows = response.context["rows"]
    assert [r["exemplar"].pk for r in rows] == [old.pk, recent.pk]
    assert [r["overdue"] for r in rows] == [True, False]
    assert rows[0]["waiting_days"] == 40
    assert "quá hạn" in response.content.decode()


def test_the_district_sees_only_its_communes_awaiting_it(world, client_for):
    mine = waiting(ExemplarFactory(unit=world.commune_a), S.SUBMITTED_TO_DISTRICT, 1)
    waiting(ExemplarFactory(unit=world.commune_b), S.SUBMITTED_TO_DISTRICT, 1)
    waiting(ExemplarFactory(unit=world.commune_a), S.UNDER_REVIEW, 1)
    response = client_for(world.user("district_reviewer")).get(reverse("registry:review_queue"))
    assert [r["exemplar"].pk for r in response.context["rows"]] == [mine.pk]


def test_the_same_name_from_two_units_in_a_year_is_flagged(world, client_for):
    a = waiting(ExemplarFactory(unit=world.dept_a, full_name="Nguyễn Thị Hồng"), S.UNDER_REVIEW, 3)
    waiting(ExemplarFactory(unit=world.dept_b, full_name="NGUYEN THI HONG"), S.UNDER_REVIEW, 3)
    waiting(
        ExemplarFactory(unit=world.dept_a, full_name="Nguyễn Thị Hồng", year=2024), S.ACCEPTED, 300
    )
    other = waiting(
        ExemplarFactory(unit=world.dept_a, full_name="Trần Văn Hùng"), S.UNDER_REVIEW, 3
    )
    response = client_for(world.user("home_affairs")).get(reverse("registry:review_queue"))
    flags = {r["exemplar"].pk: r["duplicate"] for r in response.context["rows"]}
    assert flags[a.pk] is True
    assert flags[other.pk] is False
    assert "có thể trùng" in response.content.decode()


def test_bulk_accept_and_bulk_return_with_one_comment(
    world, client_for, django_capture_on_commit_callbacks
):
    first = waiting(ExemplarFactory(unit=world.dept_a), S.UNDER_REVIEW, 5)
    second = waiting(ExemplarFactory(unit=world.dept_b), S.UNDER_REVIEW, 5)
    third = waiting(ExemplarFactory(unit=world.dept_a), S.UNDER_REVIEW, 5)
    client = client_for(world.user("home_affairs"))
    url = reverse("registry:review_queue")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"selected": [first.code, second.code], "action": "accept"}, follow=True
        )
    assert "Đã thực hiện cho 2 điển hình" in response.content.decode()
    response = client.post(
        url, {"selected": [third.code], "action": "return", "comment": ""}, follow=True
    )
    assert "lý do" in response.content.decode()
    client.post(url, {"selected": [third.code], "action": "return", "comment": "Thiếu ảnh"})
    statuses = dict(Exemplar.objects.values_list("pk", "status"))
    assert statuses == {first.pk: S.ACCEPTED, second.pk: S.ACCEPTED, third.pk: S.RETURNED}
    assert third.transitions.get().comment == "Thiếu ảnh"


def test_bulk_moves_outside_scope_or_role_do_nothing(world, client_for):
    outside = waiting(ExemplarFactory(unit=world.commune_b), S.SUBMITTED_TO_DISTRICT, 1)
    client = client_for(world.user("district_reviewer"))
    client.post(reverse("registry:review_queue"), {"selected": [outside.code], "action": "endorse"})
    outside.refresh_from_db()
    assert outside.status == S.SUBMITTED_TO_DISTRICT
    response = client.post(
        reverse("registry:review_queue"),
        {"selected": [outside.code], "action": "accept"},
        follow=True,
    )
    assert "Hãy chọn ít nhất một điển hình và một thao tác" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("home_affairs", 200),
        ("district_reviewer", 200),
        ("editor_a", 403),
        ("leader", 403),
        ("media", 403),
        ("administrator", 403),
        ("commune_editor", 403),
    ],
)
def test_who_opens_the_queue(world, client_for, persona, status):
    client = client_for(world.user(persona))
    assert client.get(reverse("registry:review_queue")).status_code == status
    assert client.post(reverse("registry:review_queue"), {"action": "accept"}).status_code in (
        {302} if status == 200 else {403}
    )


def test_queue_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    client = client_for(world.user("home_affairs"))
    for _ in range(2):
        waiting(ExemplarFactory(unit=world.dept_a), S.UNDER_REVIEW, 3)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("registry:review_queue"))
    for n in range(15):
        unit = UnitFactory(code=f"Q{n}")
        UserFactory(username=f"q{n}", unit=unit)
        waiting(ExemplarFactory(unit=unit), S.UNDER_REVIEW, n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("registry:review_queue"))
