"""Importing exemplars from Excel in a real browser: the issue's acceptance journey.

Sở Y tế's editor opens the exemplar list, follows "Import from Excel", downloads the
template, fills in two exemplars, uploads it, reads the check row by row, confirms, and
finds the two drafts in the list. Every page on the way is checked for WCAG 2.1 A/AA.

The import's words are new to the catalogue: they are looked up through gettext in the
portal's language, so the journey reads what the page shows before and after translation.
"""

import io

import pytest
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from registry.models import Exemplar

pytestmark = pytest.mark.browser

NAMES = ["Nguyễn Thị Hồng Nhung", "Khoa Hồi sức tích cực - Chống độc"]


def fill_template(path) -> bytes:
    book = load_workbook(path)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    rows = [
        {
            "Năm": 2025,
            "Đối tượng": "Cá nhân",
            "Họ và tên": NAMES[0],
            "Giới tính": "Nữ",
            "Năm sinh": 1984,
            "Chức vụ": "Điều dưỡng trưởng",
            "Nơi công tác": "Bệnh viện Đa khoa tỉnh Ninh Bình",
            "Lĩnh vực": "Y tế",
            "Thành tích": "Mười năm liền hoàn thành xuất sắc nhiệm vụ.",
            "Điện thoại liên hệ": "0912345678",
            "Đồng ý công bố": "Có",
        },
        {
            "Năm": 2025,
            "Đối tượng": "Tập thể",
            "Tên tập thể": NAMES[1],
            "Người đứng đầu tập thể": "Trần Văn Quang",
            "Số thành viên": 24,
            "Lĩnh vực": "Y tế",
        },
    ]
    for row in rows:
        sheet.append([row.get(column) for column in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_exemplars_from_a_filled_template_become_drafts(
    page: Page, world, login, axe_check, tmp_path
):
    login(world.user("editor_a"))
    page.get_by_role("banner").get_by_role("link", name="Điển hình", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Điển hình tiên tiến")
    page.get_by_role("link", name=_("Import from Excel")).click()
    title = _("Import %(kind)s from Excel") % {"kind": _("exemplars")}
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    axe_check(page)

    with page.expect_download() as download:
        page.get_by_role("link", name=_("Template (.xlsx)")).click()
    template = tmp_path / download.value.suggested_filename
    download.value.save_as(template)
    assert template.suffix == ".xlsx"
    filled = tmp_path / "dien-hinh-so-y-te.xlsx"
    filled.write_bytes(fill_template(template))

    page.get_by_label(_("Spreadsheet file")).set_input_files(filled)
    page.get_by_role("button", name=_("Check the file")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("dien-hinh-so-y-te.xlsx")
    rows = page.get_by_role("region", name=_("Row by row")).get_by_role("row")
    expect(rows).to_have_count(3)
    for name in NAMES:
        expect(rows.filter(has_text=name)).to_contain_text(_("New"))
    assert not Exemplar.objects.exists()
    axe_check(page)

    page.get_by_role("button", name=_("Confirm the import")).click()
    done = _("Imported: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.")
    expect(page.get_by_text(done % {"new": 2, "updated": 0, "unchanged": 0})).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name=_("See the drafts")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Điển hình tiên tiến")
    for name in NAMES:
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name=NAMES[0], exact=True).click()
    expect(page.get_by_text("Bản nháp").first).to_be_visible()
    assert {e.status for e in Exemplar.objects.all()} == {"draft"}
    assert Exemplar.objects.filter(unit=world.dept_a).count() == 2
