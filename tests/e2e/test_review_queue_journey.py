"""Home Affairs clears its review queue in bulk; the unit reads the outcome in English.

Home Affairs opens the queue: the oldest waiting comes first and the sort control says so,
no status that cannot wait there is offered. With the keyboard it ticks "select all"
(every row ticked), unticks one row (the box shows "mixed"), ticks it again, and accepts
them all at once. Sở Y tế's editor then switches the portal to English: the list names the
field in English and the notification of the acceptance reads in English. Every page on
the way is checked for WCAG 2.1 A/AA, at 1280 px and at 390 px.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from registry.enums import ExemplarStatus as S
from registry.models import Exemplar, Notification
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def waiting_since(exemplar, days: int):
    """Sent up to Home Affairs ``days`` ago (the workflow itself is tested elsewhere)."""
    Exemplar.objects.filter(pk=exemplar.pk).update(
        status=S.UNDER_REVIEW,
        status_changed_at=timezone.now() - datetime.timedelta(days=days),
    )
    return exemplar


@pytest.fixture
def queue(world):
    return [
        waiting_since(ExemplarFactory(unit=world.dept_a, full_name="Trần Thị Mai"), 3),
        waiting_since(ExemplarFactory(unit=world.dept_b, full_name="Phạm Văn Long"), 40),
        waiting_since(ExemplarFactory(unit=world.dept_a, full_name="Đỗ Thị Hằng"), 12),
    ]


def row_boxes(page: Page):
    return page.locator('#review-results input[name="selected"]')


def test_home_affairs_accepts_all_and_the_unit_reads_it_in_english(
    page: Page, world, queue, login, logout, axe_check
):
    login(world.user("home_affairs"))
    page.goto("/tham-dinh/")
    axe_check(page)

    # The oldest waiting first, and the sort control shows that order as chosen.
    names = page.locator("#review-results tbody tr td:nth-child(2) > a")
    expect(names).to_have_text(["Phạm Văn Long", "Đỗ Thị Hằng", "Trần Thị Mai"])
    expect(page.get_by_label("Sắp xếp theo")).to_have_value("oldest")
    expect(page.locator('select[name="status"]')).to_have_count(0)

    # Select all with the keyboard; one row off makes it "mixed"; on again, all.
    select_all = page.locator("#select-all")
    expect(select_all).to_be_visible()
    select_all.focus()
    page.keyboard.press("Space")
    for box in row_boxes(page).all():
        expect(box).to_be_checked()
    row_boxes(page).nth(1).uncheck()
    expect(select_all).not_to_be_checked()
    assert select_all.evaluate("box => box.indeterminate") is True
    row_boxes(page).nth(1).check()
    expect(select_all).to_be_checked()
    assert select_all.evaluate("box => box.indeterminate") is False
    axe_check(page)

    page.get_by_role("button", name="Công nhận", exact=True).click()
    expect(page.locator("main .messages .alert-success")).to_be_visible()
    expect(row_boxes(page)).to_have_count(0)
    assert set(Exemplar.objects.values_list("status", flat=True)) == {S.ACCEPTED}
    axe_check(page)
    logout()

    # Sở Y tế's editor reads the portal in English from now on.
    editor = world.user("editor_a")
    login(editor)
    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("button", name="Chuyển").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    editor.refresh_from_db()
    assert editor.language == "en"

    page.goto("/dien-hinh/")
    row = page.locator("tbody tr", has_text="Trần Thị Mai")
    expect(row).to_contain_text("Health")
    expect(row).not_to_contain_text("Y tế")
    expect(page.get_by_role("combobox", name="Field")).to_contain_text("Education and training")
    axe_check(page)

    page.goto("/thong-bao/")
    assert Notification.objects.filter(recipient=editor).count() == 2
    notes = page.locator("main").get_by_role("link", name=re.compile(r"Accepted by "))
    expect(notes).to_have_count(2)
    expect(page.locator("main")).not_to_contain_text("Được công nhận")
    axe_check(page)

    # The same on a phone.
    page.set_viewport_size(PHONE)
    page.reload()
    expect(notes.first).to_be_visible()
    axe_check(page)
    page.goto("/dien-hinh/")
    axe_check(page)
    page.set_viewport_size(DESKTOP)


def test_on_a_phone_the_queue_still_selects_all(page: Page, world, queue, login, axe_check):
    page.set_viewport_size(PHONE)
    login(world.user("home_affairs"))
    page.goto("/tham-dinh/")
    select_all = page.locator("#select-all")
    select_all.check()
    expect(row_boxes(page)).to_have_count(3)
    for box in row_boxes(page).all():
        expect(box).to_be_checked()
    axe_check(page)
    select_all.uncheck()
    for box in row_boxes(page).all():
        expect(box).not_to_be_checked()
