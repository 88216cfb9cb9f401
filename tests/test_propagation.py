"""The exemplar's page gathers what spread it, each piece within the reader's reach."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Event, Prize
from tests.factories.campaigns import (
    ContestEntryFactory,
    ContestFactory,
    CoverageFactory,
    EventFactory,
)
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def lan(world):
    return ExemplarFactory(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan", status="accepted")


def conference(world, *exemplars):
    return EventFactory(
        title="Hội nghị biểu dương điển hình tiên tiến năm 2025",
        date=datetime.date(2025, 11, 20),
        exemplars=exemplars,
    )


def test_a_media_editor_reaches_the_events_of_the_exemplars_it_covered(world, lan):
    event = conference(world, lan)
    media = world.user("media")
    assert not Event.objects.restrict(media).filter(pk=event.pk).exists()

    CoverageFactory(published_on=datetime.date(2025, 11, 22), exemplars=[lan])
    media = type(media).objects.get(pk=media.pk)  # a new request: reach is computed afresh
    assert Event.objects.restrict(media).filter(pk=event.pk).exists()
    # Another unit's staff still do not reach the event.
    assert not Event.objects.restrict(world.user("editor_b")).filter(pk=event.pk).exists()


def test_prizes_show_on_the_exemplars_page_once_results_are_published(world, client_for, lan):
    contest = ContestFactory(
        name="Cuộc thi viết về gương người tốt, việc tốt năm 2025",
        opens_on=datetime.date(2025, 3, 1),
    )
    entry = ContestEntryFactory(
        contest=contest,
        title="Bàn tay ấm của người mẹ áo trắng",
        authors="Nguyễn Thu Trang",
        received_on=datetime.date(2025, 9, 1),
        exemplars=[lan],
    )
    Prize.objects.create(contest=contest, entry=entry, level=Prize.Level.FIRST)
    client = client_for(world.user("editor_a"))
    url = reverse("registry:exemplar_detail", kwargs={"code": lan.code})

    page = client.get(url).content.decode()
    assert "Bàn tay ấm của người mẹ áo trắng" in page
    assert "Giải Nhất" not in page

    contest.results_published_at = timezone.now()
    contest.save()
    assert "Giải Nhất" in client.get(url).content.decode()
