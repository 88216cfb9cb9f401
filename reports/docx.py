"""A document as the DOCX an office edits before it signs: the layout of the PDF.

``docx_bytes`` writes a ``layout.Document`` with python-docx, laid out per Decree
30/2020/NĐ-CP as the PDF is (``templates/reports/pdf/document.html``): A4 portrait, margins
20/20/30/15 mm, Times New Roman 13 pt, the page number centred in the top margin from the
second page; the heading block and the closing block as borderless two-column tables; the
body in named styles an office can restyle at once; every annex in a section of its own,
landscape when it asks for it.

Text is written through a few named styles (the built-in "Normal", "Title", "Subtitle",
"heading 1/2", "Body Text", "Body Text First Indent", "caption", and the project's "Note"
and table styles) so that runs carry no formatting of their own except where one line of
the heading block asks for it.

The content is written as WordprocessingML text, each block parsed once: a table of
thousands of rows costs a few strings per cell, not python-docx's per-cell object lookups
(2,000 rows of six columns take about a third of a second).
"""

import datetime
import functools
import html
import io
import logging
import re
from pathlib import Path

import docx
from django.utils.translation import pgettext
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image as DocxImage
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph as DocxParagraph
from PIL import Image, ImageFont, UnidentifiedImageError

from .layout import (
    DRAFT_MARK,
    MOTTO,
    NATIONAL_TITLE,
    Annex,
    Document,
    Facts,
    GroupRow,
    Heading,
    Paragraph,
    Table,
    cell_text,
)

logger = logging.getLogger(__name__)

FONT = "Times New Roman"
# Liberation Serif is metric-compatible with Times New Roman: it measures the rules that
# must be as long as (or a fraction of) a line of text.
FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"
FONT_FILES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}

# Page: A4, margins of Decree 30/2020/NĐ-CP; a landscape annex turns the binding margin to
# the top, as the PDF does.
A4_SHORT, A4_LONG = 210, 297
PORTRAIT_MARGINS = {"top": 20, "bottom": 20, "left": 30, "right": 15}
LANDSCAPE_MARGINS = {"top": 30, "bottom": 15, "left": 20, "right": 20}
HEADER_DISTANCE_MM = 10

# The heading and closing blocks: shares of the line, as in the PDF.
ISSUER_SHARE = 0.42
RECIPIENTS_SHARE = 0.45
# The rule under the issuing body: within 1/3 to 1/2 of its line (Decree 30, appendix I).
ISSUER_RULE_SHARE = 0.45
# The short rule under the subject and an annex's title, as a share of the line.
TITLE_RULE_SHARE = 0.25
DRAFT_BOX_MM = 28
# Empty lines left for the signature and the seal (about 26 mm at 13 pt).
SIGNATURE_SPACE_LINES = 5
PHOTO_BOX_MM = (40, 55)
PHOTO_COLUMN_MM = 46
RECIPIENTS_LABEL = "Nơi nhận:"

# Style ids: the built-in styles Word knows by name, and the project's own.
S_BODY = "BodyTextFirstIndent"
S_PLAIN = "BodyText"
S_NOTE = "Note"
S_CAPTION = "Caption"
S_TABLE = "TableText"
S_TABLE_SMALL = "TableTextSmall"
S_TABLE_HEADER = "TableHeader"
PARAGRAPH_STYLES = {"body": S_BODY, "plain": S_PLAIN, "note": S_NOTE, "centre": S_CAPTION}

DROPPED_PARTS = {
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
}
# Characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
W = nsdecls("w")


def docx_bytes(document: Document) -> bytes:
    """The .docx of ``document``."""
    writer = _Writer(document)
    writer.write()
    buffer = io.BytesIO()
    writer.docx.save(buffer)
    return buffer.getvalue()


# Units and text -------------------------------------------------------------------------------


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def half_points(pt: float) -> int:
    return round(pt * 2)


def _escape(text: str) -> str:
    return html.escape(_INVALID_XML.sub("", text), quote=False)


@functools.cache
def _font(bold: bool, italic: bool):
    try:
        return ImageFont.truetype(str(FONT_DIR / FONT_FILES[bold, italic]), 1000)
    except OSError:
        return None


def text_width_mm(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """How long ``text`` runs in Times New Roman at ``size`` points."""
    font = _font(bold, italic)
    em = font.getlength(text) / 1000 if font else 0.6 * len(text)
    return em * size * 25.4 / 72


# WordprocessingML fragments ---------------------------------------------------------------


def _rpr(*, bold=False, italic=False, size=None) -> str:
    parts = ""
    if bold:
        parts += "<w:b/><w:bCs/>"
    if italic:
        parts += "<w:i/><w:iCs/>"
    if size:
        parts += f'<w:sz w:val="{half_points(size)}"/><w:szCs w:val="{half_points(size)}"/>'
    return f"<w:rPr>{parts}</w:rPr>" if parts else ""


def _ppr(
    *,
    style=None,
    keep_next=False,
    border=None,
    before=None,
    after=None,
    exact_line=None,
    indent=None,
    jc=None,
    mark="",
) -> str:
    """Paragraph properties in schema order; ``border`` is the inside of a ``w:pBdr``,
    ``indent`` a (left, right) pair of twips, ``mark`` the paragraph mark's ``w:rPr``."""
    parts = ""
    if style:
        parts += f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        parts += "<w:keepNext/>"
    if border:
        parts += f"<w:pBdr>{border}</w:pBdr>"
    if before is not None or after is not None or exact_line is not None:
        spacing = ""
        if before is not None:
            spacing += f' w:before="{before}"'
        if after is not None:
            spacing += f' w:after="{after}"'
        if exact_line is not None:
            spacing += f' w:line="{exact_line}" w:lineRule="exact"'
        parts += f"<w:spacing{spacing}/>"
    if indent:
        parts += f'<w:ind w:left="{indent[0]}" w:right="{indent[1]}" w:firstLine="0"/>'
    if jc:
        parts += f'<w:jc w:val="{jc}"/>'
    parts += mark
    return f"<w:pPr>{parts}</w:pPr>" if parts else ""


def _runs(text: str, rpr: str = "") -> str:
    """``text`` as runs; a line break where it has one."""
    if not text:
        return ""
    lines = _escape(text).split("\n")
    body = '</w:t><w:br/><w:t xml:space="preserve">'.join(lines)
    return f'<w:r>{rpr}<w:t xml:space="preserve">{body}</w:t></w:r>'


def _p(text: str = "", *, bold=False, italic=False, size=None, **ppr) -> str:
    rpr = _rpr(bold=bold, italic=italic, size=size)
    return f"<w:p>{_ppr(mark=rpr, **ppr)}{_runs(text, rpr)}</w:p>"


def _rule(width_twips: int, line_twips: int, *, before=20, after=0) -> str:
    """A centred horizontal rule ``width_twips`` long: the top border of an empty paragraph
    one point high, indented to that width."""
    side = max((line_twips - width_twips) // 2, 0)
    return _p(
        border='<w:top w:val="single" w:sz="5" w:space="0" w:color="000000"/>',
        before=before,
        after=after,
        exact_line=20,
        indent=(side, side),
        jc="center",
        size=1,
    )


def _tbl_pr(*, borders: bool, margins=(0, 0, 0, 0), style=None) -> str:
    edge = 'w:val="single" w:sz="4" w:space="0" w:color="000000"' if borders else 'w:val="nil"'
    sides = "".join(
        f"<w:{side} {edge}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    top, right, bottom, left = margins
    return (
        "<w:tblPr>"
        + (f'<w:tblStyle w:val="{style}"/>' if style else "")
        + '<w:tblW w:w="5000" w:type="pct"/><w:tblInd w:w="0" w:type="dxa"/>'
        + f"<w:tblBorders>{sides}</w:tblBorders>"
        + '<w:tblLayout w:type="fixed"/>'
        + f'<w:tblCellMar><w:top w:w="{top}" w:type="dxa"/><w:left w:w="{left}" w:type="dxa"/>'
        + f'<w:bottom w:w="{bottom}" w:type="dxa"/><w:right w:w="{right}" w:type="dxa"/>'
        + "</w:tblCellMar>"
        + '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        + 'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        + "</w:tblPr>"
    )


def _grid(widths: list[int]) -> str:
    return "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"


def _tc(width: int, content: str, *, span=1, valign=None) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if valign:
        props += f'<w:vAlign w:val="{valign}"/>'
    # A cell ends with a paragraph, even when it holds a table.
    if not content.endswith("</w:p>"):
        content += _p(exact_line=20, size=1)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def _split(total: int, shares: list[float]) -> list[int]:
    """``total`` twips in parts proportional to ``shares``, summing exactly to ``total``."""
    whole = sum(shares) or 1
    widths = [int(total * share / whole) for share in shares]
    widths[-1] += total - sum(widths)
    return widths


# Styles ---------------------------------------------------------------------------------------

_FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
_LANG = '<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>'


def _style(style_id, name, *, based_on="Normal", next_style=None, ppr="", rpr="", custom=False):
    return (
        f'<w:style {W} w:type="paragraph" w:styleId="{style_id}"'
        + (' w:default="1"' if style_id == "Normal" else "")
        + (' w:customStyle="1"' if custom else "")
        + f'><w:name w:val="{_escape(name)}"/>'
        + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
        + (f'<w:next w:val="{next_style}"/>' if next_style else "")
        + "<w:qFormat/>"
        + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
        + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
        + "</w:style>"
    )


def _styles() -> list[str]:
    size = half_points(13)
    indent = f'<w:ind w:firstLine="{twips(12.7)}"/>'
    return [
        _style(
            "Normal",
            "Normal",
            based_on=None,
            ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
            rpr=f'{_FONTS}<w:color w:val="000000"/><w:sz w:val="{size}"/>'
            f'<w:szCs w:val="{size}"/>{_LANG}',
        ),
        _style("Header", "header", ppr='<w:jc w:val="center"/>'),
        _style(
            "Title",
            "Title",
            next_style="Subtitle",
            ppr='<w:keepNext/><w:spacing w:before="400" w:after="0"/><w:jc w:val="center"/>',
            rpr='<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>',
        ),
        _style(
            "Subtitle",
            "Subtitle",
            next_style=S_BODY,
            ppr='<w:keepNext/><w:spacing w:before="40" w:after="0"/><w:jc w:val="center"/>',
            rpr="<w:b/><w:bCs/>",
        ),
        _style(
            "Heading1",
            "heading 1",
            next_style=S_BODY,
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="120"/>'
            f'{indent}<w:jc w:val="both"/><w:outlineLvl w:val="0"/>',
            rpr="<w:b/><w:bCs/>",
        ),
        _style(
            "Heading2",
            "heading 2",
            next_style=S_BODY,
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="80"/>'
            f'{indent}<w:jc w:val="both"/><w:outlineLvl w:val="1"/>',
            rpr="<w:b/><w:bCs/><w:i/><w:iCs/>",
        ),
        _style(
            S_PLAIN, "Body Text", ppr='<w:spacing w:before="0" w:after="120"/><w:jc w:val="both"/>'
        ),
        _style(S_BODY, "Body Text First Indent", based_on=S_PLAIN, ppr=indent),
        _style(
            S_NOTE,
            pgettext("document style", "Note"),
            based_on=S_PLAIN,
            rpr='<w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/>',
            custom=True,
        ),
        _style(
            S_CAPTION,
            "caption",
            next_style=S_PLAIN,
            ppr='<w:keepNext/><w:spacing w:before="160" w:after="80"/><w:jc w:val="center"/>',
            rpr="<w:b/><w:bCs/>",
        ),
        _style(
            S_TABLE,
            pgettext("document style", "Table text"),
            ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
            rpr='<w:sz w:val="22"/><w:szCs w:val="22"/>',
            custom=True,
        ),
        _style(
            S_TABLE_SMALL,
            pgettext("document style", "Table text, small"),
            based_on=S_TABLE,
            rpr='<w:sz w:val="21"/><w:szCs w:val="21"/>',
            custom=True,
        ),
        _style(
            S_TABLE_HEADER,
            pgettext("document style", "Table header"),
            based_on=S_TABLE,
            ppr='<w:keepNext/><w:jc w:val="center"/>',
            rpr="<w:b/><w:bCs/>",
            custom=True,
        ),
    ]


def _set_styles(document) -> None:
    """Times New Roman 13 pt, black, Vietnamese, everywhere; then the named styles, each
    replacing the template's own (its theme fonts and colours)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    size = half_points(13)
    styles.insert(
        0,
        parse_xml(
            f"<w:docDefaults {W}><w:rPrDefault><w:rPr>{_FONTS}"
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>{_LANG}</w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    for xml in _styles():
        element = parse_xml(xml)
        style_id = element.get(qn("w:styleId"))
        for old in styles.findall(qn("w:style")):
            if old.get(qn("w:styleId")) == style_id:
                styles.remove(old)
        styles.append(element)


# The writer -----------------------------------------------------------------------------------


class _Writer:
    def __init__(self, document: Document):
        self.document = document
        self.docx = docx.Document()
        self.body = self.docx.element.body
        self.pending: list[str] = []
        self.width = 0  # the text's width on the current page, in twips

    # Output ---------------------------------------------------------------------------------

    def add(self, xml: str) -> None:
        self.pending.append(xml)

    def flush(self) -> list:
        """Parses what was added and puts it at the end of the body; answers the elements.

        Each element is parsed on its own with the namespace declared on it: lxml then moves
        it into the document without reconciling the namespace of every node under it (which
        takes seconds for a table of thousands of rows)."""
        sentinel = self.body.get_or_add_sectPr()
        elements = [parse_xml(xml.replace(">", f" {W}>", 1)) for xml in self.pending]
        self.pending = []
        for element in elements:
            sentinel.addprevious(element)
        return elements

    # Document -------------------------------------------------------------------------------

    def write(self) -> None:
        document = self.document
        _set_styles(self.docx)
        self._properties()
        section = self.docx.sections[0]
        self._page(section, landscape=False)
        self._page_numbers(section)
        if document.is_draft:
            self._draft_mark()
        self._heading_block()
        self._title()
        self._blocks(document.body)
        self._closing()
        for annex in document.annexes:
            self._annex(annex)
        self.flush()
        # Word ends a document that ends with a table with an empty line of its own, which
        # may push a blank page: end it with a line one point high instead.
        last = self.body.get_or_add_sectPr().getprevious()
        if last is not None and last.tag == qn("w:tbl"):
            self.add(_p(exact_line=20, size=1))
            self.flush()

    def _properties(self) -> None:
        document = self.document
        # The template's thumbnail (a picture of another page) and its second copy of the
        # styles (which Word 2010 may read instead of ours) are left out.
        for relationships in (self.docx.part.package.rels, self.docx.part.rels):
            for key, relationship in list(relationships.items()):
                if relationship.reltype in DROPPED_PARTS:
                    relationships.pop(key)
        properties = self.docx.core_properties
        number = "" if document.is_draft else document.number_text
        properties.title = " ".join(filter(None, [document.type_title, number]))
        properties.subject = document.subject
        properties.author = document.issuer_name
        properties.last_modified_by = document.issuer_name
        properties.comments = ""
        properties.language = "vi-VN"
        moment = datetime.datetime.combine(document.date, datetime.time(), datetime.UTC)
        properties.created = moment
        properties.modified = moment
        properties.revision = 1

    def _page(self, section, *, landscape: bool) -> None:
        margins = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        width, height = (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin = Mm(margins["top"])
        section.bottom_margin = Mm(margins["bottom"])
        section.left_margin = Mm(margins["left"])
        section.right_margin = Mm(margins["right"])
        section.header_distance = Mm(HEADER_DISTANCE_MM)
        section.footer_distance = Mm(HEADER_DISTANCE_MM)
        section.gutter = 0
        self.width = twips(width - margins["left"] - margins["right"])

    def _page_numbers(self, section) -> None:
        """The page number centred in the header from page 2 on: the first page has a
        header of its own, empty."""
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        header = section.header
        header.is_linked_to_previous = False
        element = header._element
        for paragraph in element.findall(qn("w:p")):
            element.remove(paragraph)
        element.append(
            parse_xml(
                f'<w:p {W}><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr>'
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                "<w:r><w:t>2</w:t></w:r>"
                '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
            )
        )

    def _draft_mark(self) -> None:
        side = max((self.width - twips(DRAFT_BOX_MM)) // 2, 0)
        edge = 'w:val="single" w:sz="8" w:space="1" w:color="000000"'
        box = f"<w:top {edge}/><w:left {edge}/><w:bottom {edge}/><w:right {edge}/>"
        self.add(
            _p(DRAFT_MARK, bold=True, border=box, after=twips(4), indent=(side, side), jc="center")
        )

    def _heading_block(self) -> None:
        """Issuing body left, national title right; then the number and the place and date
        on one line."""
        document = self.document
        left, right = _split(self.width, [ISSUER_SHARE, 1 - ISSUER_SHARE])
        issuer_lines = [line.strip().upper() for line in document.issuer.splitlines()]
        issuer_lines = [line for line in issuer_lines if line]
        body = ""
        if document.superior.strip():
            body += _p(document.superior.strip().upper(), size=12.5, jc="center")
        if issuer_lines:
            body += _p("\n".join(issuer_lines), bold=True, size=12.5, jc="center")
            widest = max(text_width_mm(line, 12.5, bold=True) for line in issuer_lines)
            body += _rule(min(twips(widest * ISSUER_RULE_SHARE), left), left)
        motto_width = twips(text_width_mm(MOTTO, 13.5, bold=True))
        nation = (
            _p(NATIONAL_TITLE, bold=True, size=12.5, jc="center")
            + _p(MOTTO, bold=True, size=13.5, jc="center")
            + _rule(min(motto_width, right), right)
        )
        number = _p(document.number_line, size=13, jc="center", before=120)
        place_date = _p(document.place_date, italic=True, size=13.5, jc="center", before=120)
        self.add(
            f"<w:tbl>{_tbl_pr(borders=False)}{_grid([left, right])}"
            f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{_tc(left, body)}{_tc(right, nation)}</w:tr>"
            f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{_tc(left, number)}{_tc(right, place_date)}"
            "</w:tr></w:tbl>"
        )

    def _title(self) -> None:
        """The type alone in capitals, the subject under it, a short rule; then whom the
        document is addressed to."""
        document = self.document
        if document.type_name:
            self.add(_p(document.type_name.upper(), style="Title"))
        if document.subject:
            self.add(_p(document.subject, style="Subtitle"))
        self.add(_rule(round(self.width * TITLE_RULE_SHARE), self.width, after=200))
        lines = [line for line in document.addressee if line]
        for i, line in enumerate(lines):
            self.add(
                _p(
                    line,
                    jc="center",
                    before=120 if i == 0 else 0,
                    after=200 if i == len(lines) - 1 else 0,
                )
            )

    # Body -----------------------------------------------------------------------------------

    def _blocks(self, blocks: list) -> None:
        for block in blocks:
            if isinstance(block, Heading):
                style = "Heading1" if block.level <= 1 else "Heading2"
                self.add(_p(block.text, style=style))
            elif isinstance(block, Paragraph):
                style = PARAGRAPH_STYLES.get(block.style, S_BODY)
                for text in _chunks(block.text):
                    self.add(_p(text, style=style))
            elif isinstance(block, Table):
                self._table(block)
            elif isinstance(block, Facts):
                self._facts(block)

    def _table(self, table: Table) -> None:
        """Bordered, the header row repeated on every page, rows never split, figures right-
        aligned and the ordinal column centred, groups as bold italic rows across the table,
        the totals row bold. ``Table.bars`` belong to the PDF alone."""
        columns = table.columns
        if not columns:
            return
        widths = _split(self.width, [max(column.width, 0.1) for column in columns])
        text_style = S_TABLE_SMALL if table.small else S_TABLE
        header_rpr = _rpr(size=10.5) if table.small else ""
        parts = [
            f"<w:tbl>{_tbl_pr(borders=True, margins=(40, 80, 40, 80), style='TableGrid')}",
            _grid(widths),
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        ]
        for width, column in zip(widths, columns, strict=True):
            header = (
                f'<w:p><w:pPr><w:pStyle w:val="{S_TABLE_HEADER}"/>{header_rpr}</w:pPr>'
                f"{_runs(column.header, header_rpr)}</w:p>"
            )
            parts.append(_tc(width, header, valign="center"))
        parts.append("</w:tr>")
        # Per column, what opens and closes a cell: the hot loop only adds the text.
        openings = []
        for i, (width, column) in enumerate(zip(widths, columns, strict=True)):
            align = "right" if column.numeric else ("center" if i == 0 else "")
            jc = f'<w:jc w:val="{align}"/>' if align else ""
            openings.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{text_style}"/>{jc}</w:pPr>'
            )
        closing = "</w:p></w:tc>"
        row_start = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        count = len(columns)
        group_rpr = _rpr(bold=True, italic=True)
        for row in table.rows:
            if isinstance(row, GroupRow):
                cell = (
                    f'<w:p><w:pPr><w:pStyle w:val="{text_style}"/>{group_rpr}</w:pPr>'
                    f"{_runs(str(row.label), group_rpr)}</w:p>"
                )
                parts.append(f"{row_start}{_tc(self.width, cell, span=count)}</w:tr>")
                continue
            parts.append(row_start)
            cells = list(row[:count]) + [None] * (count - len(row))
            for opening, value in zip(openings, cells, strict=True):
                parts.append(opening)
                parts.append(_runs(cell_text(value)))
                parts.append(closing)
            parts.append("</w:tr>")
        totals = table.totals
        if totals:
            bold = _rpr(bold=True)
            parts.append(row_start)
            for opening, value in zip(openings, totals, strict=True):
                parts.append(opening.replace("</w:pPr>", f"{bold}</w:pPr>"))
                parts.append(_runs(cell_text(value), bold))
                parts.append(closing)
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        self.add("".join(parts))
        # Room under the table, and two tables in a row are never merged into one.
        self.add(_p(exact_line=160, size=1))

    def _facts(self, facts: Facts) -> None:
        """Label and value in two columns; the photo to the right of them."""
        photo = _photo(facts.photo_bytes) if facts.photo_bytes else None
        width = self.width - (twips(PHOTO_COLUMN_MM) if photo else 0)
        labels = [f"{label}:" for label, _value in facts.pairs]
        widest = max((text_width_mm(label, 13) for label in labels), default=0)
        label_width = min(twips(widest) + 160, width * 45 // 100)
        widths = [label_width, width - label_width]
        rows = "".join(
            f"<w:tr>{_tc(widths[0], _p(label))}{_tc(widths[1], _p(cell_text(value)))}</w:tr>"
            for label, (_label, value) in zip(labels, facts.pairs, strict=True)
        )
        properties = _tbl_pr(borders=False, margins=(20, 120, 20, 0))
        table = f"<w:tbl>{properties}{_grid(widths)}{rows}</w:tbl>"
        if not photo:
            self.add(table)
            self.add(_p(exact_line=120, size=1))
            return
        caption = _p(facts.photo_caption, italic=True, size=10, jc="center")
        self.flush()
        self.add(
            f"<w:tbl>{_tbl_pr(borders=False)}{_grid([width, self.width - width])}<w:tr>"
            f"{_tc(width, table)}{_tc(self.width - width, _p(jc='center') + caption)}"
            "</w:tr></w:tbl>"
        )
        self.add(_p(exact_line=120, size=1))
        outer = self.flush()[0]
        placeholder = outer.xpath("./w:tr/w:tc[2]/w:p")[0]
        blob, (box_width, box_height) = photo
        run = DocxParagraph(placeholder, self.docx._body).add_run()
        run.add_picture(io.BytesIO(blob), width=Mm(box_width), height=Mm(box_height))

    # Closing --------------------------------------------------------------------------------

    def _closing(self) -> None:
        """The closing sentence kept with the block under it; recipients left, the signer
        right, in a row that never splits: the signature never stands alone on a page."""
        document = self.document
        for text in _chunks(document.closing):
            self.add(_p(text, style=S_BODY, keep_next=True))
        left, right = _split(self.width, [RECIPIENTS_SHARE, 1 - RECIPIENTS_SHARE])
        recipients = _p(RECIPIENTS_LABEL, bold=True, italic=True, size=12, before=200)
        names = [name for name in document.recipients if name]
        for i, name in enumerate(names):
            mark = "." if i == len(names) - 1 else ";"
            recipients += _p(f"- {name}{mark}", size=11)
        signer = _signature_block(document.signature)
        if document.cosignature:  # a second signer instead of the recipients
            recipients = _signature_block(document.cosignature)
        self.add(
            f"<w:tbl>{_tbl_pr(borders=False)}{_grid([left, right])}"
            f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{_tc(left, recipients)}{_tc(right, signer)}"
            "</w:tr></w:tbl>"
        )

    # Annexes --------------------------------------------------------------------------------

    def _annex(self, annex: Annex) -> None:
        """A section of its own from a new page: its number, title and the line that ties it
        to the document, then its blocks."""
        self.flush()
        section = self.docx.add_section(WD_SECTION.NEW_PAGE)
        # The paragraph that ends the previous section: one point high, so that it never
        # pushes an empty page of its own.
        properties = self.body.get_or_add_sectPr().getprevious().get_or_add_pPr()
        tiny = parse_xml(
            f'<w:pPr {W}><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr>'
        )
        for element in reversed(list(tiny)):
            properties.insert(0, element)
        # Page numbers go on from the previous section, on its first page too.
        section.different_first_page_header_footer = False
        self._page(section, landscape=annex.landscape)
        self.add(_p(self.document.annex_heading(annex), bold=True, jc="center", keep_next=True))
        self.add(_p(annex.title.upper(), bold=True, jc="center", keep_next=True))
        self.add(_p(self.document.attached_line(), italic=True, jc="center", keep_next=True))
        self.add(_rule(round(self.width * TITLE_RULE_SHARE), self.width, before=40, after=200))
        self._blocks(annex.blocks)


def _chunks(text: str) -> list[str]:
    """A text's paragraphs: it breaks them with an empty line."""
    return [chunk.strip() for chunk in (text or "").split("\n\n") if chunk.strip()]


def _photo(blob: bytes):
    """The photo as python-docx takes it (formats it does not read are turned into PNG) and
    its size in millimetres within the photo box; None when it cannot be read."""
    try:
        image = DocxImage.from_blob(blob)
    except UnrecognizedImageError:
        try:
            with Image.open(io.BytesIO(blob)) as source:
                buffer = io.BytesIO()
                source.convert("RGB").save(buffer, format="PNG")
        except (UnidentifiedImageError, OSError, ValueError):
            logger.warning("A photo of a document could not be read; it is left out.")
            return None
        blob = buffer.getvalue()
        image = DocxImage.from_blob(blob)
    except Exception:  # a damaged header of a known format
        logger.warning("A photo of a document could not be read; it is left out.")
        return None
    box_width, box_height = PHOTO_BOX_MM
    if not image.px_width or not image.px_height:
        return None
    height = box_width * image.px_height / image.px_width
    if height <= box_height:
        return blob, (box_width, height)
    return blob, (box_height * image.px_width / image.px_height, box_height)


def _signature_block(signature) -> str:
    """The authority lines, the space for the signature and seal, the name."""
    lines = "".join(
        _p(line.upper(), bold=True, jc="center", before=200 if i == 0 else None)
        for i, line in enumerate(signature.lines)
    )
    return lines + _p() * SIGNATURE_SPACE_LINES + _p(signature.name, bold=True, jc="center")
