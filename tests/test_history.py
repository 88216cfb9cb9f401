"""A record's history reads as a person would say it: names, labels and local formats."""

import datetime

import pytest

from campaigns.models import Event
from exemplar_portal.base.history import history_with_changes
from registry.enums import ExemplarStatus
from tests.factories.campaigns import (
    CampaignFactory,
    ContestFactory,
    CoverageFactory,
    EventFactory,
    InspectionFactory,
    InspectionPlanFactory,
)
from tests.factories.exemplars import ExemplarFactory
from tests.factories.reports import AwardProposalFactory

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
    lan = ExemplarFactory(unit=world.dept_a, status="accepted")
    item = CoverageFactory(exemplars=[lan])
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
    return ExemplarFactory(unit=world.dept_a), "achievements"


def _registry_plan(world):
    from registry.models import Plan

    # The 2023-2025 plan comes with the migrations.
    return Plan.objects.get(period_from=2023, period_to=2025), "note"


def _campaign(world):
    return CampaignFactory(), "description"


def _event(world):
    return EventFactory(organiser=world.dept_a, participating_units=[world.dept_b]), "outcome"


def _inspection_plan(world):
    return InspectionPlanFactory(), "description"


def _inspection(world):
    return InspectionFactory(unit=world.dept_a), "findings"


def _coverage(world):
    return CoverageFactory(exemplars=[]), "title"


def _contest(world):
    return ContestFactory(description="Thể lệ cuộc thi."), "description"


def _award_proposal(world):
    exemplar = ExemplarFactory(unit=world.dept_a, status=ExemplarStatus.ACCEPTED)
    return AwardProposalFactory(exemplar=exemplar), "reasons"


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
    exemplar = with_history(ExemplarFactory(unit=world.dept_a), "achievements", 0)
    for persona in ("editor_a", "head_a", "home_affairs", "leader", "administrator"):
        response = client_for(world.user(persona)).get(exemplar.get_absolute_url())
        assert response.status_code == 200, persona
        assert response.context["history"] == []


def test_a_long_history_shows_the_latest_entries_each_with_its_changes(world):
    exemplar = with_history(ExemplarFactory(unit=world.dept_a), "achievements", 33)
    rows = history_with_changes(exemplar, limit=30)
    assert len(rows) == 30
    # Even the oldest row shown is compared with the entry before it, which is not shown.
    assert all(len(row["changes"]) == 1 for row in rows)
    assert rows[0]["changes"][0][2].endswith("(lần sửa 33)")
    assert history_with_changes(with_history(exemplar, "achievements", 0)) == []
