from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from registry.backups import for_command, make_backup


class Command(BaseCommand):
    help = (
        "Back up the database (PostgreSQL: pg_dump's custom format; SQLite: an online copy) "
        "and every file under MEDIA_ROOT into a new folder under --out, with a manifest "
        "(date, database, migrations, file count, checksums). Restore it with "
        "'manage.py restore'."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            required=True,
            help="The folder that receives the backup (its own subfolder exemplar-DATE-TIME).",
        )

    def handle(self, *args, out, **options):
        result = for_command(make_backup, out)
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written to %(path)s: database %(database)s, %(files)d media files.")
                % {"path": result.path, "database": result.database, "files": result.media_files}
            )
        )
