"""Anyone signed in opens the catalogue of award forms from the "Khen thưởng" menu, finds a
title and reads what the law says of it: its article, conditions, dossier and cash; on a
phone and on a desktop."""

import pytest
from django.apps import apps
from django.urls import reverse
from playwright.sync_api import Page, expect

from reports.data.load import seed

pytestmark = pytest.mark.browser


@pytest.fixture
def award_forms(world):
    """The award forms as their data migration seeds them (a browser test's flush wipes
    them)."""
    seed(apps)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_reader_finds_a_title_and_what_the_law_says_of_it(
    page: Page, world, award_forms, login, axe_check, width
):
    page.set_viewport_size({"width": width, "height": 900})
    login(world.user("commune_editor"))
    catalogue = reverse("reports:awardform_list")
    navigation = page.get_by_role("navigation", name="Thanh điều hướng chính")
    toggler = navigation.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
    navigation.get_by_role("button", name="Khen thưởng", exact=True).click()
    navigation.locator(f'a[href="{catalogue}"]').click()
    expect(page).to_have_url(f"{page.url.split(catalogue)[0]}{catalogue}")
    expect(page.get_by_role("link", name="Lao động tiên tiến", exact=True).first).to_be_visible()
    axe_check(page)

    page.goto(f"{catalogue}?q=chien+si+thi+dua+co+so&year=2025")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    rows.get_by_role("link", name="Chiến sĩ thi đua cơ sở").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chiến sĩ thi đua cơ sở")
    expect(page.get_by_text("Điều 23, Luật Thi đua, khen thưởng số 06/2022/QH15")).to_be_visible()
    expect(page.get_by_text("Hoàn thành xuất sắc nhiệm vụ", exact=False).first).to_be_visible()
    expect(page.get_by_text("Báo cáo thành tích của cá nhân (Mẫu số 03)")).to_be_visible()
    expect(page.locator("#cash-today")).to_contain_text("đ")
    axe_check(page)
