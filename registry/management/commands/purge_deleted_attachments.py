from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from exemplar_portal.base.commands import PortalCommand
from registry.attachments import purge_removed, retention_days


class Command(PortalCommand):
    help = (
        "Delete for good the files of exemplars, movements and events removed longer ago than "
        "the retention period (PORTAL_ATTACHMENT_RETENTION_DAYS): their files, thumbnails and "
        "rows. An exemplar's are recorded on its timeline. Running it again changes nothing, "
        "so it is safe to run daily."
    )
    dry_run_help = "Only count what would be deleted."

    def handle(self, *args, dry_run=False, **options):
        report = purge_removed(dry_run=dry_run)
        summary = _(
            "Removed attachments past the %(days)s days of retention (removed before "
            "%(cutoff)s): %(files)d (%(size)s)."
        ) % {
            "days": retention_days(),
            "cutoff": timezone.localtime(report.cutoff).strftime("%Y-%m-%d %H:%M"),
            "files": report.files,
            "size": filesizeformat(report.bytes),
        }
        if not dry_run:
            summary += " " + _("They are deleted for good.")
        self.summary(summary, dry_run)
