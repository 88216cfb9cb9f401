"""Difficulties and proposals (plan VII.1): a unit writes to Home Affairs, Home Affairs answers."""

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import services
from campaigns.models import Difficulty, DifficultyMessage
from registry.models import Notification
from tests.personas import PERSONAS

pytestmark = pytest.mark.integration

UNIT_STAFF = {"editor_a", "head_a", "editor_b", "commune_editor", "commune_b_editor"}


@pytest.fixture
def threads(world):
    """One open thread of Sở Y tế (dept_a) and one of Xã Gia Vân (commune_a)."""
    return {
        "dept_a": services.difficulty_open(
            unit=world.dept_a,
            by=world.user("editor_a"),
            subject="Vướng mắc về hồ sơ điển hình khoa phòng",
            body="Đề nghị hướng dẫn lập hồ sơ.",
        ),
        "commune_a": services.difficulty_open(
            unit=world.commune_a,
            by=world.user("commune_editor"),
            subject="Đề xuất tăng số lượng điển hình cấp xã",
            body="Xã có nhiều hộ sản xuất giỏi.",
        ),
    }


# Who reaches which thread: the unit itself, the district over a commune, and those who read
# every unit. Who writes in it: Home Affairs and the unit's own editors and heads.
READS = {
    "dept_a": {"editor_a", "head_a", "home_affairs", "leader", "administrator"},
    "commune_a": {"commune_editor", "district_reviewer", "home_affairs", "leader", "administrator"},
}
WRITES = {
    "dept_a": {"editor_a", "head_a", "home_affairs"},
    "commune_a": {"commune_editor", "home_affairs"},
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_shows_only_the_threads_within_reach(world, client_for, threads, persona):
    response = client_for(world.user(persona)).get(reverse("campaigns:difficulty_list"))
    assert response.status_code == 200
    shown = {d.unit.code for d in response.context["difficulties"]}
    expected = {threads[key].unit.code for key, readers in READS.items() if persona in readers}
    assert shown == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_unit_staff_open_a_thread_for_their_own_unit(world, client_for, persona):
    client = client_for(world.user(persona))
    allowed = persona in UNIT_STAFF
    url = reverse("campaigns:difficulty_create")
    assert client.get(url).status_code == (200 if allowed else 403)
    response = client.post(url, {"subject": "Đề xuất mới", "body": "Nội dung đề xuất."})
    assert response.status_code == (302 if allowed else 403)
    created = Difficulty.objects.filter(subject="Đề xuất mới").first()
    assert (created is not None) is allowed
    if allowed:
        assert created.unit == world.user(persona).unit
        assert created.status == Difficulty.Status.OPEN
        assert created.messages.get().body == "Nội dung đề xuất."


@pytest.mark.parametrize("key", ["dept_a", "commune_a"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_detail_reply_and_close_follow_reach_and_role(world, client_for, threads, persona, key):
    difficulty = threads[key]
    client = client_for(world.user(persona))
    detail = reverse("campaigns:difficulty_detail", kwargs={"pk": difficulty.pk})
    close = reverse("campaigns:difficulty_close", kwargs={"pk": difficulty.pk})
    reads, writes = persona in READS[key], persona in WRITES[key]
    expected_read = 200 if reads else 404
    expected_write = (302 if writes else 403) if reads else 404

    response = client.get(detail)
    assert response.status_code == expected_read
    if reads:
        assert response.context["can_reply"] is writes
        assert response.context["can_close"] is writes
    assert client.post(detail, {"body": "Thêm ý kiến."}).status_code == expected_write
    assert difficulty.messages.filter(body="Thêm ý kiến.").exists() is writes
    assert client.get(close).status_code == ((200 if writes else 403) if reads else 404)
    assert client.post(close).status_code == expected_write
    difficulty.refresh_from_db()
    assert difficulty.is_closed is writes


def test_status_follows_who_wrote_last_and_closing_is_final(world, client_for, threads):
    difficulty = threads["dept_a"]
    detail = reverse("campaigns:difficulty_detail", kwargs={"pk": difficulty.pk})
    home_affairs = client_for(world.user("home_affairs"))
    home_affairs.post(detail, {"body": "Hồ sơ do Sở lập."})
    difficulty.refresh_from_db()
    assert difficulty.status == Difficulty.Status.ANSWERED

    unit = client_for(world.user("head_a"))
    unit.post(detail, {"body": "Xin hỏi thêm về mẫu báo cáo."})
    difficulty.refresh_from_db()
    assert difficulty.status == Difficulty.Status.OPEN

    unit.post(reverse("campaigns:difficulty_close", kwargs={"pk": difficulty.pk}))
    difficulty.refresh_from_db()
    assert difficulty.status == Difficulty.Status.CLOSED
    assert difficulty.history.first().history_user == world.user("head_a")

    count = difficulty.messages.count()
    response = unit.post(detail, {"body": "Còn một ý."}, follow=True)
    assert "Nội dung trao đổi này đã đóng, không nhận thêm tin nhắn." in [
        str(m) for m in response.context["messages"]
    ]
    assert difficulty.messages.count() == count
    assert response.context["can_reply"] is False
    with pytest.raises(services.DifficultyClosed):
        services.difficulty_reply(difficulty=difficulty, by=world.user("home_affairs"), body="x")
    with pytest.raises(services.DifficultyClosed):
        services.difficulty_close(difficulty=difficulty, by=world.user("home_affairs"))
    # Closing an already closed thread changes nothing and says so.
    closed_get = unit.get(reverse("campaigns:difficulty_close", kwargs={"pk": difficulty.pk}))
    assert closed_get.status_code == 302


def test_each_side_is_told_about_the_other(
    world, client_for, django_capture_on_commit_callbacks, mailoutbox
):
    home_affairs, editor_a, head_a = (world.user(p) for p in ("home_affairs", "editor_a", "head_a"))
    with django_capture_on_commit_callbacks(execute=True):
        client_for(editor_a).post(
            reverse("campaigns:difficulty_create"),
            {"subject": "Đề xuất về khen thưởng đột xuất", "body": "Nội dung."},
        )
    difficulty = Difficulty.objects.get(subject="Đề xuất về khen thưởng đột xuất")
    told = Notification.objects.filter(kind=Notification.Kind.DIFFICULTY)
    assert set(told.values_list("recipient__username", flat=True)) == {"home_affairs"}
    assert "Đề xuất về khen thưởng đột xuất" in told.get().message
    assert [m.to for m in mailoutbox] == [[home_affairs.email]]
    assert f"/phong-trao/vuong-mac/{difficulty.pk}/" in mailoutbox[0].body

    told.delete()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(home_affairs).post(
            reverse("campaigns:difficulty_detail", kwargs={"pk": difficulty.pk}),
            {"body": "Đã tiếp nhận."},
        )
    # The unit's editors and heads, never the author, never another unit.
    assert set(told.values_list("recipient__username", flat=True)) == {"editor_a", "head_a"}
    assert sorted(m.to[0] for m in mailoutbox[1:]) == sorted([editor_a.email, head_a.email])

    told.delete()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(head_a).post(reverse("campaigns:difficulty_close", kwargs={"pk": difficulty.pk}))
    assert set(told.values_list("recipient__username", flat=True)) == {"home_affairs"}


def test_notifications_wait_for_the_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.difficulty_open(
            unit=world.dept_a, by=world.user("editor_a"), subject="Chờ", body="Nội dung."
        )
    assert not Notification.objects.filter(kind=Notification.Kind.DIFFICULTY).exists()
    assert len(callbacks) == 1


def test_bad_input_keeps_what_was_typed(world, client_for, threads):
    client = client_for(world.user("editor_a"))
    response = client.post(
        reverse("campaigns:difficulty_create"), {"subject": "Tiêu đề giữ lại", "body": "  "}
    )
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert "Tiêu đề giữ lại" in response.content.decode()
    assert not Difficulty.objects.filter(subject="Tiêu đề giữ lại").exists()

    long_body = "Nội dung giữ lại " + "x" * 10001
    detail = reverse("campaigns:difficulty_detail", kwargs={"pk": threads["dept_a"].pk})
    response = client.post(detail, {"body": long_body})
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert "Nội dung giữ lại" in response.content.decode()
    assert threads["dept_a"].messages.count() == 1


def test_list_filters_search_and_home_affairs_order(world, client_for, threads):
    client = client_for(world.user("home_affairs"))
    url = reverse("campaigns:difficulty_list")
    # Accent-insensitive search on the subject.
    response = client.get(url, {"q": "ho so dien hinh"})
    assert [d.pk for d in response.context["difficulties"]] == [threads["dept_a"].pk]
    response = client.get(url, {"unit_kind": "commune"})
    assert [d.pk for d in response.context["difficulties"]] == [threads["commune_a"].pk]

    services.difficulty_reply(difficulty=threads["dept_a"], by=world.user("home_affairs"), body="a")
    response = client.get(url, {"status": "answered"})
    assert [d.pk for d in response.context["difficulties"]] == [threads["dept_a"].pk]
    # The year in the portal's time zone, as the filter reads it (on 1 January before 07:00
    # the year in UTC is still the last).
    year = timezone.localtime(threads["dept_a"].created_at).year
    assert len(client.get(url, {"year": year}).context["difficulties"]) == 2

    # The oldest open thread first, then answered ones, closed last.
    later = services.difficulty_open(
        unit=world.dept_b, by=world.user("editor_b"), subject="Mới hơn", body="b"
    )
    order = [d.pk for d in client.get(url).context["difficulties"]]
    assert order == [threads["commune_a"].pk, later.pk, threads["dept_a"].pk]


def test_list_query_count_does_not_grow(world, client_for, threads, django_assert_max_num_queries):
    client = client_for(world.user("home_affairs"))
    url = reverse("campaigns:difficulty_list")
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for number in range(5):
        difficulty = services.difficulty_open(
            unit=world.dept_b, by=world.user("editor_b"), subject=f"Đề xuất {number}", body="b"
        )
        services.difficulty_reply(difficulty=difficulty, by=world.user("home_affairs"), body="c")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    assert DifficultyMessage.objects.count() == 12
