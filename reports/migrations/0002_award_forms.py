"""The emulation titles and forms of commendation of the Law on Emulation and Commendation
2022 (in force from 1 January 2024), with who confers them and on whom. District-level
awards end with the districts (1 July 2025). Administrators keep the list in the admin."""

from django.db import migrations

C, I, H = "collective", "individual", "household"

# (code, name, category, level, subjects, valid to)
AWARDS = [
    ("chien-si-thi-dua-toan-quoc", "Chiến sĩ thi đua toàn quốc", "title", "government", [I], None),
    ("chien-si-thi-dua-cap-tinh", "Chiến sĩ thi đua cấp tỉnh", "title", "province", [I], None),
    ("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", "title", "department", [I], None),
    ("lao-dong-tien-tien", "Lao động tiên tiến", "title", "department", [I], None),
    ("co-thi-dua-chinh-phu", "Cờ thi đua của Chính phủ", "title", "government", [C], None),
    (
        "co-thi-dua-ubnd-tinh",
        "Cờ thi đua của Ủy ban nhân dân tỉnh",
        "title",
        "province",
        [C],
        None,
    ),
    ("tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc", "title", "province", [C], None),
    ("tap-the-lao-dong-tien-tien", "Tập thể lao động tiên tiến", "title", "department", [C], None),
    ("thon-to-dan-pho-van-hoa", "Thôn, tổ dân phố văn hóa", "title", "commune", [C], None),
    ("gia-dinh-van-hoa", "Gia đình văn hóa", "title", "commune", [H], None),
    (
        "huan-chuong-lao-dong-hang-nhat",
        "Huân chương Lao động hạng Nhất",
        "commendation",
        "state",
        [C, I],
        None,
    ),
    (
        "huan-chuong-lao-dong-hang-nhi",
        "Huân chương Lao động hạng Nhì",
        "commendation",
        "state",
        [C, I],
        None,
    ),
    (
        "huan-chuong-lao-dong-hang-ba",
        "Huân chương Lao động hạng Ba",
        "commendation",
        "state",
        [C, I],
        None,
    ),
    ("anh-hung-lao-dong", "Anh hùng Lao động", "commendation", "state", [C, I], None),
    (
        "bang-khen-thu-tuong",
        "Bằng khen của Thủ tướng Chính phủ",
        "commendation",
        "government",
        [C, I, H],
        None,
    ),
    (
        "bang-khen-bo-nganh",
        "Bằng khen của bộ, ban, ngành trung ương",
        "commendation",
        "ministry",
        [C, I, H],
        None,
    ),
    (
        "bang-khen-chu-tich-ubnd-tinh",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "commendation",
        "province",
        [C, I, H],
        None,
    ),
    (
        "giay-khen-thu-truong-so-nganh",
        "Giấy khen của Thủ trưởng sở, ban, ngành tỉnh",
        "commendation",
        "department",
        [C, I],
        None,
    ),
    (
        "giay-khen-chu-tich-ubnd-huyen",
        "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện",
        "commendation",
        "district",
        [C, I, H],
        2025,
    ),
    (
        "giay-khen-chu-tich-ubnd-xa",
        "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã",
        "commendation",
        "commune",
        [C, I, H],
        None,
    ),
]


def load(apps, schema_editor):
    AwardForm = apps.get_model("reports", "AwardForm")
    for order, (code, name, category, level, subjects, valid_to) in enumerate(AWARDS, start=1):
        AwardForm.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "level": level,
                "for_collectives": C in subjects,
                "for_individuals": I in subjects,
                "for_households": H in subjects,
                "order": order * 10,
                "valid_from": 2024,
                "valid_to": valid_to,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("reports", "AwardForm").objects.filter(code__in=[a[0] for a in AWARDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_awards")]

    operations = [migrations.RunPython(load, unload)]
