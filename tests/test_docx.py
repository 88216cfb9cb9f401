"""The DOCX of a document: the layout of Decree 30/2020/NĐ-CP an office finishes in a word
processor, read back with python-docx."""

import datetime
import io
from decimal import Decimal

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph as WordParagraph
from PIL import Image

from reports.docx import docx_bytes
from reports.layout import (
    NATIONAL_TITLE,
    Annex,
    Column,
    Document,
    Facts,
    GroupRow,
    Heading,
    Paragraph,
    Signature,
    Table,
    cell_text,
)

pytestmark = pytest.mark.unit

PLACE_DATE = "Ninh Bình, ngày 05 tháng 3 năm 2026"
ATTACHED = "(Kèm theo Báo cáo số 05/BC-SNV ngày 05/3/2026 của Sở Nội vụ)"


def units_table(rows=None) -> Table:
    return Table(
        columns=[
            Column("STT", width=6),
            Column("Đơn vị", width=40),
            Column("Điển hình", numeric=True, total=True, width=14),
            Column("Kinh phí", numeric=True, total=True, width=20),
            Column("Ngày nhận", width=20),
        ],
        rows=rows
        if rows is not None
        else [
            GroupRow("Cấp tỉnh (2)"),
            [1, "Sở Y tế", 3, Decimal("12500"), datetime.date(2026, 3, 5)],
            [2, "Sở Giáo dục và Đào tạo", 4, Decimal("500"), None],
            GroupRow("Cấp xã (1)"),
            [3, "Xã Gia Vân", 2, Decimal("0"), datetime.date(2026, 1, 9)],
        ],
        totals_label="Tổng cộng",
    )


def make(**changes) -> Document:
    fields = {
        "kind": "yearly_report",
        "year": 2025,
        "superior": "UBND TỈNH NINH BÌNH",
        "issuer": "SỞ NỘI VỤ",
        "issuer_name": "Sở Nội vụ",
        "place": "Ninh Bình",
        "date": datetime.date(2026, 3, 5),
        "doc_type": "BC",
        "type_name": "BÁO CÁO",
        "symbol": "BC-SNV",
        "subject": "Kết quả công tác điển hình tiên tiến năm 2025",
        "body": [
            Heading("I. KẾT QUẢ ĐẠT ĐƯỢC"),
            Paragraph("Đoạn thứ nhất của báo cáo.\n\nĐoạn thứ hai: ơ ư ạ ấ ậ ế ệ ố ộ ỉ ủ ữ."),
            Heading("1. Theo đơn vị", level=2),
            Paragraph("Bảng 1. Số liệu chính", style="centre"),
            units_table(),
            Paragraph("Số liệu tính đến ngày 31/12/2025.", style="note"),
            Paragraph("Một đoạn không thụt đầu dòng.", style="plain"),
        ],
        "closing": "Trên đây là báo cáo của Sở Nội vụ./.",
        "recipients": ["UBND tỉnh (để b/c)", "Ban TĐ-KT tỉnh", "Lưu: VT, TĐKT"],
        "signature": Signature(lines=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], name="Nguyễn Văn An"),
        "filename": "bao-cao-2025",
        "number": 5,
    }
    fields.update(changes)
    return Document(**fields)


def read(document: Document):
    return docx.Document(io.BytesIO(docx_bytes(document)))


def paragraphs_of(table) -> list:
    """Every paragraph of a table, nested tables included, in order."""
    return [WordParagraph(p, table._parent) for p in table._tbl.iter(qn("w:p"))]


def all_paragraphs(word) -> list:
    found = []
    for element in word.element.body.iter(qn("w:p")):
        found.append(WordParagraph(element, word._body))
    return found


def paragraph(word, text):
    matches = [p for p in all_paragraphs(word) if p.text == text]
    assert matches, f"no paragraph reads {text!r}"
    return matches[0]


def full_text(word) -> str:
    return "\n".join(p.text for p in all_paragraphs(word))


def data_table(word):
    return next(t for t in word.tables if t.rows[0].cells[0].text == "STT")


def row_texts(row) -> list[str]:
    return [cell.text for cell in row.cells]


# Page and styles ------------------------------------------------------------------------------


def test_the_page_is_a4_portrait_with_the_decree_margins_and_times_new_roman_13():
    word = read(make())
    section = word.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    normal = word.styles["Normal"]
    assert word.styles.default(WD_STYLE_TYPE.PARAGRAPH) == normal
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(13)
    fonts = normal.element.rPr.rFonts
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(attribute)) == "Times New Roman"
    # No theme font can take the place of Times New Roman.
    assert not [name for name in fonts.attrib if "Theme" in name or "theme" in name]
    assert normal.font.color.rgb == RGBColor(0, 0, 0)


def test_body_text_headings_and_table_text_are_named_styles():
    word = read(make())
    body = word.styles["Body Text First Indent"]
    assert body.paragraph_format.first_line_indent.cm == pytest.approx(1.27, abs=0.01)
    assert body.base_style.name == "Body Text"
    plain = word.styles["Body Text"]
    assert plain.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert plain.paragraph_format.space_after == Pt(6)
    assert word.styles["Heading 1"].font.bold
    assert word.styles["Heading 1"].font.color.rgb is None  # black, from Normal
    assert word.styles["Heading 2"].font.bold and word.styles["Heading 2"].font.italic
    table_text = next(s for s in word.styles if s.style_id == "TableText")
    assert table_text.font.size == Pt(11)

    assert paragraph(word, "I. KẾT QUẢ ĐẠT ĐƯỢC").style.name == "Heading 1"
    assert paragraph(word, "1. Theo đơn vị").style.name == "Heading 2"
    # A text's empty line starts a new paragraph.
    first = paragraph(word, "Đoạn thứ nhất của báo cáo.")
    second = paragraph(word, "Đoạn thứ hai: ơ ư ạ ấ ậ ế ệ ố ộ ỉ ủ ữ.")
    assert first.style.name == second.style.name == "Body Text First Indent"
    assert paragraph(word, "Một đoạn không thụt đầu dòng.").style.name == "Body Text"
    assert paragraph(word, "Số liệu tính đến ngày 31/12/2025.").style.font.italic
    caption = paragraph(word, "Bảng 1. Số liệu chính")
    assert caption.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert caption.style.font.bold


def test_the_page_number_is_centred_in_the_header_from_the_second_page():
    section = read(make()).sections[0]
    assert section.different_first_page_header_footer
    header = section.header
    assert not header.is_linked_to_previous
    instructions = [t.text for t in header._element.iter(qn("w:instrText"))]
    assert [text.strip() for text in instructions] == ["PAGE"]
    assert header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert header.paragraphs[0].style.base_style.name == "Normal"
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert not list(first._element.iter(qn("w:instrText")))
    assert "".join(p.text for p in first.paragraphs) == ""


# Heading block, type and subject ---------------------------------------------------------


def test_the_heading_table_has_the_issuer_the_national_title_the_number_and_the_date():
    word = read(make())
    heading = word.tables[0]
    texts = [p.text for p in paragraphs_of(heading)]
    assert "UBND TỈNH NINH BÌNH" in texts
    assert "SỞ NỘI VỤ" in texts
    assert NATIONAL_TITLE in texts
    assert "Độc lập - Tự do - Hạnh phúc" in texts
    assert "Số: 05/BC-SNV" in texts
    assert PLACE_DATE in texts
    # Issuing body left, national title right; the number and the date on one line.
    left, right = heading.rows[0].cells
    assert "SỞ NỘI VỤ" in left.text and NATIONAL_TITLE in right.text
    assert row_texts(heading.rows[1]) == ["Số: 05/BC-SNV", PLACE_DATE]
    by_text = {p.text: p for p in paragraphs_of(heading)}
    assert by_text[PLACE_DATE].runs[0].italic
    assert by_text["SỞ NỘI VỤ"].runs[0].bold
    assert not by_text["UBND TỈNH NINH BÌNH"].runs[0].bold
    assert by_text[NATIONAL_TITLE].runs[0].bold
    # A rule under the issuing body and under the motto: bordered empty paragraphs.
    rules = [p for p in paragraphs_of(heading) if p._p.find(f".//{qn('w:pBdr')}") is not None]
    assert len(rules) == 2
    # The heading table draws no borders.
    borders = heading._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_a_people_s_committee_has_no_superior_line_and_its_name_on_two_lines():
    word = read(make(superior="", issuer="ỦY BAN NHÂN DÂN\nXÃ GIA VÂN", place="Gia Vân"))
    left = word.tables[0].rows[0].cells[0]
    assert left.paragraphs[0].text == "ỦY BAN NHÂN DÂN\nXÃ GIA VÂN"
    assert "UBND" not in left.text
    assert "Gia Vân, ngày 05 tháng 3 năm 2026" in row_texts(word.tables[0].rows[1])


def test_the_type_line_and_the_subject_are_centred_under_the_heading():
    word = read(make(addressee=["Kính gửi: Ủy ban nhân dân tỉnh Ninh Bình"]))
    title = paragraph(word, "BÁO CÁO")
    assert title.style.name == "Title"
    assert title.style.font.bold and title.style.font.size == Pt(14)
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    subject = paragraph(word, "Kết quả công tác điển hình tiên tiến năm 2025")
    assert subject.style.name == "Subtitle"
    assert subject.style.font.bold and not subject.style.font.italic
    addressee = paragraph(word, "Kính gửi: Ủy ban nhân dân tỉnh Ninh Bình")
    assert addressee.alignment == WD_ALIGN_PARAGRAPH.CENTER
    text = full_text(word)
    assert text.index("BÁO CÁO") < text.index("Kết quả công tác") < text.index("Kính gửi")
    assert text.index("Kính gửi") < text.index("I. KẾT QUẢ ĐẠT ĐƯỢC")


def test_a_draft_is_marked_in_a_box_and_has_no_number():
    word = read(make(number=None))
    mark = paragraph(word, "DỰ THẢO")
    borders = mark._p.pPr.find(qn("w:pBdr"))
    sides = ("top", "left", "bottom", "right")
    assert {edge.tag for edge in borders} == {qn(f"w:{side}") for side in sides}
    assert all_paragraphs(word)[0].text == "DỰ THẢO"
    number, place_date = row_texts(word.tables[0].rows[1])
    assert number == "Số: " + "\u00a0" * 6 + "/BC-SNV"
    assert not any(ch.isdigit() for ch in number)
    assert "ngày 05" not in place_date
    assert "05/BC-SNV" not in full_text(word)
    assert "DỰ THẢO" not in full_text(read(make()))


# Tables ---------------------------------------------------------------------------------------


def test_a_table_has_a_repeating_header_figures_right_aligned_groups_and_totals():
    table = data_table(read(make()))
    header = table.rows[0]
    assert row_texts(header) == ["STT", "Đơn vị", "Điển hình", "Kinh phí", "Ngày nhận"]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)

    texts = [row_texts(row) for row in table.rows]
    # Dates as dd/mm/yyyy, thousands with a dot, None as nothing.
    assert texts[2] == ["1", "Sở Y tế", "3", "12.500", "05/03/2026"]
    assert texts[3] == ["2", "Sở Giáo dục và Đào tạo", "4", "500", ""]
    assert texts[5] == ["3", "Xã Gia Vân", "2", "0", "09/01/2026"]

    figures = table.rows[2].cells
    assert figures[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert figures[3].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert figures[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert figures[1].paragraphs[0].alignment is None
    assert figures[1].paragraphs[0].style.style_id == "TableText"

    # A group spans the table in bold italics.
    group = table.rows[1]
    assert len(group._tr.tc_lst) == 1
    assert group._tr.tc_lst[0].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "5"
    assert group.cells[0].text == "Cấp tỉnh (2)"
    run = group.cells[0].paragraphs[0].runs[0]
    assert run.bold and run.italic

    totals = table.rows[-1]
    assert row_texts(totals) == ["", "Tổng cộng", "9", "13.000", ""]
    assert all(run.bold for cell in totals.cells for run in cell.paragraphs[0].runs)
    assert totals.cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_column_widths_follow_the_relative_widths_across_the_text_width():
    table = data_table(read(make()))
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    text_width = round((210 - 30 - 15) * 1440 / 25.4)
    assert sum(grid) == text_width
    assert grid[1] == pytest.approx(text_width * 40 / 100, abs=2)
    assert grid[0] == pytest.approx(text_width * 6 / 100, abs=2)


def test_two_tables_in_a_row_stay_two_tables_and_bars_are_left_to_the_pdf():
    first = units_table()
    second = units_table()
    second.bars = [[{"x": 0, "y": 0, "width": 10, "height": 8, "fill": "#000"}]] * 3
    word = read(make(body=[first, second]))
    tables = [t for t in word.tables if t.rows[0].cells[0].text == "STT"]
    assert len(tables) == 2
    assert len(tables[1].columns) == 5


def test_a_table_of_two_thousand_rows_is_written_whole():
    rows = [[i, f"Điển hình {i}", i % 7, Decimal(i), None] for i in range(1, 2001)]
    table = data_table(read(make(body=[units_table(rows)])))
    assert len(table.rows) == 1 + 2000 + 1
    assert row_texts(table.rows[2000])[:2] == ["2000", "Điển hình 2000"]
    assert row_texts(table.rows[-1])[2] == str(sum(i % 7 for i in range(1, 2001)))


def test_text_a_document_cannot_hold_is_left_out_instead_of_breaking_it():
    rows = [[1, "Sở\x0bY tế\x00", 1, 1, None], [2, "A <b>& B</b>\nhai dòng", 1, 1, None]]
    table = data_table(read(make(body=[units_table(rows)])))
    assert row_texts(table.rows[1])[1] == "SởY tế"
    assert row_texts(table.rows[2])[1] == "A <b>& B</b>\nhai dòng"


def test_cells_read_as_in_the_pdf():
    assert cell_text(None) == ""
    assert cell_text(datetime.date(2026, 3, 5)) == "05/03/2026"
    assert cell_text(9999) == "9999"
    assert cell_text(1234567) == "1.234.567"
    assert cell_text(Decimal("-25000")) == "-25.000"
    assert cell_text(True) == "True"
    assert cell_text("Sở Y tế") == "Sở Y tế"


# Facts ----------------------------------------------------------------------------------------


def photo(size=(300, 400), image_format="JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (90, 60, 30)).save(buffer, image_format)
    return buffer.getvalue()


def test_facts_are_label_and_value_with_the_photo_beside_them():
    facts = Facts(
        pairs=[("Họ và tên", "Trần Thị Bình"), ("Năm sinh", 1980)],
        photo_bytes=photo(),
        photo_caption="Ảnh chân dung",
    )
    word = read(make(body=[facts]))
    outer = word.tables[1]
    facts_cell, photo_cell = outer.rows[0].cells
    inner = facts_cell.tables[0]
    assert [row_texts(row) for row in inner.rows] == [
        ["Họ và tên:", "Trần Thị Bình"],
        ["Năm sinh:", "1980"],
    ]
    assert "Ảnh chân dung" in photo_cell.text
    assert len(word.inline_shapes) == 1
    shape = word.inline_shapes[0]
    # Within the 40 x 55 mm box, the photo's proportions kept.
    assert shape.width.mm == pytest.approx(40, abs=0.1)
    assert shape.height.mm == pytest.approx(40 * 4 / 3, abs=0.1)
    assert photo_cell._tc.find(f".//{qn('w:drawing')}") is not None


def test_a_tall_photo_is_fitted_by_its_height_and_other_formats_are_converted():
    facts = Facts(pairs=[("Họ và tên", "A")], photo_bytes=photo((100, 400), "WEBP"))
    word = read(make(body=[facts]))
    shape = word.inline_shapes[0]
    assert shape.height.mm == pytest.approx(55, abs=0.1)
    assert shape.width.mm == pytest.approx(55 / 4, abs=0.1)


def test_facts_without_a_readable_photo_are_a_table_alone():
    for photo_bytes in (b"", b"not an image"):
        word = read(make(body=[Facts(pairs=[("Họ và tên", "A")], photo_bytes=photo_bytes)]))
        assert len(word.inline_shapes) == 0
        assert row_texts(word.tables[1].rows[0]) == ["Họ và tên:", "A"]


# Closing --------------------------------------------------------------------------------------


def test_the_closing_sentence_goes_with_the_signer_and_the_recipients():
    word = read(make())
    closing = paragraph(word, "Trên đây là báo cáo của Sở Nội vụ./.")
    assert closing.paragraph_format.keep_with_next
    assert closing.style.name == "Body Text First Indent"
    # The closing block is the table right after it.
    block = closing._p.getnext()
    assert block.tag == qn("w:tbl")
    table = next(t for t in word.tables if t._tbl is block)
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    recipients, signer = table.rows[0].cells

    texts = [p.text for p in recipients.paragraphs]
    assert texts == ["Nơi nhận:", "- UBND tỉnh (để b/c);", "- Ban TĐ-KT tỉnh;", "- Lưu: VT, TĐKT."]
    label = recipients.paragraphs[0].runs[0]
    assert label.bold and label.italic and label.font.size == Pt(12)
    assert all(p.runs[0].font.size == Pt(11) for p in recipients.paragraphs[1:])

    lines = [p.text for p in signer.paragraphs]
    assert lines[:2] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert lines[-1] == "Nguyễn Văn An"
    assert lines[2:-1] == [""] * len(lines[2:-1]) and len(lines[2:-1]) >= 4
    assert all(p.runs[0].bold for p in signer.paragraphs if p.text)
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in signer.paragraphs if p.text)


# Annexes --------------------------------------------------------------------------------------


def test_an_annex_is_a_section_of_its_own_landscape_when_asked():
    annexes = [
        Annex(title="Danh sách điển hình", blocks=[units_table()], number="I", landscape=True),
        Annex(title="Danh sách khen thưởng", blocks=[Paragraph("Không có.")], number="II"),
    ]
    word = read(make(annexes=annexes))
    first, wide, narrow = word.sections
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert wide.orientation == WD_ORIENT.LANDSCAPE
    assert wide.page_width > wide.page_height
    assert round(wide.page_width.mm) == 297
    assert narrow.orientation == WD_ORIENT.PORTRAIT
    assert narrow.page_width < narrow.page_height
    assert [round(m.mm) for m in (narrow.left_margin, narrow.right_margin)] == [30, 15]
    # The annexes' pages carry their number from their first page on.
    assert not wide.different_first_page_header_footer
    assert wide.header.is_linked_to_previous

    heading = paragraph(word, "Phụ lục I")
    assert heading.runs[0].bold
    assert heading.alignment == WD_ALIGN_PARAGRAPH.CENTER
    title = paragraph(word, "DANH SÁCH ĐIỂN HÌNH")
    assert title.runs[0].bold
    attached = [p for p in all_paragraphs(word) if p.text == ATTACHED]
    assert len(attached) == 2
    assert attached[0].runs[0].italic
    assert attached[0].alignment == WD_ALIGN_PARAGRAPH.CENTER

    # The annex's table spans the landscape page's text width.
    table = [t for t in word.tables if t.rows[0].cells[0].text == "STT"][-1]
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert sum(grid) == round((297 - 20 - 20) * 1440 / 25.4)
    text = full_text(word)
    assert text.index("Nguyễn Văn An") < text.index("Phụ lục I") < text.index("Phụ lục II")


def test_a_draft_annex_leaves_the_number_and_the_date_blank():
    word = read(make(number=None, annexes=[Annex(title="Danh sách", blocks=[])]))
    expected = (
        "(Kèm theo Báo cáo số " + "\u00a0" * 6 + "/BC-SNV ngày "
        "\u00a0\u00a0\u00a0\u00a0/\u00a0\u00a0\u00a0\u00a0/2026 của Sở Nội vụ)"
    )
    assert paragraph(word, expected).runs[0].italic
    assert paragraph(word, "Phụ lục")


def test_every_word_of_the_document_is_in_the_docx():
    table = units_table([[1, "Sở Y tế", 3, 40, "Hồ sơ đủ"], GroupRow("Cấp xã (1)")])
    document = make(
        body=[Heading("I. KẾT QUẢ"), Paragraph("Nội dung."), table],
        addressee=["Kính gửi: Ủy ban nhân dân tỉnh Ninh Bình"],
        annexes=[Annex(title="Danh sách", blocks=[Facts(pairs=[("Họ và tên", "Lê Văn Cường")])])],
    )
    # Capitals are the layout's (the annex title, the type line): compare the words alone.
    text = full_text(read(document)).casefold()
    words = document.text().casefold().split()
    missing = [word for word in words if word != "|" and word not in text]
    assert missing == []


def test_a_section_never_ends_on_a_table_or_an_empty_line_of_full_height():
    for annexes in ([], [Annex(title="Danh sách", blocks=[units_table()], landscape=True)]):
        body = read(make(annexes=annexes)).element.body
        breaks = f"{qn('w:pPr')}/{qn('w:sectPr')}"
        ends = [p for p in body.iter(qn("w:p")) if p.find(breaks) is not None]
        ends.append(body[-1].getprevious())
        for end in ends:
            assert end.tag == qn("w:p")
            assert end.find(f".//{qn('w:t')}") is None
            spacing = end.pPr.find(qn("w:spacing"))
            assert spacing.get(qn("w:lineRule")) == "exact"
            assert int(spacing.get(qn("w:line"))) <= 160
