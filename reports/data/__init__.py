"""Reference data the reports app seeds by data migration: the award forms of the Law on
Emulation and Commendation 2022 (``awards_2022``) and of the Law of 2003 as amended, in force
for decisions until 31 December 2023 (``awards_2003``), with their legal sources, cash rates,
dossier parts and conditions.

Each module is plain data (no Django). Article numbers marked "suy ra" in a form's note
follow from the order of the law's articles and were not read in an official text.
"""

import datetime

C, I, H = "collective", "individual", "household"  # noqa: E741
D = datetime.date

LAW_2022 = "06/2022/QH15"
LAW_2003 = "15/2003/QH11"
ND_91 = "91/2017/NĐ-CP"
ND_98 = "98/2023/NĐ-CP"
ND_152 = "152/2025/NĐ-CP"
INFERRED = "Số điều suy ra theo thứ tự các điều của Luật, chưa đối chiếu văn bản chính thức."

# Law 2022 Art. 8 (loại hình khen thưởng): the ways an award is proposed. The codes of the
# first three are those proposals carried before tracks were data.
# (code, name, English name, description, sent up)
TRACKS = [
    (
        "regular",
        "Thường xuyên",
        "Regular",
        "Khen thưởng tổng kết năm, giai đoạn theo công trạng và thành tích đạt được.",
        False,
    ),
    ("ad_hoc", "Đột xuất", "Ad hoc", "Khen thưởng thành tích đặc biệt xuất sắc đột xuất.", False),
    ("thematic", "Chuyên đề", "Thematic", "Khen thưởng theo chuyên đề, phong trào thi đua.", False),
    (
        "long_service",
        "Quá trình cống hiến",
        "Long service",
        "Khen thưởng cá nhân có quá trình cống hiến lâu dài trong cơ quan, tổ chức, đơn vị.",
        False,
    ),
    (
        "seniority",
        "Niên hạn",
        "Seniority",
        "Khen thưởng theo niên hạn công tác trong Quân đội nhân dân, Công an nhân dân.",
        False,
    ),
    ("foreign", "Đối ngoại", "Foreign", "Khen thưởng cá nhân, tập thể người nước ngoài.", False),
    (
        "sent_up",
        "Đề nghị cấp trên khen thưởng",
        "Proposed to a higher level",
        "Hồ sơ của tỉnh trình Thủ tướng Chính phủ hoặc Chủ tịch nước.",
        True,
    ),
]

# (number, kind, title, issued on, in force from, until, text)
LEGAL_DOCUMENTS = [
    (
        LAW_2022,
        "law",
        "Luật Thi đua, khen thưởng",
        D(2022, 6, 15),
        D(2024, 1, 1),
        None,
        "https://vi.wikisource.org/wiki/Luật_Thi_đua,_khen_thưởng_nước_Cộng_hòa_xã_hội_chủ_nghĩa_Việt_Nam_2022",
    ),
    (
        LAW_2003,
        "law",
        "Luật Thi đua, khen thưởng (sửa đổi, bổ sung năm 2005, 2009 và 2013)",
        D(2003, 11, 26),
        None,
        D(2023, 12, 31),
        "https://danluatold.thuvienphapluat.vn/tieu-chuan-xet-tang-danh-hieu-lao-dong-tien-tien-cho-can-bo-cong-chuc-170579.aspx",
    ),
    (
        ND_91,
        "decree",
        "Nghị định quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        D(2017, 7, 31),
        None,
        D(2023, 12, 31),
        "https://thuvienphapluat.vn/hoi-dap-phap-luat/47C20-hd-dieu-kien-de-duoc-cong-nhan-chien-si-thi-dua-cap-bo.html",
    ),
    (
        ND_98,
        "decree",
        "Nghị định quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        D(2023, 12, 31),
        D(2024, 1, 1),
        D(2025, 6, 30),
        "https://vietjack.me/phap-luat/nghi-dinh-98-2023-nd-cp-huong-dan-luat-thi-dua-khen-thuong-cpy0s/chuong-ii-9587.html",
    ),
    (
        ND_152,
        "decree",
        "Nghị định quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng",
        D(2025, 6, 14),
        D(2025, 7, 1),
        None,
        "https://pbgdpl.cantho.gov.vn/quy-dinh-ve-phan-cap-phan-quyen-trong-linh-vuc-thi-dua-khen-thuong",
    ),
    (
        "86/2023/NĐ-CP",
        "decree",
        "Nghị định quy định về khung tiêu chuẩn và thủ tục, hồ sơ xét tặng danh hiệu “Gia đình văn hóa”, “Thôn, Tổ dân phố văn hóa”, “Xã, Phường, Thị trấn tiêu biểu”",
        D(2023, 12, 7),
        D(2024, 1, 30),
        None,
        "https://nvsk.vnanet.vn/quy-dinh-moi-ve-khung-tieu-chuan-xet-tang-thon-to-dan-pho-van-hoa-1-138424.vna",
    ),
    (
        "118/2023/TT-BQP",
        "circular",
        "Thông tư hướng dẫn công tác thi đua, khen thưởng trong Quân đội nhân dân Việt Nam",
        D(2023, 12, 22),
        D(2024, 1, 1),
        None,
        "https://tintuc.thuvienphapluat.com/thong-bao-van-ban-moi/email/57809/cac-danh-hieu-thi-dua-trong-quan-doi-nhan-dan-viet-nam-tu-ngay-01-01-2024",
    ),
    (
        "24/2023/NĐ-CP",
        "decree",
        "Nghị định quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang",
        D(2023, 5, 14),
        D(2023, 7, 1),
        D(2024, 6, 30),
        "https://sonoivu.namdinh.gov.vn/hoat-dong-thi-dua-khen-thuong/muc-tien-thuong-cac-danh-hieu-thi-dua-hinh-thuc-khen-thuong-cua-luat-thi-dua-khen-thuong-theo-mu-298715",
    ),
    (
        "73/2024/NĐ-CP",
        "decree",
        "Nghị định quy định mức lương cơ sở và chế độ tiền thưởng đối với cán bộ, công chức, viên chức và lực lượng vũ trang",
        D(2024, 6, 30),
        D(2024, 7, 1),
        None,
        "http://tintuc.thuvienphapluat.com/thong-bao-van-ban-moi/email/66303/luong-co-so-la-2-34-trieu-dong-ap-dung-tu-ngay-01-7-2024",
    ),
]

# (amount, in force from, decree, article): only the verified figures.
BASE_SALARIES = [
    (1_800_000, D(2023, 7, 1), "24/2023/NĐ-CP", ""),
    (2_340_000, D(2024, 7, 1), "73/2024/NĐ-CP", "Điều 3 khoản 2"),
]


def form(
    code,
    name,
    category,
    level,
    subjects,
    article,
    *,
    law,
    valid_from=None,
    valid_to=None,
    tracks=("regular",),
    sent_up=False,
    note="",
    cash=(),
    conditions=(),
):
    """An award form's row: who confers it (``level``) on whom (``subjects``), the ``law``
    and ``article`` it rests on, its years, tracks, cash rates (decree, article, first and
    last day, multiple, a collective's and a household's or None) and conditions."""
    return {
        "code": code,
        "name": name,
        "category": category,
        "level": level,
        "subjects": subjects,
        "law": law,
        "article": article,
        "tracks": tracks,
        "sent_up": sent_up,
        "note": note,
        "cash": list(cash),
        "conditions": list(conditions),
        "valid_from": valid_from,
        "valid_to": valid_to,
    }


def group(number, *conditions):
    """Conditions (kind, parameters, wording, article) of one group: alternatives, one of
    which suffices; every group must be met."""
    return [(number, *condition) for condition in conditions]


def dossier(award, *, reports, fighters_proof, submission=None, minutes=None, proof=None):
    """The parts of a form's dossier, (part, subjects or None for all, required): the
    submission, the achievement ``reports`` of its subjects (subject → part), the
    ``minutes`` of the title's or the award's consideration, the proof of the initiative for
    the emulation fighters, the ``proof`` of the achievement where a case calls for it."""
    title = award["category"] == "title"
    parts = [(submission, None, True)] if submission else []
    parts += [
        (reports[subject], [subject], True) for subject in award["subjects"] if subject in reports
    ]
    if minutes:
        parts.append((minutes[title], None, True))
    if award["code"].startswith("chien-si-thi-dua"):
        parts.append((fighters_proof, [I], True))
    elif proof and not title:
        parts.append((proof, None, False))
    return parts


def worker_or_soldier(worker, soldier, article):
    """Meets the standard of Lao động tiên tiến or Chiến sĩ tiên tiến: two alternatives."""
    wording = "Đạt tiêu chuẩn danh hiệu “Lao động tiên tiến” hoặc “Chiến sĩ tiên tiến”;"
    return [titles(code, 1, wording, article) for code in (worker, soldier)]


# The conditions' makers: (kind, parameters, wording, article).
def titles(code, count, wording, article, **more):
    """The title ``code`` ``count`` times in as many consecutive years."""
    return (
        "consecutive_title",
        {"title": code, "count": count, "years": count, **more},
        wording,
        article,
    )


def initiatives(count, level, wording, article, **more):
    return ("initiatives", {"count": count, "initiative_level": level, **more}, wording, article)


def rating(value, years, wording, article):
    """The task completion ``value`` in each of ``years`` years."""
    return ("task_rating", {"rating": value, "count": years, "years": years}, wording, article)


def judged(wording, article, **more):
    return ("text_only", more, wording, article)
