"""The unit head's sign-off on a phone (issue 14, item 18).

At 390 px: Sở Y tế signs off what it sends. Its editor sends a record, confirmed in a dialog
that names the unit head; the head finds it on the unit's home, returns it without a reason
(the box is marked), then with one; the editor finds it first on the home with the reason,
completes it and sends it again; the head approves it and the record carries the sign-off
date; Home Affairs finds it in its review queue. Every page is checked with axe.

The texts new in this issue pass in English until the Vietnamese catalogue is compiled:
these steps find them by their place (ids, values, data attributes) and by the data they name.
"""

import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from registry.enums import ExemplarStatus as S
from registry.models import Exemplar
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SHOTS = Path("/tmp/shots/signoff")
NAME = "Lê Thị Thanh Xuân"
REASON = "Đề nghị bổ sung ý kiến của Hội đồng Thi đua - Khen thưởng cơ quan trước khi trình ký."
ADDITION = "Hội đồng Thi đua - Khen thưởng cơ quan đã thống nhất đề nghị."


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}-390.png", full_page=True)


def status_badge(page: Page):
    return page.get_by_role("heading", level=1).locator("xpath=following-sibling::p[1]/span")


def done(page: Page):
    return page.locator("main .messages .alert-success")


def sign_in(page: Page, login, user) -> None:
    """Another person on the same phone: the last one's session is gone."""
    page.context.clear_cookies()
    login(user)


def status_of(exemplar) -> str:
    return Exemplar.objects.values_list("status", flat=True).get(pk=exemplar.pk)


def send(page: Page, axe_check, head_name: str, shot: str) -> None:
    """Send the record from its page, through the dialog that says it goes to the head."""
    expect(page.locator("#send-to-head")).to_contain_text(head_name)
    page.locator("#next-step [data-open-dialog]").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(NAME)
    expect(dialog).to_contain_text(head_name)
    shoot(page, shot)
    axe_check(page)
    dialog.locator('button[value="submit"]').click()
    expect(done(page)).to_contain_text(head_name)
    expect(status_badge(page)).to_have_class(re.compile(r"\bstatus-awaiting_head\b"))


@pytest.mark.slow
def test_a_department_head_returns_then_signs_off_a_record(page: Page, world, login, axe_check):
    unit = world.dept_a
    unit.requires_head_signoff = True
    unit.save()
    editor, head = world.user("editor_a"), world.user("head_a")
    home_affairs = world.user("home_affairs")
    exemplar = ExemplarFactory(unit=unit, full_name=NAME, created_by=editor)
    record_url = exemplar.get_absolute_url()
    page.set_viewport_size(PHONE)

    # --- 1. The editor sends it: to the head, not to Home Affairs. ---
    login(editor)
    axe_check(page)
    page.goto(record_url)
    axe_check(page)
    send(page, axe_check, unit.name, "1-send-to-head")
    expect(page.locator("#awaiting-head")).to_be_visible()
    expect(page.locator("#next-step")).to_have_count(0)  # nothing more for the editor
    shoot(page, "2-waiting-for-head")
    axe_check(page)
    assert status_of(exemplar) == S.AWAITING_HEAD

    # --- 2. The head finds it on the unit's home. ---
    sign_in(page, login, head)
    to_sign = page.locator("#to-sign")
    expect(to_sign.locator(f'[data-exemplar="{exemplar.code}"]')).to_contain_text(NAME)
    expect(to_sign).to_contain_text(editor.full_name)
    shoot(page, "3-home-to-sign")
    axe_check(page)
    to_sign.get_by_role("link", name=NAME).click()
    expect(page).to_have_url(re.compile(rf"{re.escape(record_url)}$"))
    step = page.locator("#next-step")
    expect(step.locator('button[value="head_approve"]')).to_be_visible()
    expect(step.locator("#sign-off-help")).to_contain_text("Sở Nội vụ")
    expect(step.locator('button[value="submit"]')).to_have_count(0)  # not the editor's button
    axe_check(page)

    # --- 3. Returned without a reason: the box is marked, with the focus; nothing happens. ---
    step.locator('button[value="head_return"]').click()
    expect(page).to_have_url(re.compile(rf"{re.escape(record_url)}#id_comment$"))
    box = page.locator("#next-step").get_by_label("Ý kiến", exact=True)
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(box).to_be_focused()
    expect(page.locator("#id_comment_errors")).to_be_visible()
    shoot(page, "4-reason-missing")
    axe_check(page)
    assert status_of(exemplar) == S.AWAITING_HEAD

    # --- 4. With the reason. ---
    box.fill(REASON)
    page.locator('#next-step button[value="head_return"]').click()
    expect(done(page)).to_contain_text(unit.name)
    expect(status_badge(page)).to_have_class(re.compile(r"\bstatus-returned_by_head\b"))
    axe_check(page)

    # --- 5. The editor finds it first on the home, with the reason, and completes it. ---
    sign_in(page, login, editor)
    returned = page.locator(f'#returned-records [data-exemplar="{exemplar.code}"]')
    expect(returned).to_contain_text(REASON)
    expect(returned).to_contain_text(head.full_name)
    shoot(page, "5-home-returned")
    axe_check(page)
    returned.get_by_role("link", name=NAME).click()
    reason = page.locator("#reason")
    expect(reason).to_be_in_viewport()
    expect(reason).to_contain_text(REASON)
    shoot(page, "6-reason-first")
    axe_check(page)
    reason.get_by_role("link").click()
    achievements = page.get_by_label("Thành tích", exact=True)
    achievements.fill(f"{achievements.input_value()} {ADDITION}")
    axe_check(page)
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    send(page, axe_check, unit.name, "7-send-again")

    # --- 6. The head approves it: on to Home Affairs, with the day of the sign-off. ---
    sign_in(page, login, head)
    page.locator("#to-sign").get_by_role("link", name=NAME).click()
    axe_check(page)
    page.locator('#next-step button[value="head_approve"]').click()
    expect(done(page)).to_contain_text("Sở Nội vụ")
    expect(status_badge(page)).to_have_class(re.compile(r"\bstatus-under_review\b"))
    today = timezone.localdate()
    signoff = page.locator("#head-signoff")
    expect(signoff).to_contain_text(f"{today:%d/%m/%Y}")
    expect(signoff).to_contain_text(head.full_name)
    shoot(page, "8-signed-off")
    axe_check(page)
    assert status_of(exemplar) == S.UNDER_REVIEW

    # --- 7. Home Affairs finds it in its review queue. ---
    sign_in(page, login, home_affairs)
    navigation = page.get_by_role("navigation", name="Thanh điều hướng chính")
    navigation.locator(".navbar-toggler").click()
    navigation.get_by_role("button", name="Điển hình", exact=True).click()
    navigation.get_by_role("link", name="Thẩm định", exact=True).click()
    expect(page.locator("#review-results")).to_contain_text(NAME)
    shoot(page, "9-queue")
    axe_check(page)
    page.locator("#review-results").get_by_role("link", name=NAME).click()
    expect(page.locator("#head-signoff")).to_contain_text(f"{today:%d/%m/%Y}")
    axe_check(page)
