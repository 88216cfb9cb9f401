"""Lists as spreadsheets: every filtered list of the portal downloads as .xlsx or .csv.

A list view mixes in ``XlsxExportMixin`` and names its columns; ``?export=xlsx`` or
``?export=csv`` (with the list's current filters) returns every matching row the user
reaches, not just one page. Rows are streamed into openpyxl's write-only workbook, or to
the client line by line as CSV, so memory stays flat for long lists. Text that a spreadsheet
would run as a formula is neutralised the same way in both formats (``neutralise``).
"""

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# Text a spreadsheet would run as a formula (CSV/formula injection) gets a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet shows it but never runs it: the one formula guard of
    both formats (imports take the apostrophe off again, see ``spreadsheets.reading``)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_value(value):
    """A value openpyxl can store, rendered the way a Vietnamese reader expects."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (int, float, Decimal, datetime.date)):
        return value
    return neutralise(str(value))


def xlsx_bytes(*, title: str, headers: list[str], rows: Iterable[Iterable], sheets=()) -> bytes:
    """An .xlsx workbook: a sheet of a bold header row, then ``rows``; then one more sheet for
    each ``(title, headers, rows)`` of ``sheets``."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    used = set()
    for sheet_title, sheet_headers, sheet_rows in [(title, headers, rows), *sheets]:
        # Sheet titles are at most 31 characters and unique within the workbook.
        name = re.sub(r"[\[\]:*?/\\]", "-", str(sheet_title))[:31] or "Sheet"
        while name in used:
            name = f"{name[:28]}_{len(used)}"
        used.add(name)
        sheet = workbook.create_sheet(title=name)
        header_cells = []
        for header in sheet_headers:
            cell = WriteOnlyCell(sheet, value=str(header))
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in sheet_rows:
            sheet.append([_styled(sheet, cell_value(v)) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _styled(sheet, value):
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY HH:MM"
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "#,##0"
        return cell
    return value


def _csv_text(value) -> str:
    value = cell_value(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


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
    # An import (``registry.spreadsheets.kinds``) offered beside the downloads, to those
    # who may run it.
    import_kind = ""

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            return self.export_xlsx()
        if request.GET.get("export") == "csv":
            return self.export_csv()
        return super().get(request, *args, **kwargs)

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
        # Streams the rows; prefetches are done chunk by chunk.
        return self.get_export_queryset().iterator(chunk_size=500)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query["export"] = "xlsx"
        context["export_url"] = f"?{query.urlencode()}"
        query["export"] = "csv"
        context["export_csv_url"] = f"?{query.urlencode()}"
        if self.import_kind:
            from .spreadsheets.kinds import KINDS

            spec = KINDS[self.import_kind]
            if spec.allowed_by(self.request.user):
                context["import_url"] = reverse("registry:import_start", args=[spec.slug])
        return context


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
