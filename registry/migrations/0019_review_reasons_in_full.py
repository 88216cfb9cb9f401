"""Reviewers' reasons in full: an exemplar's history keeps a change's reason as a text (it
was cut at 100 characters, often mid-word), and a notification points at the review step it
tells of, whose reason the notification shows.

The reasons already cut are restored from the review steps they were cut from.
"""

import django.db.models.deletion
from django.db import migrations, models

CUT_AT = 100


def restore_cut_reasons(apps, schema_editor):
    """A history entry's reason was "<move>: <comment>" cut at 100 characters; its review
    step, by the same person on the same exemplar, still has the whole comment."""
    Transition = apps.get_model("registry", "Transition")
    HistoricalExemplar = apps.get_model("registry", "HistoricalExemplar")
    long_steps = Transition.objects.exclude(comment="").only("exemplar_id", "by_id", "comment")
    for step in long_steps.iterator():
        entries = HistoricalExemplar.objects.filter(
            id=step.exemplar_id, history_user_id=step.by_id, history_change_reason__contains=": "
        ).only("history_change_reason")
        for entry in entries:
            reason = entry.history_change_reason
            if len(reason) != CUT_AT:
                continue
            label, _sep, cut = reason.partition(": ")
            full = f"{label}: {step.comment}"
            if len(full) > CUT_AT and step.comment.startswith(cut):
                HistoricalExemplar.objects.filter(pk=entry.pk).update(history_change_reason=full)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0018_exemplar_list_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalexemplar",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AddField(
            model_name="notification",
            name="transition",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="registry.transition",
                verbose_name="review step",
            ),
        ),
        migrations.RunPython(restore_cut_reasons, migrations.RunPython.noop),
    ]
