"""Imports are bounded. A cell, a row and the sheet hold at most so many characters, and a
sheet's XML at most so many bytes once inflated, all counted as the file is read, before
any string is built: a small workbook whose one cell holds 150 MB of text is refused with
the cell named, reading a few megabytes of it at most. The upload request reads no sheet: the
worker does. The stored report stays small whatever the file.

Messages introduced here are compared through the functions that build them (in the
portal's language), so that they hold before and after the catalogue has them.
"""

import csv
import io
import json
import tracemalloc
import zipfile
from xml.sax.saxutils import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from registry.models import Exemplar, ImportJob
from registry.spreadsheets import reading, safety, service, xlsx
from registry.spreadsheets.kinds import EXEMPLARS
from registry.spreadsheets.safety import SpreadsheetRejected
from tests.test_spreadsheets import (
    START,
    exemplar_row,
    headers,
    job_of,
    keys,
    rows_of,
    upload,
    workbook,
)
from tests.test_spreadsheets import xlsx as xlsx_file
from tests.test_spreadsheets_files import BILLION_LAUGHS, rejected

pytestmark = pytest.mark.integration

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"
SHARED = "xl/sharedStrings.xml"
MEGABYTE = 1 << 20
# The column of the achievements, a long text: "J" in the exemplar template.
ACHIEVEMENTS = xlsx.column_letter(keys().index("achievements"))


@pytest.fixture
def editor(world, client_for):
    return client_for(world.user("editor_a"))


def set_limits(settings, **limits):
    settings.PORTAL = {**settings.PORTAL, **limits}


def message_of(rejection: SpreadsheetRejected) -> str:
    return " ".join(rejection.messages)


# Workbooks written as streams: a few hundred kilobytes holding a hundred megabytes of text.


def streamed_book(parts: dict) -> bytes:
    """The exemplar template's workbook whose parts named in ``parts`` are written from
    the iterables of bytes given, deflated as they come, never whole in memory."""
    source = zipfile.ZipFile(io.BytesIO(workbook([exemplar_row()])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename not in parts:
                target.writestr(item, source.read(item))
        for name, pieces in parts.items():
            with target.open(name, "w", force_zip64=True) as stream:
                for piece in pieces:
                    stream.write(piece)
    return buffer.getvalue()


def repeated(size: int, unit: bytes = b"x"):
    """``size`` bytes of ``unit``, a megabyte at a time (the same object each time)."""
    chunk = unit * (MEGABYTE // len(unit))
    for _n in range(size // MEGABYTE):
        yield chunk
    yield unit * ((size % MEGABYTE) // len(unit))


def inline(reference: str, text: str) -> bytes:
    return f'<c r="{reference}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'.encode()


def sheet_with_huge_cell(size: int):
    """The header, and one exemplar whose achievements hold ``size`` characters."""
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'.encode()
    yield b'<row r="1">'
    for index, label in enumerate(headers()):
        yield inline(f"{xlsx.column_letter(index)}1", label)
    yield b'</row><row r="2">'
    for index, key in enumerate(keys()):
        reference = f"{xlsx.column_letter(index)}2"
        if key == "achievements":
            yield f'<c r="{reference}" t="inlineStr"><is><t>'.encode()
            yield from repeated(size)
            yield b"</t></is></c>"
        elif (value := exemplar_row().get(key)) is not None:
            yield inline(reference, str(value))
    yield b"</row></sheetData></worksheet>"


@pytest.fixture
def bytes_read(monkeypatch):
    """How many bytes the reader inflated from each part, by name."""
    counted = {}
    original = xlsx.SheetReader._open

    def counting(self, name):
        stream = original(self, name)
        readinto = stream.readinto

        def count(buffer):
            size = readinto(buffer)
            counted[name] = counted.get(name, 0) + size
            return size

        stream.readinto = count
        return stream

    monkeypatch.setattr(xlsx.SheetReader, "_open", counting)
    return counted


def check_with_peak(job) -> int:
    """Run the worker's check of ``job``; return the peak of memory it allocated."""
    tracemalloc.start()
    try:
        service.run_step(job.pk, "check")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    job.refresh_from_db()
    return peak


def test_a_cell_of_150_megabytes_is_refused_with_the_cell_named_reading_little(
    editor, bytes_read, django_capture_on_commit_callbacks
):
    data = streamed_book({SHEET: sheet_with_huge_cell(150 * MEGABYTE)})
    # What the issue saw: a small file that the upload's checks let through.
    assert len(data) < 400_000
    with django_capture_on_commit_callbacks():
        job = job_of(editor.post(START, {"file": SimpleUploadedFile("o-lon.xlsx", data)}))
    assert job.status == ImportJob.Status.CHECKING

    peak = check_with_peak(job)
    assert job.status == ImportJob.Status.REJECTED
    assert job.report == {"refusal": "cell_too_long"}
    cell = f"{ACHIEVEMENTS}2"
    assert job.message == message_of(safety.cell_too_long(cell))
    assert cell in job.message and number_format(32_767, force_grouping=True) in job.message
    # The reading stopped at the cell: a few megabytes of the 150 read, and far less memory
    # than the cell would take.
    assert bytes_read[SHEET] < 3 * MEGABYTE
    assert peak < 20 * MEGABYTE, peak
    assert not Exemplar.objects.exists()
    page = editor.get(job.get_absolute_url()).content.decode()
    assert cell in page


def test_a_huge_shared_string_is_stopped_while_read_and_its_cell_named(
    editor, bytes_read, django_capture_on_commit_callbacks
):
    """The shared strings come before the sheet: the reading of them stops at the long one,
    and the sheet names the first cell that uses it."""
    labels = headers()
    values = [str(exemplar_row().get(key) or "") for key in keys()]
    huge = len(labels) + len(values)

    def shared():
        yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'.encode()
        for text in [*labels, *values]:
            yield f"<si><t>{escape(text)}</t></si>".encode()
        yield b"<si><r><t>"
        yield from repeated(150 * MEGABYTE, "ạ".encode())
        yield b"</t></r></si></sst>"

    def sheet():
        yield f'<worksheet xmlns="{MAIN}"><sheetData>'.encode()
        for number, first in ((1, 0), (2, len(labels))):
            yield f'<row r="{number}">'.encode()
            for index, key in enumerate(keys()):
                string = huge if number == 2 and key == "achievements" else first + index
                reference = f"{xlsx.column_letter(index)}{number}"
                yield f'<c r="{reference}" t="s"><v>{string}</v></c>'.encode()
            yield b"</row>"
        yield b"</sheetData></worksheet>"

    data = streamed_book({SHARED: shared(), SHEET: sheet()})
    assert len(data) < 1_000_000
    with django_capture_on_commit_callbacks():
        job = job_of(editor.post(START, {"file": SimpleUploadedFile("chuoi.xlsx", data)}))
    peak = check_with_peak(job)
    assert job.status == ImportJob.Status.REJECTED
    assert job.message == message_of(safety.cell_too_long(f"{ACHIEVEMENTS}2"))
    assert bytes_read[SHARED] < 3 * MEGABYTE
    assert peak < 20 * MEGABYTE, peak


def test_a_huge_shared_string_no_cell_uses_first_still_refuses_the_file(db):
    """Past the long string the shared strings were not read: a cell that uses a later one
    cannot be read either, and the file is refused without a cell to name."""
    data = streamed_book(
        {
            SHARED: [
                f'<sst xmlns="{MAIN}"><si><t>'.encode(),
                b"x" * 40_000,
                "</t></si><si><t>Năm</t></si></sst>".encode(),
            ],
            SHEET: [
                f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">'.encode(),
                b'<c r="A1" t="s"><v>1</v></c></row></sheetData></worksheet>',
            ],
        }
    )
    with pytest.raises(SpreadsheetRejected) as refusal:
        read(data)
    assert refusal.value.code == "cell_too_long"
    assert " ".join(refusal.value.messages) == message_of(safety.cell_too_long())


def test_a_cell_of_exactly_the_limit_is_read(editor):
    text = "Thành tích " * 2978 + "x"
    assert len(text) == 32_759
    text += "ạ" * 8
    job = job_of(upload(editor, xlsx_file([exemplar_row(achievements=text)])))
    assert job.status == ImportJob.Status.READY, job.message
    assert ImportJob.objects.get().report["rows"][0]["errors"] == []


def read(data: bytes, file_format="xlsx"):
    return reading.read_sheet(
        safety.CheckedSpreadsheet(file_format, data, f"tep.{file_format}", 0),
        columns=EXEMPLARS.resource.import_columns(),
        ignored=EXEMPLARS.resource.ignored_columns(),
        sheet_title=EXEMPLARS.resource.data_sheet_title,
    )


def as_csv(rows) -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers())
    for row in rows:
        writer.writerow([row.get(key) or "" for key in keys()])
    return SimpleUploadedFile("danh-sach.csv", buffer.getvalue().encode())


def as_file(file_format, rows):
    return xlsx_file(rows) if file_format == "xlsx" else as_csv(rows)


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_cell_over_the_limit_is_named(editor, settings, file_format):
    set_limits(settings, IMPORT_MAX_CELL_CHARS=300)
    rows = [exemplar_row(), exemplar_row(), exemplar_row(new_model="Mô hình " * 40)]
    message = rejected(editor, as_file(file_format, rows), "cell_too_long")
    column = xlsx.column_letter(keys().index("new_model"))
    assert message == message_of(safety.cell_too_long(f"{column}4"))


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_row_over_the_limit_is_named(editor, settings, file_format):
    set_limits(settings, IMPORT_MAX_ROW_CHARS=1_000)
    long = exemplar_row(achievements="Thành tích " * 50, new_model="Mô hình " * 50)
    message = rejected(editor, as_file(file_format, [exemplar_row(), long]), "row_too_long")
    assert message == message_of(safety.row_too_long(3))


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_sheet_over_the_character_limit_is_refused(editor, settings, file_format):
    set_limits(settings, IMPORT_MAX_SHEET_CHARS=4_000)
    rows = [exemplar_row(full_name=f"Nguyễn Văn Thử {n}") for n in range(30)]
    message = rejected(editor, as_file(file_format, rows), "sheet_too_long")
    # The row where the characters of the cells, the header's first, pass the limit.
    total = sum(len(label) for label in headers())
    for number, row in enumerate(rows, start=2):  # noqa: B007 - the row where it stops
        total += sum(len(str(row[key])) for key in keys() if row.get(key) is not None)
        if total > 4_000:
            break
    assert 10 < number < 30
    assert message == message_of(safety.sheet_too_long(number))


def test_sheet_xml_over_the_byte_limit_is_refused_as_it_is_read(editor, settings, bytes_read):
    set_limits(settings, XLSX_MAX_XML_BYTES=30_000)
    rows = [exemplar_row(full_name=f"Nguyễn Văn Thử {n}") for n in range(300)]
    data = workbook(rows)
    # The sheet's declared size is over the limit: the reading stops as it passes it.
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo(SHEET).file_size > 60_000
    message = rejected(editor, SimpleUploadedFile("lon.xlsx", data), "xml_too_large")
    assert message == message_of(safety.xml_too_large())
    # Refused at the first read past the limit: the reader never handed the part on.
    assert SHEET not in bytes_read


def test_the_guard_counts_the_bytes_as_they_are_read():
    stream = xlsx._Guarded(io.BytesIO(b"<a>" + b"x" * 80_000 + b"</a>"), 50_000)
    with pytest.raises(xlsx.PartTooLarge):
        while stream.read(1 << 14):
            pass
    assert stream.count <= 50_000 + (1 << 14)


def test_the_parser_itself_refuses_declarations_behind_the_guard():
    """Expat refuses a document type even if the guard were passed by."""
    handler = xlsx._Sheet([], None, set(), 80, xlsx.Limits())
    with pytest.raises(xlsx.XMLDeclarationRefused):
        for _chunk in xlsx._parse(io.BytesIO(BILLION_LAUGHS), handler):
            pass


@pytest.mark.parametrize(
    "sheet",
    [
        # A tag that the parser would hold whole in memory (">" may be in an attribute).
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="'.encode()
        + b"x>" * (2 * MEGABYTE)
        + b'"/></row></sheetData></worksheet>',
        # Elements nested deeper than any sheet.
        f'<worksheet xmlns="{MAIN}"><sheetData>'.encode()
        + b"<row>" * 500
        + b"</row>" * 500
        + b"</sheetData></worksheet>",
    ],
    ids=["long-tag", "deep"],
)
def test_parts_no_spreadsheet_program_writes_are_refused(db, sheet):
    with pytest.raises(SpreadsheetRejected) as refusal:
        read(streamed_book({SHEET: [sheet]}))
    assert refusal.value.code == "not_xlsx"


def test_a_csv_cell_over_the_csv_modules_own_limit_names_its_row(db):
    row = exemplar_row(achievements="x" * 200_000)
    text = as_csv([exemplar_row(), row]).read()
    with pytest.raises(SpreadsheetRejected) as refusal:
        read(text, "csv")
    assert refusal.value.code == "cell_too_long"
    assert " ".join(refusal.value.messages) == message_of(safety.cell_too_long(row=3))


# The upload reads no sheet ---------------------------------------------------------------


def test_the_upload_request_reads_no_sheet_and_queues_the_check(
    editor, monkeypatch, django_capture_on_commit_callbacks
):
    from registry import tasks

    read_calls, queued = [], []
    real_read, real_task = reading.read_sheet, tasks.run_import

    def spy_read(*args, **kwargs):
        read_calls.append(args)
        return real_read(*args, **kwargs)

    def refused_open(*args, **kwargs):
        raise AssertionError("the request opened a part of the workbook")

    class Queue:
        @staticmethod
        def enqueue(**kwargs):
            queued.append(kwargs)
            return real_task.enqueue(**kwargs)

    monkeypatch.setattr("registry.spreadsheets.service.read_sheet", spy_read)
    monkeypatch.setattr(tasks, "run_import", Queue)
    with monkeypatch.context() as request_only:
        request_only.setattr(xlsx.SheetReader, "__init__", refused_open)
        with django_capture_on_commit_callbacks() as callbacks:
            response = editor.post(START, {"file": xlsx_file([exemplar_row()])})
    job = job_of(response)
    assert job.status == ImportJob.Status.CHECKING and job.heartbeat_at
    assert read_calls == [] and queued == []
    assert len(callbacks) == 1
    page = editor.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in page

    # Once the request's transaction commits, the worker checks the file.
    callbacks[0]()
    assert queued == [{"job_id": job.pk, "step": "check"}]
    assert len(read_calls) == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY


# The stored report -----------------------------------------------------------------------


def test_the_report_of_5000_rows_in_error_is_bounded_and_counted(editor):
    rows = [
        exemplar_row(full_name=f"Nguyễn Văn Thử {n}", year="hai nghìn", gender="Khác")
        for n in range(5_000)
    ]
    job = job_of(upload(editor, as_csv(rows)))
    assert job.status == ImportJob.Status.INVALID
    assert (job.total_rows, job.error_rows) == (5_000, 5_000)
    stored = json.dumps(job.report, ensure_ascii=False).encode()
    assert len(stored) < 150_000, len(stored)
    listed = rows_of(job, "error")
    assert len(listed) == safety.DEFAULT_LIMITS["IMPORT_REPORT_ROWS"]
    errors = [column for row in listed for column, _message in row["errors"]]
    assert errors.count("Năm") == errors.count("Giới tính") == 20
    assert dict(job.report["more_errors"]) == {"Năm": 4_980, "Giới tính": 4_980}
    assert job.report["error_count"] == 10_000

    page = editor.get(job.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    more = _("… and %(count)s more errors in column “%(column)s”, not listed below.")
    for column in ("Năm", "Giới tính"):
        count = number_format(4_980, force_grouping=True)
        assert more % {"count": count, "column": column} in text
    # The rows page by page, the errors filter too.
    errors_page = editor.get(job.get_absolute_url(), {"show": "error", "page": 5})
    assert len(errors_page.context["rows"]) == 100


def test_a_huge_message_is_cut_before_it_is_stored(editor):
    job = job_of(upload(editor, xlsx_file([exemplar_row(gender="Khác " * 6_000)])))
    [row] = rows_of(job, "error")
    [[column, message]] = row["errors"]
    assert column == "Giới tính"
    assert len(message) == service.MESSAGE_LENGTH and message.endswith("…")


def test_only_the_first_rows_are_listed_with_the_count_of_the_others(editor, settings):
    set_limits(settings, IMPORT_REPORT_ROWS=5, IMPORT_REPORT_ERRORS_PER_COLUMN=2)
    rows = [exemplar_row(full_name=f"Nguyễn Văn Thử {n}") for n in range(12)]
    for n in (7, 8, 9):
        rows[n]["year"] = "hai nghìn"
    job = job_of(upload(editor, xlsx_file(rows)))
    assert job.status == ImportJob.Status.INVALID and job.error_rows == 3
    # The first five rows, and the two rows of the errors listed.
    assert [row["row"] for row in job.report["rows"]] == [2, 3, 4, 5, 6, 9, 10]
    assert job.report["rows_left_out"] == 5
    assert job.report["more_errors"] == [["Năm", 1]]
