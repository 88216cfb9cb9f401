"""A record's history reads as a person would say it: names, labels and local formats."""

import datetime

import pytest

from campaigns.models import Event
from registry.history import history_with_changes

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
