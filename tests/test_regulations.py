"""Units' regulations of subjects and specific criteria (plan VII.1): units send, Home Affairs
acknowledges or returns, and tracks who sent by the deadline."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns import services
from campaigns.models import RegulationRequirement, UnitRegulation
from exemplar_portal.base.moves import ReasonMissing
from registry.models import Notification
from tests.factories import UnitFactory, kind
from tests.personas import PERSONAS
from tests.test_uploads import minimal_pdf, png_with_alpha

pytestmark = pytest.mark.integration

PLAN_TITLE = "Quy định về đối tượng, tiêu chuẩn cụ thể đối với điển hình tiên tiến"
ALL_REQUIRED = {"37-SYT", "37-SGDDT", "37-SNV", "37-BPTTH", "373", "376"}
# Which required units each persona's list shows: their own, or all for those reading all.
LISTED = {
    "editor_a": {"37-SYT"},
    "head_a": {"37-SYT"},
    "editor_b": {"37-SGDDT"},
    "commune_editor": set(),  # communes are not asked for a regulation
    "commune_b_editor": set(),
    "district_reviewer": {"373"},
    "home_affairs": ALL_REQUIRED,
    "media": {"37-BPTTH"},
    "leader": ALL_REQUIRED,
    "administrator": ALL_REQUIRED,
}
READS = {
    "dept_a": {"editor_a", "head_a", "home_affairs", "leader", "administrator"},
    "district_a": {"district_reviewer", "home_affairs", "leader", "administrator"},
}
SENDS = {"dept_a": {"editor_a", "head_a"}, "district_a": set()}
REVIEWS = {"home_affairs"}


def pdf_upload(name="Quy định tiêu chuẩn.pdf"):
    return SimpleUploadedFile(name, minimal_pdf(), content_type="application/pdf")


def local(year, month, day, hour=9, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


@pytest.fixture
def requirement(db):
    """The plan's requirement, seeded by the migration: deadline 31/03/2023, 2023-2025."""
    return RegulationRequirement.objects.get(title=PLAN_TITLE)


def send(requirement, unit, by, at=None):
    regulation = services.regulation_send(
        requirement=requirement, unit=unit, upload=pdf_upload(), by=by
    )
    if at is not None:
        UnitRegulation.objects.filter(pk=regulation.pk).update(sent_at=at)
        regulation.refresh_from_db()
    return regulation


def unit_url(requirement, unit):
    return reverse(
        "campaigns:regulation_unit", kwargs={"requirement": requirement.pk, "code": unit.code}
    )


def test_the_plan_requirement_is_seeded(requirement):
    assert requirement.deadline == datetime.date(2023, 3, 31)
    assert (requirement.valid_from, requirement.valid_to) == (2023, 2025)
    assert set(requirement.unit_kinds.values_list("code", flat=True)) == {
        "department",
        "mass-organisation",
        "enterprise-association",
        "district",
    }


def test_sent_after_the_deadline_is_late_and_on_the_deadline_day_is_not(world, requirement):
    by = world.user("editor_a")
    on_time = send(requirement, world.dept_a, by, at=local(2023, 3, 31, 23, 59))
    assert on_time.is_late is False
    late = send(requirement, world.dept_b, by, at=local(2023, 4, 1, 0, 1))
    assert late.is_late is True


def test_tracking_list_shows_each_units_current_state(world, client_for, requirement):
    editor = world.user("editor_a")
    home_affairs = world.user("home_affairs")
    old_department = UnitFactory(
        code="37-SCU", name="Sở đã giải thể", valid_until=datetime.date(2022, 12, 31)
    )
    commune_elsewhere = UnitFactory(code="37-XA", name="Xã khác", kind=kind("commune"))
    acknowledged = send(requirement, world.dept_a, editor, at=local(2023, 3, 1))
    services.regulation_acknowledge(regulation=acknowledged, by=home_affairs)
    send(requirement, world.dept_b, editor, at=local(2023, 4, 10))  # late
    returned = send(requirement, world.home_affairs_unit, editor, at=local(2023, 3, 2))
    services.regulation_return(regulation=returned, by=home_affairs, reason="Thiếu tiêu chuẩn.")
    send(requirement, world.press, editor, at=local(2023, 3, 31, 18))  # on time
    send(requirement, old_department, editor, at=local(2023, 3, 5))  # not asked: gone by 2023

    client = client_for(home_affairs)
    url = reverse("campaigns:regulation_list")
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["requirement"] == requirement
    shown = {unit.code: unit.tracking for unit in response.context["units"]}
    assert shown == {
        "37-SYT": "acknowledged",
        "37-SGDDT": "late",
        "37-SNV": "returned",
        "37-BPTTH": "on_time",
        "373": "missing",
        "376": "missing",
    }
    assert old_department.code not in shown and commune_elsewhere.code not in shown
    html = response.content.decode()
    for unit in response.context["units"]:
        assert f">{unit.tracking_label}</span>" in html
    counts = {value: count for value, _, count in response.context["tracking_counts"]}
    assert counts == {"missing": 2, "on_time": 1, "late": 1, "acknowledged": 1, "returned": 1}

    def codes(**params):
        page = client.get(url, {"requirement": requirement.pk, **params})
        assert page.status_code == 200
        return {unit.code for unit in page.context["units"]}

    assert codes(status="late") == {"37-SGDDT"}
    assert codes(status="missing") == {"373", "376"}
    assert codes(unit_kind="district") == {"373", "376"}
    assert codes(q="giao duc") == {"37-SGDDT"}
    assert codes(q="SỞ Y TẾ") == {"37-SYT"}


def test_another_requirement_is_chosen_by_the_select(world, client_for, requirement):
    other = RegulationRequirement.objects.create(
        title="Quy định năm 2021",
        deadline=datetime.date(2021, 3, 31),
        valid_from=2021,
        valid_to=2021,
    )
    other.unit_kinds.set([kind("district")])
    client = client_for(world.user("home_affairs"))
    latest = client.get(reverse("campaigns:regulation_list"))
    assert latest.context["requirement"] == requirement
    chosen = client.get(reverse("campaigns:regulation_list"), {"requirement": other.pk})
    assert chosen.context["requirement"] == other
    assert {unit.code for unit in chosen.context["units"]} == {"373", "376"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_shows_only_the_units_within_reach(world, client_for, requirement, persona):
    response = client_for(world.user(persona)).get(reverse("campaigns:regulation_list"))
    assert response.status_code == 200
    assert {unit.code for unit in response.context["units"]} == LISTED[persona]


def test_list_needs_a_sign_in(client, requirement):
    response = client.get(reverse("campaigns:regulation_list"))
    assert response.status_code == 302


@pytest.mark.parametrize("key", ["dept_a", "district_a"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_and_actions_follow_reach_and_role(world, client_for, requirement, persona, key):
    unit = getattr(world, key)
    client = client_for(world.user(persona))
    reads = persona in READS[key]
    sends, reviews = persona in SENDS[key], persona in REVIEWS
    page = unit_url(requirement, unit)

    response = client.get(page)
    assert response.status_code == (200 if reads else 404)
    if reads:
        assert response.context["can_send"] is sends
        assert response.context["can_review"] is False

    response = client.post(page, {"file": pdf_upload()})
    assert response.status_code == ((302 if sends else 403) if reads else 404)
    regulations = UnitRegulation.objects.filter(requirement=requirement, unit=unit)
    assert regulations.count() == (1 if sends else 0)
    regulation = regulations.first() or send(requirement, unit, world.user("administrator"))

    if reads:
        assert client.get(page).context["can_review"] is reviews
    download = reverse("campaigns:regulation_download", kwargs={"pk": regulation.pk})
    response = client.get(download)
    assert response.status_code == (200 if reads else 404)
    if reads:
        assert b"".join(response.streaming_content) == minimal_pdf()
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert response["Content-Disposition"].startswith("attachment")

    expected_review = (302 if reviews else 403) if reads else 404
    give_back = reverse("campaigns:regulation_return", kwargs={"pk": regulation.pk})
    assert client.get(give_back).status_code == ((200 if reviews else 403) if reads else 404)
    acknowledge = reverse("campaigns:regulation_acknowledge", kwargs={"pk": regulation.pk})
    assert client.post(acknowledge).status_code == expected_review
    regulation.refresh_from_db()
    expected_status = UnitRegulation.Status.ACKNOWLEDGED if reviews else UnitRegulation.Status.SENT
    assert regulation.status == expected_status
    if not reviews:
        assert client.post(give_back, {"reason": "Bổ sung."}).status_code == expected_review
        regulation.refresh_from_db()
        assert regulation.status == UnitRegulation.Status.SENT


def test_return_needs_a_reason_and_the_unit_sends_again(
    world, client_for, requirement, django_capture_on_commit_callbacks
):
    # One test client: each step logs in whoever acts.
    editor, head = world.user("editor_a"), world.user("head_a")

    def home_affairs():
        return client_for(world.user("home_affairs"))

    page = unit_url(requirement, world.dept_a)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(editor).post(page, {"file": pdf_upload()})
    first = UnitRegulation.objects.get(unit=world.dept_a)
    assert Notification.objects.filter(recipient=world.user("home_affairs")).count() == 1

    give_back = reverse("campaigns:regulation_return", kwargs={"pk": first.pk})
    response = home_affairs().post(give_back, {"reason": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    too_long = "Thiếu tiêu chuẩn. " * 300
    response = home_affairs().post(give_back, {"reason": too_long})
    assert response.status_code == 200
    assert response.context["form"]["reason"].value() == too_long
    first.refresh_from_db()
    assert first.status == UnitRegulation.Status.SENT
    with pytest.raises(ReasonMissing):
        services.regulation_return(regulation=first, by=world.user("home_affairs"), reason="")

    with django_capture_on_commit_callbacks(execute=True):
        response = home_affairs().post(
            give_back, {"reason": "Chưa có tiêu chuẩn cho khối trường học."}
        )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == UnitRegulation.Status.RETURNED
    assert first.review_note == "Chưa có tiêu chuẩn cho khối trường học."
    assert first.reviewed_by == world.user("home_affairs")
    told = Notification.objects.filter(recipient__in=[editor, head])
    assert told.count() == 2
    assert "Chưa có tiêu chuẩn" in told.first().message
    # A returned regulation is no longer acknowledged or returned.
    acknowledge = reverse("campaigns:regulation_acknowledge", kwargs={"pk": first.pk})
    assert home_affairs().post(acknowledge).status_code == 302
    first.refresh_from_db()
    assert first.status == UnitRegulation.Status.RETURNED

    unit = client_for(head)
    assert unit.get(page).context["can_send"] is True
    assert unit.post(page, {"file": pdf_upload("Quy định sửa đổi.pdf")}).status_code == 302
    current = services.current_regulation(requirement=requirement, unit=world.dept_a)
    assert current.pk != first.pk
    assert (current.status, current.original_name) == (
        UnitRegulation.Status.SENT,
        "Quy định sửa đổi.pdf",
    )
    assert [r.pk for r in unit.get(page).context["regulations"]] == [current.pk, first.pk]
    # While it awaits review, nothing new is sent.
    assert unit.get(page).context["can_send"] is False
    unit.post(page, {"file": pdf_upload("Lần ba.pdf")})
    assert UnitRegulation.objects.filter(unit=world.dept_a).count() == 2


@pytest.mark.parametrize(
    "content, name",
    [
        (b"MZ\x90\x00\x03" + b"\0" * 100 + b"PE\0\0", "quy-dinh.pdf"),
        (b"\x7fELF\x02\x01\x01" + b"\0" * 100, "quy-dinh.pdf"),
        (png_with_alpha(), "quy-dinh.png"),
    ],
    ids=["windows-exe", "elf", "photo"],
)
def test_an_executable_or_a_photo_is_refused_with_a_message(
    world, client_for, requirement, content, name
):
    page = unit_url(requirement, world.dept_a)
    response = client_for(world.user("editor_a")).post(
        page, {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    errors = response.context["upload_form"].errors["file"]
    assert errors and all(errors)
    assert not UnitRegulation.objects.exists()


def test_list_queries_do_not_grow_with_units(
    world, client_for, requirement, django_assert_max_num_queries
):
    client = client_for(world.user("home_affairs"))
    url = reverse("campaigns:regulation_list")
    send(requirement, world.dept_a, world.user("editor_a"))
    client.get(url)
    with django_assert_max_num_queries(14):
        few = client.get(url)
    for number in range(15):
        unit = UnitFactory(code=f"37-S{number:02d}", name=f"Sở số {number}")
        send(requirement, unit, world.user("editor_a"))
    with django_assert_max_num_queries(14):
        many = client.get(url)
    assert len(many.context["units"]) == len(few.context["units"]) + 15
