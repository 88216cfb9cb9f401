"""A small, fast reader of one worksheet's values, for imports.

openpyxl (which writes the portal's workbooks) reads through defusedxml's pure-Python XML
parser: two seconds for ten thousand rows of a template, most of an import's time. This
reader streams the sheet through the standard library's C parser instead, and is as safe:

- every part is read through ``_Guarded``, which refuses a document type declaration
  before the parser sees it; without one, no entity can be declared (a reference to an
  undeclared entity is a parse error), so "billion laughs" and external entities cannot
  happen; the small parts (workbook, relationships, styles) are moreover parsed with
  defusedxml;
- ``safety.check_spreadsheet`` has bounded the number of parts and their uncompressed size
  beforehand, and zipfile never inflates a part past its declared size.

It returns what openpyxl's ``values_only`` rows would: text, numbers (whole ones as
``int``), booleans, and dates for numbers formatted as dates.
"""

import datetime
import io
import posixpath
import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import iterparse

from defusedxml.ElementTree import fromstring
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import from_excel

# The transitional namespace (Excel, LibreOffice, openpyxl) and the strict one.
_NAMESPACES = (
    "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}",
    "{http://purl.oclc.org/ooxml/spreadsheetml/main}",
    "",
)


def _tags(name: str) -> frozenset[str]:
    return frozenset(namespace + name for namespace in _NAMESPACES)


CELL, ROW, VALUE, INLINE, SHARED = (_tags(name) for name in ("c", "row", "v", "is", "si"))
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class XMLDeclarationRefused(ValueError):
    """A part declares a document type: refused before parsing (see the module's text)."""


class _Guarded(io.RawIOBase):
    """A part's bytes, refused if they contain a document type or entity declaration."""

    def __init__(self, raw):
        self.raw = raw
        self.tail = b""

    def readable(self):
        return True

    def readinto(self, buffer):
        chunk = self.raw.read(len(buffer))
        window = self.tail + chunk
        if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
            raise XMLDeclarationRefused
        self.tail = chunk[-16:]
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _read_small(archive: zipfile.ZipFile, name: str):
    with archive.open(name) as raw:
        data = _Guarded(raw).read()
    return fromstring(data, forbid_dtd=True)


def _elements(raw):
    """The elements of a large part as they end, parsed by the C parser behind the guard."""
    stream = io.BufferedReader(_Guarded(raw))
    for _event, element in iterparse(stream, events=("end",)):  # noqa: S314 - guarded above
        yield element


def _text(element) -> str:
    """The text of a rich or plain string (``<si>``/``<is>``), phonetic runs left out."""
    parts = []
    for child in element:
        tag = _local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


class SheetReader:
    """``rows(title)``: the value rows of the sheet named ``title`` (else the first)."""

    def __init__(self, data: bytes):
        self.archive = zipfile.ZipFile(io.BytesIO(data))
        self.names = set(self.archive.namelist())
        self.sheets = self._sheets()

    def close(self):
        self.archive.close()

    def titles(self) -> list[str]:
        return [title for title, _path in self.sheets]

    def _sheets(self) -> list[tuple[str, str]]:
        workbook = _read_small(self.archive, "xl/workbook.xml")
        targets = self._relationships("xl/_rels/workbook.xml.rels")
        sheets = []
        for element in workbook.iter():
            if _local(element.tag) == "sheet":
                target = targets.get(element.get(_RELATIONSHIP), ("", ""))[1]
                if target in self.names:
                    sheets.append((element.get("name", ""), target))
        if not sheets:
            raise ValueError("The workbook has no worksheet.")
        return sheets

    def _relationships(self, name: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, part name) of a ``.rels`` part."""
        if name not in self.names:
            return {}
        base = posixpath.dirname(posixpath.dirname(name))
        found = {}
        for element in _read_small(self.archive, name):
            target = element.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
            found[element.get("Id")] = (element.get("Type", ""), posixpath.normpath(path))
        return found

    def _shared_strings(self) -> list[str]:
        relations = self._relationships("xl/_rels/workbook.xml.rels").values()
        path = next(
            (p for kind, p in relations if kind.endswith("/sharedStrings")), "xl/sharedStrings.xml"
        )
        if path not in self.names:
            return []
        strings = []
        with self.archive.open(path) as raw:
            for element in _elements(raw):
                if element.tag in SHARED:
                    strings.append(_text(element))
                    element.clear()
        return strings

    def _date_styles(self) -> set[int]:
        """Indexes of the cell styles that show a number as a date."""
        if "xl/styles.xml" not in self.names:
            return set()
        styles = _read_small(self.archive, "xl/styles.xml")
        custom = {}
        dated = set()
        for element in styles.iter():
            if _local(element.tag) == "numFmt":
                custom[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
        for element in styles.iter():
            if _local(element.tag) == "cellXfs":
                for index, xf in enumerate(element):
                    number_format = int(xf.get("numFmtId", "0"))
                    code = custom.get(number_format) or BUILTIN_FORMATS.get(number_format, "")
                    if is_date_format(code):
                        dated.add(index)
        return dated

    def rows(self, title_matches, max_columns: int) -> Iterator[list]:
        """The sheet's rows in order (a missing row is an empty list), each cut at
        ``max_columns`` values. ``title_matches(title)`` picks the sheet, else the first."""
        path = next((p for t, p in self.sheets if title_matches(t)), self.sheets[0][1])
        cells = _Cells(self._shared_strings(), self._date_styles(), max_columns)
        expected = 1
        with self.archive.open(path) as raw:
            for element in _elements(raw):
                # Cells are read with their row, once it has ended.
                if not element.tag.endswith("row") or element.tag not in ROW:
                    continue
                number = int(element.get("r") or expected)
                while expected < number:
                    yield []
                    expected += 1
                yield cells.row(element)
                expected = number + 1
                element.clear()


class _Cells:
    """The values of a row's cells, in their columns."""

    def __init__(self, strings: list[str], dates: set[int], max_columns: int):
        self.strings, self.dates, self.max_columns = strings, dates, max_columns
        self.columns: dict[str, int] = {}

    def column(self, reference: str) -> int:
        letters = reference.rstrip("0123456789")
        if letters not in self.columns:
            index = 0
            for letter in letters:
                index = index * 26 + ord(letter) - 64
            self.columns[letters] = index - 1
        return self.columns[letters]

    def row(self, element) -> list:
        values: list = []
        position = 0
        for cell in element:
            if cell.tag not in CELL:
                continue
            reference = cell.get("r")
            column = self.column(reference) if reference else position
            position = column + 1
            if column >= self.max_columns:
                continue
            if column > len(values):
                values.extend([None] * (column - len(values)))
            values.append(self.value(cell))
        return values

    def value(self, cell):
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = next((c for c in cell if c.tag in INLINE), None)
            return None if inline is None else _text(inline)
        value = next((c.text for c in cell if c.tag in VALUE), None)
        if value is None:
            return None
        if kind == "s":
            return self.strings[int(value)]
        if kind in ("str", "e"):
            return value
        if kind == "d":
            try:
                return datetime.datetime.fromisoformat(value)
            except ValueError:
                return value
        if kind == "b":
            return value == "1"
        number = float(value)
        if int(cell.get("s") or 0) in self.dates:
            return from_excel(number)
        return int(number) if number.is_integer() else number
