"""The review queue's controls agree with what it shows: the oldest waiting first and the sort
control saying so, only the statuses that can wait offered, and a select-all box for the
bulk moves that is only there where script makes it work."""

import re
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from registry.enums import ExemplarStatus as S
from registry.forms import ExemplarFilterForm
from registry.models import Exemplar
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration

URL = reverse("registry:review_queue")


def waiting(exemplar, status, days):
    reviewer = exemplar.unit.reviewing_unit if status == S.SUBMITTED_TO_DISTRICT else None
    Exemplar.objects.filter(pk=exemplar.pk).update(
        status=status,
        status_changed_at=timezone.now() - timedelta(days=days),
        reviewer_unit=reviewer,
    )
    exemplar.refresh_from_db()
    return exemplar


def selected_sort(html: str) -> str:
    """The sort option the page shows as chosen: the one marked, else the first (as a
    browser shows a select with none marked)."""
    select = re.search(r'<select name="sort".*?</select>', html, re.S)
    assert select, "the queue has a sort control"
    options = re.findall(r'<option value="([^"]*)"([^>]*)>', select.group(0))
    marked = [value for value, attributes in options if "selected" in attributes]
    return marked[0] if marked else options[0][0]


def status_options(html: str) -> list[str]:
    select = re.search(r'<select name="status".*?</select>', html, re.S)
    return re.findall(r'<option value="([^"]*)"', select.group(0)) if select else []


@pytest.fixture
def queue(world):
    """Three records under review sent 30, 10 and 2 days ago, made newest first, and the
    oldest edited last (so "last changed" would put it first)."""
    oldest = waiting(
        ExemplarFactory(unit=world.dept_a, full_name="Chờ ba mươi ngày"), S.UNDER_REVIEW, 30
    )
    middle = waiting(
        ExemplarFactory(unit=world.dept_b, full_name="An Văn Mười"), S.UNDER_REVIEW, 10
    )
    newest = waiting(ExemplarFactory(unit=world.dept_a, full_name="Bùi Thị Hai"), S.UNDER_REVIEW, 2)
    Exemplar.objects.filter(pk=oldest.pk).update(updated_at=timezone.now())
    return oldest, middle, newest


@pytest.mark.parametrize("query", [{}, {"q": ""}, {"year": "", "sort": ""}])
def test_the_queue_opens_oldest_first_and_its_sort_control_says_so(world, client_for, queue, query):
    oldest, middle, newest = queue
    response = client_for(world.user("home_affairs")).get(URL, query)
    codes = [row["exemplar"].code for row in response.context["rows"]]
    assert codes == [oldest.code, middle.code, newest.code]
    assert selected_sort(response.content.decode()) == "oldest"


def test_another_order_is_kept_and_shown(world, client_for, queue):
    oldest = queue[0]
    client = client_for(world.user("home_affairs"))
    response = client.get(URL, {"sort": "recent"})
    # The oldest was edited last: "last changed" puts it first.
    assert response.context["rows"][0]["exemplar"].code == oldest.code
    assert selected_sort(response.content.decode()) == "recent"
    response = client.get(URL, {"sort": "name"})
    names = [r["exemplar"].full_name for r in response.context["rows"]]
    assert names == ["An Văn Mười", "Bùi Thị Hai", "Chờ ba mươi ngày"]
    assert selected_sort(response.content.decode()) == "name"


def test_an_unknown_order_falls_back_to_the_oldest_first_with_a_message(world, client_for, queue):
    oldest, middle, newest = queue
    response = client_for(world.user("home_affairs")).get(URL, {"sort": "bogus", "q": "Bùi"})
    assert response.status_code == 200
    assert [r["exemplar"].code for r in response.context["rows"]] == [
        oldest.code,
        middle.code,
        newest.code,
    ]
    assert response.context["filter_form"].errors["sort"]
    assert 'value="Bùi"' in response.content.decode()  # what was typed stays in the box


@pytest.mark.parametrize("persona", ["home_affairs", "district_reviewer"])
def test_the_queue_offers_no_status_that_cannot_wait_there(world, client_for, persona):
    html = client_for(world.user(persona)).get(URL).content.decode()
    # One status waits for each reviewer: nothing to choose, no draft to offer.
    assert status_options(html) == []
    assert 'value="draft"' not in html
    assert 'name="status"' not in html


def test_a_status_in_the_address_cannot_bring_other_records_into_the_queue(
    world, client_for, queue
):
    waiting(ExemplarFactory(unit=world.dept_a, full_name="Bản nháp"), S.DRAFT, 50)
    accepted = waiting(ExemplarFactory(unit=world.dept_a), S.ACCEPTED, 50)
    response = client_for(world.user("home_affairs")).get(URL, {"status": "draft"})
    codes = {row["exemplar"].code for row in response.context["rows"]}
    assert codes == {exemplar.code for exemplar in queue}
    response = client_for(world.user("home_affairs")).get(URL, {"status": "accepted"})
    assert accepted.code not in {row["exemplar"].code for row in response.context["rows"]}


def test_the_district_queue_keeps_its_own_status_and_order(world, client_for):
    older = waiting(ExemplarFactory(unit=world.commune_a), S.SUBMITTED_TO_DISTRICT, 9)
    newer = waiting(ExemplarFactory(unit=world.commune_a), S.SUBMITTED_TO_DISTRICT, 1)
    response = client_for(world.user("district_reviewer")).get(URL)
    assert [r["exemplar"].pk for r in response.context["rows"]] == [older.pk, newer.pk]
    assert selected_sort(response.content.decode()) == "oldest"


def test_a_queue_of_several_statuses_offers_exactly_those():
    with_two = ExemplarFilterForm(statuses=[S.UNDER_REVIEW, S.SUBMITTED_TO_DISTRICT])
    assert [value for value, _label in with_two.fields["status"].choices] == [
        "",
        S.UNDER_REVIEW,
        S.SUBMITTED_TO_DISTRICT,
    ]
    assert "status" not in ExemplarFilterForm(statuses=[S.UNDER_REVIEW]).fields
    # The list of all exemplars still offers every status.
    every = [value for value, _label in ExemplarFilterForm().fields["status"].choices]
    assert S.DRAFT in every


def test_the_select_all_box_is_there_for_script_and_hidden_without_it(world, client_for, queue):
    html = client_for(world.user("home_affairs")).get(URL).content.decode()
    box = re.search(r"<input[^>]*data-select-all[^>]*>", html).group(0)
    assert 'type="checkbox"' in box
    assert 'data-select-all="selected"' in box  # it ticks the rows' "selected" boxes
    assert "aria-label=" in box
    assert " hidden" in box  # without script, nothing that would not work is shown
    # The rows it ticks are in the same form as the bulk moves.
    form = re.search(r'<form method="post" action="/tham-dinh/.*?</form>', html, re.S).group(0)
    assert box in form
    assert form.count('name="selected"') == 3
    assert 'name="action" value="accept"' in form
    assert "js/select_all.js" in html
    assert finders.find("js/select_all.js")


def test_without_script_the_rows_ticked_by_hand_are_moved(
    world, client_for, queue, django_capture_on_commit_callbacks
):
    oldest, middle, newest = queue
    client = client_for(world.user("home_affairs"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"selected": [oldest.code, newest.code], "action": "accept"})
    assert response.status_code == 302
    statuses = dict(
        Exemplar.objects.filter(pk__in=[e.pk for e in queue]).values_list("pk", "status")
    )
    assert statuses == {oldest.pk: S.ACCEPTED, middle.pk: S.UNDER_REVIEW, newest.pk: S.ACCEPTED}


def test_the_partial_for_htmx_carries_the_select_all_box_too(world, client_for, queue):
    response = client_for(world.user("home_affairs")).get(
        URL, {"q": ""}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "data-select-all" in html
