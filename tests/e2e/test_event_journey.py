"""A unit records an event it organised, with a photo; other units cannot open it and Home
Affairs finds it by kind. A media editor keeps a column and sees its output month by month."""

import datetime
import re

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.browser

TITLE = "Gặp mặt thầy thuốc tiêu biểu nhân Ngày Thầy thuốc Việt Nam"


def open_menu(page: Page, link: str) -> None:
    navigation = page.get_by_role("navigation", name="Thanh điều hướng chính")
    navigation.get_by_role("button", name="Thi đua, tuyên truyền").click()
    navigation.get_by_role("link", name=link, exact=True).click()


def a_past_date(**delta) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(**delta)


@pytest.mark.slow
def test_a_unit_records_its_event_with_a_photo(
    page: Page, world, login, logout, axe_check, tmp_path
):
    from campaigns.models import Event

    hoa = ExemplarFactory(unit=world.dept_a, full_name="Phạm Thị Hòa", status="accepted")
    # Another unit's conference, of another kind, for Home Affairs' filter to leave out.
    Event.objects.create(
        kind=Event.Kind.CONFERENCE,
        title="Hội nghị điển hình tiên tiến ngành giáo dục",
        date=a_past_date(days=30),
        place="Trường THPT chuyên Lương Văn Tụy",
        organiser=world.dept_b,
        recorded_by=world.user("editor_b"),
    )
    photo = tmp_path / "gap-mat-thay-thuoc.jpg"
    Image.new("RGB", (640, 480), (30, 120, 200)).save(photo, "JPEG")
    held_on = a_past_date(days=10)

    # The health department's editor records the meeting their department held.
    login(world.user("editor_a"))
    open_menu(page, "Sự kiện")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sự kiện")
    axe_check(page)
    page.get_by_role("link", name="Ghi nhận sự kiện").click()
    organiser = page.get_by_role("combobox", name="Đơn vị tổ chức", exact=True)
    expect(organiser).to_be_disabled()
    expect(organiser).to_have_value(str(world.dept_a.pk))
    expect(
        page.get_by_text("Đơn vị của bạn ghi nhận các sự kiện do đơn vị tổ chức.")
    ).to_be_visible()
    axe_check(page)
    page.get_by_role("combobox", name="Loại", exact=True).select_option(label="Gặp mặt, tọa đàm")
    page.get_by_role("textbox", name="Tiêu đề", exact=True).fill(TITLE)
    page.get_by_role("textbox", name="Ngày", exact=True).fill(held_on.strftime("%d/%m/%Y"))
    page.get_by_role("textbox", name="Địa điểm", exact=True).fill("Hội trường Sở Y tế")
    page.get_by_role("listbox", name="Điển hình được biểu dương").select_option(str(hoa.pk))
    page.get_by_role("spinbutton", name="Số người tham dự").fill("120")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã ghi nhận sự kiện.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    featured = page.get_by_role("region", name="Điển hình được biểu dương")
    expect(featured.get_by_role("link", name="Phạm Thị Hòa")).to_be_visible()
    axe_check(page)

    # A photo of the meeting, shown as a thumbnail on the event's page.
    files = page.get_by_role("region", name="Hình ảnh và tài liệu")
    files.get_by_label("Ảnh hoặc tài liệu").set_input_files(photo)
    files.get_by_role("textbox", name="Chú thích").fill("Lãnh đạo Sở trao giấy khen")
    files.get_by_role("button", name="Đính kèm").click()
    expect(page.get_by_text("Tệp “gap-mat-thay-thuoc.jpg” đã được đính kèm.")).to_be_visible()
    thumbnail = files.get_by_role("img", name="Lãnh đạo Sở trao giấy khen")
    expect(thumbnail).to_be_visible()
    thumbnail.scroll_into_view_if_needed()  # thumbnails load lazily
    expect(thumbnail).to_have_js_property("complete", True)
    assert thumbnail.evaluate("img => img.naturalWidth") > 0
    axe_check(page)

    # On a phone the page fits the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    axe_check(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    event_url, photo_url = page.url, thumbnail.get_attribute("src")
    logout()

    # The education department reaches neither the event nor its photo.
    login(world.user("editor_b"), check=False)
    response = page.goto(event_url)
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Không tìm thấy trang")
    axe_check(page)
    assert page.goto(photo_url).status == 404
    logout()

    # Home Affairs finds it among the meetings and dialogues.
    login(world.user("home_affairs"), check=False)
    open_menu(page, "Sự kiện")
    events = page.get_by_role("region", name="Sự kiện", exact=True)
    expect(
        events.get_by_role("link", name="Hội nghị điển hình tiên tiến ngành giáo dục")
    ).to_be_visible()
    page.get_by_role("combobox", name="Loại", exact=True).select_option(label="Gặp mặt, tọa đàm")
    page.get_by_role("button", name="Áp dụng").click()
    expect(events.get_by_role("row")).to_have_count(2)  # the header and the meeting
    row = events.get_by_role("row", name=re.compile(TITLE))
    expect(row).to_contain_text("Sở Y tế")
    expect(row.get_by_role("link", name="Phạm Thị Hòa")).to_be_visible()
    axe_check(page)


def test_a_media_editor_keeps_a_column_and_sees_its_monthly_output(
    page: Page, world, login, axe_check
):
    from campaigns.models import Column, MediaOutlet

    outlet = MediaOutlet.objects.create(
        name="Báo Ninh Bình", kind=MediaOutlet.Kind.NEWSPAPER, unit=world.user("media").unit
    )
    khai = ExemplarFactory(unit=world.dept_a, full_name="Vũ Văn Khải", status="accepted")
    this_month = timezone.localdate().replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=5)

    login(world.user("media"))
    open_menu(page, "Chuyên trang, chuyên mục")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chuyên trang, chuyên mục")
    axe_check(page)
    page.get_by_role("link", name="Thêm chuyên trang, chuyên mục").click()
    axe_check(page)
    # The press runs one outlet: it is already chosen.
    expect(page.get_by_role("combobox", name="Nơi đăng, phát sóng")).to_have_value(str(outlet.pk))
    page.get_by_role("textbox", name="Tên", exact=True).fill("Người tốt, việc tốt")
    page.get_by_role("combobox", name="Loại", exact=True).select_option(label="Chuyên mục")
    page.get_by_role("textbox", name="Ngày bắt đầu").fill(
        last_month.replace(day=1).strftime("%d/%m/%Y")
    )
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu chuyên trang, chuyên mục.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Người tốt, việc tốt")
    column = Column.objects.get(name="Người tốt, việc tốt")

    for number, (published_on, title) in enumerate(
        [
            (last_month, "Người thợ điện leo cột giữa đêm mưa bão"),
            (this_month, "Cô giáo vùng cao gieo chữ ở Kim Sơn"),
        ]
    ):
        page.get_by_role("link", name="Ghi nhận tin, bài").click()
        # Coming from the column, the form names it and its outlet.
        expect(page.get_by_role("combobox", name="Chuyên trang, chuyên mục")).to_have_value(
            str(column.pk)
        )
        if not number:
            axe_check(page)
        page.get_by_role("combobox", name="Loại", exact=True).select_option(label="Bài viết")
        page.get_by_role("textbox", name="Ngày đăng, phát sóng").fill(
            published_on.strftime("%d/%m/%Y")
        )
        page.get_by_role("textbox", name="Tiêu đề", exact=True).fill(title)
        page.get_by_role("listbox", name="Điển hình được giới thiệu").select_option(str(khai.pk))
        page.get_by_role("button", name="Lưu", exact=True).click()
        expect(page.get_by_text("Đã ghi nhận tin, bài.")).to_be_visible()
        if not number:
            axe_check(page)
        # Back to the column, from the item's page.
        page.get_by_role("link", name="Người tốt, việc tốt", exact=True).click()

    output = page.get_by_role("region", name="Số lượng tin, bài theo thời gian")
    monthly = output.get_by_role("table", name="Số tin, bài theo tháng, 12 tháng gần nhất")
    for month in (last_month, this_month):
        row = monthly.get_by_role("row", name=month.strftime("%m/%Y"))
        expect(row.get_by_role("cell").first).to_have_text("1")
    expect(monthly.get_by_role("row", name="Tổng cộng").get_by_role("cell").first).to_have_text("2")
    items = page.get_by_role("region", name="Tin, bài trong phạm vi của bạn")
    expect(items.get_by_role("link", name="Cô giáo vùng cao gieo chữ ở Kim Sơn")).to_be_visible()
    axe_check(page)
