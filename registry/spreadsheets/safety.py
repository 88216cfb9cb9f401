"""Checks an uploaded spreadsheet before anything parses it, in two stages.

``check_spreadsheet``, in the web request, judges the upload by what costs nothing to read,
in this order: the name's extension (.xlsx or .csv; a macro workbook .xlsm or an old .xls
is named as such), the size (counted, never the client's claim), then for a workbook the
zip's directory: number of entries and their declared uncompressed size before a byte is
inflated (a zip bomb stops here; zipfile never inflates an entry past its declared size, so
a lying header cannot bomb either), no macro part and a real spreadsheet main part (the
small content-types part is the only one inflated). Nothing of the sheet is inflated there.

The rest is judged on the background worker, as the sheet is read (``xlsx``, ``reading``),
in one streaming pass: no XML document type declaration in any part read (entities live
there: "billion laughs", external entities), no part over ``XLSX_MAX_XML_BYTES`` once
inflated (counted as it is read), the characters of each cell, row and of the sheet as they
arrive (``IMPORT_MAX_CELL_CHARS``, ``IMPORT_MAX_ROW_CHARS``, ``IMPORT_MAX_SHEET_CHARS``;
the refusals name the cell or the row), and the number of rows (``IMPORT_MAX_ROWS``).
"""

import codecs
import io
import unicodedata
import zipfile
from dataclasses import dataclass

import openpyxl
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.uploads import DAMAGED_ZIP, UploadRejected, read_limited

# openpyxl parses with defusedxml only when it is installed and not switched off.
if not openpyxl.DEFUSEDXML:
    raise ImproperlyConfigured(
        "Spreadsheet imports need defusedxml (and OPENPYXL_DEFUSEDXML not set to False)."
    )

DEFAULT_LIMITS = {
    "IMPORT_MAX_BYTES": 10 * 1024 * 1024,
    "IMPORT_MAX_ROWS": 20_000,
    # Larger imports are checked and written by the background worker.
    "IMPORT_BACKGROUND_ROWS": 2_000,
    # A workbook has a dozen parts; its XML inflates 15-20 times.
    "XLSX_MAX_ENTRIES": 500,
    "XLSX_MAX_UNCOMPRESSED_BYTES": 200 * 1024 * 1024,
    # One XML part (the sheet, its shared strings) as it is inflated, counted.
    "XLSX_MAX_XML_BYTES": 100 * 1024 * 1024,
    # Characters: one cell (Excel's own maximum), one row, the whole sheet.
    "IMPORT_MAX_CELL_CHARS": 32_767,
    "IMPORT_MAX_ROW_CHARS": 100_000,
    "IMPORT_MAX_SHEET_CHARS": 30_000_000,
    # The stored report: errors (and warnings) listed per column, rows listed besides those.
    "IMPORT_REPORT_ERRORS_PER_COLUMN": 20,
    "IMPORT_REPORT_ROWS": 500,
    # A check or an import without a sign of life for this long is taken as stopped.
    "IMPORT_STALE_MINUTES": 10,
}

XLSX = "xlsx"
CSV = "csv"
_XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
# The content types part lists a dozen parts in a few kilobytes.
_MAX_CONTENT_TYPES_BYTES = 1024 * 1024
_lazy_filesize = lazy(filesizeformat, str)
# "20.000" in Vietnamese, "20,000" in English: formatted when the message is shown.
_grouped = lazy(lambda value: number_format(value, force_grouping=True), str)


def limit(name: str) -> int:
    """An import limit: ``settings.PORTAL[name]`` or the default above."""
    return settings.PORTAL.get(name, DEFAULT_LIMITS[name])


class SpreadsheetRejected(UploadRejected):
    """A spreadsheet the portal will not read; the message tells the user why."""


@dataclass(frozen=True)
class CheckedSpreadsheet:
    file_format: str
    data: bytes
    original_name: str
    # A cheap count of a CSV file's lines; 0 for a workbook, whose sheet is not inflated
    # before ``check_contents``.
    estimated_rows: int

    @property
    def size(self) -> int:
        return len(self.data)


def check_spreadsheet(uploaded_file) -> CheckedSpreadsheet:
    """Check ``uploaded_file`` (an ``UploadedFile`` or any object with ``name`` and
    ``chunks()``) by what costs nothing to read, and return its bytes, or raise
    ``SpreadsheetRejected``. Inflates no sheet: ``check_contents`` does, on the worker."""
    name = unicodedata.normalize("NFC", (uploaded_file.name or "").strip())
    file_format = _format_from_name(name)
    data = _read_limited(uploaded_file)
    rows = _check_workbook(data) if file_format == XLSX else _check_csv(data)
    if rows > 2 * limit("IMPORT_MAX_ROWS"):
        raise too_many_rows()
    return CheckedSpreadsheet(file_format, data, name[-150:], rows)


def estimate_rows(checked: CheckedSpreadsheet) -> int:
    """The lines of a CSV file (an upper estimate of its rows; refused past twice the
    limit), for the progress of its check; 0 for a workbook, whose rows are counted as the
    sheet is read."""
    if checked.file_format == XLSX:
        return 0
    rows = _check_csv(checked.data)
    if rows > 2 * limit("IMPORT_MAX_ROWS"):
        raise too_many_rows()
    return rows


def too_many_rows() -> SpreadsheetRejected:
    return SpreadsheetRejected(
        _("The file has too many rows: at most %(limit)s rows can be imported at once."),
        code="too_many_rows",
        params={"limit": _grouped(limit("IMPORT_MAX_ROWS"))},
    )


def _format_from_name(name: str) -> str:
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension == "xlsx":
        return XLSX
    if extension == "csv":
        return CSV
    if extension in ("xlsm", "xltm", "xlsb"):
        raise SpreadsheetRejected(
            _(
                "Workbooks with macros (.%(extension)s) are not accepted. In Excel, use "
                "“Save as” and choose “Excel Workbook (.xlsx)”, then upload that file."
            ),
            code="macros",
            params={"extension": extension},
        )
    if extension in ("xls", "ods", "numbers"):
        raise SpreadsheetRejected(
            _(
                "The .%(extension)s format is not accepted. Please save the sheet as an Excel "
                "Workbook (.xlsx) or as CSV UTF-8 (.csv) and upload it again."
            ),
            code="old_format",
            params={"extension": extension},
        )
    raise SpreadsheetRejected(
        _("Only Excel workbooks (.xlsx) and CSV files (.csv) can be imported."),
        code="unsupported_type",
    )


def _read_limited(uploaded_file) -> bytes:
    data = read_limited(uploaded_file, limit("IMPORT_MAX_BYTES"), SpreadsheetRejected)
    # A sheet of white space only is empty too.
    if not data.strip():
        raise SpreadsheetRejected(_("The file is empty."), code="empty")
    return data


def not_a_workbook() -> SpreadsheetRejected:
    return SpreadsheetRejected(
        _(
            "The file is not a valid Excel workbook (.xlsx): it may be damaged, or another "
            "kind of file renamed. Open it in Excel and save it again as .xlsx."
        ),
        code="not_xlsx",
    )


def entity_attack() -> SpreadsheetRejected:
    return SpreadsheetRejected(
        _(
            "The workbook contains XML document type declarations, which spreadsheets made by "
            "Excel or LibreOffice never do. It was refused for safety."
        ),
        code="xml_entities",
    )


def xml_too_large() -> SpreadsheetRejected:
    return SpreadsheetRejected(
        _(
            "The sheet is too large once uncompressed: more than %(limit)s. Please split it "
            "into smaller files."
        ),
        code="xml_too_large",
        params={"limit": _lazy_filesize(limit("XLSX_MAX_XML_BYTES"))},
    )


def cell_too_long(cell: str = "", row: int = 0) -> SpreadsheetRejected:
    """A cell over ``IMPORT_MAX_CELL_CHARS``: named as Excel names it ("C5"), else by its
    row, else (a shared string no cell was found to use) the workbook's."""
    params = {"limit": _grouped(limit("IMPORT_MAX_CELL_CHARS")), "cell": cell, "row": row}
    if cell:
        message = _(
            "Cell %(cell)s holds more than %(limit)s characters, more than a cell may hold "
            "(the limit of Excel itself). Shorten it and upload the file again."
        )
    elif row:
        message = _(
            "A cell of row %(row)s holds more than %(limit)s characters, more than a cell may "
            "hold (the limit of Excel itself). Shorten it and upload the file again."
        )
    else:
        message = _(
            "A cell of the workbook holds more than %(limit)s characters, more than a cell "
            "may hold (the limit of Excel itself). Shorten it and upload the file again."
        )
    return SpreadsheetRejected(message, code="cell_too_long", params=params)


def row_too_long(row: int) -> SpreadsheetRejected:
    return SpreadsheetRejected(
        _(
            "Row %(row)s holds more than %(limit)s characters in all. Shorten its cells and "
            "upload the file again."
        ),
        code="row_too_long",
        params={"limit": _grouped(limit("IMPORT_MAX_ROW_CHARS")), "row": row},
    )


def sheet_too_long(row: int = 0) -> SpreadsheetRejected:
    params = {"limit": _grouped(limit("IMPORT_MAX_SHEET_CHARS")), "row": row}
    if row:
        message = _(
            "The sheet holds more than %(limit)s characters in all (passed at row %(row)s). "
            "Please split it into smaller files."
        )
    else:
        message = _(
            "The sheet holds more than %(limit)s characters in all. Please split it into "
            "smaller files."
        )
    return SpreadsheetRejected(message, code="sheet_too_long", params=params)


def _check_workbook(data: bytes) -> int:
    """Check the zip's directory and its content types, inflating no other part."""
    if not data.startswith(b"PK\x03\x04"):
        raise not_a_workbook()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > limit("XLSX_MAX_ENTRIES") or sum(
                entry.file_size for entry in entries
            ) > limit("XLSX_MAX_UNCOMPRESSED_BYTES"):
                raise SpreadsheetRejected(
                    _(
                        "The workbook is too large once uncompressed or has too many parts. "
                        "Please split it into smaller files."
                    ),
                    code="xlsx_too_large",
                )
            names = {entry.filename for entry in entries}
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise _macros()
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise not_a_workbook()
            if archive.getinfo("[Content_Types].xml").file_size > _MAX_CONTENT_TYPES_BYTES:
                raise not_a_workbook()
            content_types = archive.read("[Content_Types].xml")
            if b"macroEnabled" in content_types:
                raise _macros()
            if _XLSX_MAIN not in content_types:
                raise not_a_workbook()
    except SpreadsheetRejected:
        raise
    except DAMAGED_ZIP as exc:
        raise not_a_workbook() from exc
    return 0


def _macros() -> SpreadsheetRejected:
    return SpreadsheetRejected(
        _(
            "Workbooks with macros are not accepted, even renamed to .xlsx. In Excel, use "
            "“Save as” and choose “Excel Workbook (.xlsx)”, then upload that file."
        ),
        code="macros",
    )


def _check_csv(data: bytes) -> int:
    if data.startswith(b"PK\x03\x04"):
        raise SpreadsheetRejected(
            _("This is an Excel workbook named .csv: rename it to .xlsx and upload it again."),
            code="extension_mismatch",
        )
    if b"\x00" in data[:65536]:
        raise SpreadsheetRejected(
            _("The file is not a CSV text file. Please save the sheet as CSV UTF-8 (.csv)."),
            code="not_csv",
        )
    return max(data.count(b"\n") + (0 if data.endswith(b"\n") else 1) - 1, 0)


def decode_csv(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without Excel's mark) or, failing that, the
    Vietnamese Windows code page that Excel uses for plain "CSV" on Vietnamese systems."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1258", errors="replace")
    return unicodedata.normalize("NFC", text)
