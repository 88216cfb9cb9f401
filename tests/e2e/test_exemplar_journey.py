"""An exemplar's whole life in a real browser: the issue's acceptance journey.

A commune drafts an exemplar through the form (one mistake on the way), attaches a photo and
submits it; the district endorses it; Home Affairs returns it for completion; the commune
completes it and submits again; the district endorses again and Home Affairs accepts it from
the review queue's bulk form. The commune's quota counter and the exemplar's timeline show
it all. Every distinct page on the way is checked for WCAG 2.1 A/AA (see conftest.py).
"""

import re

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

from registry.data.catalogue_2023_2025 import GENERAL_CRITERIA

pytestmark = pytest.mark.browser

# The commune ceased to exist after 2025 (see tests/conftest.py): its exemplars are of 2025.
YEAR = 2025
NAME = "Lê Thị Hoa"
ACHIEVEMENTS = (
    "Chuyển 3 ha ruộng trũng sang mô hình lúa - cá, thu nhập tăng gấp đôi so với cấy lúa."
)
ADDED = "Năng suất lúa năm 2025 đạt 6,8 tấn/ha; cá đạt 1,2 tấn/ha."
RETURN_REASON = "Đề nghị bổ sung số liệu năng suất năm 2025 vào phần thành tích."
CAPTION = "Ruộng lúa - cá của chị Hoa"
PHOTO_NAME = "ruong-lua-ca.jpg"

DRAFT = "Bản nháp"
AT_DISTRICT = "Chờ huyện xác nhận"
AT_HOME_AFFAIRS = "Sở Nội vụ đang thẩm định"
RETURNED = "Trả lại để bổ sung"
ACCEPTED = "Được công nhận"

ENDORSE = "Xác nhận và gửi Sở Nội vụ"
RETURN = "Trả lại để bổ sung"
ACCEPT = "Công nhận"

PROGRESS_NAME = "Số điển hình được công nhận so với chỉ tiêu tối thiểu"


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def nav_link(page: Page, name: str | re.Pattern, *, in_dropdown: bool = False):
    """A link of the navbar (the page's banner); ``in_dropdown`` for one in a closed dropdown."""
    exact = True if isinstance(name, str) else None
    return page.get_by_role("banner").get_by_role(
        "link", name=name, exact=exact, include_hidden=in_dropdown or None
    )


def open_from_menu(page: Page, area: str, name: str) -> None:
    """Open a page of the navbar: its area's dropdown, then its link."""
    banner = page.get_by_role("banner")
    banner.get_by_role("button", name=area, exact=True).click()
    banner.get_by_role("link", name=name, exact=True).click()


def status_line(page: Page):
    """The line under the exemplar's name: status badge · subject · unit · year."""
    return heading(page).locator("xpath=following-sibling::p[1]")


def message(page: Page, text: str):
    """One of the messages shown at the top of the main content after an action."""
    return page.locator("main .messages").get_by_text(text, exact=True)


def done(page: Page):
    """The message that tells what a move did (its wording: tests/test_record_page.py)."""
    return page.locator("main .messages .alert-success")


def criterion_box(page: Page, text: str):
    """A general criterion's evidence box: its label is the criterion's number, then its text."""
    return page.get_by_label(re.compile(re.escape(text) + "$"))


def send(page: Page) -> None:
    """Send the record, confirming in the dialog that says where it goes."""
    next_step(page).locator("[data-open-dialog]").click()
    dialog = page.locator("#send-dialog")
    expect(dialog).to_be_visible()
    dialog.locator('button[value="submit"]').click()


def next_step(page: Page):
    return page.get_by_role("region", name="Bước tiếp theo")


def make_photo(path) -> None:
    """A small but real JPEG photo: the portal decodes and re-encodes every image."""
    image = Image.new("RGB", (480, 320), (120, 170, 70))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 480, 110), fill=(150, 200, 240))  # sky
    draw.ellipse((380, 20, 440, 80), fill=(250, 220, 80))  # sun
    for x in range(20, 480, 40):
        draw.line((x, 320, x + 10, 140), fill=(60, 120, 40), width=4)  # rice rows
    image.save(path, "JPEG", quality=85)


def check_quota(page: Page, axe_check, *, accepted: int, sent: int) -> None:
    """On the home page, choose the year and read the commune's quota card."""
    page.get_by_label("Năm", exact=True).select_option(str(YEAR))
    page.get_by_role("button", name="Xem", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/\?year={YEAR}$"))
    quota = page.get_by_role("region", name=f"Chỉ tiêu năm {YEAR}")
    expect(quota).to_contain_text(f"Đã được công nhận {accepted} / tối thiểu 2")
    expect(quota).to_contain_text(f"Đã gửi (đang chờ thẩm định hoặc đã được công nhận): {sent}")
    progress = quota.get_by_role("progressbar", name=PROGRESS_NAME)
    expect(progress).to_have_attribute("value", str(accepted))
    axe_check(page)


def open_from_queue(page: Page, axe_check=None) -> None:
    """Find the exemplar in the reviewer's queue and open it."""
    open_from_menu(page, "Điển hình", "Thẩm định")
    expect(heading(page)).to_have_text("Hồ sơ chờ tôi thẩm định")
    expect(nav_link(page, "Thẩm định", in_dropdown=True)).to_have_attribute("aria-current", "page")
    queue = page.locator("#review-results")
    expect(queue.get_by_role("row", name=re.compile(NAME))).to_contain_text(str(YEAR))
    if axe_check:
        axe_check(page)
    queue.get_by_role("link", name=NAME, exact=True).click()
    expect(heading(page)).to_have_text(NAME)


@pytest.mark.slow
def test_exemplar_from_draft_to_accepted(page: Page, world, login, logout, axe_check, tmp_path):
    commune_editor = world.user("commune_editor")
    district_reviewer = world.user("district_reviewer")
    home_affairs = world.user("home_affairs")

    # --- Before the journey the commune has nothing accepted for 2025. ---
    login(commune_editor)
    check_quota(page, axe_check, accepted=0, sent=0)

    # --- 1. The commune drafts the exemplar, as a person fills the form. ---
    open_from_menu(page, "Điển hình", "Danh sách điển hình")
    expect(heading(page)).to_have_text("Điển hình tiên tiến")
    axe_check(page)
    page.get_by_role("link", name="Thêm điển hình", exact=True).click()
    expect(heading(page)).to_have_text("Thêm điển hình")
    axe_check(page)

    # Required fields carry a visual asterisk, which is hidden from their accessible names.
    year = page.get_by_role("spinbutton", name="Năm", exact=True)
    year.fill(str(YEAR))
    page.get_by_label("Cá nhân", exact=True).check()
    # Only the chosen kind's fields are shown.
    expect(page.get_by_role("textbox", name="Họ và tên", exact=True)).to_be_visible()
    expect(page.locator('.subject-group[data-subject="collective"]')).to_be_hidden()
    expect(page.locator('.subject-group[data-subject="household"]')).to_be_hidden()
    # The name is left empty on purpose; everything else is filled.
    page.get_by_label("Giới tính", exact=True).select_option(label="Nữ")
    page.get_by_label("Năm sinh", exact=True).fill("1982")
    page.get_by_label("Chức vụ", exact=True).fill("Tổ trưởng tổ hợp tác sản xuất lúa - cá")
    page.get_by_label("Nơi công tác", exact=True).fill("Thôn Tập Ninh, xã Gia Vân")
    page.get_by_role("combobox", name="Lĩnh vực", exact=True).select_option(label="Nông nghiệp")
    page.get_by_label("Thành tích", exact=True).fill(ACHIEVEMENTS)
    page.get_by_label("Mô hình mới, cách làm hay, sáng kiến", exact=True).fill(
        "Mô hình lúa - cá trên ruộng trũng, nhân rộng cho 12 hộ trong thôn."
    )
    evidence = [
        "Chấp hành tốt chủ trương, chính sách; nhiều năm liền hoàn thành tốt nhiệm vụ.",
        "Tổ hợp tác hoàn thành vượt kế hoạch sản xuất ba năm liền.",
        "Khởi xướng mô hình lúa - cá, được xã chọn để nhân rộng.",
        "Hỗ trợ giống, hướng dẫn kỹ thuật miễn phí cho hộ nghèo trong thôn.",
    ]
    for criterion, text in zip(GENERAL_CRITERIA, evidence, strict=True):
        criterion_box(page, criterion).fill(text)
    page.get_by_label("Minh chứng đáp ứng tiêu chuẩn cụ thể của lĩnh vực", exact=True).fill(
        "Sản xuất lúa hữu cơ kết hợp nuôi cá, không dùng thuốc trừ sâu hóa học."
    )
    page.get_by_label("Người liên hệ", exact=True).fill("Phạm Văn Nam")
    page.get_by_label("Điện thoại liên hệ", exact=True).fill("0912 345 678")
    page.get_by_label("Thư điện tử liên hệ", exact=True).fill("nam.pv@giavan.example.vn")
    page.get_by_label("Đồng ý công bố", exact=True).check()
    page.get_by_role("button", name="Lưu bản nháp").click()

    # Refused in Vietnamese, next to the field, with everything typed still there.
    expect(page.get_by_role("alert")).to_have_text("Vui lòng sửa các lỗi dưới đây.")
    name = page.get_by_role("textbox", name="Họ và tên", exact=True)
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name.locator("xpath=..")).to_contain_text("Vui lòng nhập tên của điển hình.")
    expect(page.get_by_label("Cá nhân", exact=True)).to_be_checked()
    expect(page.get_by_label("Năm sinh", exact=True)).to_have_value("1982")
    expect(page.get_by_label("Thành tích", exact=True)).to_have_value(ACHIEVEMENTS)
    field = page.get_by_role("combobox", name="Lĩnh vực", exact=True)
    expect(field.locator("option:checked")).to_have_text("Nông nghiệp")
    expect(criterion_box(page, GENERAL_CRITERIA[3])).to_have_value(evidence[3])
    expect(page.get_by_label("Thư điện tử liên hệ", exact=True)).to_have_value(
        "nam.pv@giavan.example.vn"
    )
    expect(page.get_by_label("Đồng ý công bố", exact=True)).to_be_checked()
    axe_check(page)

    name.fill(NAME)
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(message(page, "Đã lưu bản nháp. Hãy kiểm tra lại rồi gửi.")).to_be_visible()
    expect(heading(page)).to_have_text(NAME)
    expect(page).to_have_url(re.compile(r"/dien-hinh/[^/]+/$"))
    exemplar_url = page.url
    expect(status_line(page)).to_contain_text(DRAFT)
    expect(status_line(page)).to_contain_text(f"Cá nhân · Xã Gia Vân · năm {YEAR}")
    expect(page.get_by_text("Trước khi gửi, hồ sơ còn thiếu:")).to_have_count(0)  # complete
    axe_check(page)

    # --- 2. A photo of the model. ---
    photo = tmp_path / PHOTO_NAME
    make_photo(photo)
    page.locator("#attachment-file").set_input_files(photo)
    page.get_by_label("Chú thích", exact=True).fill(CAPTION)
    page.get_by_role("button", name="Đính kèm", exact=True).click()
    expect(message(page, f"Tệp “{PHOTO_NAME}” đã được đính kèm.")).to_be_visible()
    attachments = page.get_by_role("region", name="Hình ảnh và tài liệu")
    thumbnail = attachments.get_by_role("img", name=CAPTION)
    expect(thumbnail).to_be_visible()
    # The thumbnail really loads: the browser decodes the image the portal made of the photo
    # (decode() waits for the image and fails on a broken one).
    assert thumbnail.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    expect(attachments.get_by_role("link", name=PHOTO_NAME, exact=True)).to_be_visible()
    axe_check(page)

    # --- 3. Submitted to the district. ---
    send(page)
    expect(done(page)).to_contain_text(world.district_a.name)
    expect(status_line(page)).to_contain_text(AT_DISTRICT)
    expect(page.get_by_role("link", name="Sửa", exact=True)).to_have_count(0)  # frozen now
    logout()

    # --- 4. The district endorses it. ---
    login(district_reviewer, check=False)
    open_from_queue(page, axe_check)
    expect(status_line(page)).to_contain_text(AT_DISTRICT)
    axe_check(page)
    next_step(page).get_by_role("button", name=ENDORSE, exact=True).click()
    expect(done(page)).to_contain_text("Sở Nội vụ")
    expect(status_line(page)).to_contain_text(AT_HOME_AFFAIRS)
    logout()

    # --- 5. Home Affairs returns it, which needs a reason. ---
    login(home_affairs, check=False)
    open_from_queue(page, axe_check)
    expect(status_line(page)).to_contain_text(AT_HOME_AFFAIRS)
    next_step(page).get_by_role("button", name=RETURN, exact=True).click()
    comment = next_step(page).get_by_label("Ý kiến", exact=True)
    expect(comment).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_comment_errors")).to_have_text(
        "Vui lòng ghi rõ lý do trong phần ý kiến."
    )
    expect(status_line(page)).to_contain_text(AT_HOME_AFFAIRS)  # nothing changed
    axe_check(page)
    next_step(page).get_by_label("Ý kiến", exact=True).fill(RETURN_REASON)
    next_step(page).get_by_role("button", name=RETURN, exact=True).click()
    expect(done(page)).to_contain_text(world.commune_a.name)
    expect(status_line(page)).to_contain_text(RETURNED)
    logout()

    # --- 6. The commune is told, completes the record and submits it again. ---
    login(commune_editor, check=False)
    notifications = nav_link(page, re.compile(r"^Thông báo"))
    # Two unread: the district's endorsement and the return.
    expect(notifications).to_have_accessible_name("Thông báo 2 chưa đọc")
    notifications.click()
    expect(heading(page)).to_have_text("Thông báo")
    returned_note = page.get_by_role("link", name=re.compile(rf"^{NAME} .*: {RETURNED} — "))
    expect(returned_note).to_have_text(
        f"{NAME} ({world.commune_a.short_name}, năm {YEAR}): {RETURNED} — {home_affairs.full_name}."
    )
    axe_check(page)
    returned_note.click()
    expect(heading(page)).to_have_text(NAME)
    expect(status_line(page)).to_contain_text(RETURNED)
    timeline = page.get_by_role("region", name="Quá trình xử lý")
    expect(timeline).to_contain_text(f"“{RETURN_REASON}”")  # what was asked
    axe_check(page)

    page.get_by_role("link", name="Sửa", exact=True).click()
    expect(heading(page)).to_have_text("Sửa hồ sơ điển hình")
    expect(page.get_by_role("textbox", name="Họ và tên", exact=True)).to_have_value(NAME)
    axe_check(page)
    page.get_by_label("Thành tích", exact=True).fill(f"{ACHIEVEMENTS}\n{ADDED}")
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(message(page, "Đã lưu thay đổi.")).to_be_visible()
    expect(page.get_by_role("region", name="Thành tích")).to_contain_text(ADDED)
    send(page)
    expect(status_line(page)).to_contain_text(AT_DISTRICT)
    logout()

    login(district_reviewer, check=False)
    open_from_queue(page)  # pages checked in step 4
    next_step(page).get_by_role("button", name=ENDORSE, exact=True).click()
    expect(status_line(page)).to_contain_text(AT_HOME_AFFAIRS)
    logout()

    # Home Affairs accepts it with the queue's bulk form.
    login(home_affairs, check=False)
    open_from_menu(page, "Điển hình", "Thẩm định")
    queue = page.locator("#review-results")
    queue.get_by_role("checkbox", name=f"Chọn {NAME}", exact=True).check()
    queue.get_by_role("group", name="Với các hồ sơ đã chọn").get_by_role(
        "button", name=ACCEPT, exact=True
    ).click()
    expect(message(page, f"Đã thực hiện cho 1 điển hình: {ACCEPT}.")).to_be_visible()
    expect(queue.get_by_role("link", name=NAME, exact=True)).to_have_count(0)  # done
    axe_check(page)
    page.goto(exemplar_url)
    expect(status_line(page)).to_contain_text(ACCEPTED)
    logout()

    # --- 7. The commune's quota counter moved. ---
    login(commune_editor, check=False)
    check_quota(page, axe_check, accepted=1, sent=1)

    # --- 8. The timeline tells the whole story, in order. ---
    open_from_menu(page, "Điển hình", "Danh sách điển hình")
    page.get_by_role("link", name=NAME, exact=True).click()
    expect(status_line(page)).to_contain_text(ACCEPTED)
    steps = page.get_by_role("region", name="Quá trình xử lý").get_by_role("listitem")
    commune, district, province = (
        commune_editor.full_name,
        district_reviewer.full_name,
        home_affairs.full_name,
    )
    expected = [
        ("Tạo bản nháp", None),
        (PHOTO_NAME, commune),  # the photo attached (registry/attachments.py)
        (f"{DRAFT} → {AT_DISTRICT}", commune),
        (f"{AT_DISTRICT} → {AT_HOME_AFFAIRS}", district),
        (f"{AT_HOME_AFFAIRS} → {RETURNED}", province),
        (f"{RETURNED} → {AT_DISTRICT}", commune),
        (f"{AT_DISTRICT} → {AT_HOME_AFFAIRS}", district),
        (f"{AT_HOME_AFFAIRS} → {ACCEPTED}", province),
    ]
    expect(steps).to_have_count(len(expected))
    for step, (move, by) in zip(steps.all(), expected, strict=True):
        expect(step).to_contain_text(move)
        if by:
            expect(step).to_contain_text(f" · {by}")
    expect(steps.nth(4)).to_contain_text(f"“{RETURN_REASON}”")
    expect(page.get_by_role("region", name="Thành tích")).to_contain_text(ADDED)
    axe_check(page)
