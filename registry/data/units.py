"""Reference data for ``manage.py load_units``: unit kinds, provincial bodies, districts.

Communes and wards come from the ``vietnam-provinces`` package with their official codes.
Provincial bodies carry the province's code as a prefix ("37-SNV"), so that several
provinces can live in one database.

Validity years follow the 2025 reform of provincial bodies and of local government (two
levels since 1 July 2025). Bodies the plan names that were merged in 2025 stay, with their
last year, so that the records of 2023-2025 keep their units.
"""

# (code, name, display order, reviews its children, valid from, valid to)
UNIT_KINDS = [
    ("province", "Tỉnh, thành phố trực thuộc trung ương", 0, False, None, None),
    ("department", "Sở, ban, ngành", 10, False, None, None),
    ("mass-organisation", "Đoàn thể", 20, False, None, None),
    ("enterprise-association", "Hiệp hội doanh nghiệp", 30, False, None, None),
    ("district", "Huyện, thành phố thuộc tỉnh", 40, True, None, 2025),
    ("commune", "Xã, phường, đặc khu", 50, False, None, None),
]

PLAN_SOURCE = "Kế hoạch tuyên truyền gương điển hình tiên tiến giai đoạn 2023 - 2025, mục VI"

# (unit kind code, minimum per year, valid from, valid to, source)
QUOTA_RULES = [
    ("department", 1, 2023, None, f"{PLAN_SOURCE}.7"),
    ("mass-organisation", 1, 2023, None, f"{PLAN_SOURCE}.7"),
    ("enterprise-association", 1, 2023, None, f"{PLAN_SOURCE}.7"),
    ("district", 5, 2023, 2025, f"{PLAN_SOURCE}.8"),
    ("commune", 2, 2023, None, f"{PLAN_SOURCE}.8"),
]

# Bodies every province has. (code suffix, name, short name, kind, valid from, valid to,
# parent suffix). A name ending in "tỉnh" gets the province's name appended.
PROVINCIAL_BODIES = [
    ("SNV", "Sở Nội vụ", "SNV", "department", None, None, None),
    (
        "SNV-TDKT",
        "Ban Thi đua - Khen thưởng (Sở Nội vụ)",
        "Ban TĐ-KT",
        "department",
        None,
        None,
        "SNV",
    ),
    ("VP-UBND", "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND", "department", None, None, None),
    ("BTG-TU", "Ban Tuyên giáo Tỉnh ủy", "BTG", "department", None, None, None),
    ("STC", "Sở Tài chính", "STC", "department", None, None, None),
    ("SKHDT", "Sở Kế hoạch và Đầu tư", "SKHĐT", "department", None, 2025, None),
    ("STTTT", "Sở Thông tin và Truyền thông", "STTTT", "department", None, 2025, None),
    ("SKHCN", "Sở Khoa học và Công nghệ", "SKHCN", "department", None, None, None),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "SLĐTBXH", "department", None, 2025, None),
    ("SGTVT", "Sở Giao thông vận tải", "SGTVT", "department", None, 2025, None),
    ("SXD", "Sở Xây dựng", "SXD", "department", None, None, None),
    ("STNMT", "Sở Tài nguyên và Môi trường", "STNMT", "department", None, 2025, None),
    (
        "SNNPTNT",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "SNN&PTNT",
        "department",
        None,
        2025,
        None,
    ),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", "SNN&MT", "department", 2025, None, None),
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

# Bodies and districts of Ninh Bình only (province code 37).
PROVINCE_SPECIFIC = {
    "37": {
        "bodies": [
            ("BNB", "Báo Ninh Bình", "Báo NB", "department", None, 2025, None),
            (
                "DPTTH",
                "Đài Phát thanh và Truyền hình tỉnh Ninh Bình",
                "Đài PT-TH",
                "department",
                None,
                2025,
                None,
            ),
            (
                "BPTTH",
                "Báo và Phát thanh, Truyền hình Ninh Bình",
                "Báo và PT-TH NB",
                "department",
                2025,
                None,
                None,
            ),
        ],
        # The eight district-level units of 2023-2025, with their official codes.
        # (code, name, short name)
        "districts": [
            ("369", "Thành phố Ninh Bình", "TP Ninh Bình"),
            ("370", "Thành phố Tam Điệp", "TP Tam Điệp"),
            ("372", "Huyện Nho Quan", "Nho Quan"),
            ("373", "Huyện Gia Viễn", "Gia Viễn"),
            ("374", "Huyện Hoa Lư", "Hoa Lư"),
            ("375", "Huyện Yên Khánh", "Yên Khánh"),
            ("376", "Huyện Kim Sơn", "Kim Sơn"),
            ("377", "Huyện Yên Mô", "Yên Mô"),
        ],
        "districts_valid": (None, 2025),
    },
}

# Communes and wards of today's provinces exist since the reform of 1 July 2025.
COMMUNES_VALID_FROM = 2025
