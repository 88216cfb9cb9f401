"""A document's tables as a workbook (reports.workbooks): the document's particulars on the
first sheet, one sheet per named table, the header bold, frozen and filtered, groups and
totals, numbers and dates as such, and text written as it reads."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils.translation import pgettext
from openpyxl import load_workbook

from reports.layout import (
    Annex,
    Column,
    Document,
    GroupRow,
    Heading,
    Paragraph,
    Signature,
    Table,
)
from reports.workbooks import document_workbook

pytestmark = pytest.mark.unit

DAY = datetime.date(2026, 3, 5)
LONG_SHEET = "Danh sách điển hình tiên tiến được đề nghị khen thưởng"


def label(text: str) -> str:
    return pgettext("document particulars", text)


def units_table(**kwargs) -> Table:
    return Table(
        columns=[
            Column("STT", width=5),
            Column("Đơn vị", width=30),
            Column("Đăng ký", numeric=True, total=True),
            Column("Được công nhận", numeric=True, total=True),
            Column("Hạn nộp", width=12),
        ],
        rows=[
            GroupRow("Sở, ban, ngành (2)"),
            [1, "Sở Y tế", 12, 7, datetime.date(2026, 2, 28)],
            [2, "Sở Giáo dục và Đào tạo", 9, 4, datetime.date(2026, 2, 28)],
            GroupRow("Xã, phường (1)"),
            [3, "Xã Gia Vân", 5, 3, datetime.date(2026, 3, 15)],
        ],
        totals_label="Tổng cộng",
        sheet="Theo đơn vị",
        **kwargs,
    )


def report(**overrides) -> Document:
    fields = {
        "kind": "report",
        "year": 2026,
        "superior": "UBND TỈNH NINH BÌNH",
        "issuer": "UBND TỈNH NINH BÌNH\nSỞ NỘI VỤ",
        "issuer_name": "Sở Nội vụ",
        "place": "Ninh Bình",
        "date": DAY,
        "doc_type": "BC",
        "type_name": "BÁO CÁO",
        "symbol": "BC-SNV",
        "subject": "Kết quả xây dựng điển hình tiên tiến năm 2025",
        "body": [
            Heading("I. Kết quả"),
            Paragraph("Các đơn vị đã đăng ký và được công nhận như sau."),
            units_table(),
        ],
        "closing": "Sở Nội vụ báo cáo để Ủy ban nhân dân tỉnh biết, chỉ đạo.",
        "recipients": ["- UBND tỉnh;", "- Lưu: VT, TĐKT."],
        "signature": Signature(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Trần Văn Bình"),
        "filename": "bao-cao",
        "number": 5,
        "version": "Phiên bản 2",
        "annexes": [
            Annex(
                title="DANH SÁCH ĐIỂN HÌNH",
                number="I",
                blocks=[
                    Table(
                        columns=[Column("STT"), Column("Họ và tên"), Column("Ghi chú")],
                        rows=[
                            [1, "Nguyễn Thị Hạnh", "- Lưu: VT, TĐKT."],
                            [2, "=1+2", "+84 912 345 678"],
                            [3, '=HYPERLINK("http://example.com","Bấm")', "#N/A"],
                        ],
                        sheet=LONG_SHEET,
                    ),
                    # Not in the workbook: it names no sheet.
                    Table(columns=[Column("Ghi chú")], rows=[["chỉ trong bản in"]]),
                ],
            ),
            Annex(
                title="CHI PHÍ",
                number="II",
                blocks=[
                    Table(
                        columns=[Column("Khoản"), Column("Số tiền", numeric=True, total=True)],
                        rows=[
                            ["Khen thưởng", Decimal("15000000")],
                            ["Hội nghị", Decimal("2500000")],
                        ],
                        totals_label="Cộng",
                        # The same words as the first sheet: the title takes a number.
                        sheet="Theo đơn vị",
                    )
                ],
            ),
        ],
    }
    fields.update(overrides)
    return Document(**fields)


def book_of(document: Document):
    return load_workbook(io.BytesIO(document_workbook(document)))


def values(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_one_sheet_per_named_table_in_order_with_titles_of_whole_words():
    book = book_of(report())
    assert book.sheetnames == ["Theo đơn vị", "Danh sách điển hình tiên tiến", "Theo đơn vị (2)"]
    for title in book.sheetnames:
        assert len(title) <= 31
    # Cut between words, never inside one.
    assert LONG_SHEET.startswith(book.sheetnames[1] + " ")


def test_the_first_sheet_opens_with_the_documents_particulars():
    sheet = book_of(report()).worksheets[0]
    rows = values(sheet)
    assert rows[0][:2] == (label("Issued by"), "UBND TỈNH NINH BÌNH – SỞ NỘI VỤ")
    assert rows[1][:2] == (
        label("Document"),
        "BÁO CÁO: Kết quả xây dựng điển hình tiên tiến năm 2025",
    )
    assert rows[2][:2] == (label("Number"), "05/BC-SNV")
    assert rows[3][0] == label("Date")
    # A real date cell, shown day first.
    assert rows[3][1] == datetime.datetime(2026, 3, 5)
    assert sheet["B4"].is_date and sheet["B4"].number_format == "DD/MM/YYYY"
    assert rows[4][:2] == (label("Version"), "Phiên bản 2")
    assert all(sheet.cell(row=row, column=1).font.b for row in range(1, 6))
    # An empty row, then the table's header.
    assert all(value is None for value in rows[5])
    assert rows[6] == ("STT", "Đơn vị", "Đăng ký", "Được công nhận", "Hạn nộp")


def test_the_other_sheets_start_with_their_header():
    book = book_of(report())
    for sheet in book.worksheets[1:]:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.b for cell in sheet[1])
    assert values(book.worksheets[1])[0] == ("STT", "Họ và tên", "Ghi chú")
    assert values(book.worksheets[2])[0] == ("Khoản", "Số tiền")


def test_the_header_is_bold_frozen_and_filtered_over_the_table():
    sheet = book_of(report()).worksheets[0]
    assert [cell.value for cell in sheet[7]] == [
        "STT",
        "Đơn vị",
        "Đăng ký",
        "Được công nhận",
        "Hạn nộp",
    ]
    assert all(cell.font.b for cell in sheet[7])
    assert sheet.freeze_panes == "A8"
    # Header at row 7, five rows (two of them group rows): the totals row stays outside.
    assert sheet.auto_filter.ref == "A7:E12"
    annex = book_of(report()).worksheets[1]
    assert annex.auto_filter.ref == "A1:C4"


def test_group_rows_hold_their_label_alone_in_bold_italics():
    sheet = book_of(report()).worksheets[0]
    assert values(sheet)[7] == ("Sở, ban, ngành (2)", None, None, None, None)
    assert sheet["A8"].font.b and sheet["A8"].font.i
    assert values(sheet)[10][0] == "Xã, phường (1)"
    assert sheet["A11"].font.b and sheet["A11"].font.i
    # Data rows are neither.
    assert not sheet["B9"].font.b and not sheet["B9"].font.i


def test_numbers_stay_numbers_dates_are_dates_and_the_totals_row_sums():
    book = book_of(report())
    sheet = book.worksheets[0]
    assert values(sheet)[8] == (1, "Sở Y tế", 12, 7, datetime.datetime(2026, 2, 28))
    assert sheet["C9"].data_type == "n" and sheet["E9"].is_date
    totals = values(sheet)[12]
    assert totals == (None, "Tổng cộng", 26, 14, None)
    assert all(cell.font.b for cell in sheet[13] if cell.value is not None)
    costs = book.worksheets[2]
    assert values(costs)[-1] == ("Cộng", 17500000)
    assert costs["B2"].number_format == "#,##0" and costs["B2"].data_type == "n"


def test_text_is_written_as_it_reads_and_formulas_never_run():
    sheet = book_of(report()).worksheets[1]
    rows = values(sheet)
    assert rows[1][2] == "- Lưu: VT, TĐKT."
    assert rows[2][2] == "+84 912 345 678"
    assert rows[2][1] == "'=1+2"
    assert rows[3][1] == '\'=HYPERLINK("http://example.com","Bấm")'
    # Every text is a string cell: no formula, not even an error value.
    assert {cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row[1:]} == {"s"}
    assert rows[3][2] == "#N/A"


def test_columns_are_as_wide_as_their_text():
    book = book_of(report())
    sheet = book.worksheets[0]
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDE"}
    # "STT" is narrow, but the column also carries the particulars' labels.
    assert widths["A"] >= len(label("Issued by"))
    # "Sở Giáo dục và Đào tạo" (22 characters) fits.
    assert widths["B"] >= 22
    assert all(8 <= width <= 60 for width in widths.values())
    annex = book.worksheets[1]
    assert annex.column_dimensions["B"].width >= len('\'=HYPERLINK("http://example.com","Bấm")')


def test_a_draft_leaves_its_number_blank_and_says_it_is_a_draft():
    document = report(number=None, version="")
    rows = values(book_of(document).worksheets[0])
    assert rows[2][0] == label("Number")
    assert rows[2][1] == f"{document.number_text} ({label('Draft')})"
    assert "/BC-SNV" in rows[2][1] and "05" not in rows[2][1]
    # No version: the date is the last particular, then the empty row and the header.
    assert rows[3][0] == label("Date")
    assert all(value is None for value in rows[4])
    assert rows[5][0] == "STT"
    assert book_of(document).worksheets[0].freeze_panes == "A7"


def test_a_document_without_tables_still_gives_its_particulars():
    document = report(body=[Paragraph("Không có số liệu.")], annexes=[])
    book = book_of(document)
    assert len(book.worksheets) == 1
    rows = values(book.worksheets[0])
    assert rows[2][:2] == (label("Number"), "05/BC-SNV")
