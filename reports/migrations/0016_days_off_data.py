"""The public holidays and moved days of 2024 to 2026 (``reports/data/holidays.py``), each
with the law or announcement it rests on; running it again updates the rows by their date."""

from django.db import migrations

from reports.data.holidays import rows, seed


def load(apps, schema_editor):
    seed(apps)


def unload(apps, schema_editor):
    apps.get_model("reports", "DayOff").objects.filter(
        date__in=[day for day, *_rest in rows()]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0015_days_off")]

    operations = [migrations.RunPython(load, unload)]
