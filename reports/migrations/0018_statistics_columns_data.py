"""Where the yearly statistical forms (Circular 02/2023/TT-BNV, forms 0602 and 0603) count
each seeded award form (``reports/data/statistics.py``)."""

from django.db import migrations

from reports.data.statistics import seed_statistics_columns


def load(apps, schema_editor):
    seed_statistics_columns(apps)


def unload(apps, schema_editor):
    apps.get_model("reports", "AwardForm").objects.update(statistics_column="")


class Migration(migrations.Migration):
    dependencies = [("reports", "0017_statistics_classification")]

    operations = [migrations.RunPython(load, unload)]
