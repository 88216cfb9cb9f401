"""Reading a checked spreadsheet into rows: the header matched to the import's columns, the
cells normalised, empty rows skipped, each row keeping the number the spreadsheet shows.

Headers are matched without accents, case or extra spaces, in Vietnamese or English, so
"Ho va ten" finds "Họ và tên". Every column of the import must be there (an update never
blanks a column that was left out); columns that only exports carry are ignored; any other
column refuses the file, since it is most likely the wrong file.

A cell, a row and the whole sheet hold at most ``IMPORT_MAX_CELL_CHARS``,
``IMPORT_MAX_ROW_CHARS`` and ``IMPORT_MAX_SHEET_CHARS`` characters: a workbook is stopped as
the text arrives (``xlsx``), a CSV file as its rows are split, and the refusal names the
cell or the row.
"""

import csv
import datetime
import io
import itertools
import json
import unicodedata
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from django.utils import translation
from django.utils.translation import gettext as _

from exemplar_portal.base.exports import FORMULA_STARTS
from exemplar_portal.base.text import fold

from .safety import (
    CSV,
    CheckedSpreadsheet,
    SpreadsheetRejected,
    cell_too_long,
    decode_csv,
    entity_attack,
    limit,
    not_a_workbook,
    row_too_long,
    sheet_too_long,
    too_many_rows,
    xml_too_large,
)
from .xlsx import (
    Limits,
    PartTooLarge,
    SheetReader,
    TooMuchText,
    XMLDeclarationRefused,
    column_letter,
)

# Wider sheets are cut here: no import has more than a few dozen columns.
MAX_COLUMNS = 80


@dataclass
class ParsedSheet:
    """The rows of an import: ``keys`` name the columns, ``numbers`` are the sheet's row
    numbers (the header is row 1)."""

    keys: list[str]
    rows: list[list]
    numbers: list[int]

    def to_json(self) -> bytes:
        return json.dumps(
            {"keys": self.keys, "rows": self.rows, "numbers": self.numbers},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()

    @classmethod
    def from_json(cls, data: bytes) -> "ParsedSheet":
        loaded = json.loads(data)
        return cls(loaded["keys"], loaded["rows"], loaded["numbers"])


def labels_in_both_languages(label) -> set[str]:
    labels = set()
    for language in ("vi", "en"):
        with translation.override(language):
            labels.add(fold(str(label)))
    return labels


def normalise(value):
    """A cell as the widgets expect it: trimmed NFC text without the apostrophe that exports
    put before formula characters, whole numbers as ``int``, dates as dd/mm/yyyy."""
    if value is None:
        return None
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value).strip()
        if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
            text = text[1:]
        return text or None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (int, float)):
        return value
    return str(value)


def read_sheet(
    checked: CheckedSpreadsheet, *, columns: list[tuple[str, object]], ignored: list, sheet_title
) -> ParsedSheet:
    """Read ``checked`` into a ``ParsedSheet`` with one key per entry of ``columns``
    ((key, label) pairs); raise ``SpreadsheetRejected`` for a file that cannot be read."""
    limits = content_limits()
    if checked.file_format == CSV:
        return _parse(_bounded(_csv_rows(checked.data, columns), limits), columns, ignored)
    wanted = labels_in_both_languages(sheet_title)
    try:
        reader = SheetReader(checked.data, limits)
        try:
            rows = reader.rows(lambda title: fold(title) in wanted, MAX_COLUMNS)
            return _parse(rows, columns, ignored)
        finally:
            reader.close()
    except SpreadsheetRejected:
        raise
    except TooMuchText as exc:
        raise _too_much(exc) from None
    except PartTooLarge:
        raise xml_too_large() from None
    except (XMLDeclarationRefused, DefusedXmlException) as exc:
        raise entity_attack() from exc
    except Exception as exc:
        # A malformed part fails in many unrelated ways (KeyError, ValueError, IndexError,
        # ParseError, zipfile errors…): all mean a damaged file.
        raise not_a_workbook() from exc


def content_limits() -> Limits:
    """The limits of the settings, for the workbook reader."""
    return Limits(
        cell_chars=limit("IMPORT_MAX_CELL_CHARS"),
        row_chars=limit("IMPORT_MAX_ROW_CHARS"),
        sheet_chars=limit("IMPORT_MAX_SHEET_CHARS"),
        part_bytes=limit("XLSX_MAX_XML_BYTES"),
    )


def _too_much(exc: TooMuchText) -> SpreadsheetRejected:
    if exc.scope == "cell":
        return cell_too_long(exc.cell)
    if exc.scope == "row":
        return row_too_long(exc.row)
    return sheet_too_long(exc.row)


def _bounded(rows, limits: Limits):
    """The rows of a CSV file, stopped at the first cell, row or sheet over its limit; a
    line the csv module cannot split refuses the file."""
    total = 0
    number = 0
    try:
        for number, row in enumerate(rows, start=1):
            in_row = 0
            for column, cell in enumerate(row):
                size = len(cell)
                if size > limits.cell_chars:
                    raise cell_too_long(f"{column_letter(column)}{number}")
                in_row += size
            if in_row > limits.row_chars:
                raise row_too_long(number)
            total += in_row
            if total > limits.sheet_chars:
                raise sheet_too_long(number)
            yield row
    except csv.Error as exc:
        # The csv module refuses a cell of more than its own limit (128 KiB) before the
        # count above sees it.
        if "field limit" in str(exc):
            raise cell_too_long(row=number + 1) from None
        raise SpreadsheetRejected(
            _("The file is not a CSV text file. Please save the sheet as CSV UTF-8 (.csv)."),
            code="not_csv",
        ) from None


def _csv_rows(data: bytes, columns):
    """The rows of a CSV file, split by the separator that finds the most column names in
    its first line (Excel writes ";" where the decimal mark is a comma, as in Vietnam)."""
    text = decode_csv(data)
    first_line = text.split("\n", 1)[0]
    known = set().union(*(labels_in_both_languages(label) for _key, label in columns))

    def matches(delimiter):
        header = next(csv.reader([first_line], delimiter=delimiter), [])
        return sum(fold(cell) in known for cell in header)

    delimiter = max([",", ";", "\t"], key=matches)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _parse(rows, columns, ignored) -> ParsedSheet:
    rows = iter(rows)
    maximum = limit("IMPORT_MAX_ROWS")
    header = next(rows, None)
    if header is None or all(normalise(cell) is None for cell in header):
        rest = itertools.islice(rows, 2 * maximum)
        if header is not None and any(normalise(c) is not None for row in rest for c in row):
            raise SpreadsheetRejected(
                _("The first row must be the header row of the template (the column names)."),
                code="no_header",
            )
        raise SpreadsheetRejected(_("The file is empty."), code="empty")
    positions = _match_header(header, columns, ignored)
    keys = [key for key, _label in columns]
    width = len(header)
    parsed, numbers = [], []
    for number, row in enumerate(rows, start=2):
        if number > 2 * maximum + 1:
            raise too_many_rows()
        cells = list(row[:width]) if len(row) >= width else [*row, *[None] * (width - len(row))]
        values = [normalise(cells[position]) for position in positions]
        if all(value is None for value in values):
            continue
        if len(parsed) == maximum:
            raise too_many_rows()
        parsed.append(values)
        numbers.append(number)
    if not parsed:
        raise SpreadsheetRejected(_("The file has a header but no rows to import."), code="no_rows")
    return ParsedSheet(keys, parsed, numbers)


def _match_header(header, columns, ignored) -> list[int]:
    """Position of each column in the header; refuses unknown, repeated or missing ones."""
    by_label = {}
    for key, label in columns:
        for text in labels_in_both_languages(label):
            by_label[text] = key
    skip = set()
    for label in ignored:
        skip |= labels_in_both_languages(label)
    found: dict[str, int] = {}
    unknown, repeated = [], []
    for position, cell in enumerate(header):
        text = normalise(cell)
        if text is None:
            continue
        key = by_label.get(fold(str(text)))
        if key is None:
            if fold(str(text)) not in skip:
                unknown.append(str(text))
        elif key in found:
            repeated.append(str(text))
        else:
            found[key] = position
    missing = [str(label) for key, label in columns if key not in found]
    problems = []
    if unknown:
        problems.append(
            _("Columns not in the template: %(columns)s.") % {"columns": _listed(unknown)}
        )
    if repeated:
        problems.append(_("Columns given twice: %(columns)s.") % {"columns": _listed(repeated)})
    if missing:
        problems.append(_("Missing columns: %(columns)s.") % {"columns": _listed(missing)})
    if problems:
        raise SpreadsheetRejected(
            " ".join(
                [
                    *problems,
                    _(
                        "The first row must hold the column names of the template: please "
                        "download the template again and copy your rows into it."
                    ),
                ]
            ),
            code="wrong_columns",
        )
    return [found[key] for key, _label in columns]


def _listed(names: list[str]) -> str:
    # A header cell may be long: the message names each column by its first characters.
    return ", ".join(f"“{_cut(name, 80)}”" for name in names[:20]) + ("…" if names[20:] else "")


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
