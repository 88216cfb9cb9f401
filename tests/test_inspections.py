"""Inspections (plan III.5): Home Affairs inspects units, records recommendations, and follows
each up with the unit until it is closed; never closed without a follow-up note."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import load_workbook

from campaigns.models import Inspection, InspectionPlan, Recommendation, RecommendationFollowUp
from registry.models import Notification
from tests.personas import PERSONAS

pytestmark = pytest.mark.integration

# Who reaches which inspection: the unit inspected, the district over a commune, the team
# (editor_b of another department sits on Sở Y tế's), and those who read every unit.
READS = {
    "dept_a": {"editor_a", "head_a", "editor_b", "home_affairs", "leader", "administrator"},
    "commune_a": {"commune_editor", "district_reviewer", "home_affairs", "leader", "administrator"},
    "commune_b": {"commune_b_editor", "home_affairs", "leader", "administrator"},
}
# Who records follow-up notes: the unit's own editors and heads, and Home Affairs.
FOLLOWS_UP = {
    "dept_a": {"editor_a", "head_a", "home_affairs"},
    "commune_a": {"commune_editor", "home_affairs"},
    "commune_b": {"commune_b_editor", "home_affairs"},
}
MANAGES = {"home_affairs", "administrator"}
HELD_ON = datetime.date(2025, 5, 20)


def make_inspection(plan, unit, *, leader, members=(), done=True, findings=""):
    inspection = Inspection.objects.create(
        plan=plan,
        unit=unit,
        scheduled_on=HELD_ON,
        carried_out_on=HELD_ON if done else None,
        status=Inspection.Status.DONE if done else Inspection.Status.PLANNED,
        team_leader=leader,
        findings=findings,
    )
    inspection.team_members.set(members)
    return inspection


@pytest.fixture
def plan(world):
    return InspectionPlan.objects.create(
        year=2025,
        title="Kế hoạch kiểm tra công tác điển hình tiên tiến năm 2025",
        lead_unit=world.home_affairs_unit,
    )


@pytest.fixture
def inspections(world, plan):
    home_affairs = world.user("home_affairs")
    return {
        "dept_a": make_inspection(
            plan,
            world.dept_a,
            leader=home_affairs,
            members=[world.user("editor_b")],
            findings="Sở Y tế nhân rộng mô hình phòng khám thân thiện với trẻ em.",
        ),
        "commune_a": make_inspection(
            plan,
            world.commune_a,
            leader=home_affairs,
            findings="Xã Gia Vân giới thiệu hộ trồng sen trên loa truyền thanh.",
        ),
        "commune_b": make_inspection(
            plan, world.commune_b, leader=home_affairs, findings="Xã Kim Chính chưa có sổ."
        ),
    }


@pytest.fixture
def recommendations(world, inspections):
    return {
        key: inspection.record_recommendation(
            text=f"Kiến nghị bổ sung hồ sơ điển hình ({key})",
            due_on=datetime.date(2025, 9, 30),
            by=world.user("home_affairs"),
        )
        for key, inspection in inspections.items()
    }


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def rows_of(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_show_only_what_is_within_reach(world, client_for, recommendations, persona):
    client = client_for(world.user(persona))
    expected = {key for key, readers in READS.items() if persona in readers}
    codes = {key: recommendations[key].inspection.unit.code for key in READS}

    response = client.get(reverse("campaigns:inspection_list"))
    assert response.status_code == 200
    assert {i.unit.code for i in response.context["inspections"]} == {codes[k] for k in expected}
    # Every plan shows, counting only the inspections within reach.
    [plan] = response.context["plans"]
    assert plan.inspection_count == len(expected)

    response = client.get(reverse("campaigns:recommendation_list"))
    assert response.status_code == 200
    shown = {r.inspection.unit.code for r in response.context["recommendations"]}
    assert shown == {codes[k] for k in expected}


@pytest.mark.parametrize("key", ["dept_a", "commune_a"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_detail_follow_up_and_close_follow_reach_and_role(
    world, client_for, recommendations, persona, key
):
    recommendation = recommendations[key]
    client = client_for(world.user(persona))
    reads, writes = persona in READS[key], persona in FOLLOWS_UP[key]
    closes = persona == "home_affairs"
    detail = reverse("campaigns:inspection_detail", kwargs={"pk": recommendation.inspection_id})
    follow_up = reverse("campaigns:recommendation_follow_up", kwargs={"pk": recommendation.pk})
    close = reverse("campaigns:recommendation_close", kwargs={"pk": recommendation.pk})

    response = client.get(detail)
    assert response.status_code == (200 if reads else 404)
    if reads:
        assert response.context["can_follow_up"] is writes
        assert response.context["can_close"] is closes
        assert (follow_up in response.content.decode()) is writes

    def expected(allowed, done=302):
        return (done if allowed else 403) if reads else 404

    assert client.get(follow_up).status_code == expected(writes, 200)
    response = client.post(follow_up, {"note": "Đã bổ sung hồ sơ, gửi Sở Nội vụ."})
    assert response.status_code == expected(writes)
    assert recommendation.follow_ups.exists() is writes

    assert client.get(close).status_code == expected(closes, 200)
    assert client.post(close).status_code == expected(closes)
    recommendation.refresh_from_db()
    assert recommendation.is_closed is closes


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_home_affairs_and_administrators_plan_and_record(
    world, client_for, plan, inspections, persona
):
    client = client_for(world.user(persona))
    manages, reads = persona in MANAGES, persona in READS["dept_a"]
    ok = 200 if manages else 403

    url = reverse("campaigns:inspection_plan_create")
    assert client.get(url).status_code == ok
    response = client.post(
        url,
        {"year": 2026, "title": "Kế hoạch kiểm tra năm 2026", "lead_unit": world.dept_a.pk},
    )
    assert response.status_code == (302 if manages else 403)
    assert InspectionPlan.objects.filter(year=2026).exists() is manages

    url = reverse("campaigns:inspection_plan_update", kwargs={"pk": plan.pk})
    assert client.get(url).status_code == ok
    assert (
        client.get(reverse("campaigns:inspection_plan", kwargs={"pk": plan.pk})).status_code == 200
    )

    url = reverse("campaigns:inspection_create", kwargs={"pk": plan.pk})
    assert client.get(url).status_code == ok
    response = client.post(
        url,
        {
            "unit": world.dept_b.pk,
            "kind": "supervision",
            "scheduled_on": "15/10/2025",
            "team_leader": world.user("home_affairs").pk,
            "team_members": [world.user("editor_a").pk],
        },
    )
    assert response.status_code == (302 if manages else 403)
    assert Inspection.objects.filter(unit=world.dept_b).exists() is manages

    # On an inspection: out of reach is a 404 before any question of rights.
    within = 200 if manages else (403 if reads else 404)
    dept_a = inspections["dept_a"]
    url = reverse("campaigns:inspection_update", kwargs={"pk": dept_a.pk})
    assert client.get(url).status_code == within
    url = reverse("campaigns:recommendation_create", kwargs={"pk": dept_a.pk})
    assert client.get(url).status_code == within
    response = client.post(url, {"text": "Kiến nghị mới", "due_on": "31/12/2025"})
    assert response.status_code == (302 if manages else within)
    assert dept_a.recommendations.filter(text="Kiến nghị mới").exists() is manages


def test_a_team_member_of_another_unit_reads_but_does_not_answer(
    world, client_for, recommendations
):
    editor_b = client_for(world.user("editor_b"))
    detail = reverse(
        "campaigns:inspection_detail", kwargs={"pk": recommendations["dept_a"].inspection_id}
    )
    response = editor_b.get(detail)
    assert response.status_code == 200
    assert response.context["can_follow_up"] is False
    assert "Kiến nghị bổ sung hồ sơ điển hình (dept_a)" in response.content.decode()


def test_the_reviewer_of_an_inspected_district_answers_for_it(world, client_for, plan):
    inspection = make_inspection(plan, world.district_a, leader=world.user("home_affairs"))
    recommendation = inspection.record_recommendation(
        text="Đôn đốc các xã đăng ký đủ chỉ tiêu.", by=world.user("home_affairs")
    )
    url = reverse("campaigns:recommendation_follow_up", kwargs={"pk": recommendation.pk})
    assert (
        client_for(world.user("district_reviewer")).post(url, {"note": "Đã đôn đốc."}).status_code
        == 302
    )
    assert recommendation.follow_ups.get().recorded_by == world.user("district_reviewer")
    # The district's communes answer for their own inspections only.
    assert client_for(world.user("commune_editor")).post(url, {"note": "x"}).status_code == 404


def test_closing_without_a_follow_up_note_is_refused(world, client_for, recommendations):
    recommendation = recommendations["dept_a"]
    refusal = gettext("Record a follow-up note saying what was done before closing.")
    with pytest.raises(ValidationError) as raised:
        recommendation.close(by=world.user("home_affairs"))
    assert raised.value.messages == [refusal]
    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.OPEN

    client = client_for(world.user("home_affairs"))
    close = reverse("campaigns:recommendation_close", kwargs={"pk": recommendation.pk})
    page = client.get(close)
    assert refusal in page.content.decode()
    assert "btn-danger" not in page.content.decode()  # no button to close it yet
    response = client.post(close, follow=True)
    assert response.redirect_chain[-1][0] == (
        f"{recommendation.inspection.get_absolute_url()}#kien-nghi-{recommendation.pk}"
    )
    assert refusal in messages_of(response)
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.closed_at, recommendation.closed_by) == (
        Recommendation.Status.OPEN,
        None,
        None,
    )


def test_closing_after_a_note_records_who_and_when(world, client_for, recommendations):
    recommendation = recommendations["dept_a"]
    unit = client_for(world.user("editor_a"))
    unit.post(
        reverse("campaigns:recommendation_follow_up", kwargs={"pk": recommendation.pk}),
        {"note": "Ngày 08/8/2025 Sở ban hành Quyết định số 1187/QĐ-SYT."},
    )
    note = recommendation.follow_ups.get()
    assert (note.recorded_by, note.note) == (
        world.user("editor_a"),
        "Ngày 08/8/2025 Sở ban hành Quyết định số 1187/QĐ-SYT.",
    )

    before = timezone.now()
    home_affairs = client_for(world.user("home_affairs"))
    close = reverse("campaigns:recommendation_close", kwargs={"pk": recommendation.pk})
    assert home_affairs.get(close).status_code == 200
    response = home_affairs.post(close, follow=True)
    assert gettext("The recommendation is closed.") in messages_of(response)
    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.CLOSED
    assert recommendation.closed_by == world.user("home_affairs")
    assert before <= recommendation.closed_at <= timezone.now()
    latest = recommendation.history.first()
    assert (latest.status, latest.history_user) == ("closed", world.user("home_affairs"))
    # Closing again changes nothing.
    assert home_affairs.get(close).status_code == 302
    with pytest.raises(ValidationError):
        recommendation.close(by=world.user("home_affairs"))


def test_a_closed_recommendation_takes_no_further_note(world, client_for, recommendations):
    recommendation = recommendations["dept_a"]
    recommendation.record_follow_up(note="Đã thực hiện.", by=world.user("editor_a"))
    recommendation.close(by=world.user("home_affairs"))
    with pytest.raises(ValidationError):
        recommendation.record_follow_up(note="Thêm ý.", by=world.user("editor_a"))

    client = client_for(world.user("editor_a"))
    url = reverse("campaigns:recommendation_follow_up", kwargs={"pk": recommendation.pk})
    response = client.get(url, follow=True)
    assert gettext("This recommendation is closed; it takes no further note.") in messages_of(
        response
    )
    response = client.post(url, {"note": "Còn một ý."})
    assert response.status_code == 302
    assert recommendation.follow_ups.count() == 1
    detail = client.get(recommendation.inspection.get_absolute_url()).content.decode()
    assert url not in detail


def test_a_recommendation_waits_for_the_inspection_to_be_carried_out(world, client_for, plan):
    planned = make_inspection(plan, world.dept_b, leader=world.user("home_affairs"), done=False)
    with pytest.raises(ValidationError):
        planned.record_recommendation(text="Sớm quá", by=world.user("home_affairs"))
    client = client_for(world.user("home_affairs"))
    url = reverse("campaigns:recommendation_create", kwargs={"pk": planned.pk})
    assert client.get(url).status_code == 302
    assert client.post(url, {"text": "Sớm quá"}).status_code == 302
    assert not planned.recommendations.exists()
    assert client.get(planned.get_absolute_url()).context["can_recommend"] is False


def test_the_unit_is_told_of_a_new_recommendation(
    world, client_for, inspections, django_capture_on_commit_callbacks, mailoutbox
):
    inspection = inspections["dept_a"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.user("home_affairs")).post(
            reverse("campaigns:recommendation_create", kwargs={"pk": inspection.pk}),
            {"text": "Mở chuyên mục “Gương sáng ngành Y”.", "due_on": "31/12/2025"},
        )
    assert response.status_code == 302
    told = Notification.objects.all()
    assert set(told.values_list("recipient__username", flat=True)) == {"editor_a", "head_a"}
    assert "Gương sáng ngành Y" in told.first().message
    assert "31/12/2025" in told.first().message
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [world.user("editor_a").email, world.user("head_a").email]
    )
    assert f"/phong-trao/kiem-tra/{inspection.pk}/" in mailoutbox[0].body


def test_bad_input_keeps_what_was_typed(world, client_for, plan, inspections):
    client = client_for(world.user("home_affairs"))

    response = client.post(
        reverse("campaigns:inspection_plan_create"),
        {"year": 2026, "title": "", "decision": "Quyết định số 99/QĐ-SNV", "lead_unit": ""},
    )
    assert response.status_code == 200
    assert {"title", "lead_unit"} <= set(response.context["form"].errors)
    assert "Quyết định số 99/QĐ-SNV" in response.content.decode()

    response = client.post(
        reverse("campaigns:inspection_create", kwargs={"pk": plan.pk}),
        {
            "unit": world.dept_a.pk,
            "kind": "inspection",
            "scheduled_on": "15/10/2026",
            "team_leader": world.user("head_a").pk,
            "team_members": [world.user("home_affairs").pk, world.user("editor_a").pk],
            "other_members": "Bà Đoàn Thị Hương - Ban Tuyên giáo Tỉnh ủy",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"scheduled_on", "team_leader"} <= set(errors)
    assert "Bà Đoàn Thị Hương - Ban Tuyên giáo Tỉnh ủy" in response.content.decode()
    assert Inspection.objects.count() == 3

    dept_b = make_inspection(plan, world.dept_b, leader=world.user("home_affairs"), done=False)
    response = client.post(
        reverse("campaigns:inspection_update", kwargs={"pk": dept_b.pk}),
        {
            "unit": world.dept_b.pk,
            "kind": "inspection",
            "scheduled_on": "20/05/2025",
            "team_leader": world.user("home_affairs").pk,
            "status": "done",
            "carried_out_on": "",
            "findings": "Nhận xét giữ lại",
        },
    )
    assert response.status_code == 200
    assert "carried_out_on" in response.context["form"].errors
    assert "Nhận xét giữ lại" in response.content.decode()
    dept_b.refresh_from_db()
    assert (dept_b.status, dept_b.findings) == (Inspection.Status.PLANNED, "")

    response = client.post(
        reverse("campaigns:recommendation_create", kwargs={"pk": inspections["dept_a"].pk}),
        {"text": "Kiến nghị giữ lại", "due_on": "01/01/2025"},
    )
    assert response.status_code == 200
    assert "due_on" in response.context["form"].errors
    assert "Kiến nghị giữ lại" in response.content.decode()
    assert not Recommendation.objects.exists()

    recommendation = inspections["dept_a"].record_recommendation(
        text="Kiến nghị", by=world.user("home_affairs")
    )
    # An inspection with recommendations cannot go back to planned; a plan keeps its year.
    response = client.post(
        reverse("campaigns:inspection_update", kwargs={"pk": inspections["dept_a"].pk}),
        {
            "unit": world.dept_a.pk,
            "kind": "inspection",
            "scheduled_on": "20/05/2025",
            "status": "planned",
            "findings": "Nhận xét mới",
        },
    )
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    response = client.post(
        reverse("campaigns:inspection_plan_update", kwargs={"pk": plan.pk}),
        {"year": 2026, "title": plan.title, "lead_unit": plan.lead_unit_id},
    )
    assert response.status_code == 200
    assert "year" in response.context["form"].errors
    plan.refresh_from_db()
    assert plan.year == 2025

    response = client.post(
        reverse("campaigns:recommendation_follow_up", kwargs={"pk": recommendation.pk}),
        {"note": "   "},
    )
    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    assert not RecommendationFollowUp.objects.exists()


def test_an_inspection_is_planned_then_its_findings_recorded_with_history(world, client_for, plan):
    client = client_for(world.user("home_affairs"))
    response = client.post(
        reverse("campaigns:inspection_create", kwargs={"pk": plan.pk}),
        {
            "unit": world.commune_a.pk,
            "kind": "supervision",
            "scheduled_on": "17/04/2025",
            "team_leader": world.user("home_affairs").pk,
            "team_members": [world.user("district_reviewer").pk],
            "other_members": "Bà Lê Thị Ngân - Liên đoàn Lao động tỉnh",
        },
    )
    inspection = Inspection.objects.get(unit=world.commune_a)
    assert response["Location"] == inspection.get_absolute_url()
    assert list(inspection.team_members.all()) == [world.user("district_reviewer")]
    assert inspection.status == Inspection.Status.PLANNED

    response = client.post(
        reverse("campaigns:inspection_update", kwargs={"pk": inspection.pk}),
        {
            "unit": world.commune_a.pk,
            "kind": "supervision",
            "scheduled_on": "17/04/2025",
            "team_leader": world.user("home_affairs").pk,
            "team_members": [world.user("district_reviewer").pk],
            "status": "done",
            "carried_out_on": "17/04/2025",
            "findings": "Xã lựa chọn 02 điển hình, giới thiệu trên loa truyền thanh.",
        },
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.carried_out_on == datetime.date(2025, 4, 17)
    assert inspection.history.first().history_user == world.user("home_affairs")

    # The team member from the district now reads it, history and all.
    page = client_for(world.user("district_reviewer")).get(inspection.get_absolute_url())
    changed = {str(label) for row in page.context["history"] for label, _, _ in row["changes"]}
    assert {gettext("status"), gettext("findings"), gettext("carried out on")} <= changed
    assert "Bà Lê Thị Ngân - Liên đoàn Lao động tỉnh" in page.content.decode()


def test_overdue_search_and_unit_filters(world, client_for, inspections):
    today = timezone.localdate()
    home_affairs = world.user("home_affairs")
    dept_a, commune_a = inspections["dept_a"], inspections["commune_a"]
    overdue = dept_a.record_recommendation(
        text="Ban hành quy định tiêu chuẩn",
        due_on=today - datetime.timedelta(days=1),
        by=home_affairs,
    )
    closed_late = dept_a.record_recommendation(
        text="Cập nhật hồ sơ", due_on=today - datetime.timedelta(days=1), by=home_affairs
    )
    closed_late.record_follow_up(note="Đã cập nhật.", by=world.user("editor_a"))
    closed_late.close(by=home_affairs)
    due_today = commune_a.record_recommendation(
        text="Mở sổ theo dõi", due_on=today, by=home_affairs
    )
    ongoing = commune_a.record_recommendation(text="Giới thiệu điển hình", by=home_affairs)

    client = client_for(home_affairs)
    url = reverse("campaigns:recommendation_list")

    def shown(**params):
        return [r.pk for r in client.get(url, params).context["recommendations"]]

    assert shown(state="overdue") == [overdue.pk]
    assert Recommendation.objects.overdue().get() == overdue
    assert set(shown(state="open")) == {overdue.pk, due_today.pk, ongoing.pk}
    assert shown(state="closed") == [closed_late.pk]
    # Open first, the earliest due on top, no due date last among the open.
    assert shown() == [overdue.pk, due_today.pk, ongoing.pk, closed_late.pk]
    assert shown(q="quy dinh tieu chuan") == [overdue.pk]
    assert set(shown(q="gia van")) == {due_today.pk, ongoing.pk}
    assert set(shown(unit=world.commune_a.code)) == {due_today.pk, ongoing.pk}
    assert shown(year=2024) == []
    page = client.get(url)
    assert (page.context["open_total"], page.context["overdue_total"]) == (3, 1)


def test_inspection_list_filters(world, client_for, plan, inspections):
    other_plan = InspectionPlan.objects.create(
        year=2024, title="Kế hoạch kiểm tra năm 2024", lead_unit=world.home_affairs_unit
    )
    older = Inspection.objects.create(
        plan=other_plan,
        unit=world.dept_b,
        kind=Inspection.Kind.SUPERVISION,
        scheduled_on=datetime.date(2024, 10, 1),
    )
    client = client_for(world.user("home_affairs"))
    url = reverse("campaigns:inspection_list")

    def shown(**params):
        return {i.pk for i in client.get(url, params).context["inspections"]}

    assert shown(q="phong kham than thien") == {inspections["dept_a"].pk}
    assert shown(q="kim chinh") == {inspections["commune_b"].pk}
    assert shown(year=2024) == {older.pk}
    assert shown(plan=plan.pk) == {i.pk for i in inspections.values()}
    assert shown(status="planned") == {older.pk}
    assert shown(kind="supervision") == {older.pk}
    assert shown(unit=world.commune_a.code) == {inspections["commune_a"].pk}
    # The unit filter offers only units of inspections within reach.
    form = client_for(world.user("district_reviewer")).get(url).context["filter_form"]
    assert list(form.fields["unit"].queryset) == [world.commune_a]


def test_exports_keep_to_the_users_reach(world, client_for, recommendations):
    rows = rows_of(
        client_for(world.user("commune_editor")).get(
            reverse("campaigns:inspection_list"), {"export": "xlsx"}
        )
    )
    assert [row[2] for row in rows[1:]] == ["Xã Gia Vân"]
    assert not rows[1][8]  # no team member with an account

    rows = rows_of(
        client_for(world.user("editor_b")).get(
            reverse("campaigns:inspection_list"), {"export": "xlsx"}
        )
    )
    assert [row[2] for row in rows[1:]] == ["Sở Y tế"]
    assert world.user("editor_b").full_name in rows[1][8]

    rows = rows_of(
        client_for(world.user("editor_a")).get(
            reverse("campaigns:recommendation_list"), {"export": "xlsx"}
        )
    )
    assert [(row[1], row[3]) for row in rows[1:]] == [
        ("Sở Y tế", "Kiến nghị bổ sung hồ sơ điển hình (dept_a)")
    ]
    rows = rows_of(
        client_for(world.user("home_affairs")).get(
            reverse("campaigns:recommendation_list"), {"export": "xlsx", "unit": "373-GIAVAN"}
        )
    )
    assert [row[1] for row in rows[1:]] == ["Xã Gia Vân"]


def test_list_queries_do_not_grow(
    world, client_for, plan, recommendations, django_assert_max_num_queries
):
    client = client_for(world.user("home_affairs"))
    urls = [reverse("campaigns:inspection_list"), reverse("campaigns:recommendation_list")]
    counts = []
    for url in urls:
        with django_assert_max_num_queries(30) as few:
            client.get(url)
        counts.append(len(few.captured_queries))
    for number in range(6):
        inspection = make_inspection(
            plan, world.dept_b, leader=world.user("home_affairs"), members=[world.user("editor_a")]
        )
        inspection.record_recommendation(text=f"Kiến nghị {number}", by=world.user("home_affairs"))
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            client.get(url)
