"""Demo content for ``manage.py load_demo``: accounts for each role, blocs, a few 2023-2025
communes of one district with the communes of today that carry on from them, and an
illustrative plan for 2026-2030. Realistic, invented people; real units from
``load_units``. Running it again brings everything back to this state without duplicating
anything.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from .data import units as unit_data
from .enums import Role
from .models import EmulationBloc, Plan, Unit, UnitKind, UnitSuccession, User

DEMO_PASSWORD = "Demo-NinhBinh-2026"  # noqa: S105 - printed on screen for the demo


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    unit_code: str
    position: str


ACCOUNTS = [
    DemoAccount(
        "canbo.syt", "Nguyễn Thị Hồng Nhung", Role.UNIT_EDITOR, "37-SYT", "Chuyên viên Văn phòng Sở"
    ),
    DemoAccount("lanhdao.syt", "Trần Văn Quang", Role.UNIT_HEAD, "37-SYT", "Phó Giám đốc Sở"),
    DemoAccount(
        "canbo.sgddt", "Đỗ Thị Lan Anh", Role.UNIT_EDITOR, "37-SGDDT", "Chuyên viên Văn phòng Sở"
    ),
    DemoAccount(
        "canbo.giavan",
        "Phạm Thị Thu Hà",
        Role.UNIT_EDITOR,
        "373-GIAVAN",
        "Công chức Văn phòng - Thống kê",
    ),
    # Today's Xã Gia Vân (from 1/7/2025), which carries on the old one's work.
    DemoAccount(
        "canbo.xagiavan",
        "Trịnh Thị Minh Thư",
        Role.UNIT_EDITOR,
        "14488",
        "Công chức Văn hóa - Xã hội",
    ),
    DemoAccount(
        "huyen.giavien",
        "Đinh Công Tuấn",
        Role.DISTRICT_REVIEWER,
        "373",
        "Trưởng phòng Nội vụ huyện",
    ),
    DemoAccount(
        "tdkt.snv",
        "Lê Thị Minh Phương",
        Role.HOME_AFFAIRS,
        "37-SNV-TDKT",
        "Chuyên viên Ban Thi đua - Khen thưởng",
    ),
    DemoAccount(
        "bientap.bnb",
        "Vũ Hoàng Nam",
        Role.MEDIA,
        "37-BPTTH",
        "Biên tập viên chuyên mục Người tốt - Việc tốt",
    ),
    DemoAccount("lanhdao.tinh", "Hoàng Văn Đức", Role.LEADER, "37", "Phó Chủ tịch UBND tỉnh"),
    DemoAccount(
        "quantri", "Bùi Thị Mai", Role.ADMINISTRATOR, "37-SNV", "Quản trị hệ thống, Sở Nội vụ"
    ),
]

# Communes of Gia Viễn district before the 2025 reform, so the district review can be shown,
# each with the commune of today that carries on its work (official code). The old communes
# are illustrative: the real ones are not in ``vietnam-provinces``, which holds today's.
# (code, name, short name, successor code)
HISTORICAL_COMMUNES = [
    ("373-GIAVAN", "Xã Gia Vân", "Gia Vân", "14488"),
    ("373-GIATHANH", "Xã Gia Thanh", "Gia Thanh", "14488"),
    ("373-GIAHOA", "Xã Gia Hòa", "Gia Hòa", "14482"),
    ("373-ME", "Thị trấn Me", "Me", "14464"),
]
COMMUNES_LAST_DAY = unit_data.day_before(unit_data.TWO_LEVELS)
# Unit kinds whose heads sign off what their editors send, in the demo.
SIGNING_OFF_KINDS = ("department",)
# In a move of ``EXEMPLARS``: the head of the exemplar's unit, whoever that is.
HEAD = "head"
COMMUNES_NOTE = "Minh họa: các xã trước năm 2025 trong dữ liệu mẫu"

# (code, name, head unit code, member unit codes, valid from, valid to)
BLOCS = [
    (
        "khoi-tong-hop",
        "Khối các cơ quan tổng hợp",
        "37-SNV",
        ["37-SNV", "37-VP-UBND", "37-STC", "37-STP", "37-TTT"],
        None,
        None,
    ),
    (
        "khoi-van-hoa-xa-hoi",
        "Khối Văn hóa - Xã hội",
        "37-SYT",
        ["37-SYT", "37-SGDDT", "37-SVHTTDL", "37-BPTTH"],
        None,
        None,
    ),
    (
        "khoi-doan-the",
        "Khối các tổ chức chính trị - xã hội",
        "37-MTTQ",
        ["37-MTTQ", "37-LDLD", "37-HLHPN", "37-TDTN", "37-HND", "37-HCCB"],
        None,
        None,
    ),
    (
        "khoi-huyen-thanh-pho",
        "Khối các huyện, thành phố",
        "369",
        ["369", "370", "372", "373", "374", "375", "376", "377"],
        None,
        2025,
    ),
]


@transaction.atomic
def demo_load() -> list[DemoAccount]:
    """Create or refresh the demo communes, blocs and accounts; reset demo passwords.

    Needs the units of ``load_units`` for province 37. Returns the accounts.
    """
    district = Unit.objects.get(code="373")
    commune_kind = UnitKind.objects.get(code="commune")
    # The departments' heads sign off what their editors send (an optional step).
    for unit_kind in UnitKind.objects.filter(code__in=SIGNING_OFF_KINDS):
        if not unit_kind.requires_head_signoff:
            unit_kind.requires_head_signoff = True
            unit_kind.save()
    for code, name, short_name, successor_code in HISTORICAL_COMMUNES:
        commune, _ = Unit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short_name,
                "kind": commune_kind,
                "parent": district,
                "valid_from": None,
                "valid_until": COMMUNES_LAST_DAY,
                "end_basis": unit_data.COMMUNES_BASIS,
            },
        )
        _demo_succession(commune, Unit.objects.get(code=successor_code))
    for code, name, head_code, member_codes, valid_from, valid_to in BLOCS:
        bloc, _ = EmulationBloc.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "head_unit": Unit.objects.get(code=head_code),
                "valid_from": valid_from,
                "valid_to": valid_to,
            },
        )
        for unit in Unit.objects.filter(code__in=member_codes).exclude(bloc=bloc):
            unit.bloc = bloc
            unit.save()
    for account in ACCOUNTS:
        user, _ = User.objects.update_or_create(
            username=account.username,
            defaults={
                "full_name": account.full_name,
                "role": account.role,
                "unit": Unit.objects.get(code=account.unit_code),
                "position": account.position,
                "email": f"{account.username}@ninhbinh.example",
                "is_active": True,
            },
        )
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
    demo_contact()
    return ACCOUNTS


# The sign-in page's contact (registry/identity.py): illustrative, and marked so, since the
# real address, phone and e-mail are for the administrator to enter.
DEMO_CONTACT = {
    "address": "Trụ sở Sở Nội vụ, tỉnh Ninh Bình (minh họa)",
    "phone": "0229 000 0000 (minh họa)",
    "email": "bantdkt@ninhbinh.example",
}


def demo_contact() -> None:
    """Fill the contact of the Emulation and Commendation Board where it is empty; what an
    administrator entered is kept."""
    board = Unit.objects.filter(code="37-SNV-TDKT").first()
    if board is None:
        return
    missing = [name for name, value in DEMO_CONTACT.items() if not getattr(board, name)]
    if missing:
        for name in missing:
            setattr(board, name, DEMO_CONTACT[name])
        board.save(update_fields=missing)


def _demo_succession(predecessor: Unit, successor: Unit) -> None:
    """Link a demo commune to the commune of today that took over its work (by the pair)."""
    values = {
        "kind": UnitSuccession.Kind.MERGER,
        "effective_on": unit_data.TWO_LEVELS,
        "legal_basis": unit_data.COMMUNES_BASIS,
        "takes_over_work": True,
        "note": COMMUNES_NOTE,
    }
    link = UnitSuccession.objects.filter(predecessor=predecessor, successor=successor).first()
    if link is not None and all(getattr(link, name) == value for name, value in values.items()):
        return
    link = link or UnitSuccession(predecessor=predecessor, successor=successor)
    for name, value in values.items():
        setattr(link, name, value)
    link.full_clean()
    link.save()


PLAN_NOTE = (
    "Minh họa: kế hoạch giai đoạn 2026 - 2030 chưa được ban hành. Dữ liệu mẫu sao chép kế "
    "hoạch giai đoạn 2023 - 2025 (bỏ chỉ tiêu của cấp huyện) và đặt hạn gửi điển hình ngày "
    "30/11 hằng năm, để trình diễn Cổng trong những năm này."
)


def demo_plans() -> Plan:
    """The 2023-2025 plan (seeded by migration; its number and date are unknown and stay
    empty) with its regulation requirement, and an illustrative 2026-2030 plan made the way
    Home Affairs would: a copy of the last one, completed. Idempotent."""
    from .plans import plan_copy

    current = Plan.objects.get(period_from=2023, period_to=2025)
    if Plan.objects.in_force(2026).exists():
        return current
    author = User.objects.get(username="tdkt.snv")
    plan = plan_copy(plan=current, by=author)
    # A copy has the length of its model (three years); this one runs five, like the
    # national programme it would follow.
    copied, wanted = f"{plan.period_from} - {plan.period_to}", f"{plan.period_from} - 2030"
    plan.period_to = 2030
    plan.title = plan.title.replace(copied, wanted)
    plan.illustrative = True
    plan.deadline_day, plan.deadline_month = 30, 11
    plan.note = PLAN_NOTE
    plan.full_clean()
    plan._history_user = author
    plan._change_reason = "Hoàn thiện bản sao: giai đoạn 2026 - 2030, hạn gửi 30/11"
    plan.save()
    for rule in plan.quota_rules.all():
        rule.source = rule.source.replace(copied, wanted)
        rule._history_user = author
        rule.save()
    return plan


# Emulation movements launched by the Prime Minister and the province in 2021-2025.
CAMPAIGNS = [
    (
        "vi-nguoi-ngheo-2021-2025",
        "Phong trào thi đua “Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau” "
        "giai đoạn 2021 - 2025",
        "movement",
        "prime_minister",
        2021,
        2025,
    ),
    (
        "nong-thon-moi-2021-2025",
        "Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới” giai đoạn 2021 - 2025",
        "movement",
        "prime_minister",
        2021,
        2025,
    ),
    (
        "van-hoa-cong-so",
        "Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”",
        "movement",
        "prime_minister",
        2019,
        2025,
    ),
    (
        "hoc-tap-lam-theo-bac",
        "Cuộc vận động học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "campaign",
        "province",
        2021,
        None,
    ),
]

EVIDENCE = [
    "Chấp hành nghiêm chủ trương của Đảng, pháp luật của Nhà nước; nhiều năm liền được "
    "đánh giá hoàn thành xuất sắc nhiệm vụ.",
    "Hoàn thành xuất sắc nhiệm vụ năm 2023, 2024, 2025 (quyết định đánh giá kèm theo).",
    "Mô hình mới được áp dụng tại đơn vị, cơ quan cấp trên đánh giá hiệu quả, nhân rộng.",
    "Tích cực ủng hộ Quỹ Vì người nghèo, tham gia hiến máu tình nguyện, giúp đỡ gia đình "
    "khó khăn tại địa phương.",
]

# (token name, unit code, creator, year, subject values, field code, campaign code,
#  achievements, new model, moves as (action, username, comment))
EXEMPLARS = [
    (
        "lan-syt",
        "37-SYT",
        "canbo.syt",
        2025,
        {
            "subject_kind": "individual",
            "full_name": "Đinh Thị Ngọc Lan",
            "gender": "female",
            "birth_year": 1978,
            "position": "Trưởng khoa Nhi",
            "workplace": "Bệnh viện Đa khoa tỉnh Ninh Bình",
        },
        "health",
        "van-hoa-cong-so",
        "Hơn 20 năm công tác, trực tiếp cứu chữa hàng nghìn ca bệnh nhi nặng; chiến sĩ thi đua "
        "cấp tỉnh năm 2023.",
        "Mô hình “Phòng khám thân thiện với trẻ em” giảm 30% thời gian chờ khám.",
        [
            ("submit", "canbo.syt", ""),
            ("head_approve", "lanhdao.syt", "Đồng ý, đề nghị Sở Nội vụ xem xét."),
            ("accept", "tdkt.snv", "Hồ sơ đầy đủ, thành tích tiêu biểu."),
        ],
    ),
    (
        "hstc-syt",
        "37-SYT",
        "canbo.syt",
        2026,
        {
            "subject_kind": "collective",
            "collective_name": "Khoa Hồi sức tích cực - Chống độc, Bệnh viện Đa khoa tỉnh",
            "head_name": "BSCKII Trần Quang Huy",
            "member_count": 42,
        },
        "health",
        "van-hoa-cong-so",
        "Tập thể lao động xuất sắc ba năm liền; làm chủ kỹ thuật lọc máu liên tục, ECMO.",
        "Ứng dụng hội chẩn từ xa với tuyến xã, giảm chuyển viện tuyến trên.",
        [("submit", "canbo.syt", "")],
    ),
    (
        "mai-syt",
        "37-SYT",
        "canbo.syt",
        2026,
        {
            "subject_kind": "individual",
            "full_name": "Vũ Thị Thanh Mai",
            "gender": "female",
            "birth_year": 1992,
            "position": "Điều dưỡng",
            "workplace": "Trung tâm Y tế khu vực Kim Sơn",
            "is_new_factor": True,
        },
        "health",
        None,
        "",
        "",
        [],
    ),
    (
        "thinh-giavan",
        "373-GIAVAN",
        "canbo.giavan",
        2025,
        {
            "subject_kind": "household",
            "household_head": "Nguyễn Văn Thịnh",
            "household_address": "Thôn Đông Chưởng, xã Gia Vân",
            "household_members": 5,
        },
        "agriculture",
        "nong-thon-moi-2021-2025",
        "Hộ sản xuất kinh doanh giỏi cấp tỉnh; tạo việc làm cho 12 lao động địa phương.",
        "Mô hình trồng sen kết hợp du lịch trải nghiệm trên vùng đất trũng.",
        [("submit", "canbo.giavan", "")],
    ),
    (
        "toan-giavan",
        "373-GIAVAN",
        "canbo.giavan",
        2025,
        {
            "subject_kind": "individual",
            "full_name": "Bùi Văn Toàn",
            "gender": "male",
            "birth_year": 1965,
            "position": "Chủ trang trại",
            "workplace": "Thôn Tập Ninh, xã Gia Vân",
        },
        "social-security",
        "vi-nguoi-ngheo-2021-2025",
        "Thương binh hạng 3/4 làm kinh tế giỏi, giúp 8 hộ thoát nghèo.",
        "Tổ hợp tác chăn nuôi bò sinh sản cho hộ nghèo.",
        [
            ("submit", "canbo.giavan", ""),
            ("endorse", "huyen.giavien", ""),
            ("return", "tdkt.snv", "Bổ sung xác nhận của UBND xã về số hộ thoát nghèo."),
        ],
    ),
    (
        "huong-sgddt",
        "37-SGDDT",
        "canbo.sgddt",
        2025,
        {
            "subject_kind": "individual",
            "full_name": "Phạm Thị Thu Hương",
            "gender": "female",
            "birth_year": 1983,
            "position": "Giáo viên Ngữ văn",
            "workplace": "Trường THPT chuyên Lương Văn Tụy",
        },
        "education-training",
        "van-hoa-cong-so",
        "Bồi dưỡng 27 học sinh đạt giải học sinh giỏi quốc gia môn Ngữ văn trong 5 năm; "
        "chiến sĩ thi đua cấp tỉnh năm 2024.",
        "Câu lạc bộ “Đọc sách cùng con” lan tỏa văn hóa đọc tới 40 trường học trong tỉnh.",
        [
            ("submit", "canbo.sgddt", ""),
            ("head_approve", HEAD, ""),
            ("accept", "tdkt.snv", "Thành tích nổi bật, có sức lan tỏa."),
        ],
    ),
    (
        "hoa-giavan",
        "373-GIAVAN",
        "canbo.giavan",
        2025,
        {
            "subject_kind": "household",
            "household_head": "Lã Văn Hòa",
            "household_address": "Thôn Tùy Hối, xã Gia Vân",
            "household_members": 6,
        },
        "agriculture",
        "nong-thon-moi-2021-2025",
        "Hộ nông dân sản xuất kinh doanh giỏi ba năm liền; hiến 320 m² đất làm đường thôn.",
        "Mô hình nuôi cá lúa kết hợp trên 4 ha ruộng trũng, thu nhập 600 triệu đồng mỗi năm.",
        [
            ("submit", "canbo.giavan", ""),
            ("endorse", "huyen.giavien", "Xã đã xác nhận thành tích."),
            ("accept", "tdkt.snv", ""),
        ],
    ),
]


# The old communes' 2025 exemplars were sent before the districts ended (1/7/2025), so they
# went to Huyện Gia Viễn first: the day each was sent.
SENT_ON = {
    "hoa-giavan": datetime.date(2025, 4, 15),
    "toan-giavan": datetime.date(2025, 5, 20),
    "thinh-giavan": datetime.date(2025, 6, 12),
}


class _Clock:
    """``django.utils.timezone`` as the workflow reads it, with today moved back to ``day``:
    who reviews a submission depends on the day it is sent."""

    def __init__(self, day: datetime.date):
        self.day = day

    def localdate(self, *args, **kwargs) -> datetime.date:
        return self.day

    def __getattr__(self, name):
        from django.utils import timezone

        return getattr(timezone, name)


def _move(exemplar, action: str, by, comment: str, day: datetime.date | None):
    from unittest import mock

    from . import workflow

    if day is None:
        return workflow.transition(exemplar=exemplar, action=action, by=by, comment=comment)
    with mock.patch.object(workflow, "timezone", _Clock(day)):
        return workflow.transition(exemplar=exemplar, action=action, by=by, comment=comment)


def _backdate(exemplar, day: datetime.date) -> None:
    """Give a demo exemplar sent on ``day`` the times it would have: drafted a week before,
    each later step three days after the previous one."""
    from django.utils import timezone

    from .models import Exemplar, Transition

    def at(offset: int):
        moment = datetime.datetime.combine(day + datetime.timedelta(days=offset), datetime.time(9))
        return timezone.make_aware(moment)

    last = at(0)
    for number, step in enumerate(exemplar.transitions.order_by("pk")):
        last = at(number * 3)
        Transition.objects.filter(pk=step.pk).update(at=last)
    Exemplar.objects.filter(pk=exemplar.pk).update(created_at=at(-7), status_changed_at=last)


def demo_token(token: str):
    """The creation token of the demo's exemplar named ``token`` ("lan-syt")."""
    import uuid

    return uuid.uuid5(uuid.NAMESPACE_URL, f"demo-exemplar-{token}")


def accepted_demo_exemplar(token: str):
    """The demo's exemplar named ``token``, if it is loaded and accepted."""
    from .enums import ExemplarStatus
    from .models import Exemplar

    return Exemplar.objects.filter(
        creation_token=demo_token(token), status=ExemplarStatus.ACCEPTED
    ).first()


@transaction.atomic
def demo_exemplars() -> int:
    """Demo campaigns and exemplars, moved through the real workflow. Idempotent."""

    from registry.models import Campaign

    from . import services
    from .models import CriterionEvidence, Exemplar, Field

    for code, name, kind, launched_by, start, end in CAMPAIGNS:
        Campaign.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "launched_by": launched_by,
                "level": "national" if launched_by == "prime_minister" else "provincial",
                "valid_from": start,
                "valid_to": end,
            },
        )
    # Exemplars of 2026 need a plan covering that year (its criteria catalogue).
    demo_plans()
    count = 0
    for (
        token,
        unit_code,
        creator,
        year,
        subject,
        field_code,
        campaign_code,
        achievements,
        new_model,
        moves,
    ) in EXEMPLARS:
        creation_token = demo_token(token)
        if Exemplar.objects.filter(creation_token=creation_token).exists():
            continue
        author = User.objects.get(username=creator)
        values = {
            "year": year,
            **subject,
            "field": Field.objects.get(code=field_code),
            "campaign": Campaign.objects.filter(code=campaign_code).first(),
            "achievements": achievements,
            "new_model": new_model,
            "contact_name": author.full_name,
            "contact_phone": "0229 3876 543",
            "publication_consent": bool(moves),
        }
        exemplar = services.exemplar_create(
            unit=Unit.objects.get(code=unit_code),
            by=author,
            values=values,
            evidence={},
            creation_token=creation_token,
        )
        if moves:
            for number, criterion in enumerate(exemplar.criteria().order_by("kind", "number")):
                CriterionEvidence.objects.create(
                    exemplar=exemplar,
                    criterion=criterion,
                    text=EVIDENCE[number % len(EVIDENCE)],
                )
        sent_on = SENT_ON.get(token)
        for action, username, comment in moves:
            if username == HEAD:
                by = unit_head(exemplar.unit)
            else:
                by = User.objects.get(username=username)
            exemplar = _move(exemplar, action, by, comment, sent_on)
        if sent_on is not None and moves:
            _backdate(exemplar, sent_on)
        count += 1
    _demo_removed_attachment()
    return count


def unit_head(unit: Unit) -> User:
    """The head of ``unit`` who signs off its demo records: its demo account, or else the
    staff account the demo province gives the unit (made here if not there yet)."""
    from .demo_province import Clock, staff_of

    head = staff_of([unit], Clock())[unit.pk].head
    if head is None:
        raise ValueError(f"the demo gives {unit.code} no head")
    return head


def _demo_removed_attachment() -> None:
    """Sở Y tế's draft of Vũ Thị Thanh Mai gets a photo and a report, and the report is
    removed again: Home Affairs sees it under "removed files" and can restore it, and the
    timeline shows both. Idempotent."""

    from django.core.files.uploadedfile import SimpleUploadedFile

    from . import attachments
    from .models import Attachment, Exemplar

    exemplar = Exemplar.objects.filter(creation_token=demo_token("mai-syt")).first()
    if exemplar is None or Attachment.history.filter(exemplar_id=exemplar.pk).exists():
        return
    author = User.objects.get(username="canbo.syt")
    _photo, report = attachments.attach(
        exemplar=exemplar,
        uploads=[
            SimpleUploadedFile("cham-soc-nguoi-benh.jpg", demo_photo()),
            SimpleUploadedFile(
                "Bao cao thanh tich (ban cu).pdf",
                demo_pdf("Bao cao thanh tich ca nhan - Vu Thi Thanh Mai (ban cu)"),
            ),
        ],
        caption="",
        by=author,
    )
    attachments.remove(attachment=report, by=author)


def demo_pdf(title: str) -> bytes:
    """A small one-page PDF, generated so the demo needs no file of its own."""
    text = title.encode("ascii", "ignore")
    stream = b"BT /F1 12 Tf 40 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        pdf += b"%010d 00000 n \n" % offset
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


def demo_photo() -> bytes:
    """A small JPEG standing for the conference's photo: a stage with a red backdrop."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 400), (236, 231, 222))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 640, 230), fill=(178, 34, 34))
    draw.rectangle((150, 40, 490, 90), fill=(250, 215, 70))
    draw.rectangle((0, 300, 640, 400), fill=(120, 72, 40))
    for left in range(60, 600, 70):
        draw.rectangle((left, 200, left + 30, 300), fill=(30, 50, 90))
        draw.ellipse((left + 3, 170, left + 27, 196), fill=(70, 45, 35))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
