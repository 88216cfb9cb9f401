import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.models import SecurityEvent


class Command(BaseCommand):
    help = (
        "Delete the security events older than PORTAL_SECURITY_EVENT_RETENTION_DAYS (or "
        "--days). Safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Keep this many days.")

    def handle(self, *args, days=None, **options):
        days = days if days is not None else settings.PORTAL["SECURITY_EVENT_RETENTION_DAYS"]
        cutoff = timezone.now() - datetime.timedelta(days=max(days, 1))
        deleted, _by_model = SecurityEvent.objects.filter(at__lt=cutoff).delete()
        self.stdout.write(
            _("Security events kept %(days)s days: %(count)d older ones deleted.")
            % {"days": days, "count": deleted}
        )
