"""Browser journeys: Debian's Chromium driven by Playwright against pytest-django's live server.

One browser is shared by the whole session (pytest-playwright's ``browser`` fixture); every
test gets a fresh context, so cookies and sessions never leak from one journey to another.
"""

import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.conftest import seed_reference_data
from tests.personas import World, build_world

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
# Playwright's own waits; the live server answers locally, so a few seconds is plenty.
TIMEOUT_MS = 10_000


HERE = Path(__file__).parent


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser tests after all others (after pytest-django's own ordering), and in
    each of the two groups the tests marked slow first.

    Once started, Playwright keeps its event loop running in the main thread until the end
    of the session, and Django refuses ORM calls from a thread with a running loop: a
    database test of another folder that ran after a browser test would fail.
    The longest tests (a data migration's test about 30 s, journeys 10-35 s) go first
    so that the test workers, which take the tests in this order, end with short ones and
    finish together instead of one of them running a long test alone at the end.
    """

    def place(item):
        slow = item.get_closest_marker("slow")
        # ``@pytest.mark.slow(seconds=N)``: the longest first among the slow ones, so that
        # the two longest start on different workers.
        seconds = slow.kwargs.get("seconds", 0) if slow else 0
        return item.path.is_relative_to(HERE), slow is None, -seconds

    items.sort(key=place)  # stable: the order is kept within each group


@contextmanager
def _async_unsafe_allowed():
    """Let the ORM run while Playwright's event loop is running in the same thread.

    Playwright's sync API keeps an event loop running in the test thread, so without this
    every ORM call of a test or fixture raises SynchronousOnlyOperation. The variable is set
    only while a browser test runs (these hooks of a conftest only wrap the tests of its
    folder): set for the whole process, it would leak into other tests' subprocesses, and
    ``manage.py check --deploy`` rightly refuses it (async.E001).
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    with _async_unsafe_allowed():
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    with _async_unsafe_allowed():
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    with _async_unsafe_allowed():
        return (yield)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the distribution's Chromium: no browser can be downloaded here."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"The browser journeys need Chromium at {CHROMIUM}, which is missing or not "
            "executable. Install it with `apt-get install chromium`.",
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": browser_type_launch_args.get("headless", True),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Relative URLs in ``page.goto`` go to the live server.

    This also replaces pytest-playwright's fallback ``base_url`` fixture, an instance method
    on a plugin class, which pytest 9 deprecates (an error under ``filterwarnings = error``).
    """
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Every context is a browser in the province, on a desktop screen.

    The browser asks for English, as many officials' computers do: the portal must still
    answer in Vietnamese until the language switcher says otherwise.
    """
    return {
        **browser_context_args,
        "locale": "en-US",
        "timezone_id": "Asia/Ho_Chi_Minh",
        "viewport": {"width": 1280, "height": 900},
    }


@pytest.fixture
def page(transactional_db, page: Page) -> Page:
    """pytest-playwright's page, opened after the test database and so closed before it is
    emptied: a request the browser still makes as a journey ends (a stylesheet, a script)
    must not reach the live server while the database is being flushed under it."""
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    return page


@pytest.fixture(scope="session", autouse=True)
def _short_expect_timeout():
    expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture
def world(transactional_db) -> World:
    """The personas of tests/conftest.py, committed so that the live server's thread sees them."""
    seed_reference_data()
    return build_world()


def _format_violation(violation: dict) -> str:
    targets = "; ".join(
        " ".join(str(part) for part in node["target"]) for node in violation["nodes"]
    )
    return (
        f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"  {violation.get('helpUrl', '')}\n"
        f"  nodes: {targets}"
    )


def run_axe(page: Page) -> list[dict]:
    """The serious and critical WCAG 2.1 A/AA violations of the page as it is now.

    axe is injected through Playwright's evaluate, which goes over the DevTools protocol and
    is therefore not subject to the page's Content-Security-Policy: the page keeps its real
    policy while it is checked.
    """
    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]


@pytest.fixture
def axe_check():
    """Call ``axe_check(page)`` on every page a journey shows; it fails on serious problems."""

    def check(page: Page) -> None:
        page.wait_for_load_state("load")
        violations = run_axe(page)
        if violations:
            listing = "\n".join(_format_violation(v) for v in violations)
            pytest.fail(
                f"Accessibility (WCAG 2.1 A/AA) violations on {page.url}:\n{listing}",
                pytrace=False,
            )

    return check


@pytest.fixture
def login(page: Page, password: str, axe_check):
    """Log a persona in through the real form, checking the login page on the way."""

    def log_in(user, *, check: bool = True) -> Page:
        page.goto("/accounts/login/")
        if check:
            axe_check(page)
        page.get_by_label(re.compile("^Tên đăng nhập")).fill(user.username)
        page.get_by_label(re.compile("^Mật khẩu")).fill(password)
        page.get_by_role("button", name="Đăng nhập", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            f"Xin chào, {user.get_full_name()}"
        )
        return page

    return log_in


@pytest.fixture
def logout(page: Page):
    """Log out through the user menu in the navbar."""

    def log_out() -> Page:
        # The menu opens once Bootstrap's script has run: a click that follows a navigation
        # only as far as its new address could come before it.
        page.wait_for_load_state("load")
        toggler = page.locator(".navbar-toggler")
        if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
            toggler.click()  # on a phone the menu is folded
        # On a busy machine the first click can come before the dropdown answers it: open
        # the menu again until its item shows (three tries at most).
        item = page.get_by_role("button", name="Đăng xuất")
        for _attempt in range(3):
            page.locator("#user-menu").click()
            try:
                expect(item).to_be_visible(timeout=3000)
                break
            except AssertionError:
                continue
        item.click()
        expect(page).to_have_url(re.compile(r"/accounts/login/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Đăng nhập cổng điển hình tiên tiến"
        )
        return page

    return log_out


@pytest.fixture
def open_from_menu(page: Page):
    """Open a page from the main menu as a person does: unfold the menu on a phone, open the
    area's dropdown (``area``; ``None`` for a link of its own), click the page's link.

    The menu is declared in registry/navigation.py; areas are "Điển hình", "Theo dõi",
    "Thi đua, tuyên truyền", "Khen thưởng"; "Trang chủ", "Đơn vị" and "Quản trị" are links.
    """

    def open_page(area: str | None, link: str) -> Page:
        navigation = page.get_by_role("navigation", name="Thanh điều hướng chính")
        toggler = navigation.locator(".navbar-toggler")
        if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
            toggler.click()
        if area is not None:
            navigation.get_by_role("button", name=area, exact=True).click()
        navigation.get_by_role("link", name=link, exact=True).click()
        return page

    return open_page
