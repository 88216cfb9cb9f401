"""A provincial leader drills down from the 2025 dashboard and takes its printable overview.

Sở Y tế has one accepted exemplar and three drafts (the issue's example: its green bar used
to open a list of four); Xã Gia Vân two accepted and one under review; Sở GD&ĐT one accepted.
The leader opens the "accepted" cell of the health row under the chart by field and finds
exactly that many rows in the list; then clicks the green "accepted" bar of the chart by unit
kind and finds exactly as many rows as the bar counts. Back on the dashboard, the overview's
PDF is prepared while the leader waits: the button turns busy and the status says so, the
rest of the page stays usable, and the file arrives; asked for again, it is served from the
kept file without a second render.

At 1280 px and at 390 px; every page is checked for WCAG 2.1 A/AA, and screenshots are left
in ``SHOTS`` for a person to look at.
"""

import re
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from registry.models import Field
from reports import issuing, kept_drafts
from tests.e2e.conftest import TIMEOUT_MS
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.browser

YEAR = 2025
SHOTS = Path("/tmp/shots")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# The live server lays the overview out (WeasyPrint) inside the request.
RENDER_TIMEOUT_MS = 4 * TIMEOUT_MS


@pytest.fixture
def province(world):
    make = ExemplarFactory
    make(unit=world.dept_a, status="accepted", with_evidence=False)
    for _ in range(3):
        make(unit=world.dept_a, status="draft", with_evidence=False)
    for _ in range(2):
        make(unit=world.commune_a, status="accepted", with_evidence=False)
    make(unit=world.commune_a, status="under_review", with_evidence=False)
    make(
        unit=world.dept_b,
        status="accepted",
        field=Field.objects.get(code="education-training"),
        with_evidence=False,
    )
    return world


class Renders(list):
    release: threading.Event


@pytest.fixture
def held_renders(monkeypatch):
    """Every render of a document's file, held until the test lets it go (``release``)."""
    made = Renders()
    made.release = threading.Event()
    render = issuing.render

    def held(document, fmt):
        made.append(fmt)
        assert made.release.wait(timeout=RENDER_TIMEOUT_MS / 1000), "never let go"
        return render(document, fmt)

    monkeypatch.setattr(kept_drafts.issuing, "render", held)
    return made


def listed_rows(page: Page) -> int:
    """Rows of the exemplar list on the page; checks the list's own count agrees."""
    rows = page.locator("#exemplar-results tbody tr")
    count = rows.count()
    expect(page.locator("#exemplar-results caption")).to_contain_text(str(count))
    return count


def shoot(page: Page, name: str, width: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"dash-{name}-{width}.png", full_page=True)


def open_dashboard(page: Page) -> None:
    page.goto(f"/bao-cao/tong-quan/?year={YEAR}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(YEAR))


def drawn_chart(page: Page, key: str):
    """The canvas of the chart ``key``, once Chart.js has drawn it."""
    canvas = page.locator(f"canvas[data-chart='chart-{key}-data']")
    canvas.scroll_into_view_if_needed()
    page.wait_for_function(
        "c => window.Chart && window.Chart.getChart(c)", arg=canvas.element_handle()
    )
    return canvas


def bar_centre(canvas, label: str, series: int) -> tuple[float, float, str, int]:
    """Where the bar of ``series`` for ``label`` is drawn, with its link and value."""
    return canvas.evaluate(
        """(canvas, [label, series]) => {
            const chart = window.Chart.getChart(canvas);
            const index = chart.data.labels.indexOf(label);
            const point = chart.getDatasetMeta(series).data[index].getCenterPoint();
            const data = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
            return [point.x, point.y, data.series[series].urls[index],
                    data.series[series].data[index]];
        }""",
        [label, series],
    )


@pytest.mark.parametrize("screen", list(VIEWPORTS))
def test_the_leader_opens_exactly_what_a_bar_counts_and_takes_the_pdf(
    page: Page, province, login, axe_check, held_renders, screen
):
    viewport = VIEWPORTS[screen]
    width = viewport["width"]
    page.set_viewport_size(viewport)
    page.emulate_media(reduced_motion="reduce")  # no animation: the bars stay where drawn
    login(province.user("leader"), check=False)
    open_dashboard(page)
    # Each key figure says what it counts.
    figures = page.locator(".dashboard-figures > li")
    expect(page.locator(".dashboard-figures .dashboard-figure-caption")).to_have_count(
        figures.count()
    )
    axe_check(page)
    shoot(page, "overview", width)

    # The "accepted" cell of the health row under the chart by field: 3, and 3 rows.
    by_field = page.locator("section[aria-labelledby='chart-by-field']")
    health = by_field.locator("tbody tr").filter(has=page.get_by_role("link", name="Y tế"))
    accepted_cell = health.locator("a[data-series='1']")
    expect(accepted_cell).to_have_text("3")
    registered_cell = health.locator("a[data-series='0']")
    expect(registered_cell).to_have_text("7")
    accepted_cell.click()
    expect(page).to_have_url(re.compile(rf"\?year={YEAR}&field=health&status=accepted$"))
    assert listed_rows(page) == 3
    expect(page.locator("#exemplar-results tbody")).not_to_contain_text("Bản nháp")
    axe_check(page)
    shoot(page, "accepted-list", width)

    # The green bar of the departments in the chart by unit kind: 2 accepted, 2 rows (the
    # registered bar beside it counts 5, drafts included).
    open_dashboard(page)
    canvas = drawn_chart(page, "by-unit-kind")
    x, y, url, value = bar_centre(canvas, "Sở, ban, ngành", 1)
    assert value == 2 and "status=accepted" in url
    canvas.click(position={"x": x, "y": y})
    expect(page).to_have_url(re.compile(rf"\?year={YEAR}&unit_kind=department&status=accepted$"))
    assert listed_rows(page) == value
    open_dashboard(page)
    canvas = drawn_chart(page, "by-unit-kind")
    x, y, url, value = bar_centre(canvas, "Sở, ban, ngành", 0)
    assert value == 5
    canvas.click(position={"x": x, "y": y})
    expect(page).to_have_url(re.compile(rf"\?year={YEAR}&unit_kind=department$"))
    assert listed_rows(page) == 5

    # The overview's PDF: the button turns busy and the status says the document is being
    # prepared, while the rest of the page stays usable; then the file arrives.
    open_dashboard(page)
    actions = page.locator("[data-document-actions]")
    pdf = actions.locator("a[data-document-download][href*='format=pdf']")
    status = actions.locator("[data-document-status]")
    expect(status).to_have_attribute("role", "status")
    busy_text = status.get_attribute("data-busy-text")
    with page.expect_download(timeout=RENDER_TIMEOUT_MS) as download:
        pdf.click()
        expect(pdf).to_have_attribute("aria-busy", "true")
        expect(pdf).to_have_attribute("aria-disabled", "true")
        expect(pdf.locator(".spinner-border")).to_have_count(1)
        expect(status).to_have_text(busy_text)
        # Not blocked: the other buttons and the year still answer.
        docx = actions.locator("a[href*='format=docx']")
        expect(docx).not_to_have_attribute("aria-disabled", "true")
        page.get_by_role("combobox", name="Năm").select_option(str(YEAR - 1))
        page.get_by_role("combobox", name="Năm").select_option(str(YEAR))
        axe_check(page)
        shoot(page, "preparing", width)
        held_renders.release.set()
    file = download.value
    assert held_renders == ["pdf"]
    assert file.suggested_filename.endswith("-du-thao.pdf")
    assert Path(file.path()).read_bytes().startswith(b"%PDF")
    expect(pdf).not_to_have_attribute("aria-busy", "true")
    expect(pdf.locator(".spinner-border")).to_have_count(0)
    expect(status).to_have_text(status.get_attribute("data-done-text"))

    # Asked for again, the same overview comes from the kept file: no second render.
    with page.expect_download(timeout=RENDER_TIMEOUT_MS) as again:
        pdf.click()
    assert Path(again.value.path()).read_bytes() == Path(file.path()).read_bytes()
    assert held_renders == ["pdf"]
