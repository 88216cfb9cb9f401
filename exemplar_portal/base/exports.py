"""Lists as spreadsheets: every filtered list of the portal downloads as .xlsx or .csv.

A list view mixes in ``XlsxExportMixin`` and names its columns; ``?export=xlsx`` or
``?export=csv`` (with the list's current filters) returns every matching row the user
reaches, not just one page. Rows are streamed into openpyxl's write-only workbook, or to
the client line by line as CSV, so memory stays flat for long lists.

A sheet is one an office uses as it is: columns as wide as their text (measured on the first
rows), the header row bold, frozen and filtered, sheet titles that are words.

Formulas: a spreadsheet parses every field of a CSV file when it opens it, so text starting
with = + - @ (or a tab or carriage return) could run as a formula there and gets a leading
apostrophe (``neutralise``). A string cell of an xlsx file is never evaluated, whatever it
starts with: only text starting with "=", which openpyxl would store as a formula, is
neutralised there (``xlsx_text``); "- Lưu: VT." and "+84 912…" stay as they are.
"""

import csv
import datetime
import io
import itertools
import re
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# Text a spreadsheet would run as a formula when it parses a CSV file (CSV/formula injection)
# gets a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Column widths, in characters: measured on the header and the first rows, kept within bounds.
MIN_WIDTH = 8
MAX_WIDTH = 60
MEASURED_ROWS = 200
# Sheet titles: at most 31 characters, none of these, never "History" (Excel keeps it).
SHEET_TITLE_LENGTH = 31
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
RESERVED_SHEET_TITLES = frozenset({"history"})
BOLD = Font(bold=True)


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet shows it but never runs it when it opens a CSV file (imports
    take the apostrophe off again, see ``spreadsheets.reading``)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def xlsx_text(text: str) -> str:
    """``text`` for a string cell of an xlsx file: only text starting with "=" (which openpyxl
    would store as a formula) takes the apostrophe; imports take it off again."""
    return "'" + text if text.startswith("=") else text


def _plain_value(value):
    """A value rendered the way a Vietnamese reader expects, before any formula guard."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (int, float, Decimal, datetime.date)):
        return value
    return str(value)


def cell_value(value):
    """A value openpyxl stores as it is: numbers and dates as such, any text as a string."""
    value = _plain_value(value)
    return xlsx_text(value) if isinstance(value, str) else value


def xlsx_cell(sheet, value, *, font=None):
    """``value`` as a cell of the write-only ``sheet``: dates and amounts with their format,
    text always a string cell (openpyxl would store "#N/A" as an error). A value that needs
    no cell of its own is returned as it is."""
    value = cell_value(value)
    number_format = None
    if isinstance(value, datetime.datetime):
        number_format = "DD/MM/YYYY HH:MM"
    elif isinstance(value, datetime.date):
        number_format = "DD/MM/YYYY"
    elif isinstance(value, Decimal):
        number_format = "#,##0"
    text_error = isinstance(value, str) and value in ERROR_CODES
    if font is None and number_format is None and not text_error:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if text_error:
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell


def xlsx_cells(sheet, values: Iterable, *, font=None) -> list:
    return [xlsx_cell(sheet, value, font=font) for value in values]


def _shown_length(value) -> int:
    """How many characters a cell shows (its longest line)."""
    value = _plain_value(value)
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, Decimal):
        return len(f"{value:,.0f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(headers: Iterable, rows: Iterable[Iterable]) -> list[float]:
    """Widths of the columns in characters: the longest text of the header (with room for the
    filter button) and of ``rows``, plus a margin, between ``MIN_WIDTH`` and ``MAX_WIDTH``."""
    longest = [_shown_length(header) + 3 for header in headers]
    for row in rows:
        for i, value in enumerate(row):
            if i == len(longest):
                longest.append(0)
            longest[i] = max(longest[i], _shown_length(value))
    return [float(min(MAX_WIDTH, max(MIN_WIDTH, length + 2))) for length in longest]


def _cut_at_word(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    space = head.rfind(" ")
    # A single word longer than a sheet title can only be cut inside.
    head = head[:space] if space > 0 else text[:limit]
    return head.rstrip(" ,;.-–—('") or text[:limit]


def sheet_title(title, used: set[str]) -> str:
    """A sheet title Excel accepts, of words: without []:*?/\\, at most 31 characters cut
    between words, unique within the workbook (``used``, case-insensitive, is updated) with
    " (2)", " (3)"… when it is not."""
    text = " ".join(SHEET_TITLE_FORBIDDEN.sub(" ", str(title)).split()).strip(" '")
    text = text or _("Sheet")
    name = _cut_at_word(text, SHEET_TITLE_LENGTH)
    number = 1
    while name.casefold() in used or name.casefold() in RESERVED_SHEET_TITLES:
        number += 1
        suffix = f" ({number})"
        name = _cut_at_word(text, SHEET_TITLE_LENGTH - len(suffix)) + suffix
    used.add(name.casefold())
    return name


def prepare_sheet(sheet, *, widths: list[float], header_row: int) -> None:
    """Column widths and the panes frozen below the header: a write-only sheet writes both
    before its first row, so this comes before any ``append``."""
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"


def filter_table(sheet, *, header_row: int, columns: int, last_row: int) -> None:
    """An autofilter over the header and the rows under it (written when the sheet closes)."""
    last = get_column_letter(max(columns, 1))
    sheet.auto_filter.ref = f"A{header_row}:{last}{max(last_row, header_row)}"


def xlsx_bytes(*, title: str, headers: list[str], rows: Iterable[Iterable], sheets=()) -> bytes:
    """An .xlsx workbook: a sheet of a bold header row, then ``rows``; then one more sheet for
    each ``(title, headers, rows)`` of ``sheets``. Rows are streamed: only the first
    ``MEASURED_ROWS`` are held, to measure the columns."""
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for sheet_name, sheet_headers, sheet_rows in [(title, headers, rows), *sheets]:
        sheet = workbook.create_sheet(title=sheet_title(sheet_name, used))
        sheet_headers = [str(header) for header in sheet_headers]
        sheet_rows = iter(sheet_rows)
        measured = [list(row) for row in itertools.islice(sheet_rows, MEASURED_ROWS)]
        widths = column_widths(sheet_headers, measured)
        prepare_sheet(sheet, widths=widths, header_row=1)
        sheet.append(xlsx_cells(sheet, sheet_headers, font=BOLD))
        last_row = 1
        for row in itertools.chain(measured, sheet_rows):
            sheet.append(xlsx_cells(sheet, row))
            last_row += 1
        filter_table(sheet, header_row=1, columns=len(widths), last_row=last_row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_text(value) -> str:
    value = _plain_value(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return neutralise(value) if isinstance(value, str) else str(value)


class _Line:
    """What ``csv.writer`` writes to: each line is handed back instead of stored."""

    def write(self, line: str) -> str:
        return line


def csv_lines(*, headers: list[str], rows: Iterable[Iterable]) -> Iterable[bytes]:
    """A CSV file that Excel opens with its Vietnamese letters intact, line by line: UTF-8
    with a byte order mark, comma-separated, dates as dd/mm/yyyy."""
    writer = csv.writer(_Line())
    yield "\ufeff".encode() + writer.writerow([neutralise(str(h)) for h in headers]).encode()
    for row in rows:
        yield writer.writerow([_csv_text(value) for value in row]).encode()


def csv_bytes(*, headers: list[str], rows: Iterable[Iterable]) -> bytes:
    return b"".join(csv_lines(headers=headers, rows=rows))


def _attachment(response: HttpResponse, filename: str, extension: str) -> HttpResponse:
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(filename)}-{stamp}.{extension}"'
    )
    return response


def xlsx_response(
    *, filename: str, title: str, headers: list[str], rows: Iterable, sheets=()
) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(title=title, headers=headers, rows=rows, sheets=sheets),
        content_type=XLSX_CONTENT_TYPE,
    )
    return _attachment(response, filename, "xlsx")


def csv_response(*, filename: str, headers: list[str], rows: Iterable) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_lines(headers=headers, rows=rows), content_type=CSV_CONTENT_TYPE
    )
    return _attachment(response, filename, "csv")


def display(field: str) -> Callable:
    """A column accessor showing a choice field's label (``get_<field>_display``)."""
    return lambda obj: getattr(obj, f"get_{field}_display")()


def joined(relation: str, attribute: str = "__str__") -> Callable:
    """A column accessor joining a many-to-many relation's rows with "; "."""

    def accessor(obj):
        rows = getattr(obj, relation).all()
        if attribute == "__str__":
            return "; ".join(str(row) for row in rows)
        return "; ".join(str(getattr(row, attribute)) for row in rows)

    return accessor


class XlsxExportMixin:
    """``?export=xlsx`` (or ``?export=csv``) on a list view returns the filtered list as a
    spreadsheet.

    ``export_columns`` is a list of (header, accessor); an accessor is an attribute path
    ("unit.name") or a callable taking the row. The rows are ``get_export_queryset()``: by
    default the list's own ``get_queryset()``, which already applies the user's reach and the
    filters.
    """

    export_columns: list[tuple[str, str | Callable]] = []
    export_filename = "danh-sach"
    export_title = ""

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            self.exported("xlsx")
            return self.export_xlsx()
        if request.GET.get("export") == "csv":
            self.exported("csv")
            return self.export_csv()
        return super().get(request, *args, **kwargs)

    def exported(self, file_format: str) -> None:
        """Called before a download; a list of personal data notes it (registry/security)."""

    def get_export_columns(self):
        return self.export_columns

    def get_export_queryset(self):
        return self.get_queryset()

    def get_export_title(self) -> str:
        return str(self.export_title or self.export_filename)

    def _export_table(self):
        columns = self.get_export_columns()
        headers = [capfirst(str(header)) for header, _ in columns]
        accessors = [_accessor(a) for _, a in columns]
        rows = ([accessor(obj) for accessor in accessors] for obj in self._export_rows())
        return headers, rows

    def export_xlsx(self) -> HttpResponse:
        headers, rows = self._export_table()
        return xlsx_response(
            filename=self.export_filename,
            title=self.get_export_title(),
            headers=headers,
            rows=rows,
        )

    def export_csv(self) -> StreamingHttpResponse:
        headers, rows = self._export_table()
        return csv_response(filename=self.export_filename, headers=headers, rows=rows)

    def _export_rows(self):
        rows = self.get_export_queryset()
        if isinstance(rows, list | tuple):  # rows computed in Python (e.g. quota obligations)
            return iter(rows)
        # Streams the rows; prefetches are done chunk by chunk.
        return rows.iterator(chunk_size=500)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query["export"] = "xlsx"
        context["export_url"] = f"?{query.urlencode()}"
        query["export"] = "csv"
        context["export_csv_url"] = f"?{query.urlencode()}"
        import_url = self.get_import_url()
        if import_url:
            context["import_url"] = import_url
        return context

    def get_import_url(self) -> str:
        """Where an upload of the same columns goes, offered beside the downloads ("" for
        none)."""
        return ""


def _accessor(accessor):
    if callable(accessor):
        return accessor

    def by_path(obj):
        value = obj
        for part in accessor.split("."):
            value = getattr(value, part, None)
            if value is None:
                return None
            if callable(value) and not hasattr(value, "all"):
                value = value()
        return value

    return by_path
