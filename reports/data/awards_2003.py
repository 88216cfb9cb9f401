"""The award forms a province used under the Law on Emulation and Commendation 15/2003/QH11
(amended in 2005, 2009 and 2013) and Decree 91/2017: in force for decisions until
31 December 2023, so for the achievements of 2023 and before. Their codes end in "-2003".
"""

from . import (
    INFERRED,
    LAW_2003,
    ND_91,
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

VALID_TO = 2023
# After the forms of the law in force.
ORDER_FROM = 2000
ND_91_DAYS = (None, D(2023, 12, 31))

# (code, name, official form, document, article)
DOSSIER_PARTS = [
    ("bao-cao-tap-the-2017", "Báo cáo thành tích của tập thể", "Mẫu số 01", ND_91, "Phụ lục"),
    ("bao-cao-ca-nhan-2017", "Báo cáo thành tích của cá nhân", "Mẫu số 02", ND_91, "Phụ lục"),
    (
        "chung-nhan-sang-kien-2017",
        "Xác nhận sáng kiến được cơ sở công nhận hoặc đề tài nghiên cứu khoa học đã nghiệm thu được áp dụng",
        "",
        ND_91,
        "Điều 9 khoản 3",
    ),
]


def dossier_of(award):
    """The achievement reports in the forms of Decree 91/2017, and the initiative's proof for
    the emulation fighters."""
    return dossier(
        award,
        reports={C: "bao-cao-tap-the-2017", I: "bao-cao-ca-nhan-2017"},
        fighters_proof="chung-nhan-sang-kien-2017",
    )


def form(code, *args, law=LAW_2003, **kwargs):
    return law_form(f"{code}-2003", *args, law=law, valid_to=VALID_TO, **kwargs)


def certificates_of_merit():
    """The Giấy khen of a department's head, a district's and a commune's chair: their cash
    (ND 91/2017 Art. 73(1)) is the article found for them."""
    for code, name, level, subjects, article, multiple in (
        (
            "giay-khen-thu-truong-so-nganh",
            "Giấy khen của Thủ trưởng sở, ban, ngành tỉnh",
            "department",
            [C, I],
            "Điều 73 khoản 1",
            "0.3",
        ),
        (
            "giay-khen-chu-tich-ubnd-huyen",
            "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện",
            "district",
            [C, I, H],
            "Điều 73 khoản 1",
            "0.3",
        ),
        (
            "giay-khen-chu-tich-ubnd-xa",
            "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã",
            "commune",
            [C, I, H],
            "Điều 73 khoản 1 điểm d",
            "0.15",
        ),
    ):
        collective = str(float(multiple) * 2)
        yield form(
            code,
            name,
            "commendation",
            level,
            subjects,
            article,
            law=ND_91,
            tracks=("regular", "ad_hoc", "thematic"),
            note="Điều khoản về mức tiền thưởng của Nghị định 91/2017/NĐ-CP.",
            cash=[(ND_91, article, *ND_91_DAYS, multiple, collective, None)],
        )


AWARDS = [
    form(
        "chien-si-thi-dua-toan-quoc",
        "Chiến sĩ thi đua toàn quốc",
        "title",
        "government",
        [I],
        "Điều 21",
        tracks=("regular", "sent_up"),
        sent_up=True,
        note=INFERRED,
    ),
    form(
        "chien-si-thi-dua-cap-tinh",
        "Chiến sĩ thi đua cấp tỉnh",
        "title",
        "province",
        [I],
        "Điều 22",
        conditions=group(
            1,
            titles(
                "chien-si-thi-dua-co-so-2003",
                3,
                "Có thành tích tiêu biểu xuất sắc trong số những cá nhân có ba lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở”.",
                "Điều 9 khoản 2",
                law=ND_91,
            ),
        ),
    ),
    form(
        "chien-si-thi-dua-co-so",
        "Chiến sĩ thi đua cơ sở",
        "title",
        "department",
        [I],
        "Điều 23",
        conditions=[
            *group(
                1,
                *worker_or_soldier("lao-dong-tien-tien-2003", "chien-si-tien-tien-2003", "Điều 23"),
            ),
            *group(
                2,
                initiatives(
                    1,
                    "grassroots",
                    "Có sáng kiến … được cơ sở công nhận",
                    "Điều 9 khoản 3",
                    law=ND_91,
                ),
                judged(
                    "hoặc có đề tài nghiên cứu khoa học đã nghiệm thu được áp dụng … hoặc mưu trí, sáng tạo trong chiến đấu …",
                    "Điều 9 khoản 3",
                    law=ND_91,
                ),
            ),
        ],
    ),
    # Law 39/2013/QH13 gave Art. 24 this wording: four standards, all required.
    form(
        "lao-dong-tien-tien",
        "Lao động tiên tiến",
        "title",
        "department",
        [I],
        "Điều 24 khoản 1",
        conditions=[
            *group(
                1,
                rating(
                    "good",
                    1,
                    "a) Hoàn thành tốt nhiệm vụ được giao, đạt năng suất và chất lượng cao;",
                    "Điều 24 khoản 1 điểm a",
                ),
            ),
            *group(
                2,
                judged(
                    "b) Chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước, có tinh thần tự lực, tự cường; đoàn kết, tương trợ, tích cực tham gia phong trào thi đua;",
                    "Điều 24 khoản 1 điểm b",
                ),
            ),
            *group(
                3,
                judged(
                    "c) Tích cực học tập chính trị, văn hóa, chuyên môn, nghiệp vụ;",
                    "Điều 24 khoản 1 điểm c",
                ),
            ),
            *group(4, judged("d) Có đạo đức, lối sống lành mạnh.", "Điều 24 khoản 1 điểm d")),
        ],
    ),
    form(
        "chien-si-tien-tien", "Chiến sĩ tiên tiến", "title", "armed_forces", [I], "Điều 24 khoản 2"
    ),
    form(
        "co-thi-dua-chinh-phu",
        "Cờ thi đua của Chính phủ",
        "title",
        "government",
        [C],
        "Điều 25",
        tracks=("regular", "sent_up"),
        sent_up=True,
    ),
    form(
        "co-thi-dua-ubnd-tinh",
        "Cờ thi đua của Ủy ban nhân dân tỉnh",
        "title",
        "province",
        [C],
        "Điều 26",
        note=INFERRED,
    ),
    form(
        "tap-the-lao-dong-xuat-sac",
        "Tập thể lao động xuất sắc",
        "title",
        "province",
        [C],
        "Điều 27",
        note=INFERRED,
    ),
    form(
        "tap-the-lao-dong-tien-tien",
        "Tập thể lao động tiên tiến",
        "title",
        "department",
        [C],
        "Điều 28",
        note=INFERRED,
    ),
    form(
        "bang-khen-thu-tuong",
        "Bằng khen của Thủ tướng Chính phủ",
        "commendation",
        "government",
        [C, I, H],
        "Điều 38",
        law=ND_91,
        tracks=("regular", "ad_hoc", "sent_up"),
        sent_up=True,
        cash=[(ND_91, "", *ND_91_DAYS, "3.5", None, None)],
    ),
    form(
        "bang-khen-chu-tich-ubnd-tinh",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "commendation",
        "province",
        [C, I, H],
        "Điều 39",
        law=ND_91,
        tracks=("regular", "ad_hoc", "thematic"),
        note="Số điều suy ra (Điều 38 là Bằng khen của Thủ tướng Chính phủ), chưa đối chiếu văn bản chính thức.",
        cash=[(ND_91, "", *ND_91_DAYS, "1.0", "2.0", None)],
    ),
    *certificates_of_merit(),
]
