"""Demo: the history of commendation of three subjects of ``registry.demo`` (illustrative
decision numbers), some imported from before the portal and some typed, and a 2025 proposal
for each whose conditions are judged against it:

- Trần Thị Thu Hà, a head nurse of the provincial hospital (Sở Y tế): grassroots emulation
  fighter in 2022 and 2023 (under the Law of 2003), 2024 and 2025, with a provincial
  initiative in 2025: proposed for Chiến sĩ thi đua cấp tỉnh of 2025, its conditions met (the
  title of 2023, held under the old law, counts as the new law's);
- Phạm Thị Thu Hương, a teacher (Sở Giáo dục và Đào tạo): her 2024 records are not in yet,
  so her proposal for the provincial chair's certificate of merit of 2025 needs review;
- Bùi Thị Nhung, a cooperative's director (Xã Gia Vân): only an advanced worker in 2024, so
  Home Affairs' own proposal of her for Chiến sĩ thi đua cấp tỉnh of 2025 is not met and
  held, and Home Affairs allows it despite the conditions, with its reason.

Runs after ``reports.demo_data`` (the exemplars of 2023 and 2024 are accepted there):
``reports.demo_history.load()``; running it again changes nothing.
"""

import datetime

from django.db import transaction

from registry.demo import accepted_demo_exemplar
from registry.models import Unit, User

from .awards import proposal_override, proposal_send
from .models import AwardForm, AwardProposal, AwardTrack, Initiative, PriorAward, TaskRating
from .models.history import Source

D = datetime.date
HOME_AFFAIRS = "tdkt.snv"
EXCELLENT, GOOD = TaskRating.Rating.EXCELLENT, TaskRating.Rating.GOOD
SYT = "Giám đốc Sở Y tế tỉnh Ninh Bình"
SGDDT = "Giám đốc Sở Giáo dục và Đào tạo tỉnh Ninh Bình"
GIA_VIEN = "Chủ tịch Ủy ban nhân dân huyện Gia Viễn"
COUNCIL = "Hội đồng sáng kiến tỉnh Ninh Bình"

# Per exemplar (its demo token): who typed its records, then its awards held
# (code, year, number, date, conferred by, source), ratings (year, rating, number, date,
# issuer) and initiatives (title, year, level, number, date, body, counted for (code, year)).
HISTORIES = {
    "ha-syt-2023": (
        "canbo.syt",
        [
            ("chien-si-thi-dua-co-so-2003", 2022, "18/QĐ-SYT", D(2023, 1, 16), SYT, "imported"),
            ("chien-si-thi-dua-co-so-2003", 2023, "125/QĐ-SYT", D(2024, 1, 10), SYT, "imported"),
            ("chien-si-thi-dua-co-so", 2024, "96/QĐ-SYT", D(2025, 1, 14), SYT, "typed"),
            ("chien-si-thi-dua-co-so", 2025, "1520/QĐ-SYT", D(2025, 12, 22), SYT, "typed"),
        ],
        [
            (2023, EXCELLENT, "2310/QĐ-BVĐK", D(2023, 12, 28), "Bệnh viện Đa khoa tỉnh"),
            (2024, EXCELLENT, "2456/QĐ-BVĐK", D(2024, 12, 27), "Bệnh viện Đa khoa tỉnh"),
            (2025, EXCELLENT, "2533/QĐ-BVĐK", D(2025, 12, 26), "Bệnh viện Đa khoa tỉnh"),
        ],
        [
            (
                "Bảng kiểm chăm sóc người bệnh suy tim sau xuất viện",
                2023,
                "grassroots",
                "45/QĐ-HĐSK",
                D(2023, 11, 20),
                "Hội đồng sáng kiến Sở Y tế",
                ("chien-si-thi-dua-co-so-2003", 2023),
            ),
            (
                "Quy trình điều dưỡng theo dõi người bệnh suy tim tại nhà qua ứng dụng điện thoại",
                2025,
                "province",
                "36/QĐ-HĐSK",
                D(2025, 10, 28),
                COUNCIL,
                None,
            ),
        ],
    ),
    "huong-sgddt": (
        "canbo.sgddt",
        [
            (
                "chien-si-thi-dua-co-so-2003",
                2023,
                "1356/QĐ-SGDĐT",
                D(2023, 12, 25),
                SGDDT,
                "imported",
            ),
            (
                "chien-si-thi-dua-cap-tinh",
                2024,
                "1867/QĐ-UBND",
                D(2025, 2, 20),
                "Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình",
                "typed",
            ),
            ("chien-si-thi-dua-co-so", 2025, "1102/QĐ-SGDĐT", D(2025, 12, 19), SGDDT, "typed"),
        ],
        [(2025, EXCELLENT, "1098/QĐ-SGDĐT", D(2025, 12, 18), "Sở Giáo dục và Đào tạo")],
        [
            (
                "Câu lạc bộ “Đọc sách cùng con” trong trường trung học phổ thông",
                2024,
                "province",
                "27/QĐ-HĐSK",
                D(2024, 10, 15),
                COUNCIL,
                None,
            )
        ],
    ),
    "nhung-giavan-2024": (
        "canbo.giavan",
        [
            (
                "chien-si-thi-dua-co-so-2003",
                2023,
                "2870/QĐ-UBND",
                D(2023, 12, 26),
                GIA_VIEN,
                "imported",
            ),
            ("lao-dong-tien-tien", 2024, "3012/QĐ-UBND", D(2024, 12, 27), GIA_VIEN, "typed"),
            (
                "chien-si-thi-dua-co-so",
                2025,
                "215/QĐ-UBND",
                D(2025, 12, 24),
                "Chủ tịch Ủy ban nhân dân xã Gia Vân",
                "typed",
            ),
        ],
        [
            (2023, EXCELLENT, "2790/QĐ-UBND", D(2023, 12, 20), "Ủy ban nhân dân huyện Gia Viễn"),
            (2024, GOOD, "2985/QĐ-UBND", D(2024, 12, 20), "Ủy ban nhân dân huyện Gia Viễn"),
            (2025, EXCELLENT, "198/QĐ-UBND", D(2025, 12, 19), "Ủy ban nhân dân xã Gia Vân"),
        ],
        [
            (
                "Quy trình sản xuất lúa hữu cơ gắn với bao tiêu sản phẩm theo chuỗi giá trị",
                2025,
                "province",
                "41/QĐ-HĐSK",
                D(2025, 11, 12),
                COUNCIL,
                None,
            )
        ],
    ),
}

# (exemplar token, award, year, proposer, proposing unit, reasons, Home Affairs' leave)
PROPOSALS = [
    (
        "ha-syt-2023",
        "chien-si-thi-dua-cap-tinh",
        2025,
        "canbo.syt",
        "37-SYT",
        "Ba năm liền (2023 - 2025) đạt danh hiệu Chiến sĩ thi đua cơ sở; sáng kiến “Quy trình "
        "điều dưỡng theo dõi người bệnh suy tim tại nhà qua ứng dụng điện thoại” được Hội đồng "
        "sáng kiến tỉnh công nhận, áp dụng tại 4 bệnh viện tuyến tỉnh.",
        "",
    ),
    (
        "huong-sgddt",
        "bang-khen-chu-tich-ubnd-tinh",
        2025,
        "canbo.sgddt",
        "37-SGDDT",
        "Hai năm liền hoàn thành xuất sắc nhiệm vụ; bồi dưỡng 6 học sinh đạt giải học sinh giỏi "
        "quốc gia môn Ngữ văn năm học 2024 - 2025.",
        "",
    ),
    (
        "nhung-giavan-2024",
        "chien-si-thi-dua-cap-tinh",
        2025,
        HOME_AFFAIRS,
        "37-SNV",
        "Đưa Hợp tác xã dịch vụ nông nghiệp Gia Vân từ thua lỗ thành có lãi; sáng kiến sản xuất "
        "lúa hữu cơ theo chuỗi giá trị được Hội đồng sáng kiến tỉnh công nhận năm 2025.",
        "Năm 2024 đồng chí được cử đi học tập trung lớp Cao cấp lý luận chính trị 8 tháng nên "
        "chỉ được bình xét danh hiệu Lao động tiên tiến; các năm 2023 và 2025 hoàn thành xuất "
        "sắc nhiệm vụ, có sáng kiến cấp tỉnh năm 2025. Thường trực Hội đồng Thi đua - Khen "
        "thưởng tỉnh thống nhất cho trình để Hội đồng xem xét (minh họa).",
    ),
]


def _recorder(username: str, source: str, home_affairs):
    """Typed by the unit's editor; imported by Home Affairs."""
    if source == Source.IMPORTED:
        return home_affairs
    return User.objects.filter(username=username).first() or home_affairs


def _save(record, by, reason):
    record._history_user = by
    record._change_reason = reason
    record.save()


def history_of(exemplar, editor: str, awards, ratings, initiatives, home_affairs) -> int:
    """The subject's records, those not there yet; returns how many it made."""
    made = 0
    forms = {}
    for code, year, number, day, issuer, source in awards:
        forms[(code, year)] = award = AwardForm.objects.get(code=code)
        if PriorAward.objects.filter(exemplar=exemplar, award=award, year=year).exists():
            continue
        by = _recorder(editor, source, home_affairs)
        record = PriorAward(
            exemplar=exemplar,
            award=award,
            year=year,
            document_number=number,
            document_date=day,
            document_issuer=issuer,
            source=source,
            recorded_by=by,
        )
        _save(record, by, "Nhập từ hồ sơ lưu trữ" if source == Source.IMPORTED else "")
        made += 1
    by = _recorder(editor, Source.TYPED, home_affairs)
    for year, rating, number, day, issuer in ratings:
        if TaskRating.objects.filter(exemplar=exemplar, year=year).exists():
            continue
        record = TaskRating(
            exemplar=exemplar,
            year=year,
            rating=rating,
            document_number=number,
            document_date=day,
            document_issuer=issuer,
            recorded_by=by,
        )
        _save(record, by, "")
        made += 1
    for title, year, level, number, day, body, counted_for in initiatives:
        if Initiative.objects.filter(exemplar=exemplar, title=title, year=year).exists():
            continue
        prior = None
        if counted_for:
            prior = PriorAward.objects.filter(
                exemplar=exemplar, award=forms[counted_for], year=counted_for[1]
            ).first()
        record = Initiative(
            exemplar=exemplar,
            title=title,
            year=year,
            level=level,
            document_number=number,
            document_date=day,
            document_issuer=body,
            used_for_prior=prior,
            recorded_by=by,
        )
        _save(record, by, "")
        made += 1
    return made


@transaction.atomic
def load(home_affairs: User | None = None) -> int:
    """The three histories and their proposals; returns how many records it created."""
    home_affairs = home_affairs or User.objects.filter(username=HOME_AFFAIRS).first()
    if home_affairs is None:
        return 0
    made = 0
    for token, (editor, awards, ratings, initiatives) in HISTORIES.items():
        exemplar = accepted_demo_exemplar(token)
        if exemplar is not None:
            made += history_of(exemplar, editor, awards, ratings, initiatives, home_affairs)
    for token, code, year, proposer, unit_code, reasons, leave in PROPOSALS:
        exemplar, award = accepted_demo_exemplar(token), AwardForm.objects.get(code=code)
        unit = Unit.objects.filter(code=unit_code).first()
        by = User.objects.filter(username=proposer).first() or home_affairs
        if exemplar is None or unit is None:
            continue
        if AwardProposal.objects.filter(exemplar=exemplar, award=award, year=year).exists():
            continue
        proposal = proposal_send(
            proposal=AwardProposal(
                exemplar=exemplar,
                award=award,
                year=year,
                track=AwardTrack.objects.get(code="regular"),
                proposing_unit=unit,
                reasons=reasons,
            ),
            by=by,
        )
        made += 1
        if leave and proposal.status == AwardProposal.Status.HELD:
            proposal_override(proposal=proposal, by=home_affairs, reason=leave)
    return made
