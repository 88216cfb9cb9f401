"""Home Affairs consolidates 2025, publishes it and downloads the draft report of version 1
(the number comes when the report is issued: tests/e2e/test_document_journey.py); the
province's leader reads the 2025 dashboard and drills down from a chart (its canvas and the
table of links under it) to the exemplars behind a bar."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import TIMEOUT_MS
from tests.factories.exemplars import ExemplarFactory
from tests.test_documents import flat, pdf_text

pytestmark = pytest.mark.browser

YEAR = 2025
# WeasyPrint lays the report out inside the live server's request (ImmediateBackend).
RENDER_TIMEOUT_MS = 4 * TIMEOUT_MS


def exemplar_names(page: Page) -> list[str]:
    """The names in the exemplar list's table, sorted."""
    results = page.locator("#exemplar-results").get_by_role("region", name="Điển hình")
    expect(results).to_be_visible()
    return sorted(results.locator("tbody tr td:first-child a").all_inner_texts())


def assert_pdf(page: Page, href: str) -> str:
    """Fetch a PDF with the page's session; its text, flattened."""
    response = page.request.get(href)
    assert response.ok, response.status
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF-")
    return flat(pdf_text(body))


def test_home_affairs_publishes_the_year_and_the_leader_drills_down(
    page: Page, world, login, logout, axe_check
):
    from registry.models import Field

    health = Field.objects.get(code="health")
    education = Field.objects.get(code="education-training")
    lan = ExemplarFactory(
        unit=world.dept_a, full_name="Đinh Thị Ngọc Lan", status="accepted", field=health
    )
    hoa = ExemplarFactory(
        unit=world.commune_a, full_name="Phạm Văn Hòa", status="accepted", field=health
    )
    ExemplarFactory(unit=world.dept_b, full_name="Lê Minh An", status="accepted", field=education)
    # Sent up, not decided yet: registered and submitted, not among the accepted.
    binh = ExemplarFactory(
        unit=world.dept_b, full_name="Vũ Thanh Bình", status="under_review", field=health
    )
    # Another year: in neither the consolidation nor the 2025 lists.
    ExemplarFactory(
        unit=world.dept_a, full_name="Hoàng Văn Cũ", status="accepted", field=health, year=2024
    )

    # Home Affairs builds the 2025 consolidation from the navbar…
    login(world.user("home_affairs"))
    navigation = page.get_by_role("navigation", name="Thanh điều hướng chính")
    navigation.get_by_role("button", name="Khen thưởng").click()
    navigation.get_by_role("link", name="Tổng hợp, tổng kết", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng hợp, tổng kết")
    page.get_by_role("link", name="Tổng hợp một năm").click()
    page.get_by_role("combobox", name="Năm", exact=True).select_option(str(YEAR))
    page.get_by_role("button", name="Lập bản tổng hợp").click()

    # …checks the live figures: three exemplars accepted in 2025, in three units…
    totals = page.get_by_role("region", name="Kết quả chung")
    accepted = totals.locator(".card-body").filter(
        has=page.get_by_text("Điển hình được công nhận", exact=True)
    )
    expect(accepted.locator(".fs-4")).to_have_text("3")
    expect(page.get_by_role("link", name="Công bố", exact=True)).to_be_visible()
    axe_check(page)

    # …publishes it…
    page.get_by_role("link", name="Công bố", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Công bố phiên bản 1")
    page.get_by_role("button", name="Công bố", exact=True).click()
    expect(page.get_by_text("Phiên bản 1 đã công bố", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/bao-cao/tong-hop/\d+/phien-ban/1/$"))

    # …has the draft report rendered (at once: the immediate task backend) and downloads it.
    pdf = page.get_by_role("region", name="Báo cáo để trình ký")
    pdf.get_by_role("button", name="Tạo tệp PDF").click()
    download = pdf.get_by_role("link", name="Tải tệp PDF")
    expect(download).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    axe_check(page)
    text = assert_pdf(page, download.get_attribute("href"))
    assert "BÁO CÁO" in text and "DỰ THẢO" in text
    assert "Số: /BC-SNV" in text  # a draft has no number yet
    for name in ["Đinh Thị Ngọc Lan", "Phạm Văn Hòa", "Lê Minh An"]:
        assert name in text
    assert "Vũ Thanh Bình" not in text
    assert "Hoàng Văn Cũ" not in text
    logout()

    # The leader reads the 2025 dashboard…
    page.emulate_media(reduced_motion="reduce")  # no animation: the bars stay where drawn
    login(world.user("leader"), check=False)
    page.get_by_role("banner").get_by_role("button", name="Theo dõi", exact=True).click()
    page.get_by_role("banner").get_by_role("link", name="Tổng quan", exact=True).click()
    page.get_by_role("combobox", name="Năm", exact=True).select_option(str(YEAR))
    page.get_by_role("button", name="Xem", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/bao-cao/tong-quan/\?year={YEAR}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(YEAR))
    by_field = page.get_by_role("region", name="Điển hình theo lĩnh vực")
    health_row = by_field.get_by_role("row").filter(
        has=page.get_by_role("link", name="Y tế", exact=True)
    )
    expect(health_row.get_by_role("cell")).to_have_text(["3", "2"])  # registered, accepted
    axe_check(page)

    # …its printable version is a PDF…
    printable = page.get_by_role("link", name="Dự thảo (PDF)", exact=True)
    dashboard_pdf = assert_pdf(page, printable.get_attribute("href"))
    assert f"Tổng quan điển hình tiên tiến năm {YEAR}" in dashboard_pdf
    assert "Điển hình theo lĩnh vực Nhóm Đăng ký Được công nhận" in dashboard_pdf
    assert "Y tế 3 2" in dashboard_pdf

    # …and a click on the health bar of the chart opens the exemplars behind it.
    canvas = page.locator("canvas[data-chart='chart-by-field-data']")
    expect(canvas).to_be_visible()
    page.wait_for_function(
        "c => window.Chart && window.Chart.getChart(c)", arg=canvas.element_handle()
    )
    x, y = canvas.evaluate(
        """canvas => {
            const chart = window.Chart.getChart(canvas);
            const index = chart.data.labels.indexOf("Y tế");
            const bar = chart.getDatasetMeta(0).data[index];
            return [bar.x, bar.y];
        }"""
    )
    canvas.click(position={"x": x, "y": y})
    expect(page).to_have_url(re.compile(rf"/dien-hinh/\?year={YEAR}&field=health$"))
    assert exemplar_names(page) == sorted([lan.full_name, hoa.full_name, binh.full_name])
    axe_check(page)

    # The table under the chart leads to the same kind of list, for keyboards and readers.
    page.go_back()
    by_field.get_by_role("link", name="Giáo dục và đào tạo", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/dien-hinh/\?year={YEAR}&field=education-training$"))
    assert exemplar_names(page) == ["Lê Minh An"]
