"""Seed the rules that come from the plan: unit kinds, quota rules and the criteria catalogue.

Rows are matched by their codes, so the migration can meet rows an administrator already
made. Later wordings and quota changes are new rows with their own years, never edits here.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from registry.data import catalogue_2023_2025 as catalogue
    from registry.data import units as unit_data

    UnitKind = apps.get_model("registry", "UnitKind")
    QuotaRule = apps.get_model("registry", "QuotaRule")
    CatalogueVersion = apps.get_model("registry", "CatalogueVersion")
    Field = apps.get_model("registry", "Field")
    Criterion = apps.get_model("registry", "Criterion")

    kinds = {}
    for code, name, order, reviews_children, valid_from, valid_to in unit_data.UNIT_KINDS:
        kinds[code], _ = UnitKind.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "order": order,
                "reviews_children": reviews_children,
                "valid_from": valid_from,
                "valid_to": valid_to,
            },
        )
    for kind_code, minimum, valid_from, valid_to, source in unit_data.QUOTA_RULES:
        QuotaRule.objects.get_or_create(
            unit_kind=kinds[kind_code],
            valid_from=valid_from,
            defaults={"minimum": minimum, "valid_to": valid_to, "source": source},
        )

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
    for number, text in enumerate(catalogue.GENERAL_CRITERIA, start=1):
        Criterion.objects.create(version=version, kind="general", number=number, text=text)
    for number, (code, name, text) in enumerate(catalogue.FIELDS, start=1):
        field, _ = Field.objects.get_or_create(
            code=code, defaults={"name": name, "order": number}
        )
        Criterion.objects.create(
            version=version, kind="specific", field=field, number=number, text=text
        )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
