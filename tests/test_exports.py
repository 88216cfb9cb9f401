"""Lists download as spreadsheets: every matching row within reach, filters applied."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from campaigns import services
from exemplar_portal.base.exports import (
    MAX_WIDTH,
    MIN_WIDTH,
    XLSX_CONTENT_TYPE,
    cell_value,
    column_widths,
    csv_bytes,
    sheet_title,
    xlsx_bytes,
)
from registry.models import Campaign

pytestmark = pytest.mark.integration


def rows_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment; filename=")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_only_text_an_xlsx_would_store_as_a_formula_is_neutralised():
    assert cell_value('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert cell_value("=1+2") == "'=1+2"
    # A string cell is never evaluated: these stay as they read.
    assert cell_value("- Lưu: VT, TĐKT.") == "- Lưu: VT, TĐKT."
    assert cell_value("+84 912") == "+84 912"
    assert cell_value("@Trần Văn Quang") == "@Trần Văn Quang"
    assert cell_value("-1") == "-1"
    assert cell_value("Bình thường") == "Bình thường"
    assert cell_value(None) == ""
    assert cell_value(Decimal("15000000")) == Decimal("15000000")
    assert cell_value(datetime.date(2025, 6, 11)) == datetime.date(2025, 6, 11)


def test_csv_keeps_its_full_guard():
    content = csv_bytes(headers=["Ghi chú"], rows=[["- Lưu: VT."], ["+84 912"], [-5], ["=1"]])
    assert content.decode("utf-8-sig").splitlines() == [
        "Ghi chú",
        "'- Lưu: VT.",
        "'+84 912",
        "-5",
        "'=1",
    ]


def test_a_workbook_has_a_bold_header_and_the_rows():
    data = xlsx_bytes(title="Danh sách", headers=["Tên", "Năm"], rows=[["Gương sáng", 2025]])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Danh sách"
    assert sheet["A1"].value == "Tên" and sheet["A1"].font.bold
    assert [sheet["A2"].value, sheet["B2"].value] == ["Gương sáng", 2025]


def test_text_is_stored_as_text_and_formulas_never_run():
    rows = [
        ["- Lưu: VT, TĐKT.", "+84 912 345 678"],
        ["=1+2", '=HYPERLINK("http://example.com","Bấm")'],
        ["#N/A", "#DIV/0!"],
    ]
    sheet = load_workbook(
        io.BytesIO(xlsx_bytes(title="Ghi chú", headers=["A", "B"], rows=rows))
    ).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)] == [
        ["- Lưu: VT, TĐKT.", "+84 912 345 678"],
        ["'=1+2", '\'=HYPERLINK("http://example.com","Bấm")'],
        ["#N/A", "#DIV/0!"],
    ]
    assert {cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row} == {"s"}


def test_the_header_is_frozen_and_filtered_over_every_row():
    rows = ([n, f"Đơn vị số {n}", datetime.date(2025, 1, 1 + n % 28)] for n in range(1, 451))
    data = xlsx_bytes(title="Đơn vị", headers=["STT", "Tên", "Ngày"], rows=rows)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.freeze_panes == "A2"
    # More rows than are measured for the widths: the filter still covers all of them.
    assert sheet.max_row == 451
    assert sheet.auto_filter.ref == "A1:C451"
    assert sheet["C451"].is_date and sheet["C451"].number_format == "DD/MM/YYYY"


def test_columns_are_as_wide_as_their_text_within_bounds():
    rows = [
        [1, "Nguyễn Thị Hạnh", "Tận tụy " * 30, datetime.date(2025, 6, 11)],
        [2, "Hoàng Văn Khánh Long", "Ngắn", datetime.date(2025, 6, 12)],
    ]
    data = xlsx_bytes(
        title="Danh sách", headers=["STT", "Họ và tên", "Thành tích", "Ngày"], rows=rows
    )
    dimensions = load_workbook(io.BytesIO(data)).active.column_dimensions
    widths = [dimensions[letter].width for letter in "ABCD"]
    assert widths[0] == MIN_WIDTH  # "STT" and single digits: the narrowest column
    assert len("Hoàng Văn Khánh Long") < widths[1] < 30
    assert widths[2] == MAX_WIDTH  # a long text is capped, not a column across the screen
    assert widths[3] >= len("11/06/2025")
    # A long text on several lines is as wide as its longest line.
    assert column_widths(["A"], [["ngắn\n" + "x" * 20 + "\nngắn"]]) == [22.0]


def test_sheet_titles_are_words_excel_accepts_and_unique():
    long_title = "Danh sách điển hình tiên tiến của các cơ quan, đơn vị năm 2025"
    data = xlsx_bytes(
        title=long_title,
        headers=["A"],
        rows=[[1]],
        sheets=[
            ("Theo đơn vị: [năm]/2025?", ["B"], [[2]]),
            (long_title, ["C"], [[3]]),
            ("Tổng hợp", ["D"], [[4]]),
            ("TỔNG HỢP", ["E"], [[5]]),
            ("", ["F"], [[6]]),
        ],
    )
    names = load_workbook(io.BytesIO(data)).sheetnames
    assert names[0] == "Danh sách điển hình tiên tiến"
    assert names[1] == "Theo đơn vị năm 2025"
    # The same words again: a number, still within 31 characters and between words.
    assert names[2] == "Danh sách điển hình tiên (2)"
    assert names[3:5] == ["Tổng hợp", "TỔNG HỢP (2)"]
    assert names[5] == _("Sheet")
    for name in names:
        assert len(name) <= 31
        assert not set(name) & set("[]:*?/\\")
    for name in names[:3]:
        base = name.removesuffix(" (2)")
        assert long_title.startswith(base + " ") or base == "Theo đơn vị năm 2025"


def test_a_title_without_spaces_is_cut_at_the_limit():
    used = set()
    assert sheet_title("Chỉtiêu" * 6, used) == ("Chỉtiêu" * 6)[:31]
    assert sheet_title("History", used) == "History (2)"


def test_movement_list_exports_every_row_matching_the_filters(world, client_for):
    for n in range(30):  # more than one page of the list
        Campaign.objects.create(
            code=f"pt-{n}",
            name=f"Phong trào thi đua số {n}",
            kind="movement",
            launched_by="province",
            valid_from=2024,
        )
    Campaign.objects.create(
        code="cvd", name="Cuộc vận động khác", kind="campaign", launched_by="province"
    )
    client = client_for(world.user("editor_a"))
    rows = rows_of(
        client.get(reverse("campaigns:campaign_list"), {"kind": "movement", "export": "xlsx"})
    )
    assert rows[0][:3] == ["Mã", "Tên", "Loại"]
    names = {row[1] for row in rows[1:]}
    assert len(names) == 30 and "Cuộc vận động khác" not in names
    # The page itself offers the download with the same filters.
    page = client.get(reverse("campaigns:campaign_list"), {"kind": "movement", "page": "2"})
    assert "?kind=movement&amp;export=xlsx" in page.content.decode()


def test_difficulty_export_keeps_to_the_users_reach(world, client_for):
    services.difficulty_open(
        unit=world.dept_a, by=world.user("editor_a"), subject="Vướng mắc của Sở Y tế", body="…"
    )
    services.difficulty_open(
        unit=world.commune_a,
        by=world.user("commune_editor"),
        subject="Đề xuất của xã Gia Vân",
        body="…",
    )
    own = rows_of(
        client_for(world.user("editor_a")).get(
            reverse("campaigns:difficulty_list"), {"export": "xlsx"}
        )
    )
    assert [row[1] for row in own[1:]] == ["Vướng mắc của Sở Y tế"]
    everything = rows_of(
        client_for(world.user("home_affairs")).get(
            reverse("campaigns:difficulty_list"), {"export": "xlsx"}
        )
    )
    assert {row[1] for row in everything[1:]} == {"Vướng mắc của Sở Y tế", "Đề xuất của xã Gia Vân"}


def test_an_anonymous_visitor_gets_no_spreadsheet(client):
    response = client.get(reverse("campaigns:campaign_list"), {"export": "xlsx"})
    assert response.status_code == 302
