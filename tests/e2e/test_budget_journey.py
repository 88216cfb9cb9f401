"""A unit keeps its budget for the year (estimate by item, spending against it); Home Affairs
reads every unit's totals and downloads them."""

import datetime
import io
import re
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PROPAGANDA = "Tuyên truyền trên phương tiện thông tin đại chúng, chuyên trang, chuyên mục, ấn phẩm"
CONFERENCES = "Hội nghị, gặp mặt, tọa đàm biểu dương, tôn vinh điển hình tiên tiến"
TRAINING = "Tập huấn nghiệp vụ thi đua, khen thưởng và tuyên truyền"


@pytest.fixture
def budget_items(world):
    """The plan's budget items, as their data migration seeds them (the flush of a browser
    test wipes them)."""
    import_module("campaigns.migrations.0006_budget_items").seed_budget_items(apps, None)


def open_menu(page: Page, link: str) -> None:
    navigation = page.get_by_role("navigation", name="Thanh điều hướng chính")
    navigation.get_by_role("button", name="Thi đua, tuyên truyền").click()
    navigation.get_by_role("link", name=link, exact=True).click()


def this_year_dates() -> tuple[str, str]:
    """Two past days of the current year (spending cannot be dated in the future)."""
    today = timezone.localdate()
    first = today.replace(month=1, day=1)
    second = max(first, today - datetime.timedelta(days=1))
    return first.strftime("%d/%m/%Y"), second.strftime("%d/%m/%Y")


def record_spending(page: Page, *, item: str, on: str, amount: str, description: str) -> None:
    page.get_by_role("link", name="Ghi nhận khoản chi").click()
    page.get_by_role("combobox", name="Khoản mục").select_option(label=item)
    page.get_by_role("textbox", name="Ngày", exact=True).fill(on)
    page.get_by_role("textbox", name="Số tiền (đồng)").fill(amount)
    page.get_by_role("textbox", name="Nội dung chi").fill(description)


def test_a_unit_keeps_its_budget_and_home_affairs_reads_the_totals(
    page: Page, world, budget_items, login, logout, axe_check
):
    year = timezone.localdate().year
    first_day, second_day = this_year_dates()

    # The health department's editor lands on the unit's own budget for the year.
    login(world.user("editor_a"))
    open_menu(page, "Kinh phí")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sở Y tế")
    expect(page.get_by_text(f"Kinh phí năm {year}: dự toán theo từng khoản mục")).to_be_visible()
    axe_check(page)

    estimate = page.get_by_role("region", name="Dự toán và thực chi theo khoản mục")
    estimate.get_by_role("textbox", name=f"Dự toán (đ): {PROPAGANDA}").fill("25.000.000")
    estimate.get_by_role("textbox", name=f"Dự toán (đ): {CONFERENCES}").fill("40.000.000")
    estimate.get_by_role("textbox", name=f"Ghi chú: {CONFERENCES}").fill(
        "Hội nghị điển hình tiên tiến ngành y tế"
    )
    estimate.get_by_role("textbox", name=f"Dự toán (đ): {TRAINING}").fill("8000000")
    page.get_by_role("button", name="Lưu dự toán").click()
    expect(page.get_by_text("Đã lưu dự toán.")).to_be_visible()
    # Amounts come back grouped by dots, whichever way they were typed.
    expect(estimate.get_by_role("textbox", name=f"Dự toán (đ): {TRAINING}")).to_have_value(
        "8.000.000"
    )
    total = estimate.get_by_role("row", name="Tổng cộng")
    expect(total).to_contain_text("73.000.000")
    axe_check(page)

    # Two payments; the second one's amount is first typed in words.
    record_spending(
        page,
        item=CONFERENCES,
        on=first_day,
        amount="12.500.000",
        description="Hội nghị biểu dương thầy thuốc tiêu biểu",
    )
    axe_check(page)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã ghi nhận khoản chi.")).to_be_visible()

    record_spending(
        page,
        item=PROPAGANDA,
        on=second_day,
        amount="3,5 triệu",
        description="In tờ gấp giới thiệu gương điển hình",
    )
    page.get_by_role("button", name="Lưu", exact=True).click()
    amount = page.get_by_role("textbox", name="Số tiền (đồng)")
    expect(page.get_by_text("Nhập số tiền tròn đồng, ví dụ 15.000.000.")).to_be_visible()
    expect(amount).to_have_value("3,5 triệu")
    expect(page.get_by_role("textbox", name="Nội dung chi")).to_have_value(
        "In tờ gấp giới thiệu gương điển hình"
    )
    axe_check(page)
    amount.fill("3.500.000")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã ghi nhận khoản chi.")).to_be_visible()

    spending = page.get_by_role("region", name=f"Các khoản chi năm {year}")
    expect(spending.get_by_role("row")).to_have_count(3)  # the header and two payments
    expect(total).to_contain_text("16.000.000")
    expect(total).to_contain_text("57.000.000")
    axe_check(page)

    # One payment is deleted through its confirmation page.
    spending.get_by_role("row", name=re.compile("In tờ gấp")).get_by_role(
        "link", name="Xóa"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Xóa khoản chi")
    expect(page.get_by_text("In tờ gấp giới thiệu gương điển hình")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Xóa", exact=True).click()
    expect(page.get_by_text("Đã xóa khoản chi.")).to_be_visible()
    expect(spending.get_by_role("row")).to_have_count(2)
    expect(total).to_contain_text("12.500.000")
    expect(total).to_contain_text("60.500.000")

    # On a phone the page fits the screen: each item's name heads its own line, above an
    # amount box wide enough for its figure and the payments' buttons.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    name = estimate.get_by_role("rowheader", name=CONFERENCES)
    expect(name).to_be_visible()
    assert name.bounding_box()["width"] > 300
    box = estimate.get_by_role("textbox", name=f"Dự toán (đ): {CONFERENCES}")
    assert box.evaluate("input => input.scrollWidth <= input.clientWidth")  # not clipped
    for table in (estimate.get_by_role("table"), spending.get_by_role("table")):
        assert table.evaluate("table => table.parentElement.scrollWidth <= table.offsetWidth")
    button = spending.get_by_role("link", name="Xóa").bounding_box()
    assert button["x"] + button["width"] <= 390
    axe_check(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    logout()

    # Home Affairs reads every unit's totals for the year…
    login(world.user("home_affairs"))
    open_menu(page, "Kinh phí")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Kinh phí năm {year}")
    row = page.get_by_role("region", name="Kinh phí theo đơn vị").get_by_role(
        "row", name=re.compile("Sở Y tế")
    )
    expect(row.get_by_role("cell")).to_have_text(
        ["73.000.000", "12.500.000", "60.500.000", "17,1%"]
    )
    axe_check(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    expect(page.get_by_role("rowheader", name=re.compile("^Sở Y tế"))).to_be_visible()
    for table in page.get_by_role("table").all():
        assert table.evaluate("table => table.parentElement.scrollWidth <= table.offsetWidth")
    assert page.get_by_role("rowheader", name=TRAINING).bounding_box()["width"] > 300
    axe_check(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # …and downloads them, a row per unit and item.
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về tệp Excel (.xlsx)").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    header, *rows = sheet.iter_rows(values_only=True)
    assert header[:2] == ("Mã đơn vị", "Đơn vị")
    assert sorted((r[4], r[5], r[6], r[7]) for r in rows if r[0] == "37-SYT") == sorted(
        [
            (PROPAGANDA, 25_000_000, 0, 25_000_000),
            (CONFERENCES, 40_000_000, 12_500_000, 27_500_000),
            (TRAINING, 8_000_000, 0, 8_000_000),
        ]
    )
    assert {r[3] for r in rows} == {year}
