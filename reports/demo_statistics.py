"""Demo: what the yearly statistics of 2025 (``reports/statistics.py``) need beyond the rest
of the demo: two emulation movements launched in 2025 (the province's and the Department of
Health's; illustrative names), the group the statistics count each conferred award's
recipient in, and one state-level award, a Labour Order of the third class conferred on a
collective of the Department of Health by the President's decision of 28/8/2025
(illustrative number). Running it again changes nothing.
"""

import datetime
import re

from django.utils import timezone

from registry.enums import ExemplarStatus, SubjectKind
from registry.models import Campaign, Exemplar, Unit, User

from .awards import decision_of
from .models import AwardForm, AwardProposal, AwardTrack, RecipientGroup

G = RecipientGroup
# (code, name, launched by, launching unit's code, level, first and last year)
MOVEMENTS = [
    (
        "chuyen-doi-so-2025-2030",
        "Phong trào thi đua “Ninh Bình chung sức chuyển đổi số” giai đoạn 2025 - 2030 (minh họa)",
        Campaign.LaunchedBy.PROVINCE,
        None,
        Campaign.Level.PROVINCIAL,
        2025,
        2030,
    ),
    (
        "syt-benh-vien-xanh-2025",
        "Phong trào thi đua “Bệnh viện xanh - sạch - đẹp” ngành Y tế năm 2025 (minh họa)",
        Campaign.LaunchedBy.UNIT,
        "37-SYT",
        Campaign.Level.SECTOR,
        2025,
        2025,
    ),
]
ORDER = "huan-chuong-lao-dong-hang-ba"
ORDER_UNIT = "37-SYT"
ORDER_DECISION = ("1543/QĐ-CTN", datetime.date(2025, 8, 28), "Chủ tịch nước")
ORDER_REASONS = (
    "Có thành tích xuất sắc trong công tác khám, chữa bệnh và chăm sóc sức khỏe Nhân dân "
    "từ năm 2020 đến năm 2024, góp phần vào sự nghiệp xây dựng chủ nghĩa xã hội và bảo vệ "
    "Tổ quốc (minh họa)."
)
# An individual's group read from their position, first match wins; else working directly.
LEADS = r"\b(Giám đốc|Phó Giám đốc|Chủ tịch|Phó Chủ tịch|Trưởng|Phó trưởng|Phó Trưởng)\b"
POSITIONS = [
    (r"\b(Chủ tịch|Phó Chủ tịch) (Ủy ban nhân dân|UBND) tỉnh\b", G.PROVINCIAL_LEADER),
    (r"\b(Giám đốc|Phó Giám đốc) Sở\b", G.DEPARTMENT_LEADER),
    (
        r"\b(Giám đốc|Phó Giám đốc|Chủ tịch Hội đồng quản trị) (Công ty|Doanh nghiệp)",
        G.ENTREPRENEUR,
    ),
    (LEADS, G.OTHER_LEADER),
]
ENTERPRISE = re.compile(r"\b(Công ty|Doanh nghiệp|Hợp tác xã|HTX)\b", re.IGNORECASE)


def load(home_affairs: User) -> int:
    """The movements, the groups and the order; returns how many records it created or
    completed."""
    made = _movements()
    made += _groups(home_affairs)
    made += _order(home_affairs)
    return made


def _movements() -> int:
    made = 0
    for code, name, launched_by, unit_code, level, first, last in MOVEMENTS:
        if Campaign.objects.filter(code=code).exists():
            continue
        unit = Unit.objects.filter(code=unit_code).first() if unit_code else None
        if unit_code and unit is None:
            continue
        Campaign.objects.create(
            code=code,
            name=name,
            kind=Campaign.Kind.MOVEMENT,
            launched_by=launched_by,
            launching_unit=unit,
            level=level,
            valid_from=first,
            valid_to=last,
        )
        made += 1
    return made


def group_of(exemplar: Exemplar) -> str:
    """The group of an exemplar's award, from its name or position: an enterprise among the
    collectives; a leader by title or, by default, someone working directly."""
    if exemplar.subject_kind == SubjectKind.COLLECTIVE:
        return G.ENTERPRISE if ENTERPRISE.search(exemplar.collective_name or "") else ""
    if exemplar.subject_kind != SubjectKind.INDIVIDUAL:
        return ""
    position = f"{exemplar.position} {exemplar.workplace}"
    for pattern, group in POSITIONS:
        if re.search(pattern, position):
            return group
    return G.DIRECT_WORKER


def _groups(home_affairs: User) -> int:
    """The group of every conferred award of an individual or a collective that has none."""
    made = 0
    conferred = AwardProposal.objects.filter(
        status=AwardProposal.Status.CONFERRED, recipient_group=""
    ).select_related("exemplar")
    for proposal in conferred:
        group = group_of(proposal.exemplar)
        if group:
            proposal.recipient_group = group
            proposal._history_user = home_affairs
            proposal.save(update_fields=["recipient_group", "updated_at"])
            made += 1
    return made


def _order(home_affairs: User) -> int:
    """The Labour Order on the first accepted collective of the Department of Health (its
    achievements up to 2024), proposed by Home Affairs and conferred."""
    award = AwardForm.objects.filter(code=ORDER).first()
    exemplar = (
        Exemplar.objects.filter(
            unit__code=ORDER_UNIT,
            subject_kind=SubjectKind.COLLECTIVE,
            status=ExemplarStatus.ACCEPTED,
            year__lte=2024,
        )
        .order_by("year", "pk")
        .first()
    )
    if award is None or exemplar is None:
        return 0
    if AwardProposal.objects.filter(exemplar=exemplar, award=award).exists():
        return 0
    number, day, signer = ORDER_DECISION
    proposal = AwardProposal(
        exemplar=exemplar,
        award=award,
        year=2024,
        track=AwardTrack.objects.get(code="regular"),
        proposing_unit=home_affairs.unit or exemplar.unit,
        reasons=ORDER_REASONS,
        status=AwardProposal.Status.CONFERRED,
        appraisal_notes="Hồ sơ đủ điều kiện, trình cấp trên khen thưởng.",
        appraised_by=home_affairs,
        appraised_on=datetime.date(2025, 3, 20),
        decision_number=number,
        decision_date=day,
        decision_signer=signer,
        recipient_group=group_of(exemplar),
        created_by=home_affairs,
    )
    proposal.decision = decision_of(proposal, home_affairs)
    proposal._history_user = home_affairs
    proposal.save()
    # Proposed before it was appraised, as the rest of the demo.
    proposed = timezone.make_aware(datetime.datetime(2025, 3, 2, 9, 30))
    AwardProposal.objects.filter(pk=proposal.pk).update(created_at=proposed)
    return 1
