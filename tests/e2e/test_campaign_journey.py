"""Home Affairs records an emulation movement and its review; a unit reads it."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.browser


def test_home_affairs_records_a_movement_and_a_unit_reads_it(
    page: Page, world, login, logout, axe_check
):
    login(world.user("home_affairs"))
    navigation = page.get_by_role("navigation", name="Thanh điều hướng chính")
    navigation.get_by_role("button", name="Thi đua, tuyên truyền").click()
    navigation.get_by_role("link", name="Phong trào", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phong trào thi đua, cuộc vận động")
    # Home Affairs has the longest menu: on a 1280-pixel screen it wraps, never overflows.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1281
    axe_check(page)
    page.get_by_role("link", name="Thêm phong trào").click()
    axe_check(page)
    page.get_by_role("textbox", name="Mã", exact=True).fill("chuyen-doi-so-2025")
    page.get_by_role("textbox", name="Tên", exact=True).fill(
        "Phong trào thi đua chuyển đổi số năm 2025"
    )
    page.get_by_role("combobox", name="Loại", exact=True).select_option(label="Phong trào thi đua")
    page.get_by_role("combobox", name="Cấp phát động", exact=True).select_option(label="UBND tỉnh")
    page.get_by_role("spinbutton", name="Hiệu lực từ năm").fill("2025")
    page.get_by_role("spinbutton", name="Hiệu lực đến năm").fill("2025")
    page.get_by_role("listbox", name="Lĩnh vực", exact=True).select_option(
        label="Thông tin và truyền thông"
    )
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Phong trào thi đua chuyển đổi số năm 2025"
    )
    expect(page.get_by_text("Đã lưu phong trào.")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Ghi nhận sơ kết, tổng kết").click()
    page.get_by_role("combobox", name="Loại", exact=True).select_option(label="Sơ kết")
    page.get_by_role("textbox", name="Ngày", exact=True).fill("30/06/2025")
    page.get_by_role("textbox", name="Kết quả", exact=True).fill(
        "Sáu tháng đầu năm: 100% cơ quan dùng văn bản điện tử."
    )
    axe_check(page)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(
        page.get_by_text("Sáu tháng đầu năm: 100% cơ quan dùng văn bản điện tử.")
    ).to_be_visible()
    logout()

    from registry.models import Campaign

    ExemplarFactory(
        unit=world.dept_a,
        full_name="Hoàng Thị Lụa",
        campaign=Campaign.objects.get(code="chuyen-doi-so-2025"),
    )
    login(world.user("editor_a"))
    page.goto("/phong-trao/?q=chuyen doi so")
    page.get_by_role("link", name="Phong trào thi đua chuyển đổi số năm 2025").click()
    expect(page.get_by_role("link", name="Hoàng Thị Lụa")).to_be_visible()
    expect(page.get_by_role("link", name="Sửa")).to_have_count(0)
    axe_check(page)
