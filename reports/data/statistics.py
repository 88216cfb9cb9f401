"""Where the yearly statistical forms of Circular 02/2023/TT-BNV count each seeded award
form (``AwardForm.statistics_column``; ``reports/statistics.py`` reads it). Plain data, set
by a data migration and kept by administrators in the admin afterwards.

Form 0602 counts the awards of the President and the Prime Minister, form 0603 those of a
ministry or a province. A form left out here is counted in neither, except that a form of
the President or the Prime Minister goes to 0602's "other forms". Left out on purpose:

- ``bang-khen-bo-nganh``: a ministry's certificate is counted by the ministry that confers
  it, not by the province whose people receive it;
- ``tap-the-lao-dong-xuat-sac`` and ``xa-phuong-thi-tran-tieu-bieu``: titles a province
  confers that 0603 has no column for (its columns are the certificate, the emulation
  fighter, the emulation flag and the badge); the forms say how many were left out;
- the forms of departments, districts, communes and the armed forces' line: no national
  form counts them.
"""

ORDERS_AND_MEDALS = [
    *(f"huan-chuong-lao-dong-hang-{rank}" for rank in ("nhat", "nhi", "ba")),
    *(f"huan-chuong-bao-ve-to-quoc-hang-{rank}" for rank in ("nhat", "nhi", "ba")),
    *(f"huan-chuong-chien-cong-hang-{rank}" for rank in ("nhat", "nhi", "ba")),
    "huan-chuong-dung-cam",
    "huan-chuong-huu-nghi",
    "huy-chuong-quan-ky-quyet-thang",
    "huy-chuong-vi-an-ninh-to-quoc",
    *(f"huy-chuong-chien-si-ve-vang-hang-{rank}" for rank in ("nhat", "nhi", "ba")),
    "huy-chuong-huu-nghi",
]

# code of the award form (of the 2022 law; "-2003" for the old law's) → column
STATISTICS_COLUMNS = {
    **dict.fromkeys(ORDERS_AND_MEDALS, "order_or_medal"),
    "anh-hung-lao-dong": "honorary_title",
    "co-thi-dua-chinh-phu": "government_flag",
    "co-thi-dua-chinh-phu-2003": "government_flag",
    "bang-khen-thu-tuong": "pm_certificate",
    "bang-khen-thu-tuong-2003": "pm_certificate",
    "chien-si-thi-dua-toan-quoc": "national_fighter",
    "chien-si-thi-dua-toan-quoc-2003": "national_fighter",
    "bang-khen-chu-tich-ubnd-tinh": "certificate",
    "bang-khen-chu-tich-ubnd-tinh-2003": "certificate",
    "chien-si-thi-dua-cap-tinh": "provincial_fighter",
    "chien-si-thi-dua-cap-tinh-2003": "provincial_fighter",
    "co-thi-dua-ubnd-tinh": "emulation_flag",
    "co-thi-dua-ubnd-tinh-2003": "emulation_flag",
    "ky-niem-chuong-tinh": "badge",
}


def seed_statistics_columns(apps) -> None:
    """Set the column of each seeded form that has none yet (an administrator's choice is
    kept); idempotent. ``apps``: a migration's models or ``django.apps.apps``."""
    AwardForm = apps.get_model("reports", "AwardForm")
    for code, column in STATISTICS_COLUMNS.items():
        AwardForm.objects.filter(code=code, statistics_column="").update(statistics_column=column)
