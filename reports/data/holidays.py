"""The public holidays and moved days of 2024, 2025 and 2026 for the staff of state agencies
(Monday to Friday), seeded into ``DayOff`` by a data migration (``seed``). Plain data, no
Django import.

Only the days that change a count of working days are listed: weekdays off and weekend days
worked. A holiday on a weekend (Tết 10 and 11/2/2024, Giỗ Tổ 26/4/2026) is left out; the
weekday off in its place is listed as moved. Each group names the law or announcement it
rests on; the dates were checked against the announcements as the official press reported
them (see docs/award-law.md). What could not be checked is not here:

- Quốc khánh 2026: 2/9 is a Wednesday; which adjacent day (1/9 or 3/9) and any swap were
  not found in a published announcement.
- Ngày Văn hóa Việt Nam (24/11): a holiday only once the Labour Code is amended.
"""

import datetime

D = datetime.date
HOLIDAY, MOVED_OFF, MOVED_WORK = "holiday", "moved_off", "moved_work"

LABOUR_CODE = "Bộ luật Lao động số 45/2019/QH14, khoản 1 Điều 112"
MAKE_UP = "Bộ luật Lao động số 45/2019/QH14, khoản 3 Điều 111 (nghỉ bù ngày lễ trùng ngày nghỉ)"
TB_5015 = "Thông báo số 5015/TB-LĐTBXH ngày 22/11/2023 của Bộ Lao động - Thương binh và Xã hội"
CV_2450 = "Công văn số 2450/VPCP-KGVX ngày 12/4/2024 của Văn phòng Chính phủ"
TB_6150 = (
    "Thông báo số 6150/TB-LĐTBXH năm 2024 của Bộ Lao động - Thương binh và Xã hội "
    "(thực hiện Công văn số 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ)"
)
CV_12729 = "Công văn số 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ"
TET_2026 = (
    "Lịch nghỉ Tết Âm lịch năm 2026 của công chức, viên chức do Bộ Nội vụ công bố "
    "(TTXVN đưa tin ngày 17/10/2025; số văn bản chưa đối chiếu)"
)

NEW_YEAR = "Tết Dương lịch"
TET = "Tết Nguyên đán"
HUNG_KINGS = "Giỗ Tổ Hùng Vương"
VICTORY = "Ngày Chiến thắng"
LABOUR = "Ngày Quốc tế Lao động"
NATIONAL = "Quốc khánh"

# (source, [(date, kind, name), ...]), by year and announcement.
DAYS = [
    # 2024
    (LABOUR_CODE, [(D(2024, 1, 1), HOLIDAY, NEW_YEAR)]),
    (
        # Tết Giáp Thìn: 29 tháng Chạp to mùng 3 (8–12/2), the 10th and 11th on the weekend.
        TB_5015,
        [
            (D(2024, 2, 8), HOLIDAY, TET),
            (D(2024, 2, 9), HOLIDAY, TET),
            (D(2024, 2, 12), HOLIDAY, TET),
            (D(2024, 2, 13), MOVED_OFF, "Nghỉ bù Tết Nguyên đán"),
            (D(2024, 2, 14), MOVED_OFF, "Nghỉ bù Tết Nguyên đán"),
        ],
    ),
    (LABOUR_CODE, [(D(2024, 4, 18), HOLIDAY, HUNG_KINGS)]),
    (
        CV_2450,
        [
            (D(2024, 4, 29), MOVED_OFF, "Nghỉ hoán đổi dịp 30/4 - 1/5"),
            (D(2024, 5, 4), MOVED_WORK, "Làm bù ngày 29/4"),
        ],
    ),
    (LABOUR_CODE, [(D(2024, 4, 30), HOLIDAY, VICTORY), (D(2024, 5, 1), HOLIDAY, LABOUR)]),
    (TB_5015, [(D(2024, 9, 2), HOLIDAY, NATIONAL), (D(2024, 9, 3), HOLIDAY, NATIONAL)]),
    # 2025
    (LABOUR_CODE, [(D(2025, 1, 1), HOLIDAY, NEW_YEAR)]),
    (
        # Tết Ất Tỵ: 28 tháng Chạp to mùng 3 (27–31/1).
        TB_6150,
        [(D(2025, 1, day), HOLIDAY, TET) for day in range(27, 32)],
    ),
    (LABOUR_CODE, [(D(2025, 4, 7), HOLIDAY, HUNG_KINGS)]),
    (
        TB_6150,
        [
            (D(2025, 4, 26), MOVED_WORK, "Làm bù ngày 2/5"),
            (D(2025, 5, 2), MOVED_OFF, "Nghỉ hoán đổi dịp 30/4 - 1/5"),
        ],
    ),
    (LABOUR_CODE, [(D(2025, 4, 30), HOLIDAY, VICTORY), (D(2025, 5, 1), HOLIDAY, LABOUR)]),
    (TB_6150, [(D(2025, 9, 1), HOLIDAY, NATIONAL), (D(2025, 9, 2), HOLIDAY, NATIONAL)]),
    # 2026
    (LABOUR_CODE, [(D(2026, 1, 1), HOLIDAY, NEW_YEAR)]),
    (
        CV_12729,
        [
            (D(2026, 1, 2), MOVED_OFF, "Nghỉ hoán đổi dịp Tết Dương lịch"),
            (D(2026, 1, 10), MOVED_WORK, "Làm bù ngày 2/1"),
        ],
    ),
    (
        # Tết Bính Ngọ: 29 tháng Chạp to mùng 4 (16–20/2).
        TET_2026,
        [(D(2026, 2, day), HOLIDAY, TET) for day in range(16, 21)],
    ),
    # Giỗ Tổ falls on Sunday 26/4: the next working day is off.
    (MAKE_UP, [(D(2026, 4, 27), MOVED_OFF, "Nghỉ bù Giỗ Tổ Hùng Vương")]),
    (LABOUR_CODE, [(D(2026, 4, 30), HOLIDAY, VICTORY), (D(2026, 5, 1), HOLIDAY, LABOUR)]),
]


def rows():
    """Each day as (date, kind, name, source)."""
    for source, days in DAYS:
        for day, kind, name in days:
            yield day, kind, name, source


def seed(apps):
    """Writes the days, found by their date and updated; ``apps`` gives the models (a
    migration's historical ones, or ``django.apps.apps``)."""
    DayOff = apps.get_model("reports", "DayOff")
    for day, kind, name, source in rows():
        DayOff.objects.update_or_create(
            date=day, defaults={"kind": kind, "name": name, "source": source}
        )
