from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from campaigns.data.outlets import load_outlets
from exemplar_portal.base.commands import PortalCommand


class Command(PortalCommand):
    help = "Load the media outlets of Ninh Bình (after load_units); safe to run again."

    def handle(self, *args, **options):
        report = load_outlets()
        if report.missing_units and not (report.created or report.updated or report.unchanged):
            raise CommandError(_("Run 'manage.py load_units' first (province 37, Ninh Bình)."))
        self.summary(
            _("Media outlets: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged}
        )
        if report.missing_units:
            self.stdout.write(
                self.style.WARNING(
                    _("Skipped, unit not loaded: %(codes)s")
                    % {"codes": ", ".join(report.missing_units)}
                )
            )
