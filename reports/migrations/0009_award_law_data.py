"""The award forms of the Laws of 2003 and 2022 with their legal sources, tracks, cash
rates, dossier parts and conditions (``reports/data``); and the proposals' kind becomes
their track (the three kinds keep their codes as tracks)."""

from django.db import migrations

from reports.data.load import seed


def load(apps, schema_editor):
    seed(apps)
    AwardProposal = apps.get_model("reports", "AwardProposal")
    tracks = {t.code: t for t in apps.get_model("reports", "AwardTrack").objects.all()}
    for kind in AwardProposal.objects.values_list("kind", flat=True).distinct():
        AwardProposal.objects.filter(kind=kind).update(track=tracks.get(kind, tracks["regular"]))


def unload(apps, schema_editor):
    AwardProposal = apps.get_model("reports", "AwardProposal")
    for code in ("regular", "ad_hoc", "thematic"):
        AwardProposal.objects.filter(track__code=code).update(kind=code)


class Migration(migrations.Migration):
    dependencies = [("reports", "0008_award_law")]

    operations = [migrations.RunPython(load, unload)]
