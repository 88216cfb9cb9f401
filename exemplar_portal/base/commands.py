"""What the portal's management commands share: a day, the year they work on (this one
unless given), a dry run, JSON output, the lines they list and the summary they end with."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _


def day(value: str) -> datetime.date:
    """A day written 2025-07-01 or 01/07/2025 (an argument's ``type``)."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    message = _("Not a date: %(value)s (write 2025-07-01 or 01/07/2025).")
    raise CommandError(message % {"value": value})


class PortalCommand(BaseCommand):
    """A command with ``--year`` (default: the current year) where it sets ``year_help``,
    ``--dry-run`` where it sets ``dry_run_help`` and ``--json`` where it ``prints_json``."""

    year_help = ""
    dry_run_help = ""
    prints_json = False

    def add_arguments(self, parser):
        if self.year_help:
            year = timezone.localdate().year
            parser.add_argument("--year", type=int, default=year, help=self.year_help)
        if self.dry_run_help:
            parser.add_argument("--dry-run", action="store_true", help=self.dry_run_help)
        if self.prints_json:
            parser.add_argument("--json", action="store_true", help="Print JSON.")

    def execute(self, *args, **options):
        self.verbosity = options.get("verbosity", 1)
        return super().execute(*args, **options)

    def write_json(self, data) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def list_lines(self, lines) -> None:
        """One line each ("- …"), unless the command runs quietly (``--verbosity 0``)."""
        if self.verbosity >= 1:
            for line in lines:
                self.stdout.write(f"- {line}")

    def summary(self, text: str, dry_run: bool = False, dry_run_note: str = "") -> None:
        if dry_run:
            text += " " + (dry_run_note or _("Dry run: nothing was changed."))
        self.stdout.write(self.style.SUCCESS(text))
