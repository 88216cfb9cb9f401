from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from exemplar_portal.base.commands import PortalCommand, day
from registry.handover import hand_over_pending_work


class Command(PortalCommand):
    help = (
        "Hand on the exemplars still waiting for a reviewing body that has ended: to the body "
        "that took over its work if it reviews, otherwise to Home Affairs. Each move is "
        "recorded on the exemplar's timeline and the people concerned are told. Running it "
        "again changes nothing, so it is safe to run daily."
    )
    dry_run_help = "Only list what would be handed over."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=day,
            default=None,
            help="The day to hand over on, as 2025-07-01 or 01/07/2025 (default: today; a "
            "later day only with --dry-run).",
        )
        super().add_arguments(parser)

    def handle(self, *args, date=None, dry_run=False, **options):
        if date is not None and date > timezone.localdate() and not dry_run:
            # The bodies are still in force until then: their work must not move early.
            raise CommandError(_("A day after today can only be looked at with --dry-run."))
        report = hand_over_pending_work(today=date, dry_run=dry_run)
        self.list_lines(
            f"{line.code} {line.subject}: {line.ended_unit} → "
            f"{line.new_reviewer or _('Home Affairs')}"
            for line in report.lines
        )
        summary = _(
            "Hand-over on %(date)s: %(moved)d exemplars handed over (%(successors)d to a "
            "successor, %(home_affairs)d to Home Affairs)."
        ) % {
            "date": report.today.isoformat(),
            "moved": report.moved,
            "successors": report.to_successors,
            "home_affairs": report.to_home_affairs,
        }
        self.summary(summary, dry_run)
