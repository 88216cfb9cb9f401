"""The files on proposals before dossiers had parts were the signed achievement reports: each
is filed under the achievement report of its award's dossier for the exemplar's subject
(else the report of that subject, as ``reports.dossier.report_part`` does)."""

from django.db import migrations

REPORT_PARTS = {
    "collective": "bao-cao-tap-the",
    "individual": "bao-cao-ca-nhan",
    "household": "bao-cao-ho-gia-dinh",
}


def file_reports(apps, schema_editor):
    ProposalFile = apps.get_model("reports", "ProposalFile")
    AwardDossierPart = apps.get_model("reports", "AwardDossierPart")
    DossierPart = apps.get_model("reports", "DossierPart")
    # Removed files too (kept for the retention period, and restorable).
    files = ProposalFile._base_manager
    found = {}
    rows = files.filter(part__isnull=True).select_related("proposal__exemplar")
    for row in rows.order_by("pk"):
        award_id, kind = row.proposal.award_id, row.proposal.exemplar.subject_kind
        if (award_id, kind) not in found:
            item = (
                AwardDossierPart.objects.filter(
                    award_id=award_id, part__code__startswith="bao-cao", **{f"for_{kind}s": True}
                )
                .order_by("-required", "order", "pk")
                .first()
            )
            part = item.part if item else None
            found[award_id, kind] = part or DossierPart.objects.filter(
                code=REPORT_PARTS.get(kind, "")
            ).first()
        if found[award_id, kind] is not None:
            files.filter(pk=row.pk).update(part=found[award_id, kind])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0019_proposal_file_part"),
    ]

    operations = [
        migrations.RunPython(file_reports, migrations.RunPython.noop),
    ]
