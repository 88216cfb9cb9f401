from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.demo_data import load_all as load_propagation_demo
from registry import demo_province
from registry.demo import DEMO_PASSWORD, demo_exemplars, demo_load
from registry.models import Unit
from registry.spreadsheets import demo as spreadsheet_demo
from reports import demo_data as awards_demo
from reports import demo_province as spreading


class Command(BaseCommand):
    """The demo above every app: registry's units at work, then campaigns' and reports'
    records, each app's own idempotent loader in turn."""

    help = "Load demo accounts (one per role) and demo data; safe to run again."

    def handle(self, *args, **options):
        if not Unit.objects.filter(code="37").exists():
            raise CommandError(_("Run 'manage.py load_units' first (province 37, Ninh Bình)."))
        accounts = demo_load()
        created = demo_exemplars()
        self.stdout.write(_("Demo exemplars created: %(count)d") % {"count": created})
        # The province at work (registry/demo_province.py); DEMO_PROVINCE_SCALE 0 leaves it
        # out (the test settings do, but for the tests of the demo itself).
        scale = getattr(settings, "DEMO_PROVINCE_SCALE", 1.0)
        records = demo_province.plan(scale) if scale else []
        if records:
            made = demo_province.load(records=records)
            self.stdout.write(
                _("Exemplars of the demo province created: %(count)d") % {"count": made}
            )
        load_propagation_demo()
        awards_demo.load()
        spreadsheet_demo.load()
        if records:
            spreading.spread(records)
        awards_demo.load_after_all()
        self.hand_over_pending_work()
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo accounts (password for all: %(password)s)") % {"password": DEMO_PASSWORD}
            )
        )
        width = max(len(a.username) for a in accounts)
        for account in accounts:
            self.stdout.write(
                f"  {account.username.ljust(width)}  {account.role.label:<24} "
                f"{account.full_name} · {Unit.objects.get(code=account.unit_code).label}"
            )
        self.stdout.write("")

    def hand_over_pending_work(self):
        """Exemplars still waiting for a district that ended (the demo's 2025 commune
        exemplars) move on, as the daily ``hand_over_work`` would move them."""
        try:
            from registry.handover import hand_over_pending_work
        except ImportError:
            return
        report = hand_over_pending_work()
        self.stdout.write(
            _("Exemplars handed over from units that ended: %(count)d") % {"count": report.moved}
        )
