"""The printable dashboard (PDF and xlsx): the same figures as the page, charts as tables with
bars drawn without script, who may print it; and workbooks of several sheets."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from registry.exports import xlsx_bytes
from reports.documents import _bar_segments
from tests.test_dashboard import figures  # noqa: F401  (the hand-computed fixture)
from tests.test_documents import flat, pdf_text

pytestmark = pytest.mark.integration

URL = reverse("reports:dashboard_document")


def test_the_pdf_carries_the_heading_the_figures_and_each_chart(figures, client_for):  # noqa: F811
    from reports.dashboard import build_dashboard

    response = client_for(figures.user("leader")).get(URL, {"year": 2025})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = flat(pdf_text(response.content))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "TỔNG QUAN ĐIỂN HÌNH TIÊN TIẾN" in text
    assert "năm 2025, so với năm 2024" in text
    # Registered 6 in 2025 against 2 in 2024; accepted 3 against 1; quota met by 2 of 8.
    assert "Điển hình đăng ký 6 2 +4" in text
    assert "Được công nhận 3 1 +2" in text
    assert "2/8" in text
    dashboard = build_dashboard(user=figures.user("leader"), year=2025)
    for chart in dashboard.charts:
        assert chart.title in text


def test_the_xlsx_has_the_figures_then_one_sheet_per_chart(figures, client_for):  # noqa: F811
    from reports.dashboard import build_dashboard

    response = client_for(figures.user("home_affairs")).get(URL, {"year": 2025, "format": "xlsx"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    dashboard = build_dashboard(user=figures.user("home_affairs"), year=2025)
    assert len(book.sheetnames) == 1 + len(dashboard.charts)
    first = list(book.worksheets[0].iter_rows(values_only=True))
    assert first[0] == ("Chỉ số", "2025", "2024", "Thay đổi")
    assert ("Được công nhận", 3, 1, 2) in first
    by_field = next(
        sheet for sheet in book.worksheets if sheet.title.startswith("Điển hình theo lĩnh vực")
    )
    rows = list(by_field.iter_rows(values_only=True))
    assert ("Y tế", 5, 2) in rows


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("leader", 200),
        ("home_affairs", 200),
        ("administrator", 200),
        ("editor_a", 403),
        ("head_a", 403),
        ("district_reviewer", 403),
        ("commune_editor", 403),
        ("media", 403),
    ],
)
def test_who_may_print_the_dashboard(world, client_for, persona, expected):
    response = client_for(world.user(persona)).get(URL, {"year": 2025, "format": "xlsx"})
    assert response.status_code == expected


def test_a_bad_year_falls_back_to_this_year_and_a_bad_format_is_404(world, client_for):
    client = client_for(world.user("leader"))
    assert client.get(URL, {"year": "abc", "format": "xlsx"}).status_code == 200
    assert client.get(URL, {"format": "docx"}).status_code == 404


def test_stacked_bars_follow_each_other_and_others_share_the_line():
    stacked = _bar_segments((3, 1), peak=8, stacked=True)
    assert [(s["x"], s["width"]) for s in stacked] == [(0.0, 37.5), (37.5, 12.5)]
    side = _bar_segments((4, 2), peak=4, stacked=False)
    assert [(s["x"], s["y"], s["width"], s["height"]) for s in side] == [
        (0, 0.0, 100.0, 4.0),
        (0, 4.0, 50.0, 4.0),
    ]


def test_a_workbook_takes_more_sheets_with_safe_unique_titles():
    content = xlsx_bytes(
        title="Tổng hợp",
        headers=["A"],
        rows=[[1]],
        sheets=[("Theo đơn vị: [năm]/2025?", ["B"], [[2]]), ("Tổng hợp", ["C"], [[3]])],
    )
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames[0] == "Tổng hợp"
    assert book.sheetnames[1] == "Theo đơn vị- -năm--2025-"
    assert len(set(book.sheetnames)) == 3
    assert [row for row in book.worksheets[2].iter_rows(values_only=True)] == [("C",), (3,)]
