"""Demo content for ``manage.py load_demo``: accounts for each role, blocs, a few 2023-2025
communes of one district. Realistic, invented people; real units from ``load_units``.
Running it again brings everything back to this state without duplicating anything.
"""

from dataclasses import dataclass

from django.db import transaction

from .enums import Role
from .models import EmulationBloc, Unit, UnitKind, User

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
        "canbo.giavan",
        "Phạm Thị Thu Hà",
        Role.UNIT_EDITOR,
        "373-GIAVAN",
        "Công chức Văn phòng - Thống kê",
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

# Communes of Gia Viễn district before the 2025 reform, so the district review can be shown.
HISTORICAL_COMMUNES = [
    ("373-GIAVAN", "Xã Gia Vân", "Gia Vân"),
    ("373-GIATHANH", "Xã Gia Thanh", "Gia Thanh"),
    ("373-GIAHOA", "Xã Gia Hòa", "Gia Hòa"),
    ("373-ME", "Thị trấn Me", "Me"),
]

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
    for code, name, short_name in HISTORICAL_COMMUNES:
        Unit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short_name,
                "kind": commune_kind,
                "parent": district,
                "valid_from": None,
                "valid_to": 2025,
            },
        )
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
    return ACCOUNTS
