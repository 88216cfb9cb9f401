"""Demo contest: Sở Nội vụ's 2025 writing contest on the province's exemplars, judged by three
judges (one recusal), with published results and prizes. Idempotent.

Runs after ``registry.demo`` (accounts tdkt.snv and bientap.bnb, the accepted exemplar
Đinh Thị Ngọc Lan). Adds one judge account, giamkhao.hnv, that cannot log in (no password):
a writer of the provincial literature and arts circle, on the panel only.
"""

import datetime
import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from registry.enums import ExemplarStatus, Role
from registry.models import Campaign, Exemplar, Unit, User

from .. import judging
from ..models import (
    Contest,
    ContestCriterion,
    ContestEntry,
    ContestRound,
    Prize,
    Recusal,
    Score,
)

NAME = "Cuộc thi viết về gương người tốt, việc tốt, điển hình tiên tiến tỉnh Ninh Bình năm 2025"
DESCRIPTION = (
    "Đối tượng dự thi: cán bộ, công chức, viên chức, phóng viên, biên tập viên và mọi người "
    "dân trong và ngoài tỉnh.\n"
    "Nội dung: phản ánh chân thực gương người tốt, việc tốt, điển hình tiên tiến đã được cấp "
    "có thẩm quyền công nhận trên các lĩnh vực của đời sống xã hội tỉnh Ninh Bình.\n"
    "Thể loại: bài viết (ký, phóng sự, ghi chép), phóng sự ảnh, phóng sự truyền hình; tác "
    "phẩm chưa dự thi ở cuộc thi khác.\n"
    "Giải thưởng: 01 giải Nhất, 01 giải Nhì, 01 giải Ba và các giải Khuyến khích."
)
CRITERIA = [
    ("Nội dung tư tưởng", Decimal(40)),
    ("Tính chân thực và sức lan tỏa", Decimal(40)),
    ("Hình thức thể hiện", Decimal(20)),
]
JUDGE = {
    "username": "giamkhao.hnv",
    "full_name": "Hà Ngọc Vinh",
    "position": "Nhà văn, hội viên Hội Nhà văn Việt Nam; Phó Chủ tịch Hội Văn học nghệ thuật tỉnh",
    "unit_code": "37-SVHTTDL",
}
JUDGES = ["tdkt.snv", "bientap.bnb", JUDGE["username"]]
# (title, kind, authors, authors' unit, received on, link, scores per judge (None: recused),
#  prize and amount)
ENTRIES = [
    (
        "Người thầy thuốc của những em bé khoa Nhi",
        ContestEntry.Kind.REPORTAGE,
        "Phạm Thu Trang, Nguyễn Đức Mạnh",
        "37-BPTTH",
        datetime.date(2025, 6, 18),
        "https://baoninhbinh.org.vn/nguoi-thay-thuoc-cua-nhung-em-be-khoa-nhi",
        [(36, 35, 18), None, (37, 36, 17)],
        (Prize.Level.FIRST, Decimal(10_000_000)),
    ),
    (
        "Bác sĩ Lan và “Phòng khám thân thiện với trẻ em”",
        ContestEntry.Kind.ARTICLE,
        "Trần Thị Hải Yến",
        "37-SYT",
        datetime.date(2025, 7, 2),
        "",
        [(34, 33, 17), (35, 34, 16), (33, 34, 18)],
        (Prize.Level.SECOND, Decimal(7_000_000)),
    ),
    (
        "Nụ cười trẻ thơ ở khoa Nhi",
        ContestEntry.Kind.PHOTO_STORY,
        "Lê Minh Đức",
        None,
        datetime.date(2025, 8, 25),
        "",
        [(30, 32, 18), (31, 30, 17), (29, 31, 18)],
        (Prize.Level.CONSOLATION, Decimal(2_000_000)),
    ),
    (
        "Hai mươi năm giữ lửa nghề y",
        ContestEntry.Kind.VIDEO,
        "Đoàn Thanh niên Bệnh viện Đa khoa tỉnh Ninh Bình",
        "37-SYT",
        datetime.date(2025, 9, 12),
        "https://www.youtube.com/watch?v=hai-muoi-nam-giu-lua-nghe-y",
        [(33, 34, 16), (34, 33, 17), (32, 33, 16)],
        (Prize.Level.THIRD, Decimal(5_000_000)),
    ),
]
RECUSAL_REASON = (
    "Tác giả là phóng viên cùng cơ quan Báo và Phát thanh, Truyền hình Ninh Bình, nơi tôi công tác."
)
# The exemplar every entry portrays: the one the registry's demo accepts.
PORTRAYED = uuid.uuid5(uuid.NAMESPACE_URL, "demo-exemplar-lan-syt")


def _judge_account() -> User:
    user, created = User.objects.get_or_create(
        username=JUDGE["username"],
        defaults={
            "full_name": JUDGE["full_name"],
            "role": Role.MEDIA,
            "unit": Unit.objects.get(code=JUDGE["unit_code"]),
            "position": JUDGE["position"],
            "email": f"{JUDGE['username']}@ninhbinh.example",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load() -> None:
    if Contest.objects.filter(name=NAME).exists():
        return
    exemplar = Exemplar.objects.filter(
        creation_token=PORTRAYED, status=ExemplarStatus.ACCEPTED
    ).first()
    if exemplar is None:
        return
    _judge_account()
    organiser_user = User.objects.get(username="tdkt.snv")
    judges = [User.objects.get(username=username) for username in JUDGES]

    contest = Contest(
        name=NAME,
        kind=Contest.Kind.WRITING_AND_REPORTAGE,
        year=2025,
        organiser=Unit.objects.get(code="37-SNV"),
        campaign=Campaign.objects.filter(code="hoc-tap-lam-theo-bac").first(),
        opens_on=datetime.date(2025, 4, 1),
        closes_on=datetime.date(2025, 9, 30),
        description=DESCRIPTION,
    )
    contest._history_user = organiser_user
    contest.save()
    criteria = []
    for order, (name, top) in enumerate(CRITERIA, start=1):
        criterion = ContestCriterion(contest=contest, name=name, max_score=top, order=order)
        criterion._history_user = organiser_user
        criterion.save()
        criteria.append(criterion)
    final = ContestRound(
        contest=contest,
        number=1,
        name="Chung khảo",
        starts_on=datetime.date(2025, 10, 6),
        ends_on=datetime.date(2025, 10, 24),
    )
    final._history_user = organiser_user
    final.save()
    final.judges.set(judges)

    entries = []
    for title, kind, authors, unit_code, received_on, url, sheets, prize in ENTRIES:
        entry = ContestEntry(
            contest=contest,
            title=title,
            kind=kind,
            authors=authors,
            author_unit=Unit.objects.get(code=unit_code) if unit_code else None,
            url=url,
            received_on=received_on,
            recorded_by=organiser_user,
        )
        entry._history_user = organiser_user
        entry.save()
        entry.exemplars.set([exemplar])
        entries.append((entry, sheets, prize))
    final.entries.set([entry for entry, _sheets, _prize in entries])

    for entry, sheets, _prize in entries:
        for judge, sheet in zip(judges, sheets, strict=True):
            if sheet is None:
                judging.recuse(contest_round=final, entry=entry, judge=judge, reason=RECUSAL_REASON)
            else:
                judging.record_scores(
                    contest_round=final,
                    entry=entry,
                    judge=judge,
                    values={c: Decimal(v) for c, v in zip(criteria, sheet, strict=True)},
                )
    # The panel sat in October 2025.
    sitting = timezone.make_aware(datetime.datetime(2025, 10, 20, 14, 0))
    Score.objects.filter(round=final).update(scored_at=sitting)
    Recusal.objects.filter(round=final).update(
        created_at=timezone.make_aware(datetime.datetime(2025, 10, 7, 8, 30))
    )
    judging.award_prizes(
        contest=contest,
        awards={entry: prize for entry, _sheets, prize in entries},
        by=organiser_user,
    )
    # Published on the day of the awards ceremony.
    contest.results_published_at = timezone.make_aware(datetime.datetime(2025, 11, 10, 9, 0))
    contest._history_user = organiser_user
    contest.save()
