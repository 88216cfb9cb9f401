from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection
from django.utils.translation import gettext as _

from registry.backups import BackupError, make_backup


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
        try:
            result = make_backup(out)
        except BackupError as error:
            raise CommandError(str(error)) from error
        except OperationalError as error:
            raise CommandError(
                _("Cannot reach the database %(database)s: %(error)s")
                % {"database": connection.settings_dict["NAME"], "error": error}
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written to %(path)s: database %(database)s, %(files)d media files.")
                % {"path": result.path, "database": result.database, "files": result.media_files}
            )
        )
