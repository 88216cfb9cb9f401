from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from registry.backups import for_command, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by 'manage.py backup' (its folder, or its manifest.json) into "
        "the database of DATABASE_URL and into MEDIA_ROOT. The whole backup is checked first; "
        "the database and the media folder must be empty unless --clean is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup's folder (or its manifest.json).")
        parser.add_argument(
            "--clean",
            action="store_true",
            help="Replace what a database or media folder that is not empty holds (PostgreSQL: "
            "the backup's tables, sequences and the like are dropped and created again; other "
            "objects stay).",
        )

    def handle(self, *args, backup, clean=False, **options):
        result = for_command(restore_backup, backup, clean=clean)
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored into database %(database)s; %(files)d media files into %(path)s.")
                % {
                    "database": result.database,
                    "files": result.media_files,
                    "path": result.media_root,
                }
            )
        )
        if result.pending_migrations:
            self.stdout.write(
                _(
                    "The backup predates %(count)d migrations of this version: run "
                    "'manage.py migrate' now."
                )
                % {"count": len(result.pending_migrations)}
            )
