"""The award forms a province uses under the Law on Emulation and Commendation 06/2022/QH15
(in force from 1 January 2024): titles and forms of commendation, who confers them and on
whom, the article each rests on, the tracks they are proposed through, their cash under
Decree 98/2023 (1/1/2024 – 30/6/2025) and Decree 152/2025 (from 1/7/2025), their dossier
(Art. 84; the forms of Decree 98/2023, Appendix I) and the conditions of the main titles in
the law's wording. Only verified figures are seeded; where a decree's figure was not read,
the form has no rate for that period.
"""

from functools import partial

from . import (
    INFERRED,
    LAW_2022,
    ND_98,
    ND_152,
    C,
    D,
    H,
    I,
    dossier,
    group,
    initiatives,
    judged,
    rating,
    titles,
    worker_or_soldier,
)
from . import form as law_form

VALID_FROM = 2024
# The forms seeded before (orders 10–200) keep their place; the others follow in this order.
ORDER_FROM = 1000

ND_98_DAYS = (D(2024, 1, 1), D(2025, 6, 30))
ND_152_DAYS = (D(2025, 7, 1), None)


def titles_cash(multiple, nd98_article="Điều 54"):
    """A title's cash, the same multiple under both decrees (ND 152's article not read)."""
    return [
        (ND_98, nd98_article, *ND_98_DAYS, multiple, None, None),
        (ND_152, "", *ND_152_DAYS, multiple, None, None),
    ]


# (code, name, official form, document, article)
DOSSIER_PARTS = [
    ("to-trinh", "Tờ trình đề nghị khen thưởng", "", LAW_2022, "Điều 84"),
    (
        "to-trinh-mau-01",
        "Tờ trình đề nghị khen thưởng (cấp Nhà nước)",
        "Mẫu số 01",
        ND_98,
        "Phụ lục I",
    ),
    ("bao-cao-tap-the", "Báo cáo thành tích của tập thể", "Mẫu số 02", ND_98, "Phụ lục I"),
    ("bao-cao-ca-nhan", "Báo cáo thành tích của cá nhân", "Mẫu số 03", ND_98, "Phụ lục I"),
    ("bao-cao-ho-gia-dinh", "Báo cáo thành tích của hộ gia đình", "", LAW_2022, "Điều 84"),
    ("bien-ban-binh-xet", "Biên bản bình xét thi đua", "", LAW_2022, "Điều 84 khoản 1"),
    ("bien-ban-xet-khen-thuong", "Biên bản xét khen thưởng", "", LAW_2022, "Điều 84 khoản 2"),
    (
        "chung-nhan-sang-kien",
        "Chứng nhận hoặc xác nhận của cơ quan, tổ chức có thẩm quyền đối với sáng kiến, đề tài khoa học, đề án khoa học, công trình khoa học và công nghệ",
        "",
        LAW_2022,
        "Điều 84 khoản 1",
    ),
    (
        "chung-nhan-thanh-tich",
        "Chứng nhận hoặc xác nhận của cơ quan, tổ chức có thẩm quyền đối với thành tích đặc biệt xuất sắc đột xuất, sáng kiến, đề tài khoa học",
        "",
        LAW_2022,
        "Điều 84 khoản 2",
    ),
]


def dossier_of(award):
    """The parts of a form's dossier per Art. 84; a dossier sent up opens with Mẫu số 01."""
    return dossier(
        award,
        submission="to-trinh-mau-01" if award["sent_up"] else "to-trinh",
        reports={C: "bao-cao-tap-the", I: "bao-cao-ca-nhan", H: "bao-cao-ho-gia-dinh"},
        minutes={True: "bien-ban-binh-xet", False: "bien-ban-xet-khen-thuong"},
        fighters_proof="chung-nhan-sang-kien",
        proof="chung-nhan-thanh-tich",
    )


form = partial(law_form, law=LAW_2022, valid_from=VALID_FROM)

STATE = ("regular", "ad_hoc", "long_service", "sent_up")
ARMED = "Xét tặng trong Quân đội nhân dân, Công an nhân dân theo thẩm quyền của Bộ Quốc phòng, Bộ Công an (Điều 80 khoản 5 Luật; Thông tư 118/2023/TT-BQP đối với Quân đội): ghi nhận cho Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh."

INITIATIVE_OR_RESEARCH = "hoặc có đề tài khoa học, đề án khoa học, công trình khoa học và công nghệ đã được nghiệm thu và áp dụng hiệu quả, có phạm vi ảnh hưởng trong {scope} hoặc mưu trí, sáng tạo trong chiến đấu, phục vụ chiến đấu có phạm vi ảnh hưởng trong {scope}."


TWICE_GRASSROOTS_FIGHTER = titles(
    "chien-si-thi-dua-co-so",
    2,
    "Có 02 lần liên tục được tặng danh hiệu “Chiến sĩ thi đua cơ sở”",
    "Điều 74 khoản 1 điểm d",
)
POINTS_A_TO_C = judged(
    "hoặc đạt tiêu chuẩn tại điểm a, b hoặc c khoản 1 Điều 74.", "Điều 74 khoản 1"
)

# Conditions: ``group(number, condition, …)``, each condition made by ``titles``,
# ``initiatives``, ``rating`` or ``judged``.
AWARDS = [
    # Titles for individuals (Art. 19, 21–24).
    form(
        "chien-si-thi-dua-toan-quoc",
        "Chiến sĩ thi đua toàn quốc",
        "title",
        "government",
        [I],
        "Điều 21",
        tracks=("regular", "sent_up"),
        sent_up=True,
        cash=titles_cash("4.5"),
        conditions=[
            *group(
                1,
                titles(
                    "chien-si-thi-dua-cap-tinh",
                    2,
                    "Có thành tích xuất sắc tiêu biểu được lựa chọn trong số những cá nhân có 02 lần liên tục được tặng danh hiệu chiến sĩ thi đua Bộ, ban, ngành, tỉnh;",
                    "Điều 21",
                ),
            ),
            *group(
                2,
                initiatives(
                    1,
                    "national",
                    "Có sáng kiến đã được áp dụng hiệu quả và có khả năng nhân rộng trong toàn quốc",
                    "Điều 21",
                ),
                judged(INITIATIVE_OR_RESEARCH.format(scope="toàn quốc"), "Điều 21"),
            ),
        ],
    ),
    form(
        "chien-si-thi-dua-cap-tinh",
        "Chiến sĩ thi đua cấp tỉnh",
        "title",
        "province",
        [I],
        "Điều 22 khoản 1",
        cash=titles_cash("3.0"),
        conditions=[
            *group(
                1,
                titles(
                    "chien-si-thi-dua-co-so",
                    3,
                    "Có thành tích xuất sắc tiêu biểu được lựa chọn trong số những cá nhân có 03 lần liên tục được tặng danh hiệu “Chiến sĩ thi đua cơ sở”;",
                    "Điều 22 khoản 1",
                ),
            ),
            *group(
                2,
                initiatives(
                    1,
                    "province",
                    "Có sáng kiến đã được áp dụng hiệu quả và có khả năng nhân rộng trong Bộ, ban, ngành, tỉnh",
                    "Điều 22 khoản 1",
                    not_used_before=True,
                ),
                judged(
                    INITIATIVE_OR_RESEARCH.format(scope="Bộ, ban, ngành, tỉnh"), "Điều 22 khoản 1"
                ),
            ),
        ],
    ),
    form(
        "chien-si-thi-dua-co-so",
        "Chiến sĩ thi đua cơ sở",
        "title",
        "department",
        [I],
        "Điều 23",
        cash=titles_cash("1.0"),
        conditions=[
            *group(
                1, *worker_or_soldier("lao-dong-tien-tien", "chien-si-tien-tien", "Điều 23 khoản 1")
            ),
            *group(
                2,
                rating("excellent", 1, "Hoàn thành xuất sắc nhiệm vụ", "Điều 23 khoản 2"),
                initiatives(
                    1,
                    "grassroots",
                    "hoặc có sáng kiến được cơ sở công nhận",
                    "Điều 23 khoản 2",
                    not_used_before=True,
                ),
                judged(
                    "hoặc có đề tài khoa học, đề án khoa học, công trình khoa học và công nghệ đã được nghiệm thu hoặc mưu trí, sáng tạo trong chiến đấu, phục vụ chiến đấu được đơn vị công nhận.",
                    "Điều 23 khoản 2",
                ),
            ),
        ],
    ),
    form(
        "lao-dong-tien-tien",
        "Lao động tiên tiến",
        "title",
        "department",
        [I],
        "Điều 24 khoản 1",
        cash=titles_cash("0.3"),
        note="Bộ, ban, ngành, tỉnh quy định chi tiết tiêu chuẩn (Điều 24 khoản 4).",
        conditions=[
            *group(
                1,
                rating("good", 1, "a) Hoàn thành tốt nhiệm vụ trở lên;", "Điều 24 khoản 1 điểm a"),
            ),
            *group(
                2,
                judged(
                    "b) Có tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia phong trào thi đua.",
                    "Điều 24 khoản 1 điểm b",
                ),
            ),
        ],
    ),
    form(
        "chien-si-tien-tien",
        "Chiến sĩ tiên tiến",
        "title",
        "armed_forces",
        [I],
        "Điều 24",
        cash=titles_cash("0.3"),
        note=ARMED,
    ),
    # Titles for collectives and households (Art. 20, 25–28; ND 86/2023).
    form(
        "co-thi-dua-chinh-phu",
        "Cờ thi đua của Chính phủ",
        "title",
        "government",
        [C],
        "Điều 25",
        tracks=("regular", "sent_up"),
        sent_up=True,
        cash=titles_cash("12.0"),
    ),
    form(
        "co-thi-dua-ubnd-tinh",
        "Cờ thi đua của Ủy ban nhân dân tỉnh",
        "title",
        "province",
        [C],
        "Điều 26",
        note=INFERRED,
        cash=[(ND_98, "Điều 54", *ND_98_DAYS, "8.0", None, None)],
    ),
    form(
        "tap-the-lao-dong-xuat-sac",
        "Tập thể lao động xuất sắc",
        "title",
        "province",
        [C],
        "Điều 27",
        note=INFERRED,
        cash=titles_cash("1.5"),
    ),
    form(
        "don-vi-quyet-thang",
        "Đơn vị quyết thắng",
        "title",
        "armed_forces",
        [C],
        "Điều 27",
        note=f"{ARMED} {INFERRED}",
        cash=titles_cash("1.5"),
    ),
    form(
        "tap-the-lao-dong-tien-tien",
        "Tập thể lao động tiên tiến",
        "title",
        "department",
        [C],
        "Điều 28",
        cash=titles_cash("0.8"),
    ),
    form(
        "don-vi-tien-tien",
        "Đơn vị tiên tiến",
        "title",
        "armed_forces",
        [C],
        "Điều 28",
        note=ARMED,
        cash=titles_cash("0.8"),
    ),
    form(
        "xa-phuong-thi-tran-tieu-bieu",
        "Xã, phường, thị trấn tiêu biểu",
        "title",
        "province",
        [C],
        "Điều 20 điểm đ",
        note="Từ ngày 01/7/2025 gọi là xã, phường, đặc khu tiêu biểu. Khung tiêu chuẩn theo Nghị định 86/2023/NĐ-CP.",
        cash=titles_cash("2.0"),
    ),
    form(
        "thon-to-dan-pho-van-hoa",
        "Thôn, tổ dân phố văn hóa",
        "title",
        "commune",
        [C],
        "Điều 20 điểm e",
        note="Khung tiêu chuẩn theo Nghị định 86/2023/NĐ-CP.",
        cash=titles_cash("1.5"),
    ),
    form(
        "gia-dinh-van-hoa",
        "Gia đình văn hóa",
        "title",
        "commune",
        [H],
        "Điều 80 khoản 3",
        note="Khung tiêu chuẩn theo Nghị định 86/2023/NĐ-CP, Phụ lục I.",
    ),
    # Orders, medals and the State's honorary title (Art. 9, 33, 42–44, 54–57).
    form(
        "huan-chuong-lao-dong-hang-nhat",
        "Huân chương Lao động hạng Nhất",
        "commendation",
        "state",
        [C, I],
        "Điều 42",
        tracks=STATE,
        sent_up=True,
        note=INFERRED,
    ),
    form(
        "huan-chuong-lao-dong-hang-nhi",
        "Huân chương Lao động hạng Nhì",
        "commendation",
        "state",
        [C, I],
        "Điều 43",
        tracks=STATE,
        sent_up=True,
    ),
    form(
        "huan-chuong-lao-dong-hang-ba",
        "Huân chương Lao động hạng Ba",
        "commendation",
        "state",
        [C, I],
        "Điều 44",
        tracks=STATE,
        sent_up=True,
        cash=[(ND_152, "Điều 51 khoản 1 điểm h", *ND_152_DAYS, "4.5", None, None)],
    ),
    *(
        form(
            f"huan-chuong-bao-ve-to-quoc-hang-{slug}",
            f"Huân chương Bảo vệ Tổ quốc hạng {rank}",
            "commendation",
            "state",
            [C, I],
            "Điều 33 khoản 2 điểm e",
            tracks=STATE,
            sent_up=True,
            note=ARMED,
        )
        for slug, rank in (("nhat", "Nhất"), ("nhi", "Nhì"), ("ba", "Ba"))
    ),
    *(
        form(
            f"huan-chuong-chien-cong-hang-{slug}",
            f"Huân chương Chiến công hạng {rank}",
            "commendation",
            "state",
            [C, I],
            "Điều 33 khoản 2 điểm g",
            tracks=("ad_hoc", "sent_up"),
            sent_up=True,
            note=ARMED,
        )
        for slug, rank in (("nhat", "Nhất"), ("nhi", "Nhì"), ("ba", "Ba"))
    ),
    form(
        "huan-chuong-dung-cam",
        "Huân chương Dũng cảm",
        "commendation",
        "state",
        [I],
        "Điều 33 khoản 2 điểm i",
        tracks=("ad_hoc", "sent_up"),
        sent_up=True,
    ),
    form(
        "huan-chuong-huu-nghi",
        "Huân chương Hữu nghị",
        "commendation",
        "state",
        [C, I],
        "Điều 33 khoản 2 điểm k",
        tracks=("foreign", "sent_up"),
        sent_up=True,
    ),
    form(
        "huy-chuong-quan-ky-quyet-thang",
        "Huy chương Quân kỳ quyết thắng",
        "commendation",
        "state",
        [I],
        "Điều 55",
        tracks=("seniority", "sent_up"),
        sent_up=True,
        note=ARMED,
    ),
    form(
        "huy-chuong-vi-an-ninh-to-quoc",
        "Huy chương Vì an ninh Tổ quốc",
        "commendation",
        "state",
        [I],
        "Điều 56",
        tracks=("seniority", "sent_up"),
        sent_up=True,
        note=ARMED,
    ),
    *(
        form(
            f"huy-chuong-chien-si-ve-vang-hang-{slug}",
            f"Huy chương Chiến sĩ vẻ vang hạng {rank}",
            "commendation",
            "state",
            [I],
            "Điều 54 khoản 2 điểm c",
            tracks=("seniority", "sent_up"),
            sent_up=True,
            note=ARMED,
        )
        for slug, rank in (("nhat", "Nhất"), ("nhi", "Nhì"), ("ba", "Ba"))
    ),
    form(
        "huy-chuong-huu-nghi",
        "Huy chương Hữu nghị",
        "commendation",
        "state",
        [I],
        "Điều 54 khoản 2 điểm d",
        tracks=("foreign", "sent_up"),
        sent_up=True,
    ),
    form(
        "anh-hung-lao-dong",
        "Anh hùng Lao động",
        "commendation",
        "state",
        [C, I],
        "Điều 9",
        tracks=("regular", "ad_hoc", "sent_up"),
        sent_up=True,
        note="Danh hiệu vinh dự Nhà nước; điều quy định tiêu chuẩn chưa đối chiếu văn bản chính thức.",
    ),
    form(
        "ky-niem-chuong-tinh",
        "Kỷ niệm chương của tỉnh",
        "commendation",
        "province",
        [I],
        "Điều 71",
        tracks=("long_service",),
        note="Tên, đối tượng và tiêu chuẩn do Hội đồng nhân dân tỉnh quy định; tiền thưởng không quá 0,6 lần mức lương cơ sở.",
    ),
    # Certificates of merit (Art. 73–75).
    form(
        "bang-khen-thu-tuong",
        "Bằng khen của Thủ tướng Chính phủ",
        "commendation",
        "government",
        [C, I, H],
        "Điều 73",
        tracks=("regular", "ad_hoc", "thematic", "sent_up"),
        sent_up=True,
        note=INFERRED,
        cash=[(ND_152, "Điều 54 khoản 1 điểm a", *ND_152_DAYS, "3.5", None, None)],
    ),
    form(
        "bang-khen-bo-nganh",
        "Bằng khen của bộ, ban, ngành trung ương",
        "commendation",
        "ministry",
        [C, I, H],
        "Điều 74",
        tracks=("regular", "ad_hoc", "thematic", "sent_up"),
        sent_up=True,
        cash=[(ND_152, "Điều 54 khoản 1 điểm b", *ND_152_DAYS, "1.5", None, None)],
    ),
    form(
        "bang-khen-chu-tich-ubnd-tinh",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "commendation",
        "province",
        [C, I, H],
        "Điều 74",
        tracks=("regular", "ad_hoc", "thematic", "long_service", "foreign"),
        note="Một sáng kiến chỉ được sử dụng một lần khi làm tiêu chuẩn đề nghị khen thưởng (Công văn 5007/BNV-TĐKT ngày 05/9/2023, mục III.5.c).",
        cash=[(ND_152, "Điều 54 khoản 1 điểm b", *ND_152_DAYS, "1.5", None, None)],
        conditions=[
            # Point d is "A, or B with C (or D)": as groups of alternatives, (A or B) and
            # (A or C or D); points a–c, judged by a person, are alternatives to it.
            *group(
                1,
                TWICE_GRASSROOTS_FIGHTER,
                rating(
                    "excellent",
                    2,
                    "hoặc có liên tục từ 02 năm trở lên được công nhận hoàn thành xuất sắc nhiệm vụ,",
                    "Điều 74 khoản 1 điểm d",
                ),
                POINTS_A_TO_C,
            ),
            *group(
                2,
                TWICE_GRASSROOTS_FIGHTER,
                initiatives(
                    2,
                    "grassroots",
                    "trong thời gian đó có 02 sáng kiến được công nhận và áp dụng có hiệu quả trong phạm vi cơ sở",
                    "Điều 74 khoản 1 điểm d",
                    years=2,
                    not_used_before=True,
                ),
                judged(
                    "hoặc có 02 đề tài khoa học, đề án khoa học, công trình khoa học và công nghệ đã được nghiệm thu và áp dụng hiệu quả trong phạm vi cơ sở;",
                    "Điều 74 khoản 1 điểm d",
                ),
                POINTS_A_TO_C,
            ),
        ],
    ),
    form(
        "giay-khen-thu-truong-so-nganh",
        "Giấy khen của Thủ trưởng sở, ban, ngành tỉnh",
        "commendation",
        "department",
        [C, I],
        "Điều 75 khoản 1 điểm c",
        tracks=("regular", "ad_hoc", "thematic"),
        note="Tiêu chuẩn do tỉnh quy định (Điều 75 khoản 2).",
        cash=[
            (ND_98, "Điều 58", *ND_98_DAYS, "0.3", "0.6", None),
            (ND_152, "Điều 54 khoản 1 điểm e", *ND_152_DAYS, "0.3", None, None),
        ],
    ),
    form(
        "giay-khen-chu-tich-ubnd-huyen",
        "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện",
        "commendation",
        "district",
        [C, I, H],
        "Điều 75 khoản 1 điểm c",
        tracks=("regular", "ad_hoc", "thematic"),
        valid_to=2025,
        note="Cấp huyện kết thúc ngày 30/6/2025. Tiêu chuẩn do tỉnh quy định (Điều 75 khoản 2).",
        cash=[(ND_98, "Điều 58", *ND_98_DAYS, "0.3", "0.6", None)],
    ),
    form(
        "giay-khen-chu-tich-ubnd-xa",
        "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã",
        "commendation",
        "commune",
        [C, I, H],
        "Điều 75 khoản 1 điểm d",
        tracks=("regular", "ad_hoc", "thematic"),
        note="Tiêu chuẩn do tỉnh quy định (Điều 75 khoản 2).",
        cash=[
            (ND_98, "Điều 58 khoản 1 điểm g", *ND_98_DAYS, "0.15", "0.3", None),
            (ND_152, "Điều 54 khoản 1 điểm e", *ND_152_DAYS, "0.3", None, "0.45"),
        ],
    ),
]
