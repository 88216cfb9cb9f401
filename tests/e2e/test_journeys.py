"""What the portal's people do in a real browser, checked for WCAG 2.1 A/AA on every page.

The journeys assert on what a person sees (headings, links, table rows), not on status
codes alone. Texts are the Vietnamese ones: the portal speaks Vietnamese until the user
switches language, even to a browser that asks for English (see conftest.py).
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import ConsoleMessage, Page, expect

pytestmark = pytest.mark.browser

NOT_FOUND = "Không tìm thấy trang"
LOGIN_HEADING = "Đăng nhập cổng điển hình tiên tiến"
LOCKOUT_HEADING = "Đăng nhập sai quá nhiều lần"
SKIP_LINK = "Bỏ qua, đến nội dung chính"
MENU_TOGGLER = "Hiện hoặc ẩn trình đơn"


def this_year() -> int:
    return timezone.localdate().year


def home_year(user) -> int:
    """The year the user's home opens on: this year, or the last one a plan covers."""
    from registry.selectors import unit_default_year

    return unit_default_year(user.unit)


def query_of(url: str) -> str:
    return parse_qs(urlsplit(url).query).get("q", [""])[0]


def nav_link(page: Page, name: str):
    """A link of the navbar (the page's banner), whatever the language of the page."""
    return page.get_by_role("banner").get_by_role("link", name=name, exact=True)


def nav_area(page: Page, name: str):
    """The button of one of the navbar's areas, which opens its dropdown."""
    return page.get_by_role("banner").get_by_role("button", name=name, exact=True)


def tab_to(page: Page, target, *, most: int = 15) -> None:
    """Press Tab until ``target`` has the focus, as a keyboard user would."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    expect(target).to_be_focused()  # fails with the element that has the focus instead


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def test_unit_editor_journey(page: Page, world, login, logout, axe_check):
    editor = world.user("editor_a")
    login(editor)

    # Home: greeting, own unit and this year's quota.
    expect(heading(page)).to_have_text(f"Xin chào, {editor.full_name}")
    my_unit = page.get_by_role("region", name="Đơn vị của tôi")
    expect(my_unit.get_by_role("link", name="Sở Y tế")).to_be_visible()
    expect(
        page.get_by_role("heading", name=f"Chỉ tiêu năm {home_year(editor)}", exact=True)
    ).to_be_visible()
    expect(nav_link(page, "Trang chủ")).to_have_attribute("aria-current", "page")
    expect(nav_link(page, "Quản trị")).to_have_count(0)
    axe_check(page)

    # Unit directory, with htmx's live search: no accents typed, the commune is found.
    nav_link(page, "Đơn vị").click()
    expect(heading(page)).to_have_text("Cơ quan, đơn vị, địa phương")
    results = page.locator("#unit-results")
    expect(results.get_by_role("link", name="Sở Y tế")).to_be_visible()
    axe_check(page)
    search = page.get_by_role("searchbox", name="Tìm kiếm")
    with page.expect_response(
        lambda r: query_of(r.url) == "gia van" and r.request.headers.get("hx-request") == "true"
    ):
        search.press_sequentially("gia van")
    expect(results.get_by_role("link", name="Xã Gia Vân")).to_be_visible()
    expect(results.get_by_role("link", name="Sở Y tế")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/don-vi/\?.*q=gia(\+|%20)van"))
    expect(search).to_be_focused()  # a live update does not steal the focus
    axe_check(page)

    # An unknown word empties the list with a message instead of a blank area.
    search.fill("khong co don vi nao nhu the")
    expect(results).to_contain_text("Không có đơn vị nào phù hợp")
    search.fill("gia van")
    results.get_by_role("link", name="Xã Gia Vân").click()
    expect(heading(page)).to_contain_text("Xã Gia Vân")
    expect(page).to_have_url(re.compile(r"/don-vi/373-GIAVAN/$"))
    breadcrumb = page.get_by_role("navigation", name="Đường dẫn")
    expect(breadcrumb.get_by_role("link", name="Huyện Gia Viễn")).to_be_visible()
    axe_check(page)

    # The criteria catalogue: 14 fields in an accordion; opening one shows its text.
    nav_area(page, "Điển hình").click()
    nav_link(page, "Tiêu chuẩn").click()
    expect(heading(page)).to_have_text("Đối tượng, tiêu chuẩn điển hình tiên tiến")
    fields = page.locator("#fields .accordion-button")
    expect(fields).to_have_count(14)
    first_field = fields.first
    expect(first_field).to_have_attribute("aria-expanded", "false")
    panel = page.locator("#" + first_field.get_attribute("aria-controls"))
    expect(panel).to_be_hidden()
    axe_check(page)
    first_field.click()
    expect(first_field).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    expect(panel).not_to_be_empty()
    axe_check(page)

    # Quota rules.
    nav_area(page, "Theo dõi").click()
    nav_link(page, "Chỉ tiêu").click()
    expect(heading(page)).to_have_text("Số điển hình tối thiểu mỗi năm theo loại đơn vị")
    # No plan of this year is recorded here: the page says so instead of applying 2023-2025's.
    expect(page.get_by_role("main")).to_contain_text(
        f"Không có kế hoạch nào áp dụng cho năm {this_year()}"
    )
    expect(page.get_by_role("table")).to_have_count(0)
    page.goto("/chi-tieu/?year=2025")
    expect(page.get_by_role("table")).to_be_visible()
    expect(page.get_by_role("row").nth(1)).to_be_visible()
    axe_check(page)

    # Another unit's people are out of reach: the portal's own 404 page.
    response = page.goto("/don-vi/37-SGDDT/nhan-su/")
    assert response.status == 404
    expect(heading(page)).to_have_text(NOT_FOUND)
    expect(page.get_by_role("link", name="Về trang chủ")).to_be_visible()
    axe_check(page)

    logout()
    axe_check(page)


def test_home_affairs_journey(page: Page, world, login, logout, axe_check):
    login(world.user("home_affairs"))
    year = home_year(world.user("home_affairs"))
    overview = page.get_by_role("region", name=f"Các đơn vị của tỉnh năm {year}")
    expect(overview).to_be_visible()
    expect(overview.get_by_role("table")).to_be_visible()
    expect(overview.get_by_role("rowheader").first).to_be_visible()
    axe_check(page)

    # Home Affairs reaches every unit's people, a commune's included.
    page.goto("/don-vi/373-GIAVAN/nhan-su/")
    expect(heading(page)).to_have_text("Cán bộ của Xã Gia Vân")
    commune_editor = world.user("commune_editor")
    expect(page.get_by_role("cell", name=commune_editor.full_name, exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name=world.user("editor_a").full_name)).to_have_count(0)
    axe_check(page)

    logout()


def test_administrator_reaches_the_admin_site(page: Page, world, login, axe_check):
    login(world.user("administrator"))
    nav_link(page, "Quản trị").click()
    expect(page).to_have_url(re.compile(r"/quan-tri/$"))
    expect(heading(page)).to_have_text("Quản trị")
    expect(page.get_by_role("link", name="Quản trị cổng điển hình tiên tiến")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Người dùng", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/quan-tri/registry/user/"))
    expect(heading(page)).to_have_text("Chọn người dùng để thay đổi")
    users = page.locator("#result_list")
    expect(users.get_by_role("link", name="editor_a", exact=True)).to_be_visible()
    axe_check(page)


def test_unit_editor_is_kept_out_of_the_admin_site(page: Page, world, login, axe_check):
    editor = world.user("editor_a")
    login(editor)
    expect(nav_link(page, "Quản trị")).to_have_count(0)
    axe_check(page)
    page.goto("/quan-tri/")
    expect(page).to_have_url(re.compile(r"/quan-tri/login/\?next=/quan-tri/$"))
    expect(page.locator("#content")).to_contain_text(
        f"Bạn đã xác thực bằng tài khoản {editor.username}, nhưng không đủ quyền"
    )
    expect(page.get_by_role("link", name="Người dùng", exact=True)).to_have_count(0)
    axe_check(page)


def test_keyboard_only_login(page: Page, world, password, axe_check):
    editor = world.user("commune_editor")
    page.goto("/accounts/login/")
    axe_check(page)
    username = page.get_by_label(re.compile("^Tên đăng nhập"))
    secret = page.get_by_label(re.compile("^Mật khẩu"))
    submit = page.get_by_role("button", name="Đăng nhập", exact=True)
    skip_link = page.get_by_role("link", name=SKIP_LINK)

    # The login form puts the cursor in the user name field (Django's autofocus), so the
    # skip link comes before it: the stops before the field are the skip link and the brand.
    expect(username).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("link", name="Điển hình tiên tiến")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()  # it shows itself once focused

    # Tab, from the skip link, to every part of the form, and Enter to log in.
    tab_to(page, username)
    page.keyboard.type(editor.username)
    page.keyboard.press("Tab")
    expect(secret).to_be_focused()
    page.keyboard.type(password)
    page.keyboard.press("Tab")
    expect(submit).to_be_focused()
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text(f"Xin chào, {editor.full_name}")
    axe_check(page)

    # On a page without autofocus the skip link is the very first Tab stop, and it works.
    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop is inside the main content, past the whole navbar.
    focused_in_main = page.evaluate(
        "document.querySelector('main').contains(document.activeElement)"
    )
    assert focused_in_main, "after the skip link, Tab does not continue in the main content"

    # The user menu opens, and logs out, with the keyboard alone (Bootstrap's arrow keys).
    # From the main content, Shift+Tab goes back to the navbar's last control: the menu.
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#user-menu")).to_be_focused()
    page.keyboard.press("Enter")
    logout_button = page.get_by_role("button", name="Đăng xuất")
    expect(logout_button).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("link", name="Đổi mật khẩu")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(logout_button).to_be_focused()
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text(LOGIN_HEADING)


@pytest.mark.browser_context_args(
    viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
)
def test_phone_width_collapses_the_navbar(page: Page, world, login, axe_check):
    def assert_no_horizontal_scroll():
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375 + 1, f"{page.url} scrolls sideways: {width}px wide on a 375px screen"

    login(world.user("home_affairs"))
    assert_no_horizontal_scroll()

    toggler = page.get_by_role("button", name=MENU_TOGGLER)
    expect(toggler).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "false")
    expect(nav_link(page, "Đơn vị")).to_be_hidden()
    axe_check(page)

    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    for name in ("Trang chủ", "Đơn vị"):
        expect(nav_link(page, name)).to_be_visible()
    # The areas fold their pages: one tap opens an area in place.
    expect(nav_link(page, "Tiêu chuẩn")).to_be_hidden()
    nav_area(page, "Điển hình").click()
    expect(nav_link(page, "Tiêu chuẩn")).to_be_visible()
    axe_check(page)

    nav_link(page, "Đơn vị").click()
    expect(heading(page)).to_have_text("Cơ quan, đơn vị, địa phương")
    expect(nav_link(page, "Đơn vị")).to_be_hidden()  # the menu folds again on a new page
    assert_no_horizontal_scroll()
    axe_check(page)

    for path, title in [
        ("/tieu-chuan/", "Đối tượng, tiêu chuẩn điển hình tiên tiến"),
        ("/chi-tieu/", "Số điển hình tối thiểu mỗi năm theo loại đơn vị"),
        ("/don-vi/373-GIAVAN/", "Xã Gia Vân"),
        ("/don-vi/373-GIAVAN/nhan-su/", "Cán bộ của Xã Gia Vân"),
    ]:
        page.goto(path)
        expect(heading(page)).to_contain_text(title)
        assert_no_horizontal_scroll()
        axe_check(page)


def test_language_switch(page: Page, world, login, axe_check):
    login(world.user("editor_a"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    axe_check(page)

    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("button", name="Chuyển").click()
    expect(nav_link(page, "Units")).to_be_visible()
    expect(nav_link(page, "Home")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(heading(page)).to_have_text(f"Hello, {world.user('editor_a').full_name}")
    expect(page).to_have_url(re.compile(r"/$"))
    axe_check(page)

    # The choice sticks while browsing.
    nav_link(page, "Units").click()
    expect(heading(page)).to_have_text("Agencies, units and localities")
    expect(page).to_have_url(re.compile(r"/don-vi/$"))
    axe_check(page)

    page.get_by_label("Language").select_option("vi")
    page.get_by_role("button", name="Switch").click()
    expect(nav_link(page, "Đơn vị")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(heading(page)).to_have_text("Cơ quan, đơn vị, địa phương")
    expect(page).to_have_url(re.compile(r"/don-vi/$"))
    axe_check(page)


def test_login_lockout_after_five_wrong_passwords(page: Page, world, password, axe_check):
    editor = world.user("editor_b")
    page.goto("/accounts/login/")
    axe_check(page)
    username = page.get_by_label(re.compile("^Tên đăng nhập"))
    secret = page.get_by_label(re.compile("^Mật khẩu"))
    submit = page.get_by_role("button", name="Đăng nhập", exact=True)

    for attempt in range(1, 5):
        username.fill(editor.username)
        secret.fill(f"sai-mat-khau-{attempt}")
        submit.click()
        expect(page.get_by_role("alert")).to_contain_text("mật khẩu không đúng")
        expect(heading(page)).to_have_text(LOGIN_HEADING)
    axe_check(page)  # the form with its error

    username.fill(editor.username)
    secret.fill("sai-mat-khau-5")
    submit.click()
    expect(heading(page)).to_have_text(LOCKOUT_HEADING)

    # Even the right password no longer opens the account.
    page.goto("/accounts/login/")
    username.fill(editor.username)
    secret.fill(password)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        submit.click()
    assert answer.value.status == 429
    expect(heading(page)).to_have_text(LOCKOUT_HEADING)
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_have_count(0)
    axe_check(page)

    # Another account on the same computer is not locked.
    page.goto("/accounts/login/")
    username.fill(world.user("editor_a").username)
    secret.fill(password)
    submit.click()
    expect(heading(page)).to_have_text(f"Xin chào, {world.user('editor_a').full_name}")
    axe_check(page)


def test_content_security_policy_is_enforced_without_violations(page: Page, world, login):
    """The real policy, as served, is never violated by the portal's own pages.

    axe is not run here, so that nothing but the portal's own code acts on these pages.
    """
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or "Refused to" in text:
            problems.append(f"{page.url}: {text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: script error {error}"))
    # Violations that never reach the console (e.g. from a library catching them) still fire
    # this event; the listener is installed through DevTools, outside the page's policy.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )

    response = page.goto("/accounts/login/")
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, f"no strict policy on the login page: {policy!r}"
    assert "style-src 'self'" in policy

    login(world.user("editor_a"), check=False)
    response = page.goto("/")
    assert "script-src 'self'" in response.headers.get("content-security-policy", "")
    expect(heading(page)).to_contain_text("Xin chào")

    page.goto("/don-vi/")
    # htmx runs here: the live search and its swap must work under the policy too.
    with page.expect_response(lambda r: query_of(r.url) == "kim"):
        page.get_by_role("searchbox", name="Tìm kiếm").press_sequentially("kim")
    expect(page.locator("#unit-results").get_by_role("link", name="Xã Kim Chính")).to_be_visible()

    page.goto("/tieu-chuan/")
    page.locator("#fields .accordion-button").nth(1).click()  # Bootstrap's script runs
    expect(page.locator("#fields .accordion-collapse.show")).to_have_count(1)

    page.locator("#user-menu").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()

    assert problems == [], "\n".join(problems)

    # The listener is not blind: an inline script, which the policy forbids, is reported.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.inlineRan = true'; document.body.append(s); }"
    )
    for _ in range(20):  # console events arrive asynchronously
        if problems:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("window.inlineRan === undefined"), "the policy let an inline script run"
    assert any("Content Security Policy" in p or "Refused to" in p for p in problems), (
        "an inline script was refused but nothing was reported"
    )
