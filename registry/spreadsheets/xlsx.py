"""A small, fast reader of one worksheet's values, for imports.

openpyxl (which writes the portal's workbooks) reads through defusedxml's pure-Python XML
parser: two seconds for ten thousand rows of a template, most of an import's time. This
reader streams the sheet and its shared strings through the standard library's C parser
(expat) with handlers of its own, and is as safe:

- every part is read through ``_Guarded``, which refuses a document type declaration
  before the parser sees it, counts the bytes as they are inflated and stops past
  ``Limits.part_bytes``, and refuses a stretch without any "<" longer than a cell's text can
  be (``_Guarded.gap``): the parser holds a whole tag (its attributes), comment or
  processing instruction in memory before it hands it over, and a spreadsheet's are short;
- the parser itself refuses a document type or entity declaration too, and without one no
  entity can be declared (a reference to an undeclared entity is a parse error), so
  "billion laughs" and external entities cannot happen; the small parts (workbook,
  relationships, styles) are moreover parsed with defusedxml;
- text is counted as the parser hands it over, before any string is built: a cell past
  ``Limits.cell_chars``, a row past ``Limits.row_chars`` or the sheet past
  ``Limits.sheet_chars`` stops the reading at once (``TooMuchText``, naming the cell or the
  row); a shared string past the cell limit stops the reading of the shared strings, and the
  cell that uses it is named when the sheet reaches it;
- ``safety.check_spreadsheet`` has bounded the number of parts and their declared size
  beforehand, and zipfile never inflates a part past its declared size.

It returns what openpyxl's ``values_only`` rows would: text (rich text runs joined, phonetic
runs left out), numbers (whole ones as ``int``), booleans, and dates for numbers formatted
as dates.
"""

import datetime
import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.parsers import expat

from defusedxml.ElementTree import fromstring
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import from_excel

# The transitional namespace (Excel, LibreOffice, openpyxl) and the strict one; expat names
# an element "namespace}name" ("}" is the separator given to the parser).
_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main}",
    "http://purl.oclc.org/ooxml/spreadsheetml/main}",
    "",
)


def _tags(name: str) -> frozenset[str]:
    return frozenset(namespace + name for namespace in _NAMESPACES)


CELL, ROW, VALUE, INLINE, SHARED, TEXT = (
    _tags(name) for name in ("c", "row", "v", "is", "si", "t")
)
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

# Bytes read from a part at a time.
_CHUNK = 1 << 18
# The longest stretch of a part without a "<", at least: no tag, comment or processing
# instruction of a spreadsheet comes near it, nor the text of a cell (at most eight bytes a
# character, written as "&#12345;").
MIN_GAP_BYTES = 1 << 20
# Sheets nest a handful of elements deep.
MAX_DEPTH = 64


@dataclass(frozen=True)
class Limits:
    """What one import may hold: characters in a cell, a row and the whole sheet, and bytes
    of XML in one part once inflated. ``reading`` builds them from the settings."""

    cell_chars: int = 32_767
    row_chars: int = 100_000
    sheet_chars: int = 30_000_000
    part_bytes: int = 100 * 1024 * 1024


class XMLDeclarationRefused(ValueError):
    """A part declares a document type or an entity: refused (see the module's text)."""


class PartTooLarge(ValueError):
    """A part holds more bytes of XML than ``Limits.part_bytes``."""

    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


class Malformed(ValueError):
    """A part no spreadsheet program writes: a tag too long, elements nested too deep."""


class TooMuchText(ValueError):
    """More characters than allowed in a cell (``scope`` "cell", with its ``cell`` as
    Excel names it), a row ("row") or the sheet ("sheet", ``row`` where it was reached);
    ``cell`` is empty for a shared string no cell was found to use."""

    def __init__(self, scope: str, limit: int, *, cell: str = "", row: int = 0):
        super().__init__(scope, limit, cell, row)
        self.scope, self.limit, self.cell, self.row = scope, limit, cell, row


class _Guarded(io.RawIOBase):
    """A part's bytes, counted, refused if they contain a document type or entity
    declaration, more than ``gap`` bytes without a "<" (checked at each read, so a stretch
    passes by at most the size of a read) or more than ``limit`` bytes."""

    def __init__(self, raw, limit: int | None = None, gap: int = MIN_GAP_BYTES):
        self.raw = raw
        self.limit = limit
        self.gap = gap
        self.tail = b""
        self.count = 0
        # Where the last "<" was seen.
        self.last_open = 0

    def readable(self):
        return True

    def close(self):
        try:
            self.raw.close()
        finally:
            super().close()

    def readinto(self, buffer):
        chunk = self.raw.read(len(buffer))
        window = self.tail + chunk
        if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
            raise XMLDeclarationRefused
        start = self.count
        self.count += len(chunk)
        if self.limit is not None and self.count > self.limit:
            raise PartTooLarge(self.limit)
        opening = chunk.rfind(b"<")
        if opening >= 0:
            self.last_open = start + opening
        elif self.count - self.last_open > self.gap:
            raise Malformed("A stretch without markup longer than the parser should hold.")
        self.tail = chunk[-16:]
        buffer[: len(chunk)] = chunk
        return len(chunk)


def column_letter(index: int) -> str:
    """The letters Excel gives the column ``index`` (0 → "A", 27 → "AB")."""
    letters = ""
    index += 1
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _read_small(archive: zipfile.ZipFile, name: str, limit: int | None = None):
    with archive.open(name) as raw:
        data = _Guarded(raw, limit).read()
    return fromstring(data, forbid_dtd=True)


def _refuse(*args):
    raise XMLDeclarationRefused


def _parse(stream: _Guarded, handler) -> Iterator[None]:
    """Feed ``stream`` to expat with ``handler``'s methods, a chunk at a time; yields after
    each chunk, so that the caller can hand on what the handler gathered."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.data
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    while True:
        chunk = stream.read(_CHUNK)
        parser.Parse(chunk, not chunk)
        yield
        if not chunk:
            return


class _Text:
    """What the sheet and the shared strings share: the depth of the open element and the
    text of a string (``<si>``, ``<is>``: its ``<t>`` and those of its rich text runs
    ``<r>``, not those of phonetic runs), gathered and counted as it arrives."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.depth = 0
        # The depth of the open string element, run and text element (0: none).
        self.string_depth = self.run_depth = self.text_depth = 0
        self.parts: list[str] = []
        self.chars = 0

    def open_string(self, depth: int) -> None:
        self.string_depth = depth
        self.parts = []

    def string_child(self, name: str, depth: int) -> None:
        """An element opened inside the open string."""
        below = depth - self.string_depth
        if below == 1:
            if name in TEXT or _local(name) == "t":
                self.text_depth = depth
            elif _local(name) == "r":
                self.run_depth = depth
        elif below == 2 and self.run_depth == depth - 1 and (name in TEXT or _local(name) == "t"):
            self.text_depth = depth

    def close_in_string(self, depth: int) -> bool:
        """An element of the string ended; True when it was the string itself."""
        if depth == self.text_depth:
            self.text_depth = 0
        elif depth == self.run_depth:
            self.run_depth = 0
        elif depth == self.string_depth:
            self.string_depth = 0
            return True
        return False

    def deeper(self) -> int:
        depth = self.depth = self.depth + 1
        if depth > MAX_DEPTH:
            raise Malformed("Elements nested too deep.")
        return depth


class _SharedStrings(_Text):
    def __init__(self, limits: Limits):
        super().__init__(limits)
        self.strings: list[str] = []
        self.total = 0

    def start(self, name, attributes):
        depth = self.deeper()
        if self.string_depth:
            self.string_child(name, depth)
        elif name in SHARED:
            self.open_string(depth)
            self.chars = 0

    def end(self, name):
        depth = self.depth
        self.depth = depth - 1
        if self.string_depth and self.close_in_string(depth):
            self.strings.append("".join(self.parts))

    def data(self, text):
        if self.text_depth and self.depth == self.text_depth:
            size = len(text)
            self.chars += size
            self.total += size
            if self.chars > self.limits.cell_chars:
                raise _HugeString(len(self.strings))
            if self.total > self.limits.sheet_chars:
                raise TooMuchText("sheet", self.limits.sheet_chars)
            self.parts.append(text)


class _HugeString(Exception):
    """The shared string ``index`` is longer than a cell may be."""

    def __init__(self, index: int):
        super().__init__(index)
        self.index = index


class _Sheet(_Text):
    """The rows of a worksheet: ``ready`` gathers (row number, values) as rows end."""

    def __init__(self, strings, huge: int | None, dates, max_columns, limits: Limits):
        super().__init__(limits)
        self.strings, self.huge, self.dates = strings, huge, dates
        self.max_columns = max_columns
        self.columns: dict[str, int] = {}
        self.ready: list[tuple[int, list]] = []
        self.expected = 1
        self.sheet_chars = 0
        self.row_depth = self.cell_depth = self.value_depth = 0
        self.row_number = 0
        self.row_chars = 0
        self.values: list = []
        self.position = 0
        self.cell_limit = limits.cell_chars
        self.row_limit = limits.row_chars
        self.sheet_limit = limits.sheet_chars

    # The parser's handlers: called for every element, so kept lean.
    def start(self, name, attributes):
        depth = self.depth = self.depth + 1
        if depth > MAX_DEPTH:
            raise Malformed("Elements nested too deep.")
        cell_depth = self.cell_depth
        if cell_depth:
            if self.string_depth:
                self.string_child(name, depth)
            elif depth == cell_depth + 1:
                if name in VALUE:
                    if not self.value_seen:
                        self.value_seen = True
                        self.value_depth = self.text_depth = depth
                        self.parts = []
                elif name in INLINE and not self.inline_seen:
                    self.inline_seen = True
                    self.open_string(depth)
        elif self.row_depth:
            if name in CELL and depth == self.row_depth + 1:
                # A cell: its place, its kind and style; its text comes next.
                self.cell_depth = depth
                reference = self.cell_reference = attributes.get("r")
                column = self.column(reference) if reference else self.position
                self.position = column + 1
                self.cell_column = column
                self.kind = attributes.get("t", "n")
                self.style = attributes.get("s")
                self.chars = 0
                self.value = self.inline = None
                self.value_seen = self.inline_seen = False
        elif name in ROW:
            self.row_depth = depth
            self.row_number = int(attributes.get("r") or self.expected)
            self.row_chars = 0
            self.values = []
            self.position = 0

    def end(self, name):
        depth = self.depth
        self.depth = depth - 1
        if self.cell_depth:
            if depth == self.value_depth:
                self.value = "".join(self.parts) or None
                self.value_depth = self.text_depth = 0
            elif depth == self.cell_depth:
                self.cell_depth = self.string_depth = self.run_depth = self.text_depth = 0
                self.value_depth = 0
                if self.cell_column < self.max_columns:
                    values = self.values
                    if self.cell_column > len(values):
                        values.extend([None] * (self.cell_column - len(values)))
                    values.append(self.cell_value())
            elif self.string_depth and self.close_in_string(depth):
                self.inline = "".join(self.parts)
        elif depth == self.row_depth:
            self.ready.append((self.row_number, self.values))
            self.expected = self.row_number + 1
            self.row_depth = 0

    def data(self, text):
        if self.text_depth and self.depth == self.text_depth:
            size = len(text)
            self.chars += size
            self.row_chars += size
            self.sheet_chars += size
            if (
                self.chars > self.cell_limit
                or self.row_chars > self.row_limit
                or self.sheet_chars > self.sheet_limit
            ):
                self.too_much()
            self.parts.append(text)

    def too_much(self):
        if self.chars > self.cell_limit:
            raise TooMuchText("cell", self.cell_limit, cell=self.reference())
        self.count(0)

    def cell_value(self):
        kind = self.kind
        if kind == "inlineStr":
            return self.inline
        value = self.value
        if value is None:
            return None
        if kind == "s":
            index = int(value)
            if self.huge is not None and index >= self.huge:
                cell = self.reference() if index == self.huge else ""
                raise TooMuchText("cell", self.limits.cell_chars, cell=cell)
            text = self.strings[index]
            self.count(len(text))
            return text
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
        if int(self.style or 0) in self.dates:
            return from_excel(number)
        return int(number) if number.is_integer() else number

    def count(self, size: int) -> None:
        """``size`` more characters in the row and the sheet."""
        self.row_chars += size
        self.sheet_chars += size
        if self.row_chars > self.row_limit:
            raise TooMuchText("row", self.row_limit, row=self.row_number)
        if self.sheet_chars > self.sheet_limit:
            raise TooMuchText("sheet", self.sheet_limit, row=self.row_number)

    def reference(self) -> str:
        """The open cell as Excel names it ("C5")."""
        if self.cell_reference:
            return self.cell_reference
        return f"{column_letter(self.cell_column)}{self.row_number}"

    def column(self, reference: str) -> int:
        letters = reference.rstrip("0123456789")
        if letters not in self.columns:
            index = 0
            for letter in letters:
                index = index * 26 + ord(letter) - 64
            self.columns[letters] = index - 1
        return self.columns[letters]


class SheetReader:
    """``rows(title)``: the value rows of the sheet named ``title`` (else the first)."""

    def __init__(self, data: bytes, limits: Limits | None = None):
        self.limits = limits or Limits()
        self.archive = zipfile.ZipFile(io.BytesIO(data))
        self.names = set(self.archive.namelist())
        self.sheets = self._sheets()

    def close(self):
        self.archive.close()

    def titles(self) -> list[str]:
        return [title for title, _path in self.sheets]

    def _open(self, name: str) -> _Guarded:
        gap = max(MIN_GAP_BYTES, 16 * self.limits.cell_chars)
        return _Guarded(self.archive.open(name), self.limits.part_bytes, gap)

    def _sheets(self) -> list[tuple[str, str]]:
        workbook = _read_small(self.archive, "xl/workbook.xml", self.limits.part_bytes)
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
        for element in _read_small(self.archive, name, self.limits.part_bytes):
            target = element.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
            found[element.get("Id")] = (element.get("Type", ""), posixpath.normpath(path))
        return found

    def _shared_strings(self) -> tuple[list[str], int | None]:
        """The shared strings, and the index of the first one longer than a cell may be
        (the reading stopped there), or None."""
        relations = self._relationships("xl/_rels/workbook.xml.rels").values()
        path = next(
            (p for kind, p in relations if kind.endswith("/sharedStrings")), "xl/sharedStrings.xml"
        )
        if path not in self.names:
            return [], None
        handler = _SharedStrings(self.limits)
        with self._open(path) as stream:
            try:
                for _chunk in _parse(stream, handler):
                    pass
            except _HugeString as huge:
                return handler.strings, huge.index
        return handler.strings, None

    def _date_styles(self) -> set[int]:
        """Indexes of the cell styles that show a number as a date."""
        if "xl/styles.xml" not in self.names:
            return set()
        styles = _read_small(self.archive, "xl/styles.xml", self.limits.part_bytes)
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
        ``max_columns`` values. ``title_matches(title)`` picks the sheet, else the first.
        Raises ``TooMuchText`` as soon as a cell, a row or the sheet holds too much."""
        path = next((p for t, p in self.sheets if title_matches(t)), self.sheets[0][1])
        strings, huge = self._shared_strings()
        sheet = _Sheet(strings, huge, self._date_styles(), max_columns, self.limits)
        expected = 1
        with self._open(path) as stream:
            for _chunk in _parse(stream, sheet):
                for number, values in sheet.ready:
                    while expected < number:
                        yield []
                        expected += 1
                    yield values
                    expected = number + 1
                sheet.ready.clear()
        if huge is not None:
            # A shared string too long for a cell, that no cell was found to use first.
            raise TooMuchText("cell", self.limits.cell_chars)
