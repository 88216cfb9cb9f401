"""Lists as spreadsheets: every filtered list of the portal downloads as an .xlsx file.

A list view mixes in ``XlsxExportMixin`` and names its columns; ``?export=xlsx`` (with the
list's current filters) returns every matching row the user reaches, not just one page.
Rows are streamed into openpyxl's write-only workbook, so memory stays flat for long lists.
"""

import datetime
import io
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Text a spreadsheet would run as a formula (CSV/formula injection) gets a leading apostrophe.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        text = "'" + text
    return text


def xlsx_bytes(*, title: str, headers: list[str], rows: Iterable[Iterable]) -> bytes:
    """An .xlsx workbook of one sheet: a bold header row, then ``rows``."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "Sheet")
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=str(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
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


def xlsx_response(*, filename: str, title: str, headers: list[str], rows: Iterable) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(title=title, headers=headers, rows=rows), content_type=XLSX_CONTENT_TYPE
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}-{stamp}.xlsx"'
    return response


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
    """``?export=xlsx`` on a list view returns the filtered list as a spreadsheet.

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
            return self.export_xlsx()
        return super().get(request, *args, **kwargs)

    def get_export_columns(self):
        return self.export_columns

    def get_export_queryset(self):
        return self.get_queryset()

    def get_export_title(self) -> str:
        return str(self.export_title or self.export_filename)

    def export_xlsx(self) -> HttpResponse:
        columns = self.get_export_columns()
        headers = [capfirst(str(header)) for header, _ in columns]
        accessors = [_accessor(a) for _, a in columns]
        rows = ([accessor(obj) for accessor in accessors] for obj in self._export_rows())
        return xlsx_response(
            filename=self.export_filename,
            title=self.get_export_title(),
            headers=headers,
            rows=rows,
        )

    def _export_rows(self):
        # Streams the rows; prefetches are done chunk by chunk.
        return self.get_export_queryset().iterator(chunk_size=500)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query["export"] = "xlsx"
        context["export_url"] = f"?{query.urlencode()}"
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
