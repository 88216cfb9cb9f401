"""A record's history reads as a person would say it: names, labels and local formats."""

import datetime

import pytest

from campaigns.models import Event
from exemplar_portal.base.history import history_with_changes

pytestmark = pytest.mark.integration


def test_history_names_related_rows_labels_and_dates(world):
    event = Event.objects.create(
        kind=Event.Kind.MEETING,
        title="Gặp mặt điển hình tiên tiến ngành Y tế",
        date=datetime.date(2025, 6, 11),
        place="Hội trường Sở Y tế",
        organiser=world.dept_a,
        recorded_by=world.user("home_affairs"),
    )
    event.participating_units.add(world.dept_b)
    event.kind = Event.Kind.CONFERENCE
    event.date = datetime.date(2025, 6, 12)
    event.organiser = world.dept_b
    event.save()

    rows = history_with_changes(event)
    changes = {str(label): (old, new) for label, old, new in rows[0]["changes"]}
    assert changes["loại"] == ("Gặp mặt, tọa đàm", "Hội nghị điển hình tiên tiến")
    assert changes["ngày"] == ("11/06/2025", "12/06/2025")
    assert changes["đơn vị tổ chức"] == (world.dept_a.name, world.dept_b.name)
    # The many-to-many change is in the middle entry (added after creation).
    participation = [change for row in rows for change in row["changes"] if change[1] != change[2]]
    assert any(world.dept_b.name in new for _, old, new in participation)


def test_a_record_and_its_lists_make_one_history_entry(world):
    from campaigns.models import Coverage, MediaOutlet
    from tests.factories.exemplars import ExemplarFactory

    lan = ExemplarFactory(unit=world.dept_a, status="accepted")
    outlet = MediaOutlet.objects.create(name="Báo Ninh Bình", kind="newspaper", unit=world.press)
    item = Coverage(
        outlet=outlet,
        kind=Coverage.Kind.ARTICLE,
        published_on=datetime.date(2025, 6, 12),
        title="Người thầy thuốc tận tụy với bệnh nhi",
        recorded_by=world.user("media"),
    )
    item.save_with_lists(exemplars=[lan])
    assert [entry.history_type for entry in item.history.all()] == ["+"]
    assert list(item.exemplars.all()) == [lan]

    item.title = "Người thầy thuốc của trẻ em"
    item.save_with_lists(exemplars=[])
    rows = history_with_changes(item)
    assert len(rows) == 2
    labels = {str(label) for label, _, _ in rows[0]["changes"]}
    assert labels == {"tiêu đề", "điển hình được giới thiệu"}


# Every page renders whatever its record's history holds: none (records written in bulk,
# by a migration or brought in from another system), one entry, or many. ---------------


def _exemplar(world):
    from tests.factories.exemplars import ExemplarFactory

    return ExemplarFactory(unit=world.dept_a), "achievements"


def _registry_plan(world):
    from registry.models import Plan

    # The 2023-2025 plan comes with the migrations.
    return Plan.objects.get(period_from=2023, period_to=2025), "note"


def _campaign(world):
    from registry.models import Campaign

    campaign = Campaign.objects.create(
        code="nong-thon-moi",
        name="Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới”",
        kind="movement",
        launched_by="prime_minister",
        level="national",
        valid_from=2021,
        valid_to=2025,
    )
    return campaign, "description"


def _event(world):
    event = Event(
        kind=Event.Kind.CONFERENCE,
        title="Hội nghị biểu dương điển hình tiên tiến ngành Y tế",
        date=datetime.date(2025, 6, 10),
        place="Trung tâm Hội nghị tỉnh Ninh Bình",
        organiser=world.dept_a,
        recorded_by=world.user("home_affairs"),
    )
    event.save_with_lists(participating_units=[world.dept_b])
    return event, "outcome"


def _inspection_plan(world):
    from campaigns.models import InspectionPlan

    plan = InspectionPlan.objects.create(
        year=2025,
        title="Kế hoạch kiểm tra công tác điển hình tiên tiến năm 2025",
        lead_unit=world.home_affairs_unit,
    )
    return plan, "description"


def _inspection(world):
    from campaigns.models import Inspection

    plan, _field = _inspection_plan(world)
    inspection = Inspection.objects.create(
        plan=plan,
        unit=world.dept_a,
        scheduled_on=datetime.date(2025, 5, 20),
        team_leader=world.user("home_affairs"),
    )
    return inspection, "findings"


def _coverage(world):
    from campaigns.models import Coverage, MediaOutlet

    outlet = MediaOutlet.objects.create(name="Báo Ninh Bình", kind="newspaper", unit=world.press)
    item = Coverage(
        outlet=outlet,
        kind=Coverage.Kind.ARTICLE,
        published_on=datetime.date(2025, 5, 14),
        title="Người thầy thuốc tận tụy với bệnh nhi",
        recorded_by=world.user("media"),
    )
    item.save_with_lists(exemplars=[])
    return item, "title"


def _contest(world):
    from campaigns.models import Contest

    contest = Contest.objects.create(
        name="Cuộc thi viết về gương điển hình tiên tiến năm 2025",
        kind=Contest.Kind.WRITING,
        year=2025,
        organiser=world.home_affairs_unit,
        opens_on=datetime.date(2025, 4, 1),
        closes_on=datetime.date(2025, 9, 30),
        description="Thể lệ cuộc thi.",
    )
    return contest, "description"


def _award_proposal(world):
    from registry.enums import ExemplarStatus
    from registry.models import Exemplar
    from reports.models import AwardForm, AwardProposal
    from tests.factories.exemplars import ExemplarFactory

    exemplar = ExemplarFactory(unit=world.dept_a)
    Exemplar.objects.filter(pk=exemplar.pk).update(status=ExemplarStatus.ACCEPTED)
    proposal = AwardProposal.objects.create(
        exemplar=exemplar,
        award=AwardForm.objects.get(code="bang-khen-chu-tich-ubnd-tinh"),
        year=2025,
        proposing_unit=world.dept_a,
        reasons="Thành tích xuất sắc năm 2025.",
        created_by=world.user("editor_a"),
    )
    return proposal, "reasons"


RECORDS = {
    "exemplar": _exemplar,
    "plan": _registry_plan,
    "campaign": _campaign,
    "event": _event,
    "inspection_plan": _inspection_plan,
    "inspection": _inspection,
    "coverage": _coverage,
    "contest": _contest,
    "award_proposal": _award_proposal,
}


def with_history(record, field: str, entries: int):
    """Leave ``record`` with exactly ``entries`` history rows, each changing ``field``."""
    record.history.all().delete()
    original = getattr(record, field)
    for n in range(entries):
        setattr(record, field, f"{original} (lần sửa {n + 1})")
        record.save()
    assert record.history.count() == entries
    return record


@pytest.mark.parametrize("entries", [0, 1, 4])
@pytest.mark.parametrize("kind", RECORDS)
def test_each_record_page_renders_whatever_its_history_holds(world, client_for, kind, entries):
    record, field = RECORDS[kind](world)
    with_history(record, field, entries)
    response = client_for(world.user("home_affairs")).get(record.get_absolute_url())
    assert response.status_code == 200
    rows = response.context["history"]
    assert len(rows) == entries
    if entries:
        # The newest entry first; each but the oldest says what it changed.
        assert rows[0]["entry"].history_date >= rows[-1]["entry"].history_date
        assert rows[-1]["changes"] == []
        for row in rows[:-1]:
            assert [str(label) for label, _old, _new in row["changes"]] == [
                str(type(record)._meta.get_field(field).verbose_name)
            ]


def test_a_generated_exemplar_without_history_opens_for_every_reader(world, client_for):
    """Exemplars written by ``generate_scale_data`` have no history row at all."""
    from tests.factories.exemplars import ExemplarFactory

    exemplar = with_history(ExemplarFactory(unit=world.dept_a), "achievements", 0)
    for persona in ("editor_a", "head_a", "home_affairs", "leader", "administrator"):
        response = client_for(world.user(persona)).get(exemplar.get_absolute_url())
        assert response.status_code == 200, persona
        assert response.context["history"] == []


def test_a_long_history_shows_the_latest_entries_each_with_its_changes(world):
    from tests.factories.exemplars import ExemplarFactory

    exemplar = with_history(ExemplarFactory(unit=world.dept_a), "achievements", 33)
    rows = history_with_changes(exemplar, limit=30)
    assert len(rows) == 30
    # Even the oldest row shown is compared with the entry before it, which is not shown.
    assert all(len(row["changes"]) == 1 for row in rows)
    assert rows[0]["changes"][0][2].endswith("(lần sửa 33)")
    assert history_with_changes(with_history(exemplar, "achievements", 0)) == []
