"""Bad spreadsheets get a clear message, never a 500, and nothing is written. What costs
nothing to read is refused on the upload form itself and nothing is stored: wrong type,
macros, empty, too large, zip bombs. The rest is refused by the worker's check, on the
import's page: too many rows, wrong columns, XML entity attacks, damaged sheets. Readable
files are read the way Excel shows them."""

import io
import unicodedata
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from django.utils.translation import gettext as _

from registry.models import Exemplar, ImportJob
from registry.spreadsheets import safety
from registry.spreadsheets.kinds import EXEMPLARS
from registry.spreadsheets.reading import read_sheet
from registry.spreadsheets.safety import SpreadsheetRejected, check_spreadsheet
from tests.test_spreadsheets import (
    exemplar_row,
    headers,
    job_of,
    keys,
    upload,
    workbook,
    xlsx,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def editor(world, client_for):
    return client_for(world.user("editor_a"))


def refused(client, file, code: str) -> str:
    """The upload is refused on the form itself for the reason ``code``; returns the
    message; nothing is stored."""
    response = upload(client, file)
    assert response.status_code == 400, response.status_code
    [error] = response.context["form"].errors.as_data()["file"]
    assert error.code == code, (error.code, error.messages)
    assert not ImportJob.objects.exists()
    assert not Exemplar.objects.exists()
    return " ".join(error.messages)


def rejected(client, file, code: str) -> str:
    """The upload is stored, and the worker's check refuses it for the reason ``code``: the
    import's page says why; nothing is written. Returns the message."""
    job = job_of(upload(client, file))
    assert job.status == ImportJob.Status.REJECTED, (job.status, job.message)
    assert job.report == {"refusal": code}, (job.report, job.message)
    page = client.get(job.get_absolute_url())
    assert page.status_code == 200
    assert escape(job.message) in page.content.decode()
    assert not Exemplar.objects.exists()
    return job.message


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    """A copy of the workbook ``data`` whose part ``name`` is ``content``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item))
        target.writestr(name, content)
    return buffer.getvalue()


def test_only_xlsx_and_csv_files_are_read(editor):
    message = refused(
        editor, SimpleUploadedFile("danh-sach.txt", b"Ho va ten\nAn\n"), "unsupported_type"
    )
    assert message == _("Only Excel workbooks (.xlsx) and CSV files (.csv) can be imported.")
    old = refused(editor, SimpleUploadedFile("cu.xls", b"\xd0\xcf\x11\xe0" * 100), "old_format")
    assert ".xls" in old


def test_a_macro_workbook_is_refused_even_renamed(editor):
    data = workbook([exemplar_row()])
    assert ".xlsm" in refused(editor, SimpleUploadedFile("macro.xlsm", data), "macros")
    content_types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    macro = with_part(
        data,
        "[Content_Types].xml",
        content_types.replace(
            b"sheet.main+xml",
            b'sheet.main+xml"/><Default Extension="bin" '
            b'ContentType="application/vnd.ms-office.vbaProject',
        ).replace(b"spreadsheetml.sheet.main", b"ms-excel.sheet.macroEnabled.main"),
    )
    macro = with_part(macro, "xl/vbaProject.bin", b"\x00" * 64)
    refused(editor, SimpleUploadedFile("doi-ten.xlsx", macro), "macros")


def test_an_empty_file_is_refused(editor):
    for name, data in (("trong.xlsx", b""), ("trong.csv", b"\n\n")):
        message = refused(editor, SimpleUploadedFile(name, data), "empty")
        assert message == _("The file is empty.")


def test_a_header_without_rows_is_refused(editor):
    message = rejected(editor, xlsx([]), "no_rows")
    assert message == _("The file has a header but no rows to import.")


def test_a_file_over_the_size_limit_is_refused(editor, settings):
    settings.PORTAL = {**settings.PORTAL, "IMPORT_MAX_BYTES": 2048}
    message = refused(editor, xlsx([exemplar_row(achievements="Thành tích " * 500)]), "too_large")
    assert "2,0" in message or "2.0" in message


def test_a_file_over_the_row_limit_is_refused(editor, settings):
    settings.PORTAL = {**settings.PORTAL, "IMPORT_MAX_ROWS": 10}
    rows = [exemplar_row(full_name=f"Người {n}") for n in range(11)]
    message = rejected(editor, xlsx(rows), "too_many_rows")
    assert message == _(
        "The file has too many rows: at most %(limit)s rows can be imported at once."
    ) % {"limit": 10}


def test_wrong_columns_are_named(editor):
    header = headers()
    header[header.index("Năm")] = "Năm học"
    header.remove("Giới tính")
    message = rejected(editor, xlsx([exemplar_row()], header=header), "wrong_columns")
    assert "“Năm học”" in message and "“Năm”" in message and "“Giới tính”" in message
    repeated = [*headers(), "Họ và tên"]
    message = rejected(editor, xlsx([exemplar_row()], header=repeated), "wrong_columns")
    assert "“Họ và tên”" in message


def test_a_header_not_in_the_first_row_is_refused(editor):
    data = "\n".join(["", ",".join(headers()), "x"]).encode()
    rejected(editor, SimpleUploadedFile("lech.csv", data), "no_header")


def test_a_zip_bomb_is_refused_before_inflating(editor, settings):
    settings.PORTAL = {**settings.PORTAL, "XLSX_MAX_UNCOMPRESSED_BYTES": 5 * 1024 * 1024}
    # Six megabytes of zeros pack into a few kilobytes.
    bomb = with_part(workbook([exemplar_row()]), "xl/media/padding.bin", b"\x00" * 6_000_000)
    assert len(bomb) < 100_000
    refused(editor, SimpleUploadedFile("bom.xlsx", bomb), "xlsx_too_large")


def test_a_workbook_with_too_many_parts_is_refused(editor):
    buffer = io.BytesIO(workbook([exemplar_row()]))
    with zipfile.ZipFile(buffer, "a") as archive:
        for n in range(safety.DEFAULT_LIMITS["XLSX_MAX_ENTRIES"]):
            archive.writestr(f"xl/media/image{n}.png", b"")
    refused(editor, SimpleUploadedFile("nhieu-phan.xlsx", buffer.getvalue()), "xlsx_too_large")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData>
</worksheet>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1"
 uniqueCount="1"><si><t>&xxe;</t></si></sst>"""


@pytest.mark.parametrize(
    ("part", "content"),
    [("xl/worksheets/sheet1.xml", BILLION_LAUGHS), ("xl/sharedStrings.xml", EXTERNAL_ENTITY)],
)
def test_xml_entity_attacks_are_refused(editor, part, content):
    attack = with_part(workbook([exemplar_row()]), part, content)
    rejected(editor, SimpleUploadedFile("thuc-the.xlsx", attack), "xml_entities")


def test_the_reader_refuses_a_declaration_the_first_check_did_not_see(editor):
    """Defence in depth: reading refuses a DTD even in a file that skipped the check."""
    attack = with_part(workbook([exemplar_row()]), "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    checked = safety.CheckedSpreadsheet("xlsx", attack, "thuc-the.xlsx", 1)
    with pytest.raises(SpreadsheetRejected) as refusal:
        read_sheet(checked, columns=EXEMPLARS.resource.import_columns(), ignored=[], sheet_title="")
    assert refusal.value.code == "xml_entities"


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\x00" * 200,
        b"<html><body>not a workbook</body></html>",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
    ],
)
def test_other_files_named_xlsx_are_refused(editor, data):
    refused(editor, SimpleUploadedFile("gia.xlsx", data), "not_xlsx")


def test_a_workbook_with_a_broken_sheet_is_refused(editor):
    broken = with_part(workbook([exemplar_row()]), "xl/worksheets/sheet1.xml", b"<sheetD")
    rejected(editor, SimpleUploadedFile("hong.xlsx", broken), "not_xlsx")


def test_a_workbook_named_csv_is_refused(editor):
    data = workbook([exemplar_row()])
    refused(editor, SimpleUploadedFile("nham.csv", data), "extension_mismatch")


def test_a_binary_file_named_csv_is_refused(editor):
    refused(editor, SimpleUploadedFile("nhi-phan.csv", b"\x00\x01\x02" * 50), "not_csv")


# What is read ------------------------------------------------------------------------------


def check(name: str, data: bytes):
    upload = SimpleUploadedFile(name, data)
    return read_sheet(
        check_spreadsheet(upload),
        columns=EXEMPLARS.resource.import_columns(),
        ignored=EXEMPLARS.resource.ignored_columns(),
        sheet_title=EXEMPLARS.resource.data_sheet_title,
    )


def test_csv_from_excel_in_vietnamese_settings_is_read(db):
    """Excel on a Vietnamese system writes ";" between cells, UTF-8 with a mark or cp1258."""
    line = ";".join(str(exemplar_row().get(key) or "") for key in keys())
    text = ";".join(headers()) + "\r\n" + line + "\r\n"
    for data in (("\ufeff" + text).encode(), to_cp1258(text)):
        sheet = check("danh-sach.csv", data)
        row = dict(zip(sheet.keys, sheet.rows[0], strict=True))
        assert row["full_name"] == "Phạm Thị Thu Hà"
        assert row["workplace"] == "Bệnh viện Đa khoa tỉnh Ninh Bình"
        assert sheet.numbers == [2]


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Excel writes it: â, ê, ô, ơ, ư, ă, đ whole, the tone marks apart."""
    encoded = b""
    for char in text:
        base, *marks = unicodedata.normalize("NFD", char)
        rest = []
        for mark in marks:
            composed = unicodedata.normalize("NFC", base + mark)
            if len(composed) == 1:
                try:
                    composed.encode("cp1258")
                    base = composed
                    continue
                except UnicodeEncodeError:
                    pass
            rest.append(mark)
        encoded += (base + "".join(rest)).encode("cp1258")
    return encoded


def test_headers_match_without_accents_and_in_any_order(db):
    header = [h.upper() for h in headers()]
    header[header.index("HỌ VÀ TÊN")] = "ho va ten"
    order = list(reversed(range(len(header))))
    data = workbook([], header=[header[i] for i in order])
    sheet = check("dao.xlsx", with_rows(data, [[exemplar_row().get(keys()[i]) for i in order]]))
    assert dict(zip(sheet.keys, sheet.rows[0], strict=True))["full_name"] == "Phạm Thị Thu Hà"


def with_rows(data: bytes, rows) -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_cells_are_read_as_excel_shows_them(db):
    """Empty rows are skipped but rows keep their numbers; numbers typed as text are
    numbers; dates typed as dates read dd/mm/yyyy; text is NFC."""
    import datetime

    row = exemplar_row(birth_year="1986", workplace="Bệnh viện\u0301"[:-1] + "n")
    data = workbook([row, {}, exemplar_row(full_name="Hoa\u0300ng Thi\u0323 Lan")])
    data = with_rows(data, [[None] * 3 + [datetime.date(2025, 5, 12)]])
    sheet = check("o.xlsx", data)
    assert sheet.numbers == [2, 4, 5]
    first, second, third = (dict(zip(sheet.keys, r, strict=True)) for r in sheet.rows)
    assert first["birth_year"] == "1986"
    assert second["full_name"] == "Hoàng Thị Lan"
    assert third["subject_kind"] == "12/05/2025"
