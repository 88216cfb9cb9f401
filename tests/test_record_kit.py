"""The record kit (``exemplar_portal.base.kit``): what every record kind gets from it."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from campaigns.models import Pledge
from campaigns.views.events import EventKind
from exemplar_portal.base.kit import RecordDeleteView, RecordKind
from registry.models import Campaign
from tests.test_campaigns import movement_data
from tests.test_events import make_event

pytestmark = pytest.mark.integration


def test_a_create_path_is_never_taken_for_a_record_named_by_a_slug():
    class Movements(RecordKind):
        model = Campaign
        lookup = "code"
        pages = ("detail", "update", "delete", "create", "list")

    patterns = Movements().urls()
    assert [p.name for p in patterns] == [
        "campaign_list",
        "campaign_create",
        "campaign_detail",
        "campaign_update",
        "campaign_delete",
    ]
    assert next(p for p in patterns if p.resolve("them/")).name == "campaign_create"
    assert next(p for p in patterns if p.resolve("them-moi/")).name == "campaign_detail"


def test_a_saved_form_goes_to_the_record_unless_the_kind_says_elsewhere(world, client_for):
    client = client_for(world.user("home_affairs"))
    response = client.post(reverse("campaigns:campaign_create"), movement_data())
    assert response["Location"] == Campaign.objects.get(code="chuyen-doi-so").get_absolute_url()
    response = client.post(
        reverse("campaigns:pledge_create"),
        {
            "title": "Giao ước thi đua năm 2025",
            "year": 2025,
            "signed_on": "10/02/2025",
            "units": [world.dept_a.pk, world.dept_b.pk],
            "content": "Hoàn thành xuất sắc nhiệm vụ.",
        },
    )
    assert response["Location"] == reverse("campaigns:pledge_list")
    assert Pledge.objects.get().title == "Giao ước thi đua năm 2025"


def test_the_page_asking_to_confirm_a_deletion_shows_what_the_kind_adds(world):
    user = world.user("home_affairs")
    event = make_event(organiser=world.dept_a, by=user, title="Hội nghị điển hình tiên tiến")

    class Events(EventKind):
        def delete_context(self, request, record):
            return {"going_with_it": [record.title]}

    request = RequestFactory().get("/")
    request.user = user
    response = RecordDeleteView.as_view(kind=Events())(request, pk=event.pk)
    assert response.status_code == 200
    assert response.context_data["event"] == event
    assert response.context_data["going_with_it"] == ["Hội nghị điển hình tiên tiến"]
