"""Lists download as spreadsheets: every matching row within reach, filters applied."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from campaigns import services
from campaigns.models import Campaign
from registry.exports import XLSX_CONTENT_TYPE, cell_value, xlsx_bytes

pytestmark = pytest.mark.integration


def rows_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment; filename=")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_cells_that_would_run_as_formulas_are_kept_as_text():
    assert cell_value('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert cell_value("+84 912") == "'+84 912"
    assert cell_value("-1") == "'-1"
    assert cell_value("Bình thường") == "Bình thường"
    assert cell_value(None) == ""
    assert cell_value(Decimal("15000000")) == Decimal("15000000")
    assert cell_value(datetime.date(2025, 6, 11)) == datetime.date(2025, 6, 11)


def test_a_workbook_has_a_bold_header_and_the_rows():
    data = xlsx_bytes(title="Danh sách", headers=["Tên", "Năm"], rows=[["Gương sáng", 2025]])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Danh sách"
    assert sheet["A1"].value == "Tên" and sheet["A1"].font.bold
    assert [sheet["A2"].value, sheet["B2"].value] == ["Gương sáng", 2025]


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
