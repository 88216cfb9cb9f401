"""Reference data for ``manage.py load_units``: provincial bodies, districts and the reform.

Communes and wards come from the ``vietnam-provinces`` package with their official codes.
Provincial bodies carry the province's code as a prefix ("37-SNV"), so that several
provinces can live in one database.

Units are in force between two days. The 2025 reform is recorded as it happened:

- departments merged on 1 March 2025 under Decree 45/2025/NĐ-CP, which reorganised the
  provinces' specialised agencies;
- Báo Ninh Bình and the radio-television station became one press body that began work on
  2 May 2025 (the Provincial Party Committee's decision, announced on 22 April 2025);
- Thành phố Ninh Bình and Huyện Hoa Lư became Thành phố Hoa Lư on 1 January 2025
  (Resolution 1318/NQ-UBTVQH15 of 10 December 2024);
- districts ended on 30 June 2025 (Law 72/2025/QH15 on the organisation of local
  government: two levels from 1 July 2025), and the communes and wards of today's province
  began on 1 July 2025 (Resolution 1674/NQ-UBTVQH15 of 16 June 2025).

Bodies that ended stay, with their last day and their successors, so that the records of
2023-2025 keep their units.
"""

import datetime

DEPARTMENTS_MERGED = datetime.date(2025, 3, 1)
DEPARTMENTS_BASIS = "Nghị định số 45/2025/NĐ-CP ngày 28/02/2025 của Chính phủ"
PRESS_MERGED = datetime.date(2025, 5, 2)
PRESS_BASIS = "Quyết định của Ban Chấp hành Đảng bộ tỉnh Ninh Bình, công bố ngày 22/4/2025"
HOA_LU_MERGED = datetime.date(2025, 1, 1)
HOA_LU_BASIS = "Nghị quyết số 1318/NQ-UBTVQH15 ngày 10/12/2024 của Ủy ban Thường vụ Quốc hội"
TWO_LEVELS = datetime.date(2025, 7, 1)
DISTRICTS_END_BASIS = "Luật Tổ chức chính quyền địa phương số 72/2025/QH15"
COMMUNES_BASIS = "Nghị quyết số 1674/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"


def day_before(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=1)


# Bodies every province has. (code suffix, name, short name, kind, in force from, in force
# until, parent suffix). A name ending in "tỉnh" gets the province's name appended.
PROVINCIAL_BODIES = [
    ("SNV", "Sở Nội vụ", "SNV", "department", None, None, None),
    (
        "SNV-TDKT",
        "Ban Thi đua - Khen thưởng (Sở Nội vụ)",
        "Ban TĐ-KT",
        "sub-board",
        None,
        None,
        "SNV",
    ),
    ("VP-UBND", "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND", "department", None, None, None),
    ("BTG-TU", "Ban Tuyên giáo Tỉnh ủy", "BTG", "department", None, None, None),
    ("STC", "Sở Tài chính", "STC", "department", None, None, None),
    (
        "SKHDT",
        "Sở Kế hoạch và Đầu tư",
        "SKHĐT",
        "department",
        None,
        day_before(DEPARTMENTS_MERGED),
        None,
    ),
    (
        "STTTT",
        "Sở Thông tin và Truyền thông",
        "STTTT",
        "department",
        None,
        day_before(DEPARTMENTS_MERGED),
        None,
    ),
    ("SKHCN", "Sở Khoa học và Công nghệ", "SKHCN", "department", None, None, None),
    (
        "SLDTBXH",
        "Sở Lao động - Thương binh và Xã hội",
        "SLĐTBXH",
        "department",
        None,
        day_before(DEPARTMENTS_MERGED),
        None,
    ),
    (
        "SGTVT",
        "Sở Giao thông vận tải",
        "SGTVT",
        "department",
        None,
        day_before(DEPARTMENTS_MERGED),
        None,
    ),
    ("SXD", "Sở Xây dựng", "SXD", "department", None, None, None),
    (
        "STNMT",
        "Sở Tài nguyên và Môi trường",
        "STNMT",
        "department",
        None,
        day_before(DEPARTMENTS_MERGED),
        None,
    ),
    (
        "SNNPTNT",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "SNN&PTNT",
        "department",
        None,
        day_before(DEPARTMENTS_MERGED),
        None,
    ),
    (
        "SNNMT",
        "Sở Nông nghiệp và Môi trường",
        "SNN&MT",
        "department",
        DEPARTMENTS_MERGED,
        None,
        None,
    ),
    ("SCT", "Sở Công Thương", "SCT", "department", None, None, None),
    ("SYT", "Sở Y tế", "SYT", "department", None, None, None),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "SGDĐT", "department", None, None, None),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "department", None, None, None),
    ("STP", "Sở Tư pháp", "STP", "department", None, None, None),
    ("TTT", "Thanh tra tỉnh", "TTr", "department", None, None, None),
    ("BQLKCN", "Ban Quản lý các khu công nghiệp tỉnh", "BQL KCN", "department", None, None, None),
    ("CAT", "Công an tỉnh", "CAT", "department", None, None, None),
    ("BCHQS", "Bộ Chỉ huy Quân sự tỉnh", "BCHQS", "department", None, None, None),
    (
        "MTTQ",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "UBMTTQ",
        "mass-organisation",
        None,
        None,
        None,
    ),
    ("LDLD", "Liên đoàn Lao động tỉnh", "LĐLĐ", "mass-organisation", None, None, None),
    ("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh", "Hội LHPN", "mass-organisation", None, None, None),
    ("TDTN", "Tỉnh đoàn", "Tỉnh đoàn", "mass-organisation", None, None, None),
    ("HND", "Hội Nông dân tỉnh", "Hội ND", "mass-organisation", None, None, None),
    ("HCCB", "Hội Cựu chiến binh tỉnh", "Hội CCB", "mass-organisation", None, None, None),
    ("HHDN", "Hiệp hội Doanh nghiệp tỉnh", "HHDN", "enterprise-association", None, None, None),
]

# Successions among provincial bodies: (predecessor suffix, successor suffix, kind, effective
# on, legal basis, takes over the work, note).
PROVINCIAL_SUCCESSIONS = [
    ("SKHDT", "STC", "merger", DEPARTMENTS_MERGED, DEPARTMENTS_BASIS, True, ""),
    ("SNNPTNT", "SNNMT", "merger", DEPARTMENTS_MERGED, DEPARTMENTS_BASIS, True, ""),
    ("STNMT", "SNNMT", "merger", DEPARTMENTS_MERGED, DEPARTMENTS_BASIS, True, ""),
    ("SGTVT", "SXD", "absorption", DEPARTMENTS_MERGED, DEPARTMENTS_BASIS, True, ""),
    ("STTTT", "SKHCN", "absorption", DEPARTMENTS_MERGED, DEPARTMENTS_BASIS, True, ""),
    (
        "STTTT",
        "SVHTTDL",
        "split",
        DEPARTMENTS_MERGED,
        DEPARTMENTS_BASIS,
        False,
        "Báo chí, xuất bản, thông tin đối ngoại.",
    ),
    ("SLDTBXH", "SNV", "absorption", DEPARTMENTS_MERGED, DEPARTMENTS_BASIS, True, ""),
    (
        "SLDTBXH",
        "SYT",
        "split",
        DEPARTMENTS_MERGED,
        DEPARTMENTS_BASIS,
        False,
        "Bảo trợ xã hội, trẻ em, phòng chống tệ nạn xã hội.",
    ),
    (
        "SLDTBXH",
        "SGDDT",
        "split",
        DEPARTMENTS_MERGED,
        DEPARTMENTS_BASIS,
        False,
        "Giáo dục nghề nghiệp.",
    ),
]

# Bodies and districts of Ninh Bình only (province code 37).
PROVINCE_SPECIFIC = {
    "37": {
        "bodies": [
            ("BNB", "Báo Ninh Bình", "Báo NB", "department", None, day_before(PRESS_MERGED), None),
            (
                "DPTTH",
                "Đài Phát thanh và Truyền hình tỉnh Ninh Bình",
                "Đài PT-TH",
                "department",
                None,
                day_before(PRESS_MERGED),
                None,
            ),
            (
                "BPTTH",
                "Báo và Phát thanh, Truyền hình Ninh Bình",
                "Báo và PT-TH NB",
                "department",
                PRESS_MERGED,
                None,
                None,
            ),
        ],
        "successions": [
            ("BNB", "BPTTH", "merger", PRESS_MERGED, PRESS_BASIS, True, ""),
            ("DPTTH", "BPTTH", "merger", PRESS_MERGED, PRESS_BASIS, True, ""),
        ],
        # The district-level units of 2023-2025, with their official codes (Thành phố Hoa Lư,
        # formed in 2025, with the portal's own). (code, name, short name, from, until)
        "districts": [
            ("369", "Thành phố Ninh Bình", "TP Ninh Bình", None, day_before(HOA_LU_MERGED)),
            ("370", "Thành phố Tam Điệp", "TP Tam Điệp", None, day_before(TWO_LEVELS)),
            ("372", "Huyện Nho Quan", "Nho Quan", None, day_before(TWO_LEVELS)),
            ("373", "Huyện Gia Viễn", "Gia Viễn", None, day_before(TWO_LEVELS)),
            ("374", "Huyện Hoa Lư", "Hoa Lư", None, day_before(HOA_LU_MERGED)),
            ("375", "Huyện Yên Khánh", "Yên Khánh", None, day_before(TWO_LEVELS)),
            ("376", "Huyện Kim Sơn", "Kim Sơn", None, day_before(TWO_LEVELS)),
            ("377", "Huyện Yên Mô", "Yên Mô", None, day_before(TWO_LEVELS)),
            ("37-TPHL", "Thành phố Hoa Lư", "TP Hoa Lư", HOA_LU_MERGED, day_before(TWO_LEVELS)),
        ],
        "district_successions": [
            ("369", "37-TPHL", "merger", HOA_LU_MERGED, HOA_LU_BASIS, True, ""),
            ("374", "37-TPHL", "merger", HOA_LU_MERGED, HOA_LU_BASIS, True, ""),
        ],
    },
}

# Communes and wards of today's provinces exist since the reform of 1 July 2025.
COMMUNES_VALID_FROM = TWO_LEVELS
