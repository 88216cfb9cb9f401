"""A returned record on a phone, as its people go through it (issue 14, items 2, 4, 9, 13).

At 390 px: a department's editor sends an incomplete record and gets one list of what is
missing, each item a link to its field; follows the links, completes the record and sends it
after a confirmation that says where it goes. Home Affairs returns it without a reason (the
box is marked and takes the focus), then with one. The editor finds the reason at the top of
the record, without scrolling, and in the notification. Every page is checked with axe.

The texts new in this issue pass in English until the Vietnamese catalogue is compiled:
these steps find them by their place (ids, data attributes) and by the data they name.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from registry import workflow
from registry.data.catalogue_2023_2025 import GENERAL_CRITERIA
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SHOTS = Path("/tmp/shots/record")
NAME = "Trần Thị Thu Hà"
REASON = (
    "Đề nghị bổ sung số liệu cụ thể về số ca cấp cứu được cứu chữa thành công năm 2025, "
    "kèm xác nhận của Giám đốc Bệnh viện;\n"
    "làm rõ mô hình “Điều dưỡng tận tâm” đã được nhân rộng ở những khoa nào."
)
EVIDENCE = [
    "Nhiều năm liền chấp hành tốt chủ trương, chính sách, pháp luật.",
    "Ba năm liền hoàn thành xuất sắc nhiệm vụ.",
    "Khởi xướng mô hình “Điều dưỡng tận tâm”, rút ngắn thời gian chờ.",
    "Tham gia hiến máu tình nguyện và hỗ trợ người bệnh nghèo.",
]
UNDER_REVIEW = "Sở Nội vụ đang thẩm định"
RETURNED = "Trả lại để bổ sung"


def shoot(page: Page, name: str) -> None:
    """What the phone shows now, for a person to look at (``SHOTS/<name>-390.png``)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}-390.png")


def status_line(page: Page):
    return page.get_by_role("heading", level=1).locator("xpath=following-sibling::p[1]")


def done(page: Page):
    return page.locator("main .messages .alert-success")


def criterion_box(page: Page, text: str):
    return page.get_by_label(re.compile(re.escape(text) + "$"))


def sign_in(page: Page, login, user) -> None:
    """Another person on the same phone: the last one's session is gone."""
    page.context.clear_cookies()
    login(user)


@pytest.mark.slow
def test_a_returned_record_on_a_phone(page: Page, world, login, axe_check):
    editor = world.user("editor_a")
    reviewer = world.user("home_affairs")
    exemplar = ExemplarFactory(
        unit=world.dept_a,
        full_name=NAME,
        created_by=editor,
        with_evidence=False,
        achievements="",
        publication_consent=False,
    )
    missing = workflow.completeness_errors(exemplar)
    record_url = exemplar.get_absolute_url()
    page.set_viewport_size(PHONE)

    # --- 1. The editor sends it incomplete: one list, each item a link to its field. ---
    login(editor)
    page.goto(record_url)
    axe_check(page)
    page.locator("#next-step").locator('button[value="submit"]').click()
    expect(page).to_have_url(re.compile(r"#missing$"))
    listing = page.locator("#missing")
    expect(listing).to_have_count(1)
    expect(listing).to_have_attribute("role", "alert")
    expect(listing.get_by_role("listitem")).to_have_count(len(missing))
    expect(listing.get_by_role("link")).to_have_count(len(missing))
    expect(page.locator("main .messages .alert-danger")).to_have_count(0)  # no second list
    expect(status_line(page)).to_contain_text("Bản nháp")
    shoot(page, "1-missing")
    axe_check(page)

    # The first link opens the form on that very field.
    listing.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(rf"#{missing[0].anchor}$"))
    achievements = page.get_by_label("Thành tích", exact=True)
    expect(achievements).to_be_in_viewport()
    # Every field sending needs says so, to the eye and to screen readers.
    expect(page.locator(f"#{missing[0].anchor}_send")).to_be_visible()
    expect(achievements).to_have_attribute(
        "aria-describedby", re.compile(rf"\b{missing[0].anchor}_send\b")
    )
    shoot(page, "2-form-at-field")
    axe_check(page)

    # --- 2. Completed, through the form. ---
    achievements.fill("Mười năm liền hoàn thành xuất sắc nhiệm vụ; cứu chữa hơn 300 ca cấp cứu.")
    for criterion, text in zip(GENERAL_CRITERIA, EVIDENCE, strict=True):
        criterion_box(page, criterion).fill(text)
    page.get_by_label("Minh chứng đáp ứng tiêu chuẩn cụ thể của lĩnh vực", exact=True).fill(
        "Chuyên môn vững vàng gắn với y đức; không để xảy ra sai sót chuyên môn."
    )
    page.get_by_label("Đồng ý công bố", exact=True).check()
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(page.locator("#missing")).to_have_count(0)

    # --- 3. Sent, once confirmed with what goes where. ---
    page.locator("#next-step [data-open-dialog]").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(NAME)
    expect(dialog).to_contain_text("Sở Nội vụ")
    shoot(page, "3-confirm-send")
    axe_check(page)
    dialog.locator('button[value="submit"]').click()
    expect(done(page)).to_contain_text("Sở Nội vụ")
    expect(status_line(page)).to_contain_text(UNDER_REVIEW)

    # --- 4. Home Affairs returns it without a reason: the box is marked, with the focus. ---
    sign_in(page, login, reviewer)
    page.goto(record_url)
    axe_check(page)
    page.locator("#next-step").get_by_role("button", name=RETURNED, exact=True).click()
    expect(page).to_have_url(re.compile(rf"{re.escape(record_url)}#id_comment$"))
    box = page.locator("#next-step").get_by_label("Ý kiến", exact=True)
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(box).to_be_focused()
    expect(page.locator("#id_comment_errors")).to_have_text(
        "Vui lòng ghi rõ lý do trong phần ý kiến."
    )
    expect(status_line(page)).to_contain_text(UNDER_REVIEW)  # nothing happened
    shoot(page, "4-reason-missing")
    axe_check(page)

    # --- 5. With the reason. ---
    box.fill(REASON)
    page.locator("#next-step").get_by_role("button", name=RETURNED, exact=True).click()
    expect(done(page)).to_contain_text(world.dept_a.name)
    expect(status_line(page)).to_contain_text(RETURNED)

    # --- 6. The editor reads the reason first thing, and in the notification. ---
    sign_in(page, login, editor)
    page.goto(record_url)
    reason = page.locator("#reason")
    expect(reason).to_be_in_viewport()  # on the first screen of the phone
    assert page.evaluate("window.scrollY") == 0
    for line in REASON.split("\n"):
        expect(reason).to_contain_text(line)
    expect(reason).to_contain_text(reviewer.full_name)
    expect(reason.get_by_role("link")).to_have_attribute(
        "href", reverse("registry:exemplar_update", kwargs={"code": exemplar.code})
    )
    shoot(page, "5-reason-first")
    axe_check(page)

    page.goto(reverse("registry:notifications"))
    note = page.get_by_role("listitem").filter(has_text=NAME).first
    expect(note).to_contain_text(RETURNED)
    for line in REASON.split("\n"):
        expect(note).to_contain_text(line)
    shoot(page, "6-notification")
    axe_check(page)
