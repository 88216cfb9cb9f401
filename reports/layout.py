"""What a document says, apart from how it is drawn.

A document the portal issues (``reports/documents.py`` builds them) is a ``Document``: the
heading block of Decree 30/2020/NĐ-CP, the type line and subject, the body as a list of
blocks, the closing sentence that stays with the signature, the recipients and the signer,
and its annexes. Three writers read the same ``Document``: the PDF template
(``templates/reports/pdf/document.html``), the DOCX writer (``reports/docx.py``) and the xlsx
writer (``reports/workbooks.py``, every ``Table`` with a sheet name). Nothing here touches
the database.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from exemplar_portal.base.dates import decree_day, short_date

# The national title and motto are prescribed verbatim by Decree 30/2020/NĐ-CP (appendix I):
# a document carries them in Vietnamese whatever the reader's interface language.
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"


def cell_text(value) -> str:
    """A table cell as every format writes it as text: dates dd/mm/yyyy, thousands with a
    dot from 10,000 on, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool) and abs(value) >= 10000:
        return f"{value:,}".replace(",", ".")
    return str(value)


# Blocks of the body ---------------------------------------------------------------------------


@dataclass
class Heading:
    """A section heading: level 1 "I. Kết quả", level 2 "1. Theo đơn vị"."""

    block: ClassVar[str] = "heading"

    text: str
    level: int = 1


@dataclass
class Paragraph:
    """Running text. ``style``: "body" (first line indented, justified), "plain" (no
    indent), "note" (italic), "centre" (centred)."""

    block: ClassVar[str] = "paragraph"

    text: str
    style: str = "body"


@dataclass
class Column:
    header: str
    # Numbers are right-aligned; a column with ``total`` is summed in the totals row.
    numeric: bool = False
    total: bool = False
    # Relative width in the PDF and DOCX, characters in the xlsx.
    width: float = 10


@dataclass
class GroupRow:
    """A row spanning the table that heads a group ("Cá nhân (12)")."""

    label: str


class StrongRow(list):
    """A row of cells printed in bold (a statistical form's "Tổng số" line); every writer
    that knows nothing of it reads it as a plain row."""


@dataclass
class HeaderCell:
    """A cell of a header of several rows, spanning columns and rows (a statistical form's
    "Chia ra" over its columns)."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Table:
    block: ClassVar[str] = "table"

    columns: list[Column]
    rows: list  # lists of cells, or ``GroupRow``
    # The totals row's label, in the first column that is not summed; empty: no totals row.
    totals_label: str = ""
    # The xlsx sheet of this table (words, at most 31 characters); empty: not in the xlsx.
    sheet: str = ""
    small: bool = False
    # Per row, the bars of a chart drawn beside the numbers in the PDF (dashboard).
    bars: list | None = None
    # The header as several rows of ``HeaderCell`` with merged cells, drawn by the PDF in
    # place of the columns' headers; the other writers keep one row of the columns' headers.
    header_rows: list[list[HeaderCell]] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    @property
    def data_rows(self) -> list[list]:
        return [row for row in self.rows if not isinstance(row, GroupRow)]

    @property
    def totals(self) -> list | None:
        """The totals row, or None: sums under the ``total`` columns, the label in the first
        column before them, blanks elsewhere."""
        if not self.totals_label:
            return None
        row: list = ["" for _ in self.columns]
        labelled = False
        for i, column in enumerate(self.columns):
            if column.total:
                row[i] = sum(
                    (r[i] for r in self.data_rows if isinstance(r[i], (int, float, Decimal))),
                    0,
                )
            elif not labelled and (i + 1 < len(self.columns) and self.columns[i + 1].total):
                row[i] = self.totals_label
                labelled = True
        if not labelled:
            row[0] = self.totals_label
        return row


@dataclass
class Facts:
    """Label–value pairs (a profile's particulars), with an optional photo beside them."""

    block: ClassVar[str] = "facts"

    pairs: list[tuple[str, str]]
    photo_url: str = ""
    photo_caption: str = ""
    # The photo's bytes, for the DOCX (the PDF loads ``photo_url`` through its fetcher).
    photo_bytes: bytes = b""


@dataclass
class Annex:
    """A phụ lục: its number ("I", or "" when it is the only one), title in capitals, and
    its blocks; ``landscape`` for a wide table."""

    title: str
    blocks: list
    number: str = ""
    landscape: bool = False


@dataclass
class Signature:
    """The signer's block: the authority lines ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), then the
    space for the signature and seal, then the full name."""

    lines: list[str]
    name: str


@dataclass
class Document:
    # What the document is (``reports.models.IssuedDocument.Kind``) and its register year.
    kind: str
    year: int
    # Heading block
    superior: str  # "UBND TỈNH NINH BÌNH", or "" (People's Committees have none)
    issuer: str  # "SỞ NỘI VỤ", "ỦY BAN NHÂN DÂN\nXÃ GIA VÂN"
    issuer_name: str  # in running text: "Sở Nội vụ", "Ủy ban nhân dân xã Gia Vân"
    place: str  # "Ninh Bình", "Gia Vân"
    date: datetime.date
    doc_type: str  # "BC", "TTr"
    type_name: str  # "BÁO CÁO", "TỜ TRÌNH"
    symbol: str  # "BC-SNV"
    subject: str  # trích yếu, sentence case
    body: list
    closing: str  # the last sentence, kept on the page of the signature
    recipients: list[str]
    signature: Signature
    filename: str
    annexes: list[Annex] = field(default_factory=list)
    addressee: list[str] = field(default_factory=list)  # "Kính gửi: …", one line each
    number: int | None = None  # None while a draft
    # A line for the xlsx and the register: "Phiên bản 2" of a consolidation, or "".
    version: str = ""
    # Authorised photos the PDF may load (attachment ids).
    attachment_ids: list[int] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    # A second signer on the left, in place of the recipients (the secretary of minutes).
    cosignature: Signature | None = None

    @property
    def is_draft(self) -> bool:
        return self.number is None

    @property
    def number_text(self) -> str:
        """ "05/BC-SNV"; a draft leaves room for the number: "     /BC-SNV"."""
        if self.number is None:
            return "\u00a0" * 6 + "/" + self.symbol
        return f"{self.number:02d}/{self.symbol}"

    @property
    def number_line(self) -> str:
        return f"Số: {self.number_text}"

    @property
    def place_date(self) -> str:
        d, m = decree_day(self.date)
        if self.is_draft:
            d = m = "\u00a0" * 4
        return f"{self.place}, ngày {d} tháng {m} năm {self.date.year}"

    @property
    def type_title(self) -> str:
        """ "Báo cáo", "Tờ trình": the type as cited in running text."""
        return self.type_name.capitalize()

    def attached_line(self) -> str:
        """ "(Kèm theo Báo cáo số 05/BC-SNV ngày 05/3/2026 của Sở Nội vụ)"."""
        day = "\u00a0" * 4 + "/" + "\u00a0" * 4 + f"/{self.date.year}"
        if not self.is_draft:
            day = short_date(self.date)
        return (
            f"(Kèm theo {self.type_title} số {self.number_text} ngày {day} của {self.issuer_name})"
        )

    def annex_heading(self, annex: Annex) -> str:
        return f"Phụ lục {annex.number}".strip()

    def tables(self) -> list[Table]:
        """Every table of the body and the annexes, in order."""
        found = [block for block in self.body if isinstance(block, Table)]
        for annex in self.annexes:
            found += [block for block in annex.blocks if isinstance(block, Table)]
        return found

    def text(self) -> str:
        """Every word a reader sees, in order (for tests and search)."""
        parts = [
            self.superior,
            self.issuer,
            self.number_line,
            NATIONAL_TITLE,
            MOTTO,
            self.place_date,
            self.type_name,
            self.subject,
            *self.addressee,
        ]
        for block in self.body:
            parts += _block_text(block)
        parts += [self.closing, *self.signature.lines, self.signature.name, *self.recipients]
        if self.cosignature:
            parts += [*self.cosignature.lines, self.cosignature.name]
        for annex in self.annexes:
            parts += [self.annex_heading(annex), annex.title, self.attached_line()]
            for block in annex.blocks:
                parts += _block_text(block)
        return "\n".join(str(part) for part in parts if part)


def _block_text(block) -> list[str]:
    if isinstance(block, (Heading, Paragraph)):
        return [block.text]
    if isinstance(block, Facts):
        return [f"{label}: {value}" for label, value in block.pairs]
    if isinstance(block, Table):
        lines = [" | ".join(block.headers)]
        for row in block.rows:
            if isinstance(row, GroupRow):
                lines.append(row.label)
            else:
                lines.append(" | ".join(str(cell) for cell in row))
        if block.totals:
            lines.append(" | ".join(str(cell) for cell in block.totals))
        return lines
    return []
