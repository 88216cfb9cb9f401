"""Each award form of the Law of 2003 ("X-2003") is carried on by the form of the Law of
2022 with the same code ("X"): a title held under the old law counts for a condition that
names the new one."""

from django.db import migrations

from reports.data.load import link_continuations


def link(apps, schema_editor):
    link_continuations(apps)


def unlink(apps, schema_editor):
    apps.get_model("reports", "AwardForm").objects.update(continues_as=None)


class Migration(migrations.Migration):
    dependencies = [("reports", "0023_subject_history")]

    operations = [migrations.RunPython(link, unlink)]
