"""Each role's main task on a 390 px phone, its pages opened from the folded menu.

A commune's editor fills in and sends a record; the district endorses one and returns
another; Home Affairs filters its queue, accepts one and returns one; a media editor finds an
accepted exemplar and logs an article about it; the provincial leader taps a figure of the
dashboard and lands on exactly the records it counts; the administrator finds an account in
the admin site. Each step checks what changed in the database, and every page on the way is
checked for WCAG 2.1 A/AA and for sideways scrolling, which a phone shows badly.

The unit head's sign-off of a department's records has a journey of its own; these journeys
go through the commune and district path (Xã Gia Vân under Huyện Gia Viễn).
"""

import os
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from registry import workflow
from registry.data.catalogue_2023_2025 import GENERAL_CRITERIA
from registry.enums import ExemplarStatus as S
from registry.models import Exemplar, Field
from tests.factories.exemplars import ExemplarFactory

PHONE = {"width": 390, "height": 844}
pytestmark = [
    pytest.mark.browser,
    pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True),
]
# Set to a folder to keep a picture of every page checked, for a person to look at.
SHOTS = os.environ.get("PORTAL_E2E_SHOTS", "")

AT_DISTRICT = "Chờ huyện xác nhận"
AT_HOME_AFFAIRS = "Sở Nội vụ đang thẩm định"


@pytest.fixture
def on_phone(page: Page, axe_check):
    """``on_phone(name)``: the page as it stands fits the phone's width and passes axe."""

    def check(name: str) -> None:
        page.wait_for_load_state("load")
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= PHONE["width"] + 1, f"{page.url} is {width}px wide on a 390px phone"
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=Path(SHOTS) / f"{name}-390.png", full_page=True)
        axe_check(page)

    return check


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def status_line(page: Page):
    """The line under a record's name: status badge · subject · unit · year."""
    return heading(page).locator("xpath=following-sibling::p[1]")


def done(page: Page):
    return page.locator("main .messages .alert-success")


def next_step(page: Page):
    return page.locator("#next-step")


def sent_to_district(world, name: str, field: str = "health") -> Exemplar:
    """A record of Xã Gia Vân its editor has sent to Huyện Gia Viễn."""
    exemplar = ExemplarFactory(
        unit=world.commune_a, full_name=name, field=Field.objects.get(code=field)
    )
    return workflow.transition(exemplar=exemplar, action="submit", by=world.user("commune_editor"))


def under_review(world, name: str, field: str = "health") -> Exemplar:
    """A record of Xã Gia Vân that Huyện Gia Viễn has endorsed to Home Affairs."""
    exemplar = sent_to_district(world, name, field)
    return workflow.transition(
        exemplar=exemplar, action="endorse", by=world.user("district_reviewer")
    )


def assert_tappable(control) -> None:
    """``control`` is on the phone's screen, no smaller than a checkbox, and uncovered."""
    expect(control).to_be_visible()
    control.scroll_into_view_if_needed()
    expect(control).to_be_in_viewport()  # not left out of sight beside a scrolled table
    box = control.bounding_box()
    assert box["width"] >= 16 and box["height"] >= 16, f"too small to tap: {box}"
    on_top = control.evaluate(
        """(element) => {
            const box = element.getBoundingClientRect();
            const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return hit === element || element.contains(hit) || (element.labels
                && [...element.labels].some((label) => label.contains(hit)));
        }"""
    )
    assert on_top, "another element covers it"


def test_commune_editor_fills_in_a_record_and_sends_it_to_the_district(
    page: Page, world, login, open_from_menu, on_phone
):
    editor = world.user("commune_editor")
    page.goto("/accounts/login/")
    on_phone("login")  # the sign-in page once, for its width too
    login(editor, check=False)
    on_phone("commune-home")

    open_from_menu("Điển hình", "Danh sách điển hình")
    on_phone("commune-list")
    page.get_by_role("link", name="Thêm điển hình", exact=True).click()
    expect(heading(page)).to_have_text("Thêm điển hình")
    on_phone("commune-form")

    page.get_by_label("Cá nhân", exact=True).check()
    page.get_by_role("textbox", name="Họ và tên", exact=True).fill("Lê Thị Hoa")
    page.get_by_label("Giới tính", exact=True).select_option(label="Nữ")
    page.get_by_label("Năm sinh", exact=True).fill("1982")
    page.get_by_label("Chức vụ", exact=True).fill("Tổ trưởng tổ hợp tác sản xuất lúa - cá")
    page.get_by_label("Nơi công tác", exact=True).fill("Thôn Tập Ninh, xã Gia Vân")
    page.get_by_role("combobox", name="Lĩnh vực", exact=True).select_option(label="Nông nghiệp")
    page.get_by_label("Thành tích", exact=True).fill(
        "Chuyển 3 ha ruộng trũng sang mô hình lúa - cá, thu nhập tăng gấp đôi."
    )
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
        page.get_by_label(re.compile(re.escape(criterion) + "$")).fill(text)
    page.get_by_label("Minh chứng đáp ứng tiêu chuẩn cụ thể của lĩnh vực", exact=True).fill(
        "Sản xuất lúa hữu cơ kết hợp nuôi cá, không dùng thuốc trừ sâu hóa học."
    )
    page.get_by_label("Người liên hệ", exact=True).fill("Phạm Văn Nam")
    page.get_by_label("Điện thoại liên hệ", exact=True).fill("0912 345 678")
    page.get_by_label("Đồng ý công bố", exact=True).check()
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(heading(page)).to_have_text("Lê Thị Hoa")
    exemplar = Exemplar.objects.get(full_name="Lê Thị Hoa")
    assert exemplar.unit == world.commune_a and exemplar.status == S.DRAFT
    assert workflow.completeness_errors(exemplar) == []
    on_phone("commune-draft")

    next_step(page).locator("[data-open-dialog]").click()
    dialog = page.locator("#send-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(world.district_a.name)
    on_phone("commune-send-dialog")
    dialog.locator('button[value="submit"]').click()
    expect(done(page)).to_contain_text(world.district_a.name)
    expect(status_line(page)).to_contain_text(AT_DISTRICT)
    exemplar.refresh_from_db()
    assert exemplar.status == S.SUBMITTED_TO_DISTRICT
    assert exemplar.reviewer_unit == world.district_a
    on_phone("commune-sent")


def test_district_reviewer_endorses_one_record_and_returns_another(
    page: Page, world, login, open_from_menu, on_phone
):
    first = sent_to_district(world, "Lê Thị Hoa")
    second = sent_to_district(world, "Đinh Văn Khải")
    reason = "Đề nghị bổ sung xác nhận của thôn về số hộ được hỗ trợ giống."
    login(world.user("district_reviewer"), check=False)
    on_phone("district-home")

    open_from_menu("Điển hình", "Thẩm định")
    queue = page.locator("#review-results")
    expect(queue.locator("tbody tr")).to_have_count(2)
    on_phone("district-queue")
    queue.get_by_role("link", name="Lê Thị Hoa", exact=True).click()
    expect(status_line(page)).to_contain_text(AT_DISTRICT)
    on_phone("district-record")
    next_step(page).get_by_role("button", name="Xác nhận và gửi Sở Nội vụ").click()
    expect(status_line(page)).to_contain_text(AT_HOME_AFFAIRS)
    first.refresh_from_db()
    assert first.status == S.UNDER_REVIEW
    on_phone("district-endorsed")

    open_from_menu("Điển hình", "Thẩm định")
    expect(queue.locator("tbody tr")).to_have_count(1)
    queue.get_by_role("link", name="Đinh Văn Khải", exact=True).click()
    next_step(page).get_by_label("Ý kiến", exact=True).fill(reason)
    next_step(page).get_by_role("button", name="Trả lại xã", exact=True).click()
    expect(done(page)).to_contain_text(world.commune_a.name)
    second.refresh_from_db()
    assert second.status == S.RETURNED_BY_DISTRICT
    assert second.transitions.latest("pk").comment == reason
    on_phone("district-returned")


def test_home_affairs_filters_its_queue_accepts_one_and_returns_one(
    page: Page, world, login, open_from_menu, on_phone
):
    mai = under_review(world, "Trần Thị Mai")
    long_ = under_review(world, "Phạm Văn Long")
    hang = under_review(world, "Đỗ Thị Hằng", "education-training")
    reason = "Đề nghị bổ sung số liệu về số người bệnh được hỗ trợ năm nay."
    login(world.user("home_affairs"), check=False)
    on_phone("home-affairs-home")

    open_from_menu("Điển hình", "Thẩm định")
    queue = page.locator("#review-results")
    rows = queue.locator("tbody tr")
    expect(rows).to_have_count(3)
    on_phone("home-affairs-queue")

    # The filters are folded behind one button on a phone; a field narrows the list.
    filters = page.locator("#filter-form")
    expect(filters).to_be_hidden()
    page.get_by_role("button", name="Lọc", exact=True).click()
    filters.get_by_role("combobox", name="Lĩnh vực", exact=True).select_option(label="Y tế")
    expect(page).to_have_url(re.compile(r"[?&]field=health(&|$)"))
    expect(rows).to_have_count(2)
    expect(queue).not_to_contain_text(hang.full_name)
    on_phone("home-affairs-filtered")

    # "Select all" ticks the rows the filter left, and a thumb can reach it.
    select_all = queue.get_by_role("checkbox", name="Chọn tất cả trên trang này")
    boxes = queue.locator('input[name="selected"]')
    assert_tappable(select_all)
    select_all.tap()
    expect(boxes.nth(0)).to_be_checked()
    expect(boxes.nth(1)).to_be_checked()
    select_all.tap()
    expect(boxes.nth(0)).not_to_be_checked()
    expect(boxes.nth(1)).not_to_be_checked()

    queue.get_by_role("checkbox", name=f"Chọn {mai.full_name}", exact=True).tap()
    queue.get_by_role("button", name="Công nhận", exact=True).click()
    expect(done(page)).to_be_visible()
    expect(rows).to_have_count(1)
    expect(page).to_have_url(re.compile(r"[?&]field=health(&|$)"))  # still filtered
    mai.refresh_from_db()
    assert mai.status == S.ACCEPTED
    on_phone("home-affairs-accepted")

    queue.get_by_role("checkbox", name=f"Chọn {long_.full_name}", exact=True).tap()
    queue.get_by_label("Ý kiến (bắt buộc khi trả lại)").fill(reason)
    queue.get_by_role("button", name="Trả lại để bổ sung", exact=True).click()
    expect(done(page)).to_be_visible()
    expect(rows).to_have_count(0)
    long_.refresh_from_db()
    assert long_.status == S.RETURNED
    assert long_.transitions.latest("pk").comment == reason
    hang.refresh_from_db()
    assert hang.status == S.UNDER_REVIEW  # filtered out, untouched
    on_phone("home-affairs-returned")


def test_media_editor_finds_an_accepted_exemplar_and_logs_an_article(
    page: Page, world, login, open_from_menu, on_phone
):
    from campaigns.models import Coverage, MediaOutlet
    from reports.models import MediaIntroduction

    # Home Affairs introduced two accepted exemplars to the newspaper the media editor runs.
    newspaper = MediaOutlet.objects.create(
        name="Báo Ninh Bình", kind=MediaOutlet.Kind.NEWSPAPER, unit=world.press
    )
    khai = ExemplarFactory(unit=world.commune_a, full_name="Đinh Văn Khải", status="accepted")
    lan = ExemplarFactory(unit=world.commune_b, full_name="Đinh Thị Lan", status="accepted")
    for exemplar in (khai, lan):
        MediaIntroduction.objects.create(
            exemplar=exemplar,
            outlet=newspaper,
            date=timezone.localdate(),
            created_by=world.user("home_affairs"),
        )
    title = "Người nông dân đưa cá về ruộng trũng"
    login(world.user("media"), check=False)
    on_phone("media-home")

    open_from_menu("Điển hình", "Danh sách điển hình")
    results = page.locator("#exemplar-results")
    expect(results.locator("tbody tr")).to_have_count(2)
    on_phone("media-list")
    page.get_by_role("button", name="Lọc", exact=True).click()
    page.get_by_role("searchbox", name="Tìm kiếm").fill("dinh van khai")
    expect(page).to_have_url(re.compile(r"[?&]q=dinh(\+|%20)van(\+|%20)khai(&|$)"))
    expect(results.locator("tbody tr")).to_have_count(1)
    on_phone("media-found")

    results.get_by_role("link", name=khai.full_name, exact=True).click()
    expect(heading(page)).to_have_text(khai.full_name)
    on_phone("media-record")
    page.get_by_role("link", name="Ghi nhận tin, bài", exact=True).click()
    expect(page.get_by_role("listbox", name="Điển hình được giới thiệu")).to_have_values(
        [str(khai.pk)]
    )
    on_phone("media-coverage-form")
    page.get_by_role("combobox", name="Nơi đăng, phát sóng", exact=True).select_option(
        label="Báo Ninh Bình"
    )
    page.get_by_role("combobox", name="Loại", exact=True).select_option(label="Bài viết")
    page.get_by_role("textbox", name="Ngày đăng, phát sóng").fill(
        timezone.localdate().strftime("%d/%m/%Y")
    )
    page.get_by_role("textbox", name="Tiêu đề", exact=True).fill(title)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(done(page)).to_be_visible()
    expect(heading(page)).to_have_text(title)
    article = Coverage.objects.get(title=title)
    assert list(article.exemplars.all()) == [khai]
    assert article.recorded_by == world.user("media")
    on_phone("media-coverage")


def test_leader_taps_a_dashboard_figure_and_gets_exactly_its_records(
    page: Page, world, login, open_from_menu, on_phone
):
    year = timezone.localdate().year
    for status in ("accepted", "accepted", "under_review", "submitted_to_district", "draft"):
        ExemplarFactory(unit=world.commune_a, year=year, status=status, with_evidence=False)
    ExemplarFactory(unit=world.commune_b, year=year - 1, status="accepted", with_evidence=False)
    sent_up = Exemplar.objects.filter(
        year=year, status__in=[S.SUBMITTED_TO_DISTRICT, S.UNDER_REVIEW, S.ACCEPTED]
    )
    login(world.user("leader"), check=False)
    on_phone("leader-home")

    open_from_menu("Theo dõi", "Tổng quan")
    expect(heading(page)).to_contain_text(str(year))
    figure = page.locator(".dashboard-figures > li").filter(
        has=page.get_by_role("link", name="Đã gửi lên xét duyệt", exact=True)
    )
    expect(figure.locator(".h3")).to_have_text(str(sent_up.count()))
    on_phone("leader-dashboard")

    figure.get_by_role("link", name="Đã gửi lên xét duyệt", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/dien-hinh/\?year={year}&status=sent_up$"))
    results = page.locator("#exemplar-results")
    rows = results.locator("tbody tr")
    expect(rows).to_have_count(sent_up.count())
    for exemplar in sent_up:
        expect(results.get_by_role("link", name=exemplar.full_name, exact=True)).to_be_visible()
    # The count above the cards reads on one line, not a word a line.
    caption = results.locator("caption")
    expect(caption).to_have_text(f"{sent_up.count()} điển hình")
    lines = caption.evaluate(
        "(caption) => { const range = document.createRange();"
        " range.selectNodeContents(caption); return range.getClientRects().length; }"
    )
    assert lines == 1, f"the count takes {lines} lines"
    expect(page.get_by_role("table", name=f"{sent_up.count()} điển hình")).to_be_visible()
    on_phone("leader-list")


def test_administrator_finds_an_account_in_the_admin_site(
    page: Page, world, login, open_from_menu, on_phone
):
    wanted = world.user("commune_editor")
    login(world.user("administrator"), check=False)
    on_phone("admin-home")

    open_from_menu(None, "Quản trị")
    expect(page).to_have_url(re.compile(r"/quan-tri/$"))
    on_phone("admin-index")
    page.get_by_role("link", name="Người dùng", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/quan-tri/registry/user/$"))
    on_phone("admin-users")

    page.locator("#searchbar").fill(wanted.username)
    page.get_by_role("button", name="Tìm kiếm", exact=True).tap()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    on_phone("admin-users-found")
    rows.get_by_role("link", name=wanted.username, exact=True).click()
    expect(page.get_by_role("textbox", name=re.compile("^Tên đăng nhập"))).to_have_value(
        wanted.username
    )
    on_phone("admin-user")
