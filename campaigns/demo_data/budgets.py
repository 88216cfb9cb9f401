"""Demo budgets (plan V): estimates and spending of a few units, with one item over its
estimate and one payment on an item without estimate, so the warnings show. Idempotent.

Districts and their communes ended with the 2025 reform, so Gia Viễn and Gia Vân carry
2024 and 2025; the departments carry 2025 and 2026.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from registry.models import Unit, User

from ..models import BudgetEstimate, BudgetItem, BudgetSpending

M = 1_000_000

# unit code → (who keys it in, {year: {item code: estimate in đồng}})
ESTIMATES = {
    "37-SYT": (
        "canbo.syt",
        {
            2025: {
                "tuyen-truyen": 60 * M,
                "hoi-nghi-ton-vinh": 85 * M,
                "tham-quan-giao-luu": 45 * M,
                "khen-thuong": 120 * M,
                "tap-huan": 30 * M,
            },
            2026: {
                "tuyen-truyen": 70 * M,
                "hoi-nghi-ton-vinh": 90 * M,
                "khen-thuong": 110 * M,
                "kiem-tra-giam-sat": 20 * M,
                "tap-huan": 25 * M,
            },
        },
    ),
    "37-SGDDT": (
        "canbo.sgddt",
        {
            2025: {
                "tuyen-truyen": 45 * M,
                "hoi-nghi-ton-vinh": 95 * M,
                "cuoc-thi": 35 * M,
                "khen-thuong": 80 * M,
            },
            2026: {
                "tuyen-truyen": 50 * M,
                "hoi-nghi-ton-vinh": 100 * M,
                "khen-thuong": 85 * M,
                "tap-huan": 20 * M,
            },
        },
    ),
    "37-SNV": (
        "tdkt.snv",
        {
            2025: {
                "tuyen-truyen": 120 * M,
                "hoi-nghi-ton-vinh": 120 * M,
                "tham-quan-giao-luu": 60 * M,
                "khen-thuong": 115 * M,
                "kiem-tra-giam-sat": 40 * M,
                "tap-huan": 50 * M,
            },
            2026: {
                "tuyen-truyen": 110 * M,
                "hoi-nghi-ton-vinh": 75 * M,
                "tham-quan-giao-luu": 55 * M,
                "khen-thuong": 120 * M,
                "kiem-tra-giam-sat": 35 * M,
                "tap-huan": 45 * M,
                "chi-khac": 15 * M,
            },
        },
    ),
    "373": (
        "huyen.giavien",
        {
            2024: {"tuyen-truyen": 20 * M, "hoi-nghi-ton-vinh": 35 * M, "khen-thuong": 50 * M},
            2025: {
                "tuyen-truyen": 25 * M,
                "hoi-nghi-ton-vinh": 40 * M,
                "tham-quan-giao-luu": 30 * M,
                "khen-thuong": 60 * M,
            },
        },
    ),
    "373-GIAVAN": (
        "canbo.giavan",
        {
            2024: {"tuyen-truyen": 15 * M, "khen-thuong": 18 * M},
            2025: {"tuyen-truyen": 15 * M, "hoi-nghi-ton-vinh": 15 * M, "khen-thuong": 20 * M},
        },
    ),
}

# (unit code, date, item code, amount, what it paid for, voucher)
SPENDING = [
    (
        "37-SYT",
        datetime.date(2025, 3, 18),
        "tuyen-truyen",
        18_500_000,
        "Đăng 6 kỳ chuyên mục “Thầy thuốc như mẹ hiền” trên Báo Ninh Bình",
        "HĐ 12/2025/HĐ-SYT",
    ),
    (
        "37-SYT",
        datetime.date(2025, 6, 9),
        "hoi-nghi-ton-vinh",
        52_300_000,
        "Hội nghị biểu dương điển hình tiên tiến ngành Y tế nhân kỷ niệm 77 năm Ngày Chủ tịch "
        "Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc",
        "PC 245",
    ),
    (
        "37-SYT",
        datetime.date(2025, 8, 21),
        "hoi-nghi-ton-vinh",
        38_900_000,
        "Gặp mặt, tôn vinh thầy thuốc tiêu biểu tuyến cơ sở",
        "PC 318",
    ),
    (
        "37-SYT",
        datetime.date(2025, 9, 25),
        "tap-huan",
        24_600_000,
        "Tập huấn nghiệp vụ thi đua, khen thưởng cho cán bộ các đơn vị trực thuộc Sở",
        "PC 352",
    ),
    (
        "37-SYT",
        datetime.date(2025, 10, 14),
        "tham-quan-giao-luu",
        41_750_000,
        "Đoàn cán bộ tham quan, học tập mô hình bệnh viện thông minh tại Bệnh viện Bạch Mai",
        "HĐ 31/2025/HĐ-SYT",
    ),
    (
        "37-SYT",
        datetime.date(2025, 12, 5),
        "khen-thuong",
        96_000_000,
        "Tiền thưởng kèm Giấy khen cho 48 tập thể, cá nhân điển hình tiên tiến ngành Y tế",
        "QĐ 1520/QĐ-SYT",
    ),
    (
        "37-SYT",
        datetime.date(2026, 2, 10),
        "tuyen-truyen",
        21_000_000,
        "Sản xuất 3 phóng sự truyền hình “Lương y như từ mẫu” về gương thầy thuốc tiêu biểu",
        "HĐ 04/2026/HĐ-SYT",
    ),
    (
        "37-SYT",
        datetime.date(2026, 6, 11),
        "hoi-nghi-ton-vinh",
        47_800_000,
        "Hội nghị điển hình tiên tiến ngành Y tế năm 2026",
        "PC 198",
    ),
    (
        "37-SYT",
        datetime.date(2026, 9, 17),
        "kiem-tra-giam-sat",
        8_400_000,
        "Công tác phí đoàn kiểm tra công tác thi đua tại các trung tâm y tế khu vực",
        "",
    ),
    (
        "37-SGDDT",
        datetime.date(2025, 4, 22),
        "cuoc-thi",
        28_000_000,
        "Giải thưởng cuộc thi viết “Thầy cô - những tấm gương bình dị mà cao quý”",
        "QĐ 402/QĐ-SGDĐT",
    ),
    (
        "37-SGDDT",
        datetime.date(2025, 8, 28),
        "hoi-nghi-ton-vinh",
        76_500_000,
        "Hội nghị tuyên dương nhà giáo, học sinh tiêu biểu năm học 2024 - 2025",
        "PC 287",
    ),
    (
        "37-SGDDT",
        datetime.date(2025, 11, 3),
        "kiem-tra-giam-sat",
        6_200_000,
        "Công tác phí đoàn kiểm tra công tác thi đua tại các trường trung học phổ thông",
        "",
    ),
    (
        "37-SGDDT",
        datetime.date(2025, 11, 20),
        "khen-thuong",
        64_000_000,
        "Tiền thưởng nhà giáo tiêu biểu nhân Ngày Nhà giáo Việt Nam 20/11",
        "QĐ 1105/QĐ-SGDĐT",
    ),
    (
        "37-SGDDT",
        datetime.date(2026, 3, 26),
        "tuyen-truyen",
        17_500_000,
        "Chuyên mục “Gương sáng học đường” trên cổng thông tin điện tử của Sở (12 kỳ)",
        "HĐ 07/2026/HĐ-SGDĐT",
    ),
    (
        "37-SNV",
        datetime.date(2025, 6, 2),
        "tuyen-truyen",
        96_000_000,
        "Sản xuất 10 phóng sự về gương điển hình tiên tiến nhân kỷ niệm 77 năm Ngày Chủ tịch "
        "Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc",
        "HĐ 15/2025/HĐ-SNV",
    ),
    (
        "37-SNV",
        datetime.date(2025, 7, 15),
        "hoi-nghi-ton-vinh",
        112_400_000,
        "Tổ chức Hội nghị điển hình tiên tiến tỉnh Ninh Bình năm 2025",
        "PC 512",
    ),
    (
        "37-SNV",
        datetime.date(2025, 9, 10),
        "kiem-tra-giam-sat",
        18_300_000,
        "Đoàn kiểm tra công tác xây dựng, nhân rộng điển hình tiên tiến tại 6 đơn vị",
        "PC 604",
    ),
    (
        "37-SNV",
        datetime.date(2025, 10, 29),
        "tap-huan",
        43_800_000,
        "Tập huấn nghiệp vụ thi đua, khen thưởng cho cán bộ các sở, ban, ngành, địa phương",
        "HĐ 27/2025/HĐ-SNV",
    ),
    (
        "37-SNV",
        datetime.date(2026, 4, 16),
        "tham-quan-giao-luu",
        48_600_000,
        "Đoàn tham quan, trao đổi kinh nghiệm xây dựng điển hình tiên tiến tại tỉnh Quảng Ninh",
        "HĐ 09/2026/HĐ-SNV",
    ),
    (
        "37-SNV",
        datetime.date(2026, 6, 10),
        "tuyen-truyen",
        54_000_000,
        "Phóng sự “Những bông hoa đẹp” nhân kỷ niệm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi "
        "thi đua ái quốc",
        "HĐ 14/2026/HĐ-SNV",
    ),
    (
        "373",
        datetime.date(2024, 11, 12),
        "hoi-nghi-ton-vinh",
        31_500_000,
        "Hội nghị biểu dương điển hình tiên tiến huyện Gia Viễn năm 2024",
        "PC 733",
    ),
    (
        "373",
        datetime.date(2025, 4, 8),
        "tuyen-truyen",
        12_800_000,
        "In pano, áp phích tuyên truyền gương người tốt, việc tốt tại các xã, thị trấn",
        "HĐ 05/2025/HĐ-UBND",
    ),
    (
        "373",
        datetime.date(2025, 5, 20),
        "tham-quan-giao-luu",
        27_400_000,
        "Tham quan mô hình nông thôn mới kiểu mẫu tại huyện Yên Khánh",
        "PC 211",
    ),
    (
        "373",
        datetime.date(2025, 6, 11),
        "khen-thuong",
        42_000_000,
        "Tiền thưởng cho 35 tập thể, cá nhân điển hình tiên tiến huyện giai đoạn 2020 - 2025",
        "QĐ 856/QĐ-UBND",
    ),
    (
        "373-GIAVAN",
        datetime.date(2024, 12, 18),
        "khen-thuong",
        16_500_000,
        "Biểu dương hộ sản xuất, kinh doanh giỏi tại hội nghị tổng kết năm 2024",
        "PC 96",
    ),
    (
        "373-GIAVAN",
        datetime.date(2025, 3, 3),
        "tuyen-truyen",
        4_800_000,
        "Chuyên mục “Người tốt, việc tốt” trên hệ thống loa truyền thanh xã (quý I)",
        "",
    ),
    (
        "373-GIAVAN",
        datetime.date(2025, 6, 6),
        "hoi-nghi-ton-vinh",
        9_600_000,
        "Gặp mặt các điển hình tiên tiến của xã nhân ngày 11/6",
        "PC 41",
    ),
]


@transaction.atomic
def load() -> None:
    """Create the demo estimates and spending that are not there yet."""
    items = {item.code: item for item in BudgetItem.objects.all()}
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=ESTIMATES)}
    keepers = {}
    for code, (username, years) in ESTIMATES.items():
        unit, user = units[code], User.objects.get(username=username)
        keepers[code] = user
        for year, amounts in years.items():
            for item_code, amount in amounts.items():
                if BudgetEstimate.objects.filter(
                    unit=unit, year=year, item=items[item_code]
                ).exists():
                    continue
                estimate = BudgetEstimate(
                    unit=unit,
                    year=year,
                    item=items[item_code],
                    amount=Decimal(amount),
                    updated_by=user,
                )
                estimate._history_user = user
                estimate.save()
    for code, spent_on, item_code, amount, description, voucher in SPENDING:
        unit = units[code]
        if BudgetSpending.objects.filter(
            unit=unit, spent_on=spent_on, description=description
        ).exists():
            continue
        spending = BudgetSpending(
            unit=unit,
            year=spent_on.year,
            item=items[item_code],
            spent_on=spent_on,
            amount=Decimal(amount),
            description=description,
            voucher=voucher,
            recorded_by=keepers[code],
        )
        spending._history_user = keepers[code]
        spending.save()
