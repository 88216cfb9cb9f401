"""Home Affairs reads the 2025 quota standing of a province through the reform: each
obligation once, a merged department counting its predecessors' results; it follows the
link to a predecessor and on to its successor, and builds the 2023-2025 period review."""

import re

import pytest
from playwright.sync_api import Page, expect

from registry.enums import ExemplarStatus as S
from tests.reform import build_reform, exemplar

pytestmark = pytest.mark.browser


def test_home_affairs_reads_2025_through_the_reform_and_reviews_the_period(
    page: Page, world, login, axe_check
):
    reform = build_reform()
    exemplar(reform.dept_a, 2025, S.ACCEPTED)  # Sở Kế hoạch, before the merger
    exemplar(reform.old_a, 2025, S.ACCEPTED, endorsed_by=reform.district)
    exemplar(reform.old_b, 2025, S.ACCEPTED, endorsed_by=reform.district)
    exemplar(reform.dept_x, 2024, S.ACCEPTED)
    exemplar(reform.old_a, 2023, S.ACCEPTED, endorsed_by=reform.district)

    login(world.user("home_affairs"))
    page.goto("/chi-tieu/tien-do/?year=2025")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tình hình thực hiện chỉ tiêu năm 2025"
    )
    axe_check(page)
    rows = page.locator("#obligation-table tbody tr[data-unit]")
    codes = rows.evaluate_all("rows => rows.map(row => row.dataset.unit)")
    # Each obligation once; the units that ended during 2025 owe none of their own.
    assert len(codes) == len(set(codes))
    assert {"99-STC", "99-SYT", "99-14488", "99-14482"} <= set(codes)
    assert not {"99-SKHDT", "99-STC-CU", "99-373", "99-GIAVAN", "99-GIATHANH"} & set(codes)
    merged = page.locator('tr[data-unit="99-STC"]')
    expect(merged).to_contain_text("Sở Kế hoạch thử nghiệm (đến 28/2/2025)")
    expect(merged.locator("td").nth(1)).to_have_text("1")  # accepted: its predecessor's one
    expect(merged).to_contain_text("đạt chỉ tiêu")
    commune = page.locator('tr[data-unit="99-14488"]')
    expect(commune.locator("td").nth(1)).to_have_text("2")

    # The predecessor's page names the unit that carries on, which takes over its work.
    merged.get_by_role("link", name="Sở Kế hoạch thử nghiệm (đến 28/2/2025)").click()
    expect(page).to_have_url(re.compile(r"/don-vi/99-SKHDT/$"))
    successors = page.get_by_role("region", name="Đơn vị kế thừa", exact=True)
    expect(successors).to_contain_text("tiếp nhận công việc")
    axe_check(page)
    successors.get_by_role("link", name="Sở Tài chính thử nghiệm").click()
    expect(page).to_have_url(re.compile(r"/don-vi/99-STC/$"))
    expect(page.get_by_role("region", name="Đơn vị tiền thân", exact=True)).to_contain_text(
        "Sở Tài chính cũ (đến 28/2/2025)"
    )

    # The period review of the 2023-2025 plan.
    page.goto("/bao-cao/tong-hop/")
    page.get_by_test_id("period-review-create").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tổng kết giai đoạn thực hiện kế hoạch"
    )
    axe_check(page)
    page.get_by_label("Kế hoạch").select_option(label="Kế hoạch giai đoạn 2023 - 2025")
    page.get_by_role("button", name="Lập báo cáo tổng kết giai đoạn").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2023 - 2025")
    table = page.get_by_test_id("by-year")
    expect(table.locator("tbody tr")).to_have_count(3)
    assert table.locator("tbody tr th").all_inner_texts() == ["2023", "2024", "2025"]
    # Accepted in 2025: Sở Kế hoạch's one and the two old communes' ones.
    expect(table.locator("tbody tr").nth(2).locator("td").first).to_have_text("3")
    expect(page.locator("#reform-title")).to_be_visible()
    reform_section = page.locator("#reform-title").locator("xpath=..")
    expect(reform_section).to_contain_text("Huyện Gia Viễn thử nghiệm")
    expect(reform_section).to_contain_text("Nghị quyết số 1674/NQ-UBTVQH15")
    axe_check(page)
