"""A unit downloads an exemplar's achievement report in the official form from its proposal,
uploads the signed scan back, and the proposal shows the signed report present; on a phone
(390 px) and a desktop (1280 px). Every distinct page is checked for WCAG 2.1 A/AA."""

import pytest
from playwright.sync_api import Page, expect

from reports.models import AwardForm, AwardProposal, ProposalFile
from tests.test_awards import PROVINCIAL_MERIT, accepted
from tests.test_uploads import minimal_pdf

pytestmark = pytest.mark.browser

SCAN = "bao-cao-thanh-tich-ban-ky.pdf"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_unit_prints_the_report_and_uploads_it_signed(
    page: Page, world, login, axe_check, tmp_path, width
):
    page.set_viewport_size({"width": width, "height": 900})
    editor = world.user("editor_a")
    exemplar = accepted(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan")
    proposal = AwardProposal.objects.create(
        exemplar=exemplar,
        award=AwardForm.objects.get_or_create(
            code=PROVINCIAL_MERIT,
            defaults={
                "name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
                "category": AwardForm.Category.COMMENDATION,
                "level": AwardForm.Level.PROVINCE,
                "for_individuals": True,
            },
        )[0],
        year=2025,
        proposing_unit=world.dept_a,
        reasons="Thành tích xuất sắc năm 2025.",
        created_by=editor,
    )
    scan = tmp_path / SCAN
    scan.write_bytes(minimal_pdf())

    login(editor, check=False)
    page.goto(proposal.get_absolute_url())
    section = page.locator("#signed-report")
    expect(section.locator(".badge")).to_have_class("badge text-bg-warning")
    axe_check(page)
    docx = section.locator("a[href*='bao-cao-thanh-tich/'][href*='format=docx']")
    expect(docx).to_have_attribute(
        "href",
        f"/bao-cao/van-ban/dien-hinh/{exemplar.code}/bao-cao-thanh-tich/?proposal={proposal.pk}&format=docx",
    )
    with page.expect_download() as download:
        docx.click()
    assert download.value.suggested_filename.endswith("-du-thao.docx")

    section.locator("#attachment-file").set_input_files(scan)
    section.locator("button[type=submit]").click()
    expect(page.locator("main .messages .alert-success")).to_contain_text(SCAN)
    expect(page.locator("#signed-report .badge")).to_have_class("badge text-bg-success")
    expect(
        page.locator("#signed-report").get_by_role("link", name=SCAN, exact=True)
    ).to_be_visible()
    axe_check(page)
    assert ProposalFile.objects.filter(proposal=proposal).count() == 1
