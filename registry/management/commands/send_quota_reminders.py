from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.tracking import send_quota_reminders


class Command(BaseCommand):
    help = (
        "Remind the editors and heads of every unit behind its quota (a notification and an "
        "e-mail each). A unit already reminded today is skipped, so it is safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, default=None, help="Quota year (default: the current year)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list who would be reminded."
        )

    def handle(self, *args, year=None, dry_run=False, **options):
        year = year or timezone.localdate().year
        report = send_quota_reminders(year=year, dry_run=dry_run)
        if options.get("verbosity", 1) >= 1:
            for line in report.lines:
                self.stdout.write(f"- {line}")
        summary = _(
            "Quota reminders for %(year)s: %(behind)d units behind quota; %(reminded)d units "
            "reminded (%(people)d people); %(already)d already reminded today; %(nobody)d "
            "without an editor or head."
        ) % {
            "year": year,
            "behind": report.behind,
            "reminded": len(report.reminded),
            "people": report.people,
            "already": len(report.already),
            "nobody": len(report.nobody),
        }
        if dry_run:
            summary += " " + _("Dry run: nothing was sent.")
        self.stdout.write(self.style.SUCCESS(summary))
