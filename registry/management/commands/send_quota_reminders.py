from django.utils.translation import gettext as _

from exemplar_portal.base.commands import PortalCommand
from registry.tracking import send_quota_reminders


class Command(PortalCommand):
    help = (
        "Remind the editors and heads of every unit behind its quota (a notification and an "
        "e-mail each). A unit already reminded today is skipped, so it is safe to run daily."
    )
    year_help = "Quota year (default: the current year)."
    dry_run_help = "Only list who would be reminded."

    def handle(self, *args, year, dry_run=False, **options):
        report = send_quota_reminders(year=year, dry_run=dry_run)
        self.list_lines(report.lines)
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
        self.summary(summary, dry_run, _("Dry run: nothing was sent."))
