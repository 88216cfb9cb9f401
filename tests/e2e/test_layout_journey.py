"""The shared look of every page in a real browser, at 1280 px and on a 390 px phone.

The menu is one row on a desktop for every role and folds into a usable column on a phone;
lists fold their filters behind one button and show the active ones as chips; wide tables
say that they scroll; download buttons and file inputs are the portal's own; the budget page
reads at 4.5:1 when spending passed the estimate. Every page shown is checked with axe.
"""

import datetime
import re
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import Page, expect

from registry.enums import ExemplarStatus
from tests.factories.exemplars import ExemplarFactory
from tests.personas import EACH_ROLE

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
MAIN_NAVIGATION = "Thanh điều hướng chính"
MENU_TOGGLER = "Hiện hoặc ẩn trình đơn"


@pytest.fixture(autouse=True)
def _no_animation(page: Page):
    """Buttons and dropdowns change colour without a transition, so that axe reads each
    state as it stays, not half-way (Bootstrap honours the preference)."""
    page.emulate_media(reduced_motion="reduce")


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def navigation(page: Page):
    return page.get_by_role("navigation", name=MAIN_NAVIGATION)


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport + 1, f"{page.url} is {width}px wide on a {viewport}px screen"


def menu_rows(page: Page) -> int:
    """How many rows the menu's entries (brand, areas, notifications, user) take."""
    tops = page.evaluate(
        """() => [
            document.querySelector('.portal-navbar .navbar-brand'),
            ...document.querySelectorAll('#main-nav > .navbar-nav > .nav-item'),
        ].map((element) => {
            const box = element.getBoundingClientRect();
            return Math.round(box.top + box.height / 2);
        })"""
    )
    rows = []
    for middle in sorted(tops):
        if not rows or middle - rows[-1] > 8:
            rows.append(middle)
    return len(rows)


@pytest.mark.parametrize("persona", EACH_ROLE)
def test_the_menu_is_one_row_at_1280_px_for_every_role(page: Page, world, login, persona):
    login(world.user(persona), check=False)
    expect(page.locator("#main-nav")).to_be_visible()
    assert menu_rows(page) == 1
    # One row of the navbar is about 56-60 px; two would be near 100.
    assert page.locator(".portal-navbar").bounding_box()["height"] < 72
    no_sideways_scroll(page)


def test_the_menu_opens_and_closes_with_the_keyboard(page: Page, world, login, axe_check):
    login(world.user("home_affairs"), check=False)
    assert menu_rows(page) == 1
    area = navigation(page).get_by_role("button", name="Điển hình", exact=True)
    area.focus()
    expect(area).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(area).to_have_attribute("aria-expanded", "true")
    queue = navigation(page).get_by_role("link", name="Thẩm định", exact=True)
    expect(queue).to_be_visible()
    axe_check(page)  # with the dropdown open
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(queue).to_be_focused()
    page.keyboard.press("Escape")
    expect(area).to_have_attribute("aria-expanded", "false")
    expect(area).to_be_focused()
    expect(queue).to_be_hidden()

    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Hồ sơ chờ tôi thẩm định")
    # The page is marked in its area, and the area as the one the user is in.
    expect(
        navigation(page).get_by_role("link", name="Thẩm định", exact=True, include_hidden=True)
    ).to_have_attribute("aria-current", "page")
    expect(area).to_have_class(re.compile(r"\bactive\b"))
    axe_check(page)


@pytest.mark.browser_context_args(**PHONE)
def test_the_menu_folds_into_a_column_on_a_phone(page: Page, world, login, logout, axe_check):
    login(world.user("home_affairs"), check=False)
    no_sideways_scroll(page)
    toggler = page.get_by_role("button", name=MENU_TOGGLER)
    areas = navigation(page).locator("#main-nav")
    expect(toggler).to_have_attribute("aria-expanded", "false")
    expect(areas).to_be_hidden()
    axe_check(page)

    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(areas).to_be_visible()
    # One entry a row: the areas stack.
    assert menu_rows(page) > 5
    propagation = navigation(page).get_by_role("button", name="Thi đua, tuyên truyền")
    propagation.click()
    events = navigation(page).get_by_role("link", name="Sự kiện", exact=True)
    expect(events).to_be_visible()
    # The dropdown opens in place, inside the screen, with room to tap each page.
    box = events.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert box["height"] >= 40
    no_sideways_scroll(page)
    axe_check(page)

    events.click()
    expect(heading(page)).to_have_text("Sự kiện")
    expect(toggler).to_have_attribute("aria-expanded", "false")  # folded again on a new page
    no_sideways_scroll(page)
    axe_check(page)
    logout()


def exemplars_of_two_years(world):
    ExemplarFactory(unit=world.dept_a, full_name="Trần Thị Mai Anh", year=2025)
    ExemplarFactory(
        unit=world.dept_a,
        full_name="Phạm Văn Đức Long",
        year=2024,
        status=ExemplarStatus.RETURNED,
    )


@pytest.mark.browser_context_args(**PHONE)
def test_a_lists_filters_fold_behind_one_button_with_chips(page: Page, world, login, axe_check):
    exemplars_of_two_years(world)
    login(world.user("editor_a"), check=False)
    page.goto("/dien-hinh/")
    results = page.locator("#exemplar-results")
    expect(results.get_by_role("link", name="Trần Thị Mai Anh")).to_be_visible()
    expect(results.get_by_role("link", name="Phạm Văn Đức Long")).to_be_visible()

    # The filters are folded: the first screen shows the list, not eight selects.
    toggle = page.get_by_role("button", name="Lọc", exact=True)
    year = page.get_by_role("combobox", name="Năm", exact=True)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(year).to_be_hidden()
    assert results.bounding_box()["y"] < 844
    # The list is made of cards: the status badge wraps, nothing sticks out.
    badge = results.locator(".badge.status-returned")
    expect(badge).to_be_visible()
    card = results.locator("tbody tr").filter(has=page.locator(".badge.status-returned"))
    card_box, badge_box = card.bounding_box(), badge.bounding_box()
    assert badge_box["x"] + badge_box["width"] <= card_box["x"] + card_box["width"]
    no_sideways_scroll(page)
    axe_check(page)

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(year).to_be_visible()
    axe_check(page)

    # htmx narrows the list as soon as a filter changes, and the chips follow.
    with page.expect_response(lambda r: "year=2025" in r.url):
        year.select_option("2025")
    expect(results.get_by_role("link", name="Phạm Văn Đức Long")).to_have_count(0)
    chips = page.locator("#filter-chips")
    chip = chips.get_by_role("link", name=re.compile(r"^Năm: 2025"))
    expect(chip).to_be_visible()
    expect(page).to_have_url(re.compile(r"year=2025"))
    axe_check(page)

    # A chip removes its filter.
    chip.click()
    expect(page).not_to_have_url(re.compile(r"year=2025"))
    expect(results.get_by_role("link", name="Phạm Văn Đức Long")).to_be_visible()
    expect(chips.get_by_role("link")).to_have_count(0)
    expect(page.get_by_role("button", name="Lọc", exact=True)).to_have_attribute(
        "aria-expanded", "false"
    )
    axe_check(page)


def test_on_a_desktop_the_filters_stay_open(page: Page, world, login, axe_check):
    exemplars_of_two_years(world)
    login(world.user("editor_a"), check=False)
    page.goto("/dien-hinh/?year=2024")
    expect(page.get_by_role("button", name="Lọc", exact=True)).to_be_hidden()
    expect(page.get_by_role("combobox", name="Năm", exact=True)).to_be_visible()
    expect(
        page.locator("#filter-chips").get_by_role("link", name=re.compile("^Năm: 2024"))
    ).to_be_visible()
    # A table on a desktop, not cards.
    header = page.locator("#exemplar-results thead")
    expect(header).to_be_visible()
    axe_check(page)


@pytest.fixture
def follow_up_gaps(world):
    """Accepted exemplars nobody followed up: the follow-up page's table has six columns."""
    for name, unit in [
        ("Nguyễn Thị Phương Thảo", world.dept_a),
        ("Đinh Công Tráng", world.commune_a),
    ]:
        ExemplarFactory(unit=unit, full_name=name, year=2025, status=ExemplarStatus.ACCEPTED)


@pytest.mark.browser_context_args(**PHONE)
def test_a_wide_table_says_it_scrolls(page: Page, world, login, axe_check, follow_up_gaps):
    login(world.user("home_affairs"), check=False)
    page.goto("/theo-doi/")
    box = page.locator("main .table-responsive").first
    cue = box.locator("xpath=..")
    expect(cue).to_have_class(re.compile(r"\bscroll-cue\b"))
    expect(cue).to_have_class(re.compile(r"\bis-scrollable\b"))
    expect(cue).to_have_class(re.compile(r"\bhas-more-right\b"))
    expect(cue).not_to_have_class(re.compile(r"\bhas-more-left\b"))
    hint = cue.locator("xpath=following-sibling::*[1]")
    expect(hint).to_have_class(re.compile(r"\bscroll-hint\b"))
    expect(hint).to_be_visible()
    # The shadow on the right is drawn.
    shadow = cue.evaluate("(element) => getComputedStyle(element, '::after').opacity")
    assert shadow == "1"
    no_sideways_scroll(page)  # the table scrolls inside its box, the page does not
    axe_check(page)

    box.evaluate("(element) => element.scrollTo({left: element.scrollWidth})")
    expect(cue).to_have_class(re.compile(r"\bhas-more-left\b"))
    expect(cue).not_to_have_class(re.compile(r"\bhas-more-right\b"))


def test_a_table_that_fits_shows_no_cue(page: Page, world, login, follow_up_gaps):
    login(world.user("home_affairs"), check=False)
    page.goto("/theo-doi/")
    cue = page.locator("main .scroll-cue").first
    expect(cue).to_be_attached()
    expect(cue).not_to_have_class(re.compile(r"\bis-scrollable\b"))
    expect(page.locator("main .scroll-hint").first).to_be_hidden()


@pytest.fixture
def over_spent(world):
    """Sở Y tế spent 7.200.000 đ on an item estimated at 1.000.000 đ this year."""
    import_module("campaigns.migrations.0006_budget_items").seed_budget_items(apps, None)
    from campaigns.models import BudgetEstimate, BudgetItem, BudgetSpending

    year = timezone.localdate().year
    item = BudgetItem.objects.active_in(year).first()
    editor = world.user("editor_a")
    BudgetEstimate.objects.create(
        unit=world.dept_a, year=year, item=item, amount=Decimal(1_000_000), updated_by=editor
    )
    BudgetSpending.objects.create(
        unit=world.dept_a,
        year=year,
        item=item,
        spent_on=datetime.date(year, 1, 1),
        amount=Decimal(7_200_000),
        description="Hội nghị biểu dương điển hình tiên tiến",
        recorded_by=editor,
    )
    return f"/phong-trao/kinh-phi/don-vi/{world.dept_a.code}/{year}/"


@pytest.mark.parametrize("width", [1280, 390])
def test_an_over_spent_budget_reads_clearly(
    page: Page, world, login, open_from_menu, axe_check, over_spent, width
):
    page.set_viewport_size({"width": width, "height": 900})
    login(world.user("editor_a"), check=False)
    # From the menu (folded on a phone): a unit lands on its own budget of the year.
    open_from_menu("Thi đua, tuyên truyền", "Kinh phí")
    expect(page).to_have_url(re.compile(re.escape(over_spent) + "$"))
    remaining = page.locator("tr.table-warning td.amount-over").filter(has_text="-6.200.000")
    expect(remaining).to_be_visible()
    axe_check(page)  # colour contrast included: 4.5:1 on the yellow row


def test_download_buttons_are_clear_buttons_with_icons(page: Page, world, login, axe_check):
    exemplar = ExemplarFactory(unit=world.dept_a, year=2025, full_name="Lê Văn Thành")
    login(world.user("home_affairs"), check=False)
    page.goto(exemplar.get_absolute_url())
    # The profile's buttons come first (the achievement report's follow).
    pdf = page.locator(".document-actions").first.locator("a").filter(has_text="PDF")
    expect(pdf).to_be_visible()
    style = pdf.evaluate(
        "(element) => { const s = getComputedStyle(element);"
        " return [s.backgroundColor, s.color, s.alignItems]; }"
    )
    assert style[0] not in ("rgba(0, 0, 0, 0)", "transparent")  # a filled, primary button
    assert style[2] == "center"
    # The icon font is the vendored one, and it has loaded.
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px bootstrap-icons')")
    icon = pdf.locator("i.bi")
    glyph = icon.evaluate("(element) => getComputedStyle(element, '::before').fontFamily")
    assert "bootstrap-icons" in glyph
    # Icon and text sit on one line, centred on each other.
    icon_box, pdf_box = icon.bounding_box(), pdf.bounding_box()
    icon_middle = icon_box["y"] + icon_box["height"] / 2
    assert abs(icon_middle - (pdf_box["y"] + pdf_box["height"] / 2)) < 3
    axe_check(page)


@pytest.mark.browser_context_args(**PHONE)
def test_a_file_input_speaks_the_portals_language(page: Page, world, login, axe_check, tmp_path):
    exemplar = ExemplarFactory(unit=world.dept_a, year=2025, full_name="Vũ Thị Hằng")
    login(world.user("editor_a"), check=False)
    page.goto(exemplar.get_absolute_url())
    picker = page.locator(".file-picker").first
    button = picker.locator(".file-picker-button")
    names = picker.locator(".file-picker-names")
    native = picker.locator("input[type=file]")
    expect(button).to_be_visible()
    # The browser's own "Choose File" is not seen: the input lies, transparent, over the button.
    assert native.evaluate("(element) => getComputedStyle(element).opacity") == "0"
    none_chosen = page.locator("#file-picker-template").get_attribute("data-none")
    expect(names).to_have_text(none_chosen)
    axe_check(page)

    photo = tmp_path / "hoi-nghi-bieu-duong.png"
    photo.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef"
            "0000000049454e44ae426082"
        )
    )
    native.set_input_files(str(photo))
    expect(names).to_have_text("hoi-nghi-bieu-duong.png")
    # The keyboard reaches the input, and the button shows the focus.
    native.focus()
    outline = button.evaluate("(element) => getComputedStyle(element).outlineStyle")
    assert outline == "solid"
    axe_check(page)
