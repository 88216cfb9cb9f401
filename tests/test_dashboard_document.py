"""The dashboard as Home Affairs' overview report (PDF, DOCX and xlsx drafts): the same figures
as the page, charts as tables with bars drawn without script, who may print it; and
workbooks of several sheets."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from exemplar_portal.base.exports import xlsx_bytes
from reports.documents import _bar_segments
from reports.layout import NATIONAL_TITLE
from tests.test_dashboard import figures  # noqa: F401  (the hand-computed fixture)
from tests.test_documents import (
    DOCX_CONTENT_TYPE,
    flat,
    is_draft,
    particular,
    pdf_text,
    xlsx_particulars,
    xlsx_rows,
    xlsx_table,
)

pytestmark = pytest.mark.integration

URL = reverse("reports:dashboard_document")


def test_the_pdf_carries_the_heading_the_figures_and_each_chart(figures, client_for):  # noqa: F811
    from reports.dashboard import build_dashboard

    response = client_for(figures.user("leader")).get(URL, {"year": 2025})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = flat(pdf_text(response.content))
    for expected in (
        NATIONAL_TITLE,
        "UBND TỈNH NINH BÌNH",
        "SỞ NỘI VỤ",
        "BÁO CÁO",
        flat(
            _("Overview of advanced exemplars in %(year)s compared with %(previous)s")
            % {"year": 2025, "previous": 2024}
        ),
        flat(_("To: The Provincial People's Committee")),
        flat(_("I. KEY FIGURES")),
        flat(_("II. DETAILS")),
        "Nơi nhận:",
        # Registered 6 in 2025 against 2 in 2024; accepted 3 against 1; quota met by 2 of 8.
        "Điển hình đăng ký 6 2 +4",
        "Được công nhận 3 1 +2",
        "Đơn vị đạt chỉ tiêu 2/8",
    ):
        assert expected in text, expected
    assert is_draft(text)
    dashboard = build_dashboard(user=figures.user("leader"), year=2025)
    for n, chart in enumerate(dashboard.charts, start=1):
        assert f"{n}. {chart.title}" in text
    # Each chart's figures, by group.
    assert "Y tế 5 2" in text


def test_the_xlsx_has_the_figures_then_one_sheet_per_chart(figures, client_for):  # noqa: F811
    from reports.dashboard import build_dashboard

    response = client_for(figures.user("home_affairs")).get(URL, {"year": 2025, "format": "xlsx"})
    assert response.status_code == 200
    content = response.content
    book = load_workbook(io.BytesIO(content))
    dashboard = build_dashboard(user=figures.user("home_affairs"), year=2025)
    assert len(book.sheetnames) == 1 + len(dashboard.charts)
    assert book.sheetnames[0] == _("Key figures")
    particulars = xlsx_particulars(content)
    assert particulars[particular("Issued by")] == "SỞ NỘI VỤ"
    assert particular("Draft") in particulars[particular("Number")]
    first = xlsx_rows(content)
    assert first[0] == (_("No."), _("Figure"), "2025", "2024", _("Change"))
    by_label = {row[1]: row[2:] for row in first[1:]}
    assert by_label["Được công nhận"] == (3, 1, "+2")
    assert by_label["Điển hình đăng ký"] == (6, 2, "+4")
    chart = next(c for c in dashboard.charts if str(c.title) == "Điển hình theo lĩnh vực")
    assert str(chart.title) in book.sheetnames
    rows = xlsx_table(content, str(chart.title))
    assert rows[0] == (_("Group"), *(str(name) for name in chart.series))
    assert ("Y tế", 5, 2) in rows


def test_the_docx_is_offered_to_edit(figures, client_for):  # noqa: F811
    response = client_for(figures.user("leader")).get(URL, {"year": 2025, "format": "docx"})
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert "tong-quan-dien-hinh-2025-du-thao.docx" in response["Content-Disposition"]


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
    response = client.get(URL, {"year": "abc", "format": "xlsx"})
    assert response.status_code == 200
    this_year = timezone.localdate().year
    assert f"tong-quan-dien-hinh-{this_year}-du-thao.xlsx" in response["Content-Disposition"]
    assert client.get(URL, {"format": "odt"}).status_code == 404
    assert client.get(URL, {"format": "html"}).status_code == 404


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
    # Titles are words: the characters Excel refuses are dropped, a repeated title numbered.
    assert book.sheetnames == ["Tổng hợp", "Theo đơn vị năm 2025", "Tổng hợp (2)"]
    assert [row for row in book.worksheets[2].iter_rows(values_only=True)] == [("C",), (3,)]
