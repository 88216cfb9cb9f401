"""Home Affairs records a movement and an event featuring two exemplars; a media editor logs
an article about one of them; the exemplar's page shows the event and the article."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.browser


def test_an_event_and_an_article_show_on_the_exemplars_page(
    page: Page, world, login, logout, axe_check
):
    from campaigns.models import MediaOutlet
    from registry.models import Campaign

    lan = ExemplarFactory(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan", status="accepted")
    thinh = ExemplarFactory(unit=world.dept_b, full_name="Trần Văn Thịnh", status="accepted")
    MediaOutlet.objects.create(
        name="Báo Ninh Bình", kind=MediaOutlet.Kind.NEWSPAPER, unit=world.user("media").unit
    )

    # Home Affairs launches the movement…
    login(world.user("home_affairs"))
    navigation = page.get_by_role("navigation", name="Thanh điều hướng chính")
    navigation.get_by_role("button", name="Thi đua, tuyên truyền").click()
    navigation.get_by_role("link", name="Phong trào", exact=True).click()
    page.get_by_role("link", name="Thêm phong trào").click()
    page.get_by_role("textbox", name="Mã", exact=True).fill("nguoi-tot-viec-tot-2026")
    page.get_by_role("textbox", name="Tên", exact=True).fill(
        "Phong trào “Người tốt, việc tốt” năm 2026"
    )
    page.get_by_role("combobox", name="Loại", exact=True).select_option(label="Phong trào thi đua")
    page.get_by_role("combobox", name="Cấp phát động", exact=True).select_option(label="UBND tỉnh")
    page.get_by_role("spinbutton", name="Hiệu lực từ năm").fill("2026")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu phong trào.")).to_be_visible()

    # …and, from the movement's page, records the conference that honours two exemplars.
    page.get_by_role("link", name="Ghi nhận sự kiện").click()
    movement = Campaign.objects.get(code="nguoi-tot-viec-tot-2026")
    expect(page.get_by_role("combobox", name="Phong trào", exact=True)).to_have_value(
        str(movement.pk)
    )
    axe_check(page)
    page.get_by_role("combobox", name="Loại", exact=True).select_option(
        label="Hội nghị điển hình tiên tiến"
    )
    page.get_by_role("textbox", name="Tiêu đề", exact=True).fill(
        "Hội nghị biểu dương điển hình tiên tiến năm 2026"
    )
    page.get_by_role("textbox", name="Ngày", exact=True).fill("11/06/2026")
    page.get_by_role("textbox", name="Địa điểm", exact=True).fill("Trung tâm Hội nghị tỉnh")
    page.get_by_role("combobox", name="Đơn vị tổ chức", exact=True).select_option(
        str(world.home_affairs_unit.pk)
    )
    page.get_by_role("listbox", name="Điển hình được biểu dương").select_option(
        [str(lan.pk), str(thinh.pk)]
    )
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã ghi nhận sự kiện.")).to_be_visible()
    featured = page.get_by_role("region", name="Điển hình được biểu dương")
    expect(featured.get_by_role("link", name="Đinh Thị Ngọc Lan")).to_be_visible()
    expect(featured.get_by_role("link", name="Trần Văn Thịnh")).to_be_visible()
    axe_check(page)
    logout()

    # A media editor logs an article about one of them.
    login(world.user("media"))
    navigation.get_by_role("button", name="Thi đua, tuyên truyền").click()
    navigation.get_by_role("link", name="Tin, bài, phóng sự", exact=True).click()
    page.get_by_role("link", name="Ghi nhận tin, bài").click()
    axe_check(page)
    page.get_by_role("combobox", name="Nơi đăng, phát sóng", exact=True).select_option(
        label="Báo Ninh Bình"
    )
    page.get_by_role("combobox", name="Loại", exact=True).select_option(label="Bài viết")
    page.get_by_role("textbox", name="Ngày đăng, phát sóng").fill("12/06/2026")
    page.get_by_role("textbox", name="Tiêu đề", exact=True).fill(
        "Người thầy thuốc tận tụy với bệnh nhi"
    )
    page.get_by_role("textbox", name="Đường dẫn").fill("https://baoninhbinh.org.vn/bai-viet")
    page.get_by_role("listbox", name="Điển hình được giới thiệu").select_option(str(lan.pk))
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã ghi nhận tin, bài.")).to_be_visible()
    axe_check(page)

    # The exemplar's page now shows both, to the editor who covered it…
    page.get_by_role("region", name="Điển hình được giới thiệu").get_by_role(
        "link", name="Đinh Thị Ngọc Lan"
    ).click()
    expect(page.locator("#exemplar-coverage")).to_contain_text(
        "Người thầy thuốc tận tụy với bệnh nhi"
    )
    expect(page.locator("#exemplar-events")).to_contain_text(
        "Hội nghị biểu dương điển hình tiên tiến năm 2026"
    )
    axe_check(page)
    logout()

    # …and to the exemplar's own unit.
    login(world.user("editor_a"))
    page.goto(lan.get_absolute_url())
    expect(page.locator("#exemplar-events")).to_contain_text(
        "Hội nghị biểu dương điển hình tiên tiến năm 2026"
    )
    expect(page.locator("#exemplar-coverage")).to_contain_text("Báo Ninh Bình")
