"""Home Affairs inspects the Department of Health under the yearly plan and leaves a
recommendation; the department records what it did; only then does Home Affairs close it."""

import pytest
from playwright.sync_api import Page, expect

from registry.enums import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

PLAN = "Kế hoạch kiểm tra công tác phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến năm 2026"
FINDINGS = (
    "Sở đã ban hành kế hoạch phát hiện điển hình; 12 điển hình được công nhận trong năm.\n"
    "Việc tuyên truyền trên trang thông tin điện tử của Sở còn ít."
)
RECOMMENDATION = (
    "Mở chuyên mục “Gương sáng ngành Y” trên trang thông tin điện tử của Sở và đăng ít nhất "
    "một bài mỗi tháng."
)
FOLLOW_UP = (
    "Ngày 02/11/2026 Sở đã mở chuyên mục “Gương sáng ngành Y” (Quyết định số 215/QĐ-SYT); "
    "đã đăng 3 bài."
)
REFUSAL = "Chưa thể đóng kiến nghị: cần ghi kết quả thực hiện (đơn vị đã làm gì) trước khi đóng."


def open_menu(page: Page, item: str) -> None:
    navigation = page.get_by_role("navigation", name="Thanh điều hướng chính")
    navigation.get_by_role("button", name="Thi đua, tuyên truyền").click()
    navigation.get_by_role("link", name=item, exact=True).click()


@pytest.mark.slow
def test_a_recommendation_is_followed_up_by_the_unit_then_closed(
    page: Page, world, login, logout, axe_check
):
    leader = UserFactory(
        username="thanh.tra.nguyet",
        full_name="Trần Minh Nguyệt",
        unit=world.home_affairs_unit,
        role=Role.HOME_AFFAIRS,
    )
    member = world.user("home_affairs")

    # Home Affairs adopts the yearly plan…
    login(member)
    open_menu(page, "Kiểm tra, giám sát")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kiểm tra, giám sát")
    axe_check(page)
    page.get_by_role("link", name="Thêm kế hoạch kiểm tra").click()
    expect(page.get_by_role("combobox", name="Năm", exact=True)).to_have_value("2026")
    page.get_by_role("textbox", name="Tiêu đề", exact=True).fill(PLAN)
    page.get_by_role("textbox", name="Quyết định ban hành").fill(
        "Quyết định số 1024/QĐ-SNV ngày 15/02/2026"
    )
    expect(page.get_by_role("combobox", name="Đơn vị chủ trì")).to_have_value(
        str(world.home_affairs_unit.pk)
    )
    axe_check(page)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu kế hoạch kiểm tra.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN)
    axe_check(page)

    # …adds the inspection of the Department of Health with its team…
    page.get_by_role("link", name="Thêm cuộc kiểm tra").click()
    page.get_by_role("combobox", name="Đơn vị được kiểm tra").select_option(str(world.dept_a.pk))
    page.get_by_role("combobox", name="Loại", exact=True).select_option(label="Kiểm tra")
    page.get_by_role("textbox", name="Ngày dự kiến").fill("15/10/2026")
    page.get_by_role("combobox", name="Trưởng đoàn").select_option(str(leader.pk))
    page.get_by_role("listbox", name="Thành viên đoàn").select_option(str(member.pk))
    page.get_by_role("textbox", name="Thành viên khác của đoàn").fill(
        "Bà Lê Thị Hằng, Liên đoàn Lao động tỉnh"
    )
    axe_check(page)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã thêm cuộc kiểm tra vào kế hoạch.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kiểm tra: Sở Y tế")
    team = page.get_by_role("region", name="Đoàn kiểm tra")
    expect(team).to_contain_text("Trần Minh Nguyệt")
    expect(team).to_contain_text("Bà Lê Thị Hằng, Liên đoàn Lao động tỉnh")
    # No recommendation before the inspection is carried out.
    expect(page.get_by_role("link", name="Thêm kiến nghị")).to_have_count(0)
    axe_check(page)

    # …records its findings once carried out, and a recommendation.
    page.get_by_role("link", name="Ghi kết quả kiểm tra").click()
    page.get_by_role("combobox", name="Trạng thái").select_option(label="Đã tiến hành")
    page.get_by_role("textbox", name="Ngày tiến hành").fill("16/10/2026")
    page.get_by_role("textbox", name="Kết quả kiểm tra").fill(FINDINGS)
    axe_check(page)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu cuộc kiểm tra.")).to_be_visible()
    findings = page.get_by_role("region", name="Kết quả kiểm tra")
    expect(findings.get_by_text("Việc tuyên truyền trên trang thông tin điện tử")).to_be_visible()
    page.get_by_role("link", name="Thêm kiến nghị").click()
    page.get_by_role("textbox", name="Kiến nghị", exact=True).fill(RECOMMENDATION)
    page.get_by_role("textbox", name="Hạn thực hiện").fill("31/12/2026")
    axe_check(page)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã ghi kiến nghị và thông báo cho đơn vị.")).to_be_visible()
    recommendation = page.get_by_role("article", name="Kiến nghị 1")
    expect(recommendation).to_contain_text("Hạn thực hiện: 31/12/2026")
    expect(recommendation).to_contain_text("Đang theo dõi")
    axe_check(page)

    # Closing it before the unit says what it did is refused.
    recommendation.get_by_role("link", name="Đóng kiến nghị").click()
    expect(page.get_by_role("alert")).to_have_text(REFUSAL)
    expect(page.get_by_role("button", name="Đóng kiến nghị")).to_have_count(0)
    axe_check(page)
    page.get_by_role("link", name="Hủy").click()
    expect(recommendation).to_contain_text("Chưa ghi kết quả thực hiện.")
    logout()

    # The department's editor is told, finds the inspection and records what was done.
    login(world.user("editor_a"), check=False)
    navigation = page.get_by_role("navigation", name="Thanh điều hướng chính")
    navigation.get_by_role("link", name="Thông báo 1 chưa đọc").click()
    expect(page.get_by_role("listitem").filter(has_text=RECOMMENDATION[:60])).to_contain_text(
        "Hạn thực hiện: 31/12/2026."
    )
    axe_check(page)
    open_menu(page, "Kiểm tra, giám sát")
    page.get_by_role("link", name="Sở Y tế", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kiểm tra: Sở Y tế")
    expect(recommendation.get_by_role("link", name="Đóng kiến nghị")).to_have_count(0)
    expect(page.get_by_role("link", name="Sửa")).to_have_count(0)
    axe_check(page)
    recommendation.get_by_role("link", name="Ghi kết quả thực hiện").click()
    expect(page.get_by_text(RECOMMENDATION)).to_be_visible()
    page.get_by_role("textbox", name="Kết quả thực hiện").fill(FOLLOW_UP)
    axe_check(page)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã ghi kết quả thực hiện.")).to_be_visible()
    expect(recommendation).to_contain_text(FOLLOW_UP)
    inspection_url = page.url.split("#")[0]
    logout()

    # Home Affairs closes it from the recommendations being followed up, after confirming.
    login(member, check=False)
    open_menu(page, "Kiến nghị")
    expect(page.get_by_role("heading", level=1)).to_have_text("Theo dõi thực hiện kiến nghị")
    axe_check(page)
    page.get_by_role("link", name=RECOMMENDATION[:60]).click()
    recommendation.get_by_role("link", name="Đóng kiến nghị").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đóng kiến nghị")
    expect(page.get_by_role("main")).to_contain_text(FOLLOW_UP)
    axe_check(page)
    page.get_by_role("button", name="Đóng kiến nghị").click()
    expect(page.get_by_text("Đã đóng kiến nghị.")).to_be_visible()
    expect(recommendation).to_contain_text("Đã đóng")
    expect(recommendation).to_contain_text(f"{member.get_full_name()} đã đóng kiến nghị lúc")
    expect(recommendation.get_by_role("link", name="Ghi kết quả thực hiện")).to_have_count(0)
    axe_check(page)

    open_menu(page, "Kiến nghị")
    page.get_by_role("combobox", name="Trạng thái").select_option(label="Đã đóng")
    page.get_by_role("button", name="Áp dụng").click()
    rows = page.get_by_role("region", name="Kiến nghị").get_by_role("row")
    expect(rows).to_have_count(2)  # the heading and the recommendation
    expect(rows.nth(1)).to_contain_text(RECOMMENDATION[:60])
    expect(rows.nth(1)).to_contain_text("Đã đóng")
    axe_check(page)

    # On a phone the inspection's page fits the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(inspection_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    axe_check(page)
