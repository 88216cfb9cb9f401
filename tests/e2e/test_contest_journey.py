"""Home Affairs runs a writing contest on exemplars: criteria, entries and a round of three
judges; the judges score on their sheets and one recuses; Home Affairs ranks, awards and
publishes; the unit whose exemplar won sees the prize on the exemplar's page."""

import pytest
from playwright.sync_api import Page, expect

from registry.enums import Role
from tests.factories import UnitFactory, UserFactory
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.browser

CONTEST = "Cuộc thi viết “Người tốt, việc tốt trên quê hương Ninh Bình” năm 2026"
ENTRY_LAN = "Người điều dưỡng mười năm không nghỉ Tết"
ENTRY_THINH = "Thầy giáo cắm bản ở Cúc Phương"
ENTRY_HUONG = "Nữ nông dân làm giàu từ cây dược liệu"
CRITERIA = [
    ("Nội dung, tư tưởng", "40"),
    ("Tính chân thực, sinh động của nhân vật", "30"),
    ("Hình thức, ngôn ngữ", "30"),
]
# Each judge's marks per entry, criterion by criterion; None is a recusal.
MARKS = {
    "hoa": {ENTRY_LAN: (35, 25, 25), ENTRY_THINH: (30, 20, 20), ENTRY_HUONG: (38, 28, 27)},
    "khai": {ENTRY_LAN: (36, 26, 26), ENTRY_THINH: (32, 22, 22), ENTRY_HUONG: (37, 27, 26)},
    "duc": {ENTRY_LAN: None, ENTRY_THINH: (31, 21, 20), ENTRY_HUONG: (36, 27, 28)},
}
RECUSAL_REASON = "Tác giả bài viết là đồng nghiệp cùng phòng với tôi."


def open_contests(page: Page) -> None:
    navigation = page.get_by_role("navigation", name="Thanh điều hướng chính")
    navigation.get_by_role("button", name="Thi đua, tuyên truyền").click()
    navigation.get_by_role("link", name="Cuộc thi", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cuộc thi")


def record_entry(page: Page, axe_check, *, title, authors, unit, exemplar, received_on, url=""):
    page.get_by_role("link", name="Ghi nhận tác phẩm dự thi").click()
    page.get_by_role("textbox", name="Tiêu đề", exact=True).fill(title)
    page.get_by_role("combobox", name="Loại", exact=True).select_option(label="Bài viết")
    page.get_by_role("textbox", name="Tác giả", exact=True).fill(authors)
    page.get_by_role("combobox", name="Đơn vị của tác giả").select_option(str(unit.pk))
    page.get_by_role("listbox", name="Điển hình được phản ánh").select_option(str(exemplar.pk))
    page.get_by_role("textbox", name="Đường dẫn", exact=True).fill(url)
    page.get_by_role("textbox", name="Ngày nhận", exact=True).fill(received_on)
    axe_check(page)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã ghi nhận tác phẩm dự thi.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


@pytest.mark.slow
def test_a_contest_is_judged_published_and_its_prize_shows_on_the_exemplars_page(
    page: Page, world, login, logout, axe_check
):
    lan = ExemplarFactory(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan", status="accepted")
    thinh = ExemplarFactory(
        unit=world.dept_b,
        full_name="Trần Văn Thịnh",
        status="accepted",
        position="Giáo viên",
        workplace="Trường Tiểu học Cúc Phương",
    )
    huong = ExemplarFactory(
        unit=world.commune_a, full_name="Bùi Thị Hương", status="accepted", position="Nông dân"
    )
    association = UnitFactory(
        code="37-HNB", name="Hội Nhà báo tỉnh Ninh Bình", short_name="Hội Nhà báo"
    )
    judges = {
        "hoa": UserFactory(
            username="giamkhao.hoa", full_name="Phạm Thị Hoa", unit=association, role=Role.MEDIA
        ),
        "khai": UserFactory(
            username="giamkhao.khai",
            full_name="Lê Văn Khải",
            unit=world.dept_b,
            role=Role.UNIT_EDITOR,
        ),
        "duc": UserFactory(
            username="giamkhao.duc",
            full_name="Vũ Minh Đức",
            unit=world.press,
            role=Role.MEDIA,
        ),
    }

    # Home Affairs sets the contest up with its criteria…
    login(world.user("home_affairs"))
    open_contests(page)
    axe_check(page)
    page.get_by_role("link", name="Thêm cuộc thi").click()
    page.get_by_role("textbox", name="Tên", exact=True).fill(CONTEST)
    page.get_by_role("combobox", name="Loại", exact=True).select_option(label="Cuộc thi viết")
    expect(page.get_by_role("spinbutton", name="Năm", exact=True)).to_have_value("2026")
    expect(page.get_by_role("combobox", name="Đơn vị tổ chức")).to_have_value(
        str(world.home_affairs_unit.pk)
    )
    page.get_by_role("textbox", name="Ngày bắt đầu nhận tác phẩm").fill("01/03/2026")
    page.get_by_role("textbox", name="Hạn cuối nhận tác phẩm").fill("31/08/2026")
    page.get_by_role("textbox", name="Thể lệ, chủ đề").fill(
        "Bài viết về gương người tốt, việc tốt đã được tỉnh công nhận, dài không quá 3.000 chữ."
    )
    for number, (name, highest) in enumerate(CRITERIA, start=1):
        page.get_by_role("textbox", name=f"Tiêu chí {number}", exact=True).fill(name)
        page.get_by_role("textbox", name=f"Điểm tối đa {number}", exact=True).fill(highest)
    axe_check(page)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu cuộc thi.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(CONTEST)
    criteria = page.get_by_role("region", name="Tiêu chí chấm")
    for name, highest in CRITERIA:
        expect(criteria.get_by_role("row", name=f"{name} {highest}")).to_be_visible()
    axe_check(page)
    contest_url = page.url

    # …three entries portraying accepted exemplars…
    record_entry(
        page,
        axe_check,
        title=ENTRY_LAN,
        authors="Nguyễn Thu Trang",
        unit=world.dept_a,
        exemplar=lan,
        received_on="15/05/2026",
        url="https://snv.ninhbinh.gov.vn/cuoc-thi/nguoi-dieu-duong",
    )
    axe_check(page)
    page.goto(contest_url)
    record_entry(
        page,
        axe_check,
        title=ENTRY_THINH,
        authors="Hoàng Văn Nam, Đỗ Thị Mai",
        unit=world.dept_b,
        exemplar=thinh,
        received_on="02/06/2026",
    )
    page.goto(contest_url)
    record_entry(
        page,
        axe_check,
        title=ENTRY_HUONG,
        authors="Trịnh Quốc Bảo",
        unit=world.commune_a,
        exemplar=huong,
        received_on="20/08/2026",
    )

    # …and the final round with its three judges.
    page.goto(contest_url)
    expect(page.get_by_role("heading", name="3 tác phẩm trong phạm vi của bạn")).to_be_visible()
    page.get_by_role("link", name="Thêm vòng chấm").click()
    expect(page.get_by_role("spinbutton", name="Số thứ tự vòng")).to_have_value("1")
    page.get_by_role("textbox", name="Tên", exact=True).fill("Chung khảo")
    page.get_by_role("textbox", name="Ngày bắt đầu").fill("01/09/2026")
    page.get_by_role("textbox", name="Ngày kết thúc").fill("30/09/2026")
    page.get_by_role("listbox", name="Thành viên ban giám khảo").select_option(
        [str(judge.pk) for judge in judges.values()]
    )
    page.get_by_role("listbox", name="Tác phẩm được chấm").select_option(
        [ENTRY_LAN, ENTRY_THINH, ENTRY_HUONG]
    )
    axe_check(page)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu vòng chấm.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vòng 1: Chung khảo")
    axe_check(page)
    logout()

    # Each judge scores on their own sheet; one recuses from an entry.
    for key, judge in judges.items():
        login(judge, check=key == "hoa")
        open_contests(page)
        page.get_by_role("link", name=CONTEST).click()
        page.get_by_role("link", name="1. Chung khảo").click()
        sheet = page.locator("#my-sheet")
        expect(sheet.get_by_role("row")).to_have_count(4)  # the heading and three entries
        # Before publication a judge sees neither the others' marks nor the ranking.
        expect(page.locator("#ranking")).to_have_count(0)
        if key == "hoa":
            axe_check(page)
        for title, marks in MARKS[key].items():
            row = sheet.get_by_role("row").filter(has_text=title)
            row.get_by_role("link", name="Chấm điểm").click()
            expect(page.get_by_role("heading", level=1)).to_have_text(title)
            if marks is None:
                page.get_by_role("textbox", name="Lý do xung đột lợi ích").fill(RECUSAL_REASON)
                axe_check(page)
                page.get_by_role("button", name="Từ chối chấm", exact=True).click()
                expect(page.get_by_text("Đã ghi nhận việc bạn từ chối chấm.")).to_be_visible()
                expect(row.get_by_text("Từ chối chấm")).to_be_visible()
                expect(row.get_by_role("link")).to_have_count(1)  # the entry, no more scoring
                continue
            for (criterion, _highest), mark in zip(CRITERIA, marks, strict=True):
                page.get_by_role("textbox", name=criterion, exact=True).fill(str(mark))
            if key == "hoa" and title == ENTRY_LAN:
                axe_check(page)
            page.get_by_role("button", name="Lưu điểm").click()
            expect(page.get_by_text(f"Đã lưu điểm của bạn cho tác phẩm “{title}”.")).to_be_visible()
            expect(row.get_by_role("cell").nth(1)).to_have_text(str(sum(marks)))
        if key == "duc":
            axe_check(page)
        logout()

    # Home Affairs reads the ranking: each judge's total, the mean, the recusal.
    login(world.user("home_affairs"), check=False)
    page.goto(contest_url)
    page.get_by_role("link", name="1. Chung khảo").click()
    rows = page.locator("#round-ranking").get_by_role("row")
    expect(rows).to_have_count(4)
    # Judges in alphabetical order of full name: Lê Văn Khải, Phạm Thị Hoa, Vũ Minh Đức.
    expect(rows.nth(0).get_by_role("columnheader")).to_have_text(
        ["Hạng", "Tác phẩm", "Lê Văn Khải", "Phạm Thị Hoa", "Vũ Minh Đức", "Điểm"]
    )
    expect(rows.nth(1).get_by_role("cell")).to_have_text(
        ["1", ENTRY_HUONG, "90", "93", "91", "91,33"]
    )
    expect(rows.nth(2).get_by_role("cell")).to_have_text(
        ["2", ENTRY_LAN, "88", "85", "Từ chối chấm", "86,50"]
    )
    expect(rows.nth(3).get_by_role("cell")).to_have_text(
        ["3", ENTRY_THINH, "76", "70", "72", "72,67"]
    )
    recusals = page.locator("#recusals")
    expect(recusals).to_contain_text("Vũ Minh Đức")
    expect(recusals).to_contain_text(RECUSAL_REASON)
    axe_check(page)

    # Prizes, beside the ranking.
    page.goto(contest_url)
    page.get_by_role("link", name="Giải thưởng", exact=True).click()
    prizes = page.get_by_role("region", name="Giải thưởng")
    # In the order of the ranking.
    expect(prizes.get_by_role("row").nth(1)).to_contain_text(ENTRY_HUONG)
    expect(prizes.get_by_role("row").nth(1)).to_contain_text("91,33")
    axe_check(page)
    awards = [
        (ENTRY_HUONG, "Giải Nhất", "10.000.000"),
        (ENTRY_LAN, "Giải Nhì", "7.000.000"),
        (ENTRY_THINH, "Giải Ba", "5000000"),
    ]
    for title, level, amount in awards:
        page.get_by_role("combobox", name=f"Giải thưởng: {title}").select_option(label=level)
        page.get_by_role("textbox", name=f"Số tiền (đồng): {title}").fill(amount)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu giải thưởng.")).to_be_visible()
    awarded = page.locator("#contest-prizes")
    expect(awarded).to_contain_text(f"Giải Nhì: {ENTRY_LAN}")
    expect(awarded).to_contain_text("5.000.000 đ")
    expect(page.get_by_role("heading", name="Giải thưởng (chưa công bố)")).to_be_visible()
    axe_check(page)

    # Publishing asks for confirmation first.
    page.get_by_role("link", name="Công bố kết quả").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Công bố kết quả")
    expect(page.get_by_role("main")).to_contain_text(f"Giải Nhất: {ENTRY_HUONG} · 10.000.000 đ")
    axe_check(page)
    page.get_by_role("button", name="Công bố chính thức").click()
    expect(page.get_by_text("Đã công bố kết quả;")).to_be_visible()
    result_rows = page.locator("#contest-results").get_by_role("row")
    expect(result_rows.nth(1)).to_contain_text(ENTRY_HUONG)
    expect(result_rows.nth(1)).to_contain_text("91,33")
    expect(result_rows.nth(2)).to_contain_text(ENTRY_LAN)
    expect(result_rows.nth(2)).to_contain_text("Giải Nhì")
    expect(page.get_by_role("link", name="Công bố kết quả")).to_have_count(0)
    axe_check(page)

    # On a phone the contest's page fits the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    axe_check(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    logout()

    # The editor of the unit whose exemplar the entry portrays sees the prize on her page.
    login(world.user("editor_a"), check=False)
    page.goto(lan.get_absolute_url())
    entries = page.locator("#exemplar-contest-entries")
    expect(entries).to_contain_text(ENTRY_LAN)
    expect(entries).to_contain_text("Giải Nhì")
    axe_check(page)
    entries.get_by_role("link", name=ENTRY_LAN).click()
    expect(page.locator("#entry-prize")).to_contain_text("Giải Nhì · 7.000.000 đ")
    expect(page.locator("#entry-result")).to_contain_text("86,50")
    axe_check(page)
