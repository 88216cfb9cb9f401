"""Seed the rules that come from the plan: unit kinds, quota rules and the criteria catalogue.

Rows are matched by their codes, so the migration can meet rows an administrator already
made. Later wordings and quota changes are new rows with their own years, never edits here.
"""

from django.db import migrations

# The kinds and quotas as the 2023-2025 plan set them, frozen here: later changes to
# ``registry.data.units`` must not rewrite history. (code, name, order, reviews its
# children, valid from, valid to)
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


def _record_creation(apps, model_name, obj):
    """Give a seeded row its first history entry, so later edits show what they changed."""
    from django.utils import timezone

    Historical = apps.get_model("registry", f"Historical{model_name}")
    values = {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname in {hf.attname for hf in Historical._meta.concrete_fields}
    }
    Historical.objects.create(
        **values,
        history_date=timezone.now(),
        history_type="+",
        history_change_reason="Khởi tạo theo Kế hoạch 2023 - 2025",
    )


def seed(apps, schema_editor):
    from registry.data import catalogue_2023_2025 as catalogue

    UnitKind = apps.get_model("registry", "UnitKind")
    QuotaRule = apps.get_model("registry", "QuotaRule")
    CatalogueVersion = apps.get_model("registry", "CatalogueVersion")
    Field = apps.get_model("registry", "Field")
    Criterion = apps.get_model("registry", "Criterion")

    kinds = {}
    for code, name, order, reviews_children, valid_from, valid_to in UNIT_KINDS:
        kinds[code], created = UnitKind.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "order": order,
                "reviews_children": reviews_children,
                "valid_from": valid_from,
                "valid_to": valid_to,
            },
        )
        if created:
            _record_creation(apps, "UnitKind", kinds[code])
    # Called again with today's models (tests reseed after a flush), quota rules belong to
    # plans: ``registry.data.plans.ensure_plan_2023_2025`` seeds them.
    has_years = any(f.name == "valid_from" for f in QuotaRule._meta.get_fields())
    for kind_code, minimum, valid_from, valid_to, source in QUOTA_RULES if has_years else []:
        rule, created = QuotaRule.objects.get_or_create(
            unit_kind=kinds[kind_code],
            valid_from=valid_from,
            defaults={"minimum": minimum, "valid_to": valid_to, "source": source},
        )
        if created:
            _record_creation(apps, "QuotaRule", rule)

    version, created = CatalogueVersion.objects.get_or_create(
        code=catalogue.VERSION["code"],
        defaults={
            "title": catalogue.VERSION["title"],
            "source": catalogue.VERSION["source"],
            "valid_from": catalogue.VERSION["valid_from"],
            "valid_to": catalogue.VERSION["valid_to"],
            "subjects_text": catalogue.SUBJECTS,
            "specific_preamble": catalogue.SPECIFIC_PREAMBLE,
            "published": True,
        },
    )
    if not created:
        return
    _record_creation(apps, "CatalogueVersion", version)
    for number, text in enumerate(catalogue.GENERAL_CRITERIA, start=1):
        criterion = Criterion.objects.create(
            version=version, kind="general", number=number, text=text
        )
        _record_creation(apps, "Criterion", criterion)
    for number, (code, name, text) in enumerate(catalogue.FIELDS, start=1):
        field, field_created = Field.objects.get_or_create(
            code=code, defaults={"name": name, "order": number}
        )
        if field_created:
            _record_creation(apps, "Field", field)
        criterion = Criterion.objects.create(
            version=version, kind="specific", field=field, number=number, text=text
        )
        _record_creation(apps, "Criterion", criterion)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
