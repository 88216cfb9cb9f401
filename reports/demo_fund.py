"""Demo: the province's emulation and commendation fund in 2025 (illustrative figures), kept
by Home Affairs: the balance carried over from 2024, the year's budget allocation, a
contribution, the printing of certificates and frames, the 6th Patriotic Emulation Congress,
and the cash of the demo's 2025 decisions, recorded from the decisions as the page does
(a decision with an award whose cash is not recorded is left for the page to explain).
Call ``load(home_affairs)`` after the demo's decisions (``reports.demo_data.load``); running
it again changes nothing.
"""

import datetime

from django.core.exceptions import ValidationError

from registry.models import Unit, User

from . import fund as funds
from .models import AwardDecision, Fund, FundEntry

D = datetime.date
K = FundEntry.Kind
NAME = "Quỹ thi đua, khen thưởng tỉnh Ninh Bình"
YEAR = 2025
# (date, kind, amount, description, document number, document date)
ENTRIES = [
    (
        D(2025, 1, 2),
        K.CARRIED_OVER,
        412_350_000,
        "Kết dư Quỹ thi đua, khen thưởng năm 2024 chuyển sang",
        "28/BC-SNV",
        D(2025, 1, 10),
    ),
    (
        D(2025, 1, 20),
        K.BUDGET,
        2_850_000_000,
        "Dự toán ngân sách năm 2025 giao cho Quỹ thi đua, khen thưởng tỉnh",
        "125/QĐ-UBND",
        D(2025, 1, 15),
    ),
    (
        D(2025, 3, 28),
        K.PRINTING,
        186_400_000,
        "In phôi Bằng khen, Giấy khen và làm khung Bằng khen năm 2025",
        "15/2025/HĐ-SNV",
        D(2025, 3, 14),
    ),
    (
        D(2025, 6, 10),
        K.CONTRIBUTION,
        150_000_000,
        "Hiệp hội Doanh nghiệp tỉnh đóng góp nhân dịp Đại hội Thi đua yêu nước tỉnh lần thứ VI",
        "86/HHDN",
        D(2025, 6, 2),
    ),
    (
        D(2025, 9, 26),
        K.MOVEMENTS,
        420_000_000,
        "Tổ chức Đại hội Thi đua yêu nước tỉnh Ninh Bình lần thứ VI (2025 - 2030)",
        "2145/QĐ-UBND",
        D(2025, 8, 18),
    ),
    (
        D(2025, 11, 20),
        K.PRINTING,
        48_600_000,
        "Làm cờ thi đua, huy hiệu và khung Giấy khen đợt 2 năm 2025",
        "42/2025/HĐ-SNV",
        D(2025, 11, 5),
    ),
]


def load(home_affairs: User) -> int:
    """The fund, its typed entries and the payouts of 2025's decisions; returns how many
    entries it recorded."""
    province = Unit.objects.filter(code="37").first()
    if province is None:
        return 0
    fund = Fund.objects.filter(unit=province, active=True).first()
    if fund is None:
        fund = Fund(unit=province, name=NAME, created_by=home_affairs)
        fund._history_user = home_affairs
        fund.save()
    created = 0
    for day, kind, amount, description, number, dated in ENTRIES:
        if FundEntry.objects.filter(fund=fund, date=day, description=description).exists():
            continue
        entry = FundEntry(
            fund=fund,
            year=YEAR,
            date=day,
            kind=kind,
            amount=amount,
            description=description,
            document_number=number,
            document_date=dated,
            recorded_by=home_affairs,
        )
        entry._history_user = home_affairs
        entry.save()
        created += 1
    decisions = AwardDecision.objects.filter(date__year=YEAR, payout__isnull=True)
    for decision in decisions.order_by("date", "pk"):
        try:
            if funds.paying_fund(decision) != fund:
                continue
            funds.record_payouts(decision=decision, by=home_affairs)
        except ValidationError:
            continue  # its page says why (an award's cash not recorded, no fund…)
        created += 1
    return created
