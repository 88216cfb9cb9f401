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
    page.get_by_role("banner").get_by_role("button", name="Điển hình", exact=True).click()
    page.get_by_role("banner").get_by_role("link", name="Danh sách điển hình", exact=True).click()
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


def test_a_cell_longer_than_excel_allows_is_refused_with_the_cell_named(
    page: Page, world, login, axe_check, tmp_path
):
    """A unit pastes a whole report into one cell: the check, run by the worker, refuses
    the file and names the cell; nothing is written."""
    import zipfile

    from registry.spreadsheets.safety import cell_too_long
    from registry.spreadsheets.xlsx import column_letter
    from tests.test_spreadsheets_files import with_part

    login(world.user("editor_a"))
    page.goto("/nhap-du-lieu/dien-hinh/")
    with page.expect_download() as download:
        page.get_by_role("link", name=_("Template (.xlsx)")).click()
    template = tmp_path / download.value.suggested_filename
    download.value.save_as(template)
    book = load_workbook(io.BytesIO(fill_template(template)))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    column = column_letter(header.index("Thành tích"))
    sheet[f"{column}2"] = "THAY-THE"
    buffer = io.BytesIO()
    book.save(buffer)
    # Excel and openpyxl cut a cell at 32,767 characters; another program may not.
    part = "xl/worksheets/sheet1.xml"
    xml = zipfile.ZipFile(buffer).read(part)
    longer = xml.replace(b"THAY-THE", ("Báo cáo thành tích. " * 2_000).encode())
    filled = tmp_path / "o-qua-dai.xlsx"
    filled.write_bytes(with_part(buffer.getvalue(), part, longer))

    page.get_by_label(_("Spreadsheet file")).set_input_files(filled)
    page.get_by_role("button", name=_("Check the file")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("o-qua-dai.xlsx")
    refusal = " ".join(cell_too_long(f"{column}2").messages)
    assert f"{column}2" in refusal
    expect(page.get_by_role("alert")).to_contain_text(refusal)
    axe_check(page)
    assert not Exemplar.objects.exists()


def test_an_import_whose_worker_stopped_is_run_again_by_its_owner(
    page: Page, world, login, axe_check, tmp_path, monkeypatch
):
    """The worker stopped while checking a file: after a while the import says so, and its
    owner runs it again from the stored file, then confirms it."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from registry.models import ImportJob
    from registry.spreadsheets import service
    from registry.spreadsheets.kinds import EXEMPLARS
    from registry.spreadsheets.templates import template_workbook

    editor = world.user("editor_a")
    template = tmp_path / "mau.xlsx"
    template.write_bytes(template_workbook(EXEMPLARS, editor))
    upload = SimpleUploadedFile("dien-hinh-dang-do.xlsx", fill_template(template))
    with monkeypatch.context() as no_worker:
        # The check is queued, and no worker ever takes it.
        no_worker.setattr(service, "_enqueue", lambda job, step: None)
        job = service.start_import(kind="exemplars", upload=upload, user=editor)
    ImportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=25)
    )

    login(editor)
    page.goto("/nhap-du-lieu/")
    row = page.get_by_role("row").filter(has_text="dien-hinh-dang-do.xlsx")
    expect(row).to_contain_text(str(ImportJob.Status.FAILED.label))
    row.get_by_role("link", name="dien-hinh-dang-do.xlsx").click()
    stopped = _(
        "The background worker stopped while checking the file; nothing was written. "
        "You can run it again."
    )
    expect(page.get_by_role("alert")).to_contain_text(stopped)
    axe_check(page)

    page.get_by_role("link", name=_("Run it again")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("dien-hinh-dang-do.xlsx")
    axe_check(page)
    page.get_by_role("button", name=_("Run it again")).click()
    rows = page.get_by_role("region", name=_("Row by row")).get_by_role("row")
    expect(rows).to_have_count(3)
    for name in NAMES:
        expect(rows.filter(has_text=name)).to_contain_text(_("New"))
    assert not Exemplar.objects.exists()

    page.get_by_role("button", name=_("Confirm the import")).click()
    done = _("Imported: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.")
    expect(page.get_by_text(done % {"new": 2, "updated": 0, "unchanged": 0})).to_be_visible()
    assert Exemplar.objects.filter(unit=world.dept_a).count() == 2
