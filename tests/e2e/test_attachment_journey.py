"""A unit attaches two files at once, removes one after confirming, and Home Affairs puts it
back: the record, its timeline and the removed files as each of them sees them. Every
distinct page on the way is checked for WCAG 2.1 A/AA (see conftest.py)."""

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from registry.models import Attachment
from tests.factories.exemplars import ExemplarFactory
from tests.test_uploads import minimal_pdf

pytestmark = pytest.mark.browser

PHOTO = "le-tuyen-duong.jpg"
REPORT = "bao-cao-thanh-tich.pdf"


def files_region(page: Page):
    return page.get_by_role("region", name="Hình ảnh và tài liệu")


def timeline_lines(page: Page, action: str):
    return page.locator(f'.timeline-file[data-action="{action}"]')


def test_a_removed_file_is_restored_by_home_affairs(
    page: Page, world, login, logout, axe_check, tmp_path
):
    editor = world.user("editor_a")
    home_affairs = world.user("home_affairs")
    exemplar = ExemplarFactory(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan")
    photo, report = tmp_path / PHOTO, tmp_path / REPORT
    Image.new("RGB", (320, 200), (180, 40, 40)).save(photo, "JPEG")
    report.write_bytes(minimal_pdf())

    # --- 1. The unit attaches a photo and a report in one go. ---
    login(editor, check=False)
    page.goto(exemplar.get_absolute_url())
    page.locator("#attachment-file").set_input_files([photo, report])
    page.get_by_role("button", name="Đính kèm", exact=True).click()
    success = page.locator("main .messages .alert-success")
    expect(success).to_contain_text(PHOTO)
    expect(success).to_contain_text(REPORT)
    expect(files_region(page).get_by_role("link", name=REPORT, exact=True)).to_be_visible()
    expect(files_region(page).get_by_role("img", name=PHOTO, exact=True)).to_be_visible()
    expect(timeline_lines(page, "attached")).to_have_count(2)
    axe_check(page)
    report_url = files_region(page).get_by_role("link", name=REPORT).get_attribute("href")

    # --- 2. It removes the report, after confirming. ---
    card = files_region(page).get_by_role("listitem").filter(has_text=REPORT)
    card.get_by_role("link", name="Xóa", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Xóa tệp “{REPORT}”?")
    axe_check(page)
    page.locator("#confirm-remove").click()
    expect(page.locator("main .messages")).to_contain_text(f"Đã xóa tệp “{REPORT}”.")
    expect(files_region(page).get_by_role("link", name=REPORT, exact=True)).to_have_count(0)
    expect(files_region(page).get_by_role("img", name=PHOTO, exact=True)).to_be_visible()
    removal = timeline_lines(page, "removed")
    expect(removal).to_have_count(1)
    expect(removal).to_contain_text(REPORT)
    expect(removal).to_contain_text(editor.get_full_name())
    expect(page.locator("#removed-attachments")).to_have_count(0)  # not for the unit
    assert page.request.get(report_url).status == 404
    row = Attachment.all_objects.get(original_name=REPORT)
    assert row.deleted_at is not None and row.file.storage.exists(row.file.name)
    logout()

    # --- 3. Home Affairs sees the removed report and restores it, after confirming. ---
    login(home_affairs, check=False)
    page.goto(exemplar.get_absolute_url())
    removed = page.locator("#removed-attachments")
    expect(removed.get_by_role("link", name=REPORT, exact=True)).to_be_visible()
    axe_check(page)
    assert page.request.get(report_url).status == 200  # Home Affairs may open it
    removed.locator("a[href$='/khoi-phuc/']").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(REPORT)
    axe_check(page)
    page.locator("#confirm-restore").click()
    expect(page.locator("main .messages .alert-success")).to_contain_text(REPORT)
    expect(files_region(page).get_by_role("link", name=REPORT, exact=True)).to_be_visible()
    expect(removed.get_by_role("listitem")).to_have_count(0)
    restoration = timeline_lines(page, "restored")
    expect(restoration).to_contain_text(REPORT)
    expect(restoration).to_contain_text(home_affairs.get_full_name())
    logout()

    # --- 4. The unit has its report back. ---
    login(editor, check=False)
    page.goto(exemplar.get_absolute_url())
    expect(files_region(page).get_by_role("link", name=REPORT, exact=True)).to_be_visible()
    assert page.request.get(report_url).status == 200
