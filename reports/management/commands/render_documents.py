"""Render every document of a year as PDF and DOCX into a folder, for archiving the year.

    manage.py render_documents --year 2025 --out /srv/archive/2025

Every unit's report of its exemplars (units with exemplars sent up that year), every
exemplar's report, the quota report, both submissions of commendations (Home Affairs' to the
chair; each proposing unit's to Home Affairs), the overview for the leaders, the report
of the latest published consolidation of the year and, in a plan's last year, the latest
published version of the plan's period review. What was issued is written as issued (its
number, date and signer); the rest as drafts. One line per file; the command exits non-zero
if any document fails. It renders with the document worker's time limit, and within each
kind's page limit (``reports/limits.py``).
"""

import pathlib

from django.core.management.base import BaseCommand, CommandError

from registry import tracking
from registry.models import Exemplar, Unit, User
from reports import issuing, limits
from reports.models import AwardProposal, Consolidation, ConsolidationVersion, IssuedDocument

Kind = IssuedDocument.Kind


class Command(BaseCommand):
    help = "Render every document of a year as PDF and DOCX into a folder."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--out", required=True, help="Folder to write into (created).")

    def handle(self, *args, year, out, **options):
        folder = pathlib.Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        # The province's documents are read as Home Affairs reads them (every unit, with
        # personal data where the reader may see it).
        reader = User.objects.filter(role="home_affairs", is_active=True).first()
        if reader is None:
            raise CommandError("No active Home Affairs user: the province's documents need one.")
        failures = 0
        written = 0
        for kind, params in self.documents(year):
            try:
                with limits.on_worker():
                    written += self.write(folder, kind, params, reader)
            except Exception as error:
                failures += 1
                self.stderr.write(f"FAILED {kind} {issuing.about(params)}: {error}")
        if failures:
            raise CommandError(f"{failures} document(s) failed; {written} file(s) written.")
        self.stdout.write(self.style.SUCCESS(f"{written} file(s) written to {folder}"))

    def documents(self, year: int):
        submitted = Exemplar.objects.filter(year=year, status__in=tracking.SUBMITTED_STATUSES)
        units = Unit.objects.filter(exemplars__in=submitted).distinct().order_by("code")
        for code in units.values_list("code", flat=True):
            yield Kind.UNIT_EXEMPLARS, {"unit": code, "year": year}
        for code in submitted.order_by("code").values_list("code", flat=True):
            yield Kind.EXEMPLAR_PROFILE, {"exemplar": code, "personal_data": True}
        yield Kind.QUOTA_COMPLIANCE, {"year": year}
        yield Kind.PROPOSALS_TO_PROVINCE, {"year": year}
        proposing = (
            AwardProposal.objects.filter(year=year)
            .values_list("proposing_unit__code", flat=True)
            .distinct()
            .order_by("proposing_unit__code")
        )
        for code in proposing:
            yield Kind.PROPOSALS_TO_HOME_AFFAIRS, {"unit": code, "year": year}
        yield Kind.DASHBOARD, {"year": year}
        versions = ConsolidationVersion.objects.filter(consolidation__year=year)
        latest = {
            Kind.CONSOLIDATED_REPORT: versions.filter(
                consolidation__campaign=None, consolidation__kind=Consolidation.Kind.YEARLY
            ),
            Kind.PERIOD_REVIEW: versions.filter(consolidation__kind=Consolidation.Kind.PERIOD),
        }
        for kind, found in latest.items():
            version = found.order_by("-number").first()
            if version is not None:
                yield kind, {"version": version.pk}

    def write(self, folder: pathlib.Path, kind: str, params: dict, reader) -> int:
        issued = issuing.issued_for(kind, params).filter(status=IssuedDocument.Status.READY)
        issued = issued.first()
        if issued is not None:
            stem = issued.pdf.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            contents = {}
            for ext in ("pdf", "docx"):
                with getattr(issued, ext).open("rb") as stored:
                    contents[ext] = stored.read()
        else:
            document = issuing.build(kind, params, user=reader)
            made = issuing.files(document)
            stem = f"{document.filename}-du-thao"
            contents = {"pdf": made.pdf, "docx": made.docx}
        for ext, content in contents.items():
            path = folder / f"{stem}.{ext}"
            path.write_bytes(content)
            state = "issued" if issued is not None else "draft"
            self.stdout.write(f"{path} ({state}, {len(content):,} bytes)")
        return len(contents)
