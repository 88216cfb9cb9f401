"""The budget items of the plan (section V): the activities of sections III and VI that units
estimate and spend on each year. Data, with years of validity; administrators keep it after."""

from django.db import migrations

# (code, name, order). Section of the plan each item comes from in the comment.
PLAN_ITEMS = [
    # III.2: supporting new factors materially and morally so they grow into exemplars.
    ("boi-duong-nhan-to-moi", "Phát hiện, bồi dưỡng, hỗ trợ nhân tố mới, điển hình tiên tiến", 10),
    # III.3, VI.1, VI.4, VI.6: columns and pages in the media and on portals, publications.
    (
        "tuyen-truyen",
        "Tuyên truyền trên phương tiện thông tin đại chúng, chuyên trang, chuyên mục, ấn phẩm",
        20,
    ),
    # III.3, VI.3: exemplar conferences, meetings, dialogues honouring exemplars.
    ("hoi-nghi-ton-vinh", "Hội nghị, gặp mặt, tọa đàm biểu dương, tôn vinh điển hình tiên tiến", 30),
    # II.5, III.3, VI.1: study visits to models and exchanges of experience.
    ("tham-quan-giao-luu", "Tham quan, giao lưu, trao đổi kinh nghiệm về điển hình tiên tiến", 40),
    # III.3, VI.2: writing and reportage contests about exemplars.
    ("cuoc-thi", "Cuộc thi viết, làm phóng sự về điển hình tiên tiến, người tốt, việc tốt", 50),
    # III.4, VI.1: commendation of exemplars, including ad-hoc and thematic commendation.
    ("khen-thuong", "Khen thưởng điển hình tiên tiến (thường xuyên, đột xuất, chuyên đề)", 60),
    # III.5: inspection and supervision of building and spreading exemplars.
    ("kiem-tra-giam-sat", "Kiểm tra, giám sát công tác xây dựng, nhân rộng điển hình tiên tiến", 70),
    # III.6: training of emulation and commendation staff, speakers and journalists.
    ("tap-huan", "Tập huấn nghiệp vụ thi đua, khen thưởng và tuyên truyền", 80),
    ("chi-khac", "Chi khác phục vụ triển khai Kế hoạch", 90),
]
VALID_FROM = 2023  # the plan's first year


def seed_budget_items(apps, schema_editor):
    """Create the plan's items; rows already there (perhaps edited since) are left alone."""
    BudgetItem = apps.get_model("campaigns", "BudgetItem")
    for code, name, order in PLAN_ITEMS:
        BudgetItem.objects.get_or_create(
            code=code, defaults={"name": name, "order": order, "valid_from": VALID_FROM}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_propagation_records"),
    ]

    operations = [
        migrations.RunPython(seed_budget_items, migrations.RunPython.noop),
    ]
