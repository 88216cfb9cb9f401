"""A commune that ended in the 2025 reform opens its home on a phone (390 px): only its years,
what ended it and who carries on, the record Home Affairs sent back first with its reason,
the year's records by status leading to the list behind each figure, and a "new exemplar"
button whose form opens on the same year as the home. The commune that carried on then
finds the same record waiting for it. Every page on the way is checked with axe.
"""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from registry import workflow
from registry.enums import ExemplarStatus as S
from registry.models import Exemplar, UnitSuccession
from tests.factories import UnitFactory, UserFactory, kind
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
BASIS = "Nghị quyết số 1674/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"
NAME = "Bùi Văn Toàn"
REASON = "Bổ sung xác nhận của UBND xã về số hộ thoát nghèo năm 2025."


def reform(world):
    """Xã Gia Vân ends on 30/6/2025; the new Xã Gia Vân (14488) carries on its work."""
    old = world.commune_a
    old.valid_until = datetime.date(2025, 6, 30)
    old.end_basis = BASIS
    old.save()
    new = UnitFactory(
        code="14488",
        name="Xã Gia Vân",
        kind=kind("commune"),
        parent=world.province,
        valid_from=datetime.date(2025, 7, 1),
    )
    UnitSuccession.objects.create(
        predecessor=old,
        successor=new,
        kind="merger",
        effective_on=datetime.date(2025, 7, 1),
        legal_basis=BASIS,
    )
    return new, UserFactory(username="canbo_xagiavan_moi", unit=new, full_name="Trịnh Thị Thư")


def test_an_ended_commune_and_its_successor_find_their_work(
    page: Page, world, login, logout, axe_check
):
    new, new_editor = reform(world)
    returned = ExemplarFactory(unit=world.commune_a, year=2025, full_name=NAME)
    returned = workflow.transition(
        exemplar=returned, action="submit", by=world.user("commune_editor")
    )
    workflow.transition(
        exemplar=returned, action="return", by=world.user("home_affairs"), comment=REASON
    )
    accepted = ExemplarFactory(unit=world.commune_a, year=2025)
    Exemplar.objects.filter(pk=accepted.pk).update(status=S.ACCEPTED)
    ExemplarFactory(unit=world.commune_b, year=2025, full_name="Người của xã khác")

    page.set_viewport_size(PHONE)
    login(world.user("commune_editor"))

    # --- The home speaks of 2023-2025 only, and says the commune ended. ---
    year = page.locator("#id_year")
    expect(year).to_have_value("2025")
    assert year.locator("option").all_inner_texts() == ["2025", "2024", "2023"]
    ended = page.locator("#unit-ended")
    expect(ended).to_be_visible()
    expect(ended).to_contain_text("30/6/2025")
    expect(ended).to_contain_text(BASIS)
    expect(ended.locator(f'a[href="{new.get_absolute_url()}"]')).to_have_text("Xã Gia Vân")
    expect(page.locator('a[href*="year=2026"]')).to_have_count(0)

    # --- What Home Affairs sent back comes first, with its reason. ---
    item = page.locator(f'#returned-records [data-exemplar="{returned.code}"]')
    expect(item).to_contain_text(NAME)
    expect(item.locator(".return-reason")).to_contain_text(REASON)
    first = item.bounding_box()["y"]
    assert first < page.locator("#my-records").bounding_box()["y"]
    assert first < page.locator("#my-quota").bounding_box()["y"]
    expect(page.get_by_text("Người của xã khác")).to_have_count(0)
    axe_check(page)

    # --- Each figure of the year opens exactly its records. ---
    figures = page.locator("#records-by-status a")
    expect(figures).to_have_count(2)
    returned_figure = page.locator('#records-by-status a[data-status="returned"]')
    expect(returned_figure).to_have_attribute("data-count", "1")
    returned_figure.click()
    expect(page).to_have_url(re.compile(r"/dien-hinh/\?year=2025&unit=373-GIAVAN&status=returned$"))
    results = page.locator("#exemplar-results")
    expect(results.get_by_role("link", name=NAME, exact=True)).to_be_visible()
    expect(results.locator("tbody tr")).to_have_count(1)
    axe_check(page)

    # --- The form opens on the same year as the home. ---
    page.goto("/")
    page.locator("#home-new-exemplar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thêm điển hình")
    expect(page.locator("#id_year")).to_have_value("2025")
    axe_check(page)

    # --- A year after its end is refused on the home with the reason, never shown. ---
    page.goto("/?year=2026")
    expect(page.locator("#year-notice")).to_contain_text("30/6/2025")
    expect(page.locator("#id_year")).to_have_value("2025")
    axe_check(page)

    # --- The successor's page is one tap away. ---
    page.locator(f'#unit-ended a[href="{new.get_absolute_url()}"]').click()
    expect(page).to_have_url(re.compile(r"/don-vi/14488/$"))
    axe_check(page)
    logout()

    # --- The commune that carried on finds the record waiting for it too. ---
    login(new_editor)
    expect(page.locator("#unit-ended")).to_have_count(0)
    expect(page.locator(f'#returned-records [data-exemplar="{returned.code}"]')).to_contain_text(
        REASON
    )
    home_year = page.locator("#id_year").input_value()
    axe_check(page)
    page.locator("#home-new-exemplar").click()
    expect(page.locator("#id_year")).to_have_value(home_year)
