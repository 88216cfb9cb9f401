from django.utils.translation import gettext as _

from exemplar_portal.base.commands import PortalCommand
from registry.spreadsheets.safety import limit
from registry.spreadsheets.service import recover_stale


class Command(PortalCommand):
    help = (
        "Mark failed the spreadsheet imports left 'being checked' or 'being imported' by a "
        "worker that stopped: those without a sign of progress for IMPORT_STALE_MINUTES. "
        "Nothing of theirs was written; their owners can run them again from the import's "
        "page. Running it again changes nothing, so it is safe to run every few minutes."
    )

    def handle(self, *args, **options):
        recovered = recover_stale()
        self.summary(
            _("Stopped imports marked failed: %(count)d (no progress for %(minutes)s minutes).")
            % {"count": recovered, "minutes": limit("IMPORT_STALE_MINUTES")}
        )
