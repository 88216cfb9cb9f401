from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.services import units_load_province


class Command(BaseCommand):
    help = (
        "Load a province, its communes and wards, its provincial bodies and the successions "
        "between them (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            default=settings.PORTAL["PROVINCE_CODE"],
            help="Official province code (37 is Ninh Bình).",
        )

    def handle(self, *args, province, **options):
        try:
            report = units_load_province(province_code=province)
        except ValueError as exc:
            raise CommandError(_("Unknown province code: %(code)s") % {"code": province}) from exc
        self.stdout.write(
            _("Units: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "created": len(report.created),
                "updated": len(report.updated),
                "unchanged": report.unchanged,
            }
        )
        self.stdout.write(
            _("Successions: %(changed)d created or updated, %(unchanged)d unchanged.")
            % {"changed": len(report.links), "unchanged": report.unchanged_links}
        )
