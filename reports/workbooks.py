"""A document's tables as the workbook an office finishes its figures in.

``document_workbook`` writes one sheet per ``Table`` of the document that names a sheet, in
the document's order. The first sheet opens with the document's particulars (issuing body,
type and subject, number, date, version), so that a sheet handed on still says which
document it belongs to; then an empty row, then the table. Every table has its header row
bold, frozen and filtered, its columns as wide as their text, groups as bold italic rows and
the totals row in bold. Numbers stay numbers and dates are date cells.
"""

import io

from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from exemplar_portal.base.exports import (
    BOLD,
    MEASURED_ROWS,
    column_widths,
    filter_table,
    prepare_sheet,
    sheet_title,
    xlsx_cell,
    xlsx_cells,
)

from .layout import Document, GroupRow, Table

BOLD_ITALIC = Font(bold=True, italic=True)


def document_workbook(document: Document) -> bytes:
    """The .xlsx of ``document``: its particulars, then each table with a sheet name."""
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    particulars = _particulars(document)
    tables = [table for table in document.tables() if table.sheet]
    if not tables:
        # A document without tables still gives a workbook: its particulars alone.
        sheet = workbook.create_sheet(title=sheet_title(document.type_title, used))
        for letter, width in zip("AB", column_widths([], _measured(particulars)), strict=False):
            sheet.column_dimensions[letter].width = width
        _write_particulars(sheet, particulars)
    for index, table in enumerate(tables):
        sheet = workbook.create_sheet(title=sheet_title(table.sheet, used))
        _write_table(sheet, table, particulars if index == 0 else [])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _particulars(document: Document) -> list[tuple[str, object]]:
    """(label, value) of the rows above the first table."""
    number = document.number_text
    if document.is_draft:
        number = f"{number} ({pgettext('document particulars', 'Draft')})"
    rows = [
        (
            pgettext("document particulars", "Issued by"),
            " – ".join(line.strip() for line in document.issuer.splitlines() if line.strip()),
        ),
        (
            pgettext("document particulars", "Document"),
            f"{document.type_name}: {document.subject}",
        ),
        (pgettext("document particulars", "Number"), number),
        (pgettext("document particulars", "Date"), document.date),
    ]
    if document.version:
        rows.append((pgettext("document particulars", "Version"), document.version))
    return rows


def _measured(particulars) -> list[list]:
    """What the particulars ask of the columns' widths: the labels' column as wide as the
    labels, and room for the date (a date cell too narrow shows "####"). Text values run on
    over the empty cells to their right and need no width."""
    rows: list[list] = [[label] for label, _value in particulars]
    rows += [["", value] for _label, value in particulars if not isinstance(value, str)]
    return rows


def _write_particulars(sheet, particulars) -> None:
    # The date is a date cell (dd/mm/yyyy), the rest text.
    for label, value in particulars:
        sheet.append([xlsx_cell(sheet, label, font=BOLD), xlsx_cell(sheet, value)])


def _write_table(sheet, table: Table, particulars) -> None:
    header_row = len(particulars) + 2 if particulars else 1
    totals = table.totals
    measured = table.data_rows[:MEASURED_ROWS] + ([totals] if totals else [])
    widths = column_widths(table.headers, measured + _measured(particulars))
    prepare_sheet(sheet, widths=widths, header_row=header_row)
    if particulars:
        _write_particulars(sheet, particulars)
        sheet.append([])
    sheet.append(xlsx_cells(sheet, table.headers, font=BOLD))
    for row in table.rows:
        if isinstance(row, GroupRow):
            sheet.append([xlsx_cell(sheet, row.label, font=BOLD_ITALIC)])
        else:
            sheet.append(xlsx_cells(sheet, row))
    filter_table(
        sheet,
        header_row=header_row,
        columns=max(len(table.columns), 1),
        last_row=header_row + len(table.rows),
    )
    if totals:
        sheet.append(xlsx_cells(sheet, totals, font=BOLD))
