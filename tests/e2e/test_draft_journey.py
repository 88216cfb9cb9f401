"""Nothing typed is lost to a session timeout: a unit's editor writes an exemplar, the session
ends under them, and after signing in again the text comes back and is saved; the idle
warning offers to keep the session a minute before it ends, without any real waiting (the
browser's clock is Playwright's)."""

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from playwright.sync_api import Page, expect

from registry.models import Exemplar, Field

pytestmark = pytest.mark.browser

FORM = "/dien-hinh/them/"
ACHIEVEMENTS = (
    "Ba năm liền giáo viên dạy giỏi cấp tỉnh; sáng lập câu lạc bộ đọc sách cho học sinh vùng "
    "chiêm trũng, nay có 240 em tham gia."
)
# The new texts pass in English until the Vietnamese catalogue is compiled.
RESTORE = re.compile("^(Khôi phục|Restore)$")
DISMISS = re.compile("^(Bỏ qua|Dismiss)$")
CONTINUE = re.compile("^(Tiếp tục làm việc|Continue working)$")


def drafts(page: Page) -> dict:
    return page.evaluate(
        """() => Object.fromEntries(Object.keys(localStorage)
             .filter((key) => key.startsWith("portal-draft:"))
             .map((key) => [key, JSON.parse(localStorage.getItem(key))]))"""
    )


def wait_for_draft(page: Page, key: str, text: str) -> None:
    """The script saves a moment after the last keystroke."""
    page.wait_for_function(
        """([key, text]) => (localStorage.getItem(key) || "").includes(text)""",
        arg=[key, text],
    )


def write_exemplar(page: Page) -> None:
    page.get_by_role("spinbutton", name="Năm", exact=True).fill("2025")
    page.get_by_role("radio", name="Cá nhân").check()
    page.get_by_role("textbox", name="Họ và tên").fill("Phạm Thị Thu Trang")
    page.get_by_role("combobox", name="Lĩnh vực").select_option(
        str(Field.objects.get(code="education-training").pk)
    )
    page.get_by_role("textbox", name="Thành tích", exact=True).fill(ACHIEVEMENTS)


def test_a_draft_outlives_an_ended_session_and_ends_when_saved(
    page: Page, world, login, password, axe_check
):
    editor = world.user("editor_a")
    key = f"portal-draft:{editor.pk}:{FORM}"
    login(editor)
    page.goto(FORM)
    write_exemplar(page)
    wait_for_draft(page, key, ACHIEVEMENTS)
    kept = drafts(page)[key]["fields"]
    assert kept["full_name"] == ["Phạm Thị Thu Trang"]
    assert kept["subject_kind"] == ["individual"]
    # Neither the CSRF token nor the form's hidden creation token is kept.
    assert "csrfmiddlewaretoken" not in kept and "creation_token" not in kept

    # The session ends on the server while the editor is still writing; the post bounces to
    # the login page, and nothing is recorded.
    Session.objects.all().delete()
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    assert not Exemplar.objects.exists()
    assert key in drafts(page)

    page.get_by_label(re.compile("^Tên đăng nhập")).fill(editor.username)
    page.get_by_label(re.compile("^Mật khẩu")).fill(password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(FORM) + "$"))

    # Back on an empty form, the draft is offered with the time it was kept.
    achievements = page.get_by_role("textbox", name="Thành tích", exact=True)
    expect(achievements).to_have_value("")
    offer = page.get_by_role("alert").filter(has=page.get_by_role("button", name=RESTORE))
    expect(offer).to_be_visible()
    expect(offer).to_contain_text(re.compile(r"\d\d:\d\d .*\d\d/\d\d"))
    axe_check(page)
    offer.get_by_role("button", name=RESTORE).click()
    banner = page.locator(".draft-offer")
    expect(achievements).to_have_value(ACHIEVEMENTS)
    expect(page.get_by_role("textbox", name="Họ và tên")).to_have_value("Phạm Thị Thu Trang")
    expect(page.get_by_role("radio", name="Cá nhân")).to_be_checked()
    expect(page.get_by_role("spinbutton", name="Năm", exact=True)).to_have_value("2025")
    # The banner stays, without its buttons, saying the draft is restored.
    expect(banner).to_be_visible()
    expect(banner.get_by_role("button")).to_have_count(0)
    expect(banner).not_to_contain_text(re.compile(r"\d\d:\d\d"))

    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.get_by_text("Đã lưu bản nháp. Hãy kiểm tra lại rồi gửi.")).to_be_visible()
    exemplar = Exemplar.objects.get()
    assert exemplar.achievements == ACHIEVEMENTS
    assert exemplar.unit == world.dept_a
    # The page after the save told the script: the draft is gone.
    page.wait_for_function("""(key) => localStorage.getItem(key) === null""", arg=key)
    page.goto(FORM)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("button", name=RESTORE)).to_have_count(0)


def test_drafts_belong_to_one_person_and_end_when_they_sign_out(page: Page, world, login, logout):
    editor_a, editor_b = world.user("editor_a"), world.user("editor_b")
    key_a = f"portal-draft:{editor_a.pk}:{FORM}"
    login(editor_a)
    page.goto(FORM)
    page.get_by_role("textbox", name="Thành tích", exact=True).fill(ACHIEVEMENTS)
    wait_for_draft(page, key_a, ACHIEVEMENTS)

    # Sở Y tế's editor leaves without signing out; a colleague of another department signs
    # in on the same computer: the form offers nothing, and their own draft has its own key.
    Session.objects.all().delete()
    login(editor_b, check=False)
    page.goto(FORM)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("button", name=RESTORE)).to_have_count(0)
    page.get_by_role("textbox", name="Thành tích", exact=True).fill("Bản nháp của Sở Giáo dục.")
    key_b = f"portal-draft:{editor_b.pk}:{FORM}"
    wait_for_draft(page, key_b, "Bản nháp của Sở Giáo dục.")

    # Signing out clears that person's drafts only.
    logout()
    assert set(drafts(page)) == {key_a}

    # Dismissing an offered draft drops it.
    login(editor_a, check=False)
    page.goto(FORM)
    page.get_by_role("button", name=DISMISS).click()
    expect(page.get_by_role("button", name=RESTORE)).to_have_count(0)
    expect(page.get_by_role("spinbutton", name="Năm", exact=True)).to_be_focused()
    assert drafts(page) == {}


def test_the_idle_warning_keeps_the_session_and_then_says_it_ended(
    page: Page, world, login, axe_check, settings
):
    settings.SESSION_COOKIE_AGE = 120
    page.set_viewport_size({"width": 390, "height": 844})
    page.clock.install()
    editor = world.user("editor_a")
    login(editor, check=False)
    page.goto(FORM)
    warning = page.get_by_role("alertdialog")
    keep_going = warning.get_by_role("button", name=CONTINUE)
    expect(warning).to_be_hidden()

    # A minute before the end the warning shows, and takes the focus.
    page.clock.fast_forward("00:50")
    expect(warning).to_be_hidden()
    page.clock.fast_forward("00:15")
    expect(warning).to_be_visible()
    expect(keep_going).to_be_focused()
    box = warning.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    axe_check(page)

    # "Continue working" asks the server for a new idle window.
    Session.objects.update(expire_date=timezone.now() + timedelta(seconds=30))
    with page.expect_response(lambda r: r.url.endswith("/phien-lam-viec/gia-han/")) as answer:
        keep_going.press("Enter")
    assert answer.value.status == 204
    expect(warning).to_be_hidden()
    assert Session.objects.get().expire_date > timezone.now() + timedelta(seconds=90)

    # Left alone again, the page warns, then says the session ended and the draft is kept.
    page.clock.fast_forward("01:05")
    expect(warning).to_be_visible()
    page.clock.fast_forward("01:00")
    log_in_again = warning.get_by_role("link", name="Đăng nhập lại")
    expect(log_in_again).to_be_visible()
    expect(log_in_again).to_be_focused()
    expect(log_in_again).to_have_attribute("href", re.compile(r"/accounts/login/\?next=%2F"))
    expect(keep_going).to_be_hidden()
    expect(warning).to_have_attribute("data-state", "ended")


def test_a_page_opened_in_another_tab_counts_as_activity(page: Page, world, login, settings):
    settings.SESSION_COOKIE_AGE = 120
    page.clock.install()
    login(world.user("editor_a"), check=False)
    page.goto(FORM)
    page.clock.fast_forward("01:05")
    warning = page.get_by_role("alertdialog")
    expect(warning).to_be_visible()
    other = page.context.new_page()
    other.goto("/")
    expect(other.get_by_role("heading", level=1)).to_be_visible()
    expect(warning).to_be_hidden()


def test_the_administrations_log_out_also_ends_the_persons_drafts(page: Page, world, login):
    administrator, editor = world.user("administrator"), world.user("editor_a")
    own = f"portal-draft:{administrator.pk}:/quan-tri/registry/unit/add/"
    other = f"portal-draft:{editor.pk}:{FORM}"
    login(administrator)
    page.evaluate(
        """([own, other]) => {
             localStorage.setItem(own, JSON.stringify({savedAt: Date.now(), fields: {}}));
             localStorage.setItem(other, JSON.stringify({savedAt: Date.now(), fields: {}}));
           }""",
        [own, other],
    )
    page.goto("/quan-tri/")
    page.locator("#logout-form button").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert set(drafts(page)) == {other}
