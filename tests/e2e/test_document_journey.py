"""Home Affairs issues the yearly report of 2025: it writes the report's four narrative
sections on the published version's page, tries to date the report after today (refused,
the chosen signer kept), issues it signed by the deputy director (KT. GIÁM ĐỐC), reads the
PDF and the DOCX as issued, and finds the document in the register by its number.

Every distinct page on the way is checked for WCAG 2.1 A/AA (see conftest.py). Screenshots of
the issue form and of the issued document, on a phone and on a desktop, are left in
``SHOTS`` for a person to look at; nothing is asserted on them.
"""

import datetime
import io
import re
from pathlib import Path

import docx
import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import TIMEOUT_MS
from tests.factories.exemplars import ExemplarFactory
from tests.test_documents import flat, pdf_text

pytestmark = pytest.mark.browser

YEAR = 2025
NUMBER = "01/BC-SNV"
SHOTS = Path("/tmp/shots")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# The live server lays the report out (WeasyPrint) inside the request that issues it.
RENDER_TIMEOUT_MS = 4 * TIMEOUT_MS

HEAD = "Nguyễn Văn Thành"
DEPUTY = "Trần Thị Thu Hằng"

# The four sections, by form field: (label on the form, text typed).
NARRATIVE = {
    "results": (
        "Kết quả đạt được",
        "Năm 2025, các sở, ngành và địa phương đã phát hiện, bồi dưỡng và công nhận nhiều "
        "điển hình tiên tiến trong lĩnh vực y tế và giáo dục; nhiều mô hình hay được nhân "
        "rộng ở cơ sở.",
    ),
    "shortcomings": (
        "Tồn tại, hạn chế và nguyên nhân",
        "Một số xã chưa chủ động phát hiện điển hình, hồ sơ đề nghị gửi chậm và thiếu minh "
        "chứng.\nNguyên nhân chủ yếu là cán bộ làm công tác thi đua còn kiêm nhiệm.",
    ),
    "tasks_ahead": (
        "Nhiệm vụ thời gian tới",
        "Tiếp tục tuyên truyền gương người tốt, việc tốt; tổ chức hội nghị biểu dương điển "
        "hình tiên tiến vào quý IV năm 2026.",
    ),
    "proposals_text": (
        "Đề xuất, kiến nghị",
        "Đề nghị Ủy ban nhân dân tỉnh bố trí kinh phí khen thưởng kịp thời cho các tập thể, "
        "cá nhân tiêu biểu.",
    ),
}


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def message(page: Page, text: str):
    """One of the messages shown at the top of the main content after an action."""
    return page.locator("main .messages").get_by_text(text, exact=True)


def report_section(page: Page):
    return page.get_by_role("region", name="Báo cáo để trình ký")


def shoot(page: Page, name: str) -> None:
    """Full-page screenshots at a phone's and a desktop's width, for a person to look at:
    ``SHOTS/<name>-390.png`` and ``SHOTS/<name>-1280.png``."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.screenshot(path=SHOTS / f"{name}-{size['width']}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def docx_text(content: bytes) -> str:
    """The text of a Word document: its paragraphs, then its tables' cells."""
    word = docx.Document(io.BytesIO(content))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_home_affairs_writes_and_issues_the_yearly_report(page: Page, world, login, axe_check):
    from reports import consolidation as consolidating
    from reports import issuing
    from reports.models import IssuedDocument, Signer

    # Accepted exemplars of 2025 in two departments and a commune, one still under review.
    ExemplarFactory(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan", status="accepted")
    ExemplarFactory(unit=world.dept_b, full_name="Lê Minh An", status="accepted")
    ExemplarFactory(unit=world.commune_a, full_name="Phạm Văn Hòa", status="accepted")
    ExemplarFactory(unit=world.dept_b, full_name="Vũ Thanh Bình", status="under_review")
    home_affairs = world.user("home_affairs")
    consolidation = consolidating.create(year=YEAR, campaign=None, by=home_affairs)
    version = consolidating.publish(consolidation=consolidation, by=home_affairs)
    Signer.objects.create(
        unit=world.home_affairs_unit, full_name=HEAD, position="Giám đốc", is_default=True
    )
    deputy = Signer.objects.create(
        unit=world.home_affairs_unit,
        full_name=DEPUTY,
        position="Phó Giám đốc",
        authority=Signer.Authority.DEPUTY,
        principal="Giám đốc",
    )
    today = timezone.localdate()
    # Already in the register: the Department of Health's own report of its exemplars, the
    # first of its year too (01/BC-SYT), which the search by number must leave out.
    health = issuing.issue(
        kind=IssuedDocument.Kind.UNIT_EXEMPLARS,
        params={"unit": world.dept_a.code, "year": YEAR},
        signer=Signer.objects.create(
            unit=world.dept_a, full_name="Phạm Quốc Hùng", position="Giám đốc", is_default=True
        ),
        day=today,
        user=world.user("head_a"),
    )
    assert health.number_text == "01/BC-SYT"

    # The published version's page: no narrative yet, so every section says so.
    login(home_affairs)
    page.goto(version.get_absolute_url())
    report = report_section(page)
    state = report.get_by_test_id("narrative-state").get_by_role("listitem")
    expect(state).to_have_text(
        [f"{label}: chưa viết" for label, _ in NARRATIVE.values()], use_inner_text=True
    )
    axe_check(page)

    # Home Affairs writes the four sections and saves them…
    report.get_by_test_id("write-narrative").click()
    expect(heading(page)).to_have_text("Nội dung báo cáo")
    for label, text in NARRATIVE.values():
        box = page.get_by_role("textbox", name=label, exact=True)
        expect(box).to_be_empty()
        box.fill(text)
    axe_check(page)
    page.get_by_test_id("save-narrative").click()

    # …and is back on the version's page, where each section reads as written.
    expect(message(page, "Đã lưu nội dung báo cáo.")).to_be_visible()
    expect(page).to_have_url(re.compile(re.escape(version.get_absolute_url()) + "$"))
    for item, (label, text) in zip(state.all(), NARRATIVE.values(), strict=True):
        opening = " ".join(text.split()[:12])
        expect(item).to_contain_text(f"{label}: {opening}")
    expect(report.get_by_text("chưa viết")).to_have_count(0)
    consolidation.refresh_from_db()
    for name, (_, text) in NARRATIVE.items():
        assert getattr(consolidation, name).replace("\r\n", "\n") == text, name

    # The issue form offers the unit's default signer and today's date.
    report.get_by_test_id("issue-report").click()
    expect(heading(page)).to_have_text("Phát hành văn bản")
    signer = page.get_by_role("combobox", name="Người ký")
    day = page.get_by_label("Ngày ban hành")
    expect(signer.locator("option:checked")).to_have_text(f"{HEAD} – GIÁM ĐỐC")
    expect(signer.locator("option")).to_have_text(
        [f"{HEAD} – GIÁM ĐỐC", f"{DEPUTY} – KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"]
    )
    expect(day).to_have_value(today.isoformat())
    axe_check(page)
    shoot(page, "issue-form")

    # Dated tomorrow: refused, with the chosen signer kept, and no number taken.
    signer.select_option(label=f"{DEPUTY} – KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC")
    day.fill((today + datetime.timedelta(days=1)).isoformat())
    page.get_by_test_id("issue").click()
    expect(page.get_by_text("Vui lòng sửa các lỗi dưới đây.")).to_be_visible()
    expect(page.get_by_text("Văn bản không được đề ngày sau ngày hôm nay.")).to_be_visible()
    expect(day).to_have_attribute("aria-invalid", "true")
    expect(signer).to_have_value(str(deputy.pk))
    assert not IssuedDocument.objects.exclude(pk=health.pk).exists()
    axe_check(page)

    # Dated today and signed by the deputy: issued as the first report of the year.
    day.fill(today.isoformat())
    page.get_by_test_id("issue").click()
    expect(
        message(page, f"Đã phát hành: số {NUMBER}, ngày {today.strftime('%d/%m/%Y')}.")
    ).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    issued = IssuedDocument.objects.exclude(pk=health.pk).get()
    expect(page).to_have_url(re.compile(re.escape(issued.get_absolute_url()) + "$"))
    assert issued.number_text == NUMBER
    assert (issued.unit, issued.signer, issued.version) == (
        world.home_affairs_unit,
        deputy,
        version,
    )
    assert issued.status == IssuedDocument.Status.READY
    expect(heading(page)).to_contain_text(NUMBER)
    expect(page.get_by_test_id("signer")).to_have_text(f"KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC – {DEPUTY}")
    pdf_link = page.get_by_test_id("issued-pdf")
    expect(pdf_link).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    axe_check(page)
    shoot(page, "issued-document")

    # The PDF as issued: numbered, signed for the director, with the narrative, not a draft.
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.ok, response.status
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF-")
    text = flat(pdf_text(body))
    for expected in [
        f"Số: {NUMBER}",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        DEPUTY,
        "Nơi nhận:",
        "nhiều mô hình hay được nhân rộng ở cơ sở",
        "cán bộ làm công tác thi đua còn kiêm nhiệm",
        "Đinh Thị Ngọc Lan",
    ]:
        assert expected in text, expected
    for absent in ["DỰ THẢO", HEAD, "Vũ Thanh Bình"]:
        assert absent not in text, absent

    # The DOCX, downloaded from the page: the same number, signer and text, not a draft.
    with page.expect_download() as download:
        page.get_by_test_id("issued-docx").click()
    assert download.value.suggested_filename.endswith(".docx")
    word = docx_text(download.value.path().read_bytes())
    for expected in [f"Số: {NUMBER}", "KT. GIÁM ĐỐC", DEPUTY, NARRATIVE["tasks_ahead"][1]]:
        assert expected in word, expected
    assert "DỰ THẢO" not in word

    # The version's page now links to the report as issued.
    page.goto(version.get_absolute_url())
    issued_link = report_section(page).get_by_role("link").filter(has_text=NUMBER)
    expect(issued_link).to_have_attribute("href", issued.get_absolute_url())

    # The register finds it by its number.
    page.goto(reverse("reports:register"))
    expect(heading(page)).to_have_text("Sổ văn bản đi")
    rows = page.get_by_role("region", name="Sổ văn bản đi").locator("tbody tr")
    expect(rows.get_by_role("link")).to_have_text([NUMBER, "01/BC-SYT"])
    search = page.get_by_role("search")
    search.get_by_role("textbox", name="Tìm kiếm").fill(NUMBER)
    search.get_by_role("button", name="Áp dụng").click()
    expect(page).to_have_url(re.compile(r"\?.*q=01%2FBC-SNV"))
    expect(rows).to_have_count(1)
    expect(rows.get_by_role("link", name=NUMBER, exact=True)).to_have_attribute(
        "href", issued.get_absolute_url()
    )
    expect(rows).to_contain_text(today.strftime("%d/%m/%Y"))
    expect(rows).to_contain_text(DEPUTY)
    axe_check(page)
    rows.get_by_role("link", name=NUMBER, exact=True).click()
    expect(heading(page)).to_contain_text(NUMBER)
