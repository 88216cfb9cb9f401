"""Public holidays and the days the government moves, in the count of a public disclosure's
working days (Decree 98/2023/NĐ-CP Art. 46(2)): the seeded calendar of 2024-2026, the count,
the reason a council may not vote yet, and who keeps the calendar."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from reports import councils
from reports.data import holidays
from reports.models import DayOff, Disclosure
from tests.personas import PERSONAS
from tests.test_councils import STATE_AWARD, council_of, meeting_of, proposal_of

pytestmark = pytest.mark.django_db

D = datetime.date
K = DayOff.Kind


def test_the_seeded_days_change_the_count_and_name_their_source():
    seeded = list(DayOff.objects.all())
    assert {day.date.year for day in seeded} == {2024, 2025, 2026}
    assert len(seeded) == len(list(holidays.rows()))
    assert all(day.source.strip() for day in seeded)
    # Only days that change the count: weekdays off, weekend days worked.
    assert all(day.on_weekend == (day.kind == K.MOVED_WORK) for day in seeded)
    assert DayOff.objects.get(date=D(2025, 4, 26)).kind == K.MOVED_WORK
    assert "6150/TB-LĐTBXH" in DayOff.objects.get(date=D(2025, 1, 29)).source
    # Not verified in a published announcement: not seeded.
    assert not DayOff.objects.filter(date__in=[D(2026, 9, 1), D(2026, 9, 2), D(2026, 11, 24)])


def test_a_window_over_tet_2025_counts_fewer_days():
    start, end = D(2025, 1, 20), D(2025, 2, 7)  # three weeks, Monday to Friday
    assert councils.weekdays(start, end) == 15
    window = councils.span(start, end)
    assert window.days == councils.working_days(start, end) == 10
    assert [day.date.day for day in window.holidays] == [27, 28, 29, 30, 31]
    with translation.override("en"):
        assert window.detail == "less 5 public holidays: 27/1, 28/1, 29/1, 30/1, 31/1"
        assert str(window) == f"10 working days ({window.detail})"
    # The same weeks of a year without holidays count every weekday.
    assert councils.working_days(D(2025, 3, 3), D(2025, 3, 21)) == 15


def test_a_moved_working_saturday_counts_and_the_day_it_frees_does_not():
    # 10/1/2026 is worked for Friday 2/1, and 1/1 is Tết Dương lịch.
    window = councils.span(D(2025, 12, 29), D(2026, 1, 11))
    assert councils.weekdays(D(2025, 12, 29), D(2026, 1, 11)) == 10
    assert window.days == 10 - 1 - 1 + 1
    assert [d.short_date for d in window.worked] == ["10/1"]
    with translation.override("en"):
        assert window.detail == (
            "less 1 public holiday: 1/1; less 1 day off moved: 2/1; plus 1 weekend day worked: 10/1"
        )
    # A Saturday alone: one working day.
    assert councils.working_days(D(2025, 4, 26), D(2025, 4, 26)) == 1
    assert councils.working_days(D(2025, 4, 27), D(2025, 4, 27)) == 0


def test_a_holiday_recorded_on_a_weekend_changes_nothing():
    DayOff.objects.create(date=D(2026, 4, 26), kind=K.HOLIDAY, name="Giỗ Tổ", source="Luật")
    # Giỗ Tổ on Sunday 26/4/2026, its day in lieu Monday 27/4.
    assert councils.working_days(D(2026, 4, 20), D(2026, 4, 29)) == 8 - 1


def test_one_query_per_window_however_long(django_assert_num_queries):
    kinds = [kind for _day, kind, _name, _source in holidays.rows()]
    worked = kinds.count(holidays.MOVED_WORK)
    every = councils.weekdays(D(2024, 1, 1), D(2026, 12, 31)) - (len(kinds) - worked) + worked
    with django_assert_num_queries(1):
        assert councils.working_days(D(2024, 1, 1), D(2026, 12, 31)) == every
    with django_assert_num_queries(0):
        assert councils.working_days(D(2025, 5, 2), D(2025, 5, 1)) == 0


def test_a_day_moved_must_fall_where_it_moves():
    with pytest.raises(ValidationError) as raised:
        DayOff(date=D(2027, 1, 4), kind=K.MOVED_WORK, name="Làm bù", source="x").full_clean()
    assert set(raised.value.message_dict) == {"date"}
    with pytest.raises(ValidationError):
        DayOff(date=D(2027, 1, 2), kind=K.MOVED_OFF, name="Nghỉ bù", source="x").full_clean()
    with pytest.raises(ValidationError) as raised:
        DayOff(date=D(2025, 4, 30), kind=K.HOLIDAY, name="Trùng", source="x").full_clean()
    assert "date" in raised.value.message_dict  # one row a day


def _disclosed(world, starts_on, ends_on):
    proposal = proposal_of(world.dept_a, award=STATE_AWARD)
    Disclosure.objects.create(
        proposal=proposal,
        starts_on=starts_on,
        ends_on=ends_on,
        where="Cổng thông tin điện tử tỉnh",
        recorded_by=world.user("editor_a"),
    )
    proposal.refresh_from_db()
    return proposal


def test_ten_weekdays_over_30_4_and_1_5_are_refused_with_the_reason(world, client_for):
    # Monday 21/4 to Friday 2/5/2025: ten weekdays; 30/4 and 1/5 are holidays, 2/5 is off
    # for Saturday 26/4, which is worked: eight working days.
    proposal = _disclosed(world, D(2025, 4, 21), D(2025, 5, 2))
    council = council_of(world.province, members=4)
    meeting, members = meeting_of(council, present=4, proposal=proposal)
    with translation.override("en"):
        problem = councils.disclosure_problem(proposal, meeting.date)
    assert problem.startswith(
        "The proposal was public for 8 working days (less 2 public holidays: 30/4, 1/5; "
        "less 1 day off moved: 2/5; plus 1 weekend day worked: 26/4); at least 10 working "
        "days are required"
    )
    with pytest.raises(ValidationError):
        councils.record_votes(meeting, proposal, {m: ("agree", "") for m in members})
    client = client_for(world.user("home_affairs"))
    ballot = reverse("reports:meeting_ballot", args=[meeting.pk, proposal.pk])
    page = client.get(ballot).content.decode()
    assert 'id="disclosure-span"' in page and ": 30/4, 1/5;" in page and ": 26/4)" in page
    response = client.post(ballot, {f"vote_{m.pk}": "agree" for m in members})
    assert response.status_code == 200 and not meeting.votes.exists()
    assert ": 30/4, 1/5;" in str(response.context["form"].non_field_errors())
    # Two more working days and the council may vote.
    proposal.disclosure.ends_on = D(2025, 5, 6)
    proposal.disclosure.save()
    proposal.refresh_from_db()
    assert councils.disclosure_problem(proposal, meeting.date) == ""
    assert client.post(ballot, {f"vote_{m.pk}": "agree" for m in members}).status_code == 302
    assert meeting.votes.count() == 4


def test_the_disclosure_page_names_the_days_left_out(world, client_for):
    proposal = _disclosed(world, D(2025, 4, 21), D(2025, 5, 2))
    client = client_for(world.user("editor_a"))
    url = reverse("reports:proposal_disclosure", args=[proposal.pk])
    page = client.get(url).content.decode()
    span = page.split('id="disclosure-span"')[1].split("</p>")[0]
    assert "<strong>8 " in span and ": 30/4, 1/5;" in span
    assert ": 2/5;" in span and ": 26/4)" in span
    response = client.post(
        url,
        {"starts_on": "21/04/2025", "ends_on": "09/05/2025", "where": "Bảng tin Sở Y tế"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == proposal.get_absolute_url()
    page = response.content.decode()
    assert ": 13 " in page and ": 30/4, 1/5;" in page


# Who keeps the calendar ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_administrators_keep_the_days_off_in_the_admin(world, client_for, persona):
    user = world.user(persona)
    keeper = persona == "administrator"
    assert user.has_perm("reports.view_dayoff")
    for action in ("add", "change", "delete"):
        assert user.has_perm(f"reports.{action}_dayoff") is keeper
    client = client_for(user)
    listed = client.get(reverse("admin:reports_dayoff_changelist"))
    assert listed.status_code == (200 if keeper else 302)
    data = {
        "date": "24/11/2027",
        "kind": K.HOLIDAY,
        "name": "Ngày Văn hóa Việt Nam",
        "source": "Bộ luật Lao động sửa đổi",
    }
    added = client.post(reverse("admin:reports_dayoff_add"), data)
    assert added.status_code == 302
    assert DayOff.objects.filter(date=D(2027, 11, 24)).exists() is keeper
    tet = DayOff.objects.get(date=D(2025, 1, 27))
    client.post(reverse("admin:reports_dayoff_delete", args=[tet.pk]), {"post": "yes"})
    assert DayOff.objects.filter(pk=tet.pk).exists() is not keeper


def test_the_admin_keeps_what_was_typed_and_says_what_is_wrong(world, client_for):
    client = client_for(world.user("administrator"))
    response = client.post(
        reverse("admin:reports_dayoff_add"),
        {"date": "06/01/2027", "kind": K.MOVED_WORK, "name": "Làm bù", "source": "Công văn"},
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert set(form.errors) == {"date"} and form.data["name"] == "Làm bù"
    assert not DayOff.objects.filter(date=D(2027, 1, 6)).exists()
    page = client.get(reverse("admin:reports_dayoff_changelist") + "?date__year=2025")
    assert "6150/TB-LĐTBXH" in page.content.decode()
