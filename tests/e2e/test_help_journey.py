"""The help page's pictures and the sign-in page's identity, in a real browser.

``test_the_help_pictures_are_taken_from_the_pages_the_steps_open`` signs in as each role in
one browser context, opens the help page, follows each of its three steps at 1280 px and
takes a picture of the page's main content, small: scaled to 760 px and reduced to a
palette. It then checks that the help page shows the pictures kept in
``static/img/help/<role>-<n>.png`` (``registry.guide.image_path``), each loaded and of the
size taken. A test run keeps its pictures apart (they change with the day's date), so that
it leaves the working tree as it was; ``make help-pictures`` runs it with
``PORTAL_HELP_PICTURES=1``, which writes them over the kept ones: do that after changing a
page a step leads to, and keep the pictures with the change.
"""

import io
import os

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from PIL import Image
from playwright.sync_api import Page, expect

from registry import guide, workflow
from registry.enums import ExemplarStatus as S
from registry.enums import Role
from registry.models import CatalogueVersion, Exemplar, Plan, QuotaRule
from tests.factories import UnitFactory, kind
from tests.factories.exemplars import ExemplarFactory
from tests.personas import ONE_PER_ROLE

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# The part of the main content a picture shows, and the size it is kept at.
SHOT = {"width": 1140, "height": 660}
KEPT = (760, 440)
COLOURS = 96
MAX_BYTES = 120_000
STATIC_DIR = settings.BASE_DIR / "static"
# Set to write the pictures over those the help page shows (``make help-pictures``).
REFRESH = bool(os.environ.get("PORTAL_HELP_PICTURES"))
# The name each role's persona (``ONE_PER_ROLE``) has in the pictures.
PICTURED_NAMES = {
    "editor_a": "Nguyễn Thị Hồng Nhung",
    "head_a": "Trần Văn Quang",
    "district_reviewer": "Đinh Công Tuấn",
    "home_affairs": "Lê Thị Minh Phương",
    "media": "Vũ Hoàng Nam",
    "leader": "Hoàng Văn Đức",
    "administrator": "Bùi Thị Mai",
}


def a_working_year(world) -> int:
    """A plan for this year with a deadline, and records at each stage, so that the pages in
    the pictures show work."""
    year = timezone.localdate().year
    if not Plan.objects.in_force(year).exists():
        plan = Plan.objects.create(
            title=f"tuyên truyền gương điển hình tiên tiến giai đoạn {year} - {year + 4}",
            period_from=year,
            period_to=year + 4,
            catalogue=CatalogueVersion.objects.get(code="2023-2025"),
            deadline_day=30,
            deadline_month=11,
            illustrative=True,
        )
        for code, minimum in (("department", 1), ("district", 5), ("commune", 2)):
            QuotaRule.objects.create(plan=plan, unit_kind=kind(code), minimum=minimum)
    ExemplarFactory(unit=world.dept_a, year=year, full_name="Phạm Thị Thu Hằng")
    commune = ExemplarFactory(unit=world.commune_a, year=year, full_name="Đinh Văn Thành")
    workflow.transition(exemplar=commune, action="submit", by=world.user("commune_editor"))
    sent = ExemplarFactory(unit=world.dept_b, year=year, full_name="Đỗ Thị Lan")
    workflow.transition(exemplar=sent, action="submit", by=world.user("editor_b"))
    accepted = ExemplarFactory(unit=world.dept_a, year=year, full_name="Vũ Đức Long")
    Exemplar.objects.filter(pk=accepted.pk).update(status=S.ACCEPTED)
    short_names = {
        world.dept_a: "SYT",
        world.dept_b: "SGDĐT",
        world.home_affairs_unit: "SNV",
        world.press: "Báo và PT-TH Ninh Bình",
        world.district_a: "Gia Viễn",
        world.commune_a: "Gia Vân",
        world.district_b: "Kim Sơn",
        world.commune_b: "Kim Chính",
    }
    for unit, short_name in short_names.items():
        unit.short_name = short_name
        unit.save()
    for persona, name in PICTURED_NAMES.items():
        user = world.user(persona)
        user.full_name = name
        user.save()
    return year


def keep_picture(png: bytes, path) -> None:
    """The picture scaled to ``KEPT`` and reduced to a palette: a few tens of kilobytes."""
    image = Image.open(io.BytesIO(png)).convert("RGB").resize(KEPT, Image.Resampling.LANCZOS)
    image = image.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG", optimize=True)


def picture_of_main_content(page: Page) -> bytes:
    """The top of the page's main content (the admin site's too), as a person lands on it."""
    page.evaluate("window.scrollTo(0, 0)")
    main = page.locator("main").first
    expect(main).to_be_visible()
    box = main.bounding_box()
    return page.screenshot(
        clip={"x": box["x"], "y": box["y"], "width": SHOT["width"], "height": SHOT["height"]},
        animations="disabled",
        caret="hide",
    )


@pytest.mark.slow
def test_the_help_pictures_are_taken_from_the_pages_the_steps_open(
    page: Page, world, login, axe_check, open_from_menu, tmp_path
):
    a_working_year(world)
    pictures_dir = STATIC_DIR if REFRESH else tmp_path
    page.set_viewport_size(DESKTOP)
    written = {}
    for index, (role, persona) in enumerate(ONE_PER_ROLE.items()):
        page.context.clear_cookies()
        login(world.user(persona), check=index == 0)
        if index == 0:
            open_from_menu(None, gettext("Help"))
        else:
            page.goto(reverse("registry:help"))
        expect(page.locator("#help-steps")).to_have_attribute("data-role", role)
        links = page.locator("#help-steps a[data-step-link]").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
        assert len(links) == guide.STEPS_PER_ROLE, role
        for number, link in enumerate(links, start=1):
            response = page.goto(link)
            assert response.ok, (role, link, response.status)
            path = pictures_dir / guide.image_path(role, number)
            keep_picture(picture_of_main_content(page), path)
            assert path.stat().st_size < MAX_BYTES, (path, path.stat().st_size)
            written[(role, number)] = path

        # The help page shows the kept pictures (after a refresh, the very bytes just written),
        # each of the size taken.
        page.goto(reverse("registry:help"))
        pictures = page.locator("#help-steps img")
        expect(pictures).to_have_count(guide.STEPS_PER_ROLE)
        sources = pictures.evaluate_all("images => images.map(img => img.getAttribute('src'))")
        assert sources == [static(guide.image_path(role, number)) for number in range(1, 4)]
        for number, source in enumerate(sources, start=1):
            served = page.request.get(source)
            assert served.ok, source
            assert served.body() == (STATIC_DIR / guide.image_path(role, number)).read_bytes()
            if REFRESH:
                assert served.body() == written[(role, number)].read_bytes(), source
            assert Image.open(io.BytesIO(served.body())).size == KEPT, source
        if index == 0:
            axe_check(page)  # at 1280 px; test_the_help_page_reads_on_a_phone at 390 px
    assert len(written) == len(Role.values) * guide.STEPS_PER_ROLE


def test_the_help_page_reads_on_a_phone(page: Page, world, login, axe_check):
    page.set_viewport_size(PHONE)
    login(world.user("head_a"), check=False)
    page.goto(reverse("registry:help"))
    expect(page.locator("#help-steps > li")).to_have_count(3)
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    picture = page.locator("#help-step-1 img")
    picture.scroll_into_view_if_needed()
    box = picture.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def contact_board(world):
    return UnitFactory(
        code=settings.PORTAL["CONTACT_UNIT_CODE"],
        name="Ban Thi đua - Khen thưởng (Sở Nội vụ)",
        kind=kind("sub-board"),
        parent=world.home_affairs_unit,
        address="Đường Lê Hồng Phong, phường Hoa Lư, tỉnh Ninh Bình (thử nghiệm)",
        phone="0229 000 0000 (thử nghiệm)",
        email="bantdkt@ninhbinh.example",
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_sign_in_page_shows_the_province_and_whom_to_ask(
    page: Page, world, axe_check, viewport
):
    board = contact_board(world)
    page.set_viewport_size(viewport)
    page.goto(reverse("login"))
    emblem = page.locator("img.portal-emblem")
    expect(emblem).to_be_visible()
    assert emblem.evaluate("img => img.complete && img.naturalWidth > 0")
    size = emblem.bounding_box()
    assert 64 <= size["width"] <= 96 and size["width"] == size["height"]
    expect(page.locator("#portal-province")).to_have_text(world.province.name)
    contact = page.locator("#portal-contact")
    expect(contact).to_contain_text(board.name)
    expect(page.locator("#portal-contact-address")).to_contain_text(board.address)
    expect(page.locator("#portal-contact-phone a")).to_have_attribute("href", "tel:02290000000")
    expect(page.locator("#portal-contact-email a")).to_have_attribute(
        "href", f"mailto:{board.email}"
    )
    # The sign-in form stays the first thing on the page after the title.
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập cổng điển hình tiên tiến")
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
