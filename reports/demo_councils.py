"""Demo: the province's emulation and commendation council (illustrative names) and its
meeting of 18 December 2025, which considered the proposals of 2025 by secret ballot: the
Director of the Department of Health recused on his own department's proposal. Called by
``reports.demo_data``; running it again changes nothing.
"""

import datetime

from registry.models import Unit, User

from . import councils
from .models import AwardProposal, Council, CouncilMember, Meeting, Vote

R, A = CouncilMember.Role, Vote.Choice
NAME = "Hội đồng Thi đua - Khen thưởng tỉnh Ninh Bình"
BASIS = "Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng tỉnh, Điều 7 (minh họa)"
SINCE = datetime.date(2025, 7, 1)
# (full name, position, role)
MEMBERS = [
    ("Nguyễn Minh Quang", "Chủ tịch Ủy ban nhân dân tỉnh", R.CHAIR),
    ("Trần Văn Tuấn", "Phó Chủ tịch Ủy ban nhân dân tỉnh", R.VICE_CHAIR),
    ("Nguyễn Văn Thành", "Giám đốc Sở Nội vụ", R.STANDING),
    ("Phạm Quốc Hùng", "Giám đốc Sở Y tế", R.MEMBER),
    ("Đinh Văn Khải", "Giám đốc Sở Giáo dục và Đào tạo", R.MEMBER),
    ("Lê Thị Minh Hà", "Giám đốc Sở Tài chính", R.MEMBER),
    ("Vũ Đức Thuận", "Chủ tịch Liên đoàn Lao động tỉnh", R.MEMBER),
    ("Đỗ Thị Thu Hương", "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", R.MEMBER),
    ("Bùi Thị Lan Anh", "Trưởng ban Thi đua - Khen thưởng, Sở Nội vụ", R.SECRETARY),
]
DAY = datetime.date(2025, 12, 18)
PLACE = "Phòng họp số 1, trụ sở Ủy ban nhân dân tỉnh Ninh Bình"
# Per proposal (exemplar's unit): each member's vote in the order above; "R" recused.
BALLOTS = {
    "37-SYT": [A.AGREE, A.AGREE, A.AGREE, "R", A.AGREE, A.AGREE, A.ABSTAIN, A.AGREE, A.AGREE],
    "37-SGDDT": [
        A.AGREE,
        A.DISAGREE,
        A.AGREE,
        A.AGREE,
        A.AGREE,
        A.DISAGREE,
        A.ABSTAIN,
        A.AGREE,
        A.AGREE,
    ],
}
RECUSAL = "Đơn vị của ứng viên do ông trực tiếp quản lý"
ABSENT = "Lê Thị Minh Hà"


def load(home_affairs: User) -> int:
    """The council, its members and the meeting; returns how many records it created."""
    province = Unit.objects.filter(code="37").first()
    if province is None or Council.objects.filter(unit=province, name=NAME).exists():
        return 0
    council = Council.objects.create(unit=province, name=NAME, basis=BASIS, created_by=home_affairs)
    members = [
        CouncilMember.objects.create(
            council=council, full_name=name, position=position, role=role, since=SINCE
        )
        for name, position, role in MEMBERS
    ]
    meeting = Meeting.objects.create(
        council=council,
        date=DAY,
        starts_at=datetime.time(8, 30),
        place=PLACE,
        chair=members[0],
        secretary=members[-1],
        created_by=home_affairs,
    )
    meeting.present.set([m for m in members if m.full_name != ABSENT])
    proposals = AwardProposal.objects.filter(year=2025, exemplar__unit__code__in=BALLOTS)
    meeting.proposals.set(proposals)
    for proposal in proposals.select_related("exemplar__unit"):
        choices = BALLOTS[proposal.exemplar.unit.code]
        councils.record_votes(
            meeting,
            proposal,
            {
                member: ((councils.RECUSED, RECUSAL) if choice == "R" else (choice, ""))
                for member, choice in zip(members, choices, strict=True)
                if member.full_name != ABSENT
            },
        )
    return 2 + len(members)
