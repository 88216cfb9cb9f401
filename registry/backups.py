"""Backups of the portal: the database and the uploaded files together, and their restore.

A backup is one folder, ``exemplar-YYYYMMDD-HHMMSS``, holding

- ``database.dump``: PostgreSQL's custom format (``pg_dump --no-owner --no-privileges``), or
  ``database.sqlite3``: a copy of an SQLite database made with SQLite's online backup;
- ``media.tar``: every file under ``MEDIA_ROOT``;
- ``manifest.json``: when and from which database it was made, the migrations applied to
  it, the number of media files and a SHA-256 checksum of each of the two files above.

The folder is written under a ``.partial`` name and renamed only once complete, so a backup
that was interrupted never looks like one. A restore checks the whole backup before it
changes anything, restores the database in a single transaction (PostgreSQL) or a single
step (SQLite), and puts the media files in place only after the database is restored; it
refuses a database or a media folder that is not empty unless told to replace them.

The connection comes from ``settings.DATABASES`` (``DATABASE_URL``); PostgreSQL's password
goes to ``pg_dump``/``pg_restore`` through the ``PGPASSWORD`` environment variable, never on
their command line. Their major version must be at least the server's (PostgreSQL 15 in
production: Debian's ``postgresql-client-15``).
"""

import contextlib
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
# Left by a restore that was interrupted while unpacking the media files.
STAGING_PREFIX = ".restore-"
# Seconds an SQLite backup or restore waits for a database locked by another process.
SQLITE_LOCK_WAIT = 30


class BackupError(Exception):
    """A backup or a restore that cannot be done; the message says why, for the operator."""


@dataclass
class BackupResult:
    path: Path
    database: str
    media_files: int


@dataclass
class RestoreResult:
    database: str
    media_root: Path
    media_files: int
    # Migrations of this version of the portal that the backup's database had not yet had.
    pending_migrations: list[str]


# Helpers ------------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return "sha256:" + hashlib.file_digest(handle, "sha256").hexdigest()


def _engine(connection) -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            _("Backups cover PostgreSQL and SQLite databases only, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return connection.vendor


def _pg_environment(settings_dict) -> dict:
    """Connection parameters for libpq's tools, the password among them, as variables."""
    env = dict(os.environ)
    options = settings_dict.get("OPTIONS") or {}
    for variable, value in (
        ("PGHOST", settings_dict.get("HOST")),
        ("PGPORT", settings_dict.get("PORT")),
        ("PGUSER", settings_dict.get("USER")),
        ("PGPASSWORD", settings_dict.get("PASSWORD")),
        ("PGSERVICE", options.get("service")),
        ("PGPASSFILE", options.get("passfile")),
        ("PGSSLMODE", options.get("sslmode")),
        ("PGSSLROOTCERT", options.get("sslrootcert")),
        ("PGSSLCERT", options.get("sslcert")),
        ("PGSSLKEY", options.get("sslkey")),
    ):
        if value:
            env[variable] = str(value)
    return env


def _run_pg(command: list, settings_dict, failure: str) -> None:
    """Run pg_dump or pg_restore with fixed options; ``failure`` (``%(error)s``: what the
    tool said) is the error when it fails."""
    finished = subprocess.run(  # noqa: S603 - pg_dump or pg_restore with fixed options
        command,
        env=_pg_environment(settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode != 0:
        raise BackupError(failure % {"error": finished.stderr.strip()})


def for_command(operation, *args, **kwargs):
    """``operation(*args, **kwargs)`` (``make_backup``, ``restore_backup``) for a management
    command: what stops it becomes the command's error, in the operator's words."""
    from django.core.management.base import CommandError
    from django.db import OperationalError, connection

    try:
        return operation(*args, **kwargs)
    except BackupError as error:
        raise CommandError(str(error)) from error
    except OperationalError as error:
        raise CommandError(
            _("Cannot reach the database %(database)s: %(error)s")
            % {"database": connection.settings_dict["NAME"], "error": error}
        ) from error


def _major(version: str) -> int | None:
    """15 from "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)" or from "15.20"."""
    match = re.search(r"(?:^|\)\s*)(\d+)(?:\.\d+)?", version.strip())
    return int(match.group(1)) if match else None


def _pg_tool(tool: str, needed_major: int) -> tuple[str, str]:
    """The path and version line of pg_dump or pg_restore, if it can serve needed_major."""
    executable = shutil.which(tool)
    package = f"postgresql-client-{needed_major}"
    if executable is None:
        raise BackupError(
            _("%(tool)s is not installed: install %(package)s (apt-get install %(package)s).")
            % {"tool": tool, "package": package}
        )
    version = subprocess.run(  # noqa: S603 - a fixed tool found on PATH
        [executable, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    major = _major(version)
    if major is None or major < needed_major:
        raise BackupError(
            _(
                "%(tool)s is version %(version)s, older than the PostgreSQL %(needed)s it must "
                "read: install %(package)s."
            )
            % {"tool": tool, "version": version or "?", "needed": needed_major, "package": package}
        )
    return executable, version


def _server_version(connection, engine: str) -> str:
    if engine == "sqlite":
        return sqlite3.sqlite_version
    connection.ensure_connection()
    number = connection.pg_version
    return f"{number // 10000}.{number % 10000}"


def _sqlite_copy(source, target) -> None:
    """SQLite's online backup from one connection to another, in one step; it waits for a
    database another process is writing to, but not for ever."""
    deadline = time.monotonic() + SQLITE_LOCK_WAIT

    def progress(status, remaining, total):
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise BackupError(
                _(
                    "The SQLite database stayed locked for %(seconds)d seconds: stop the portal "
                    "and its workers, then try again."
                )
                % {"seconds": SQLITE_LOCK_WAIT}
            )

    source.backup(target, progress=progress, sleep=0.1)


def _applied_migrations(connection) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    files = []
    for directory, subdirectories, names in os.walk(media_root):
        subdirectories[:] = sorted(
            name for name in subdirectories if not name.startswith(STAGING_PREFIX)
        )
        for name in sorted(names):
            path = Path(directory, name)
            if path.is_file() and not path.is_symlink():
                files.append(path)
    return files


# Backup -------------------------------------------------------------------------------------


def make_backup(out_dir, *, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write a backup of the database and MEDIA_ROOT into a new folder under out_dir."""
    connection = connections[using]
    engine = _engine(connection)
    settings_dict = connection.settings_dict
    database = str(settings_dict["NAME"])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    final = out_dir / f"exemplar-{stamp}"
    suffix = 1
    while final.exists() or final.with_name(final.name + ".partial").exists():
        suffix += 1
        final = out_dir / f"exemplar-{stamp}-{suffix}"
    partial = final.with_name(final.name + ".partial")
    partial.mkdir(mode=0o700)  # it holds every record and file of the portal
    try:
        database_file = partial / DATABASE_FILES[engine]
        server_version = _server_version(connection, engine)
        if engine == "postgresql":
            executable, client = _pg_tool("pg_dump", _major(server_version))
            _run_pg(
                [
                    executable,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={database_file}",
                    f"--dbname={database}",
                ],
                settings_dict,
                _("pg_dump failed: %(error)s"),
            )
        else:
            client = f"sqlite3 {sqlite3.sqlite_version}"
            connection.ensure_connection()
            target = sqlite3.connect(database_file)
            try:
                _sqlite_copy(connection.connection, target)
            finally:
                target.close()
        migrations = _applied_migrations(connection)

        # After the database: a file uploaded meanwhile is kept without its record, rather
        # than a record kept without its file.
        media_root = Path(settings.MEDIA_ROOT)
        media_count = media_bytes = 0
        with tarfile.open(partial / MEDIA_ARCHIVE, "w") as archive:
            for path in _media_files(media_root):
                try:
                    entry = archive.gettarinfo(path, path.relative_to(media_root).as_posix())
                    with path.open("rb") as content:
                        archive.addfile(entry, content)
                except FileNotFoundError:
                    continue  # deleted since the folder was listed
                media_count += 1
                media_bytes += entry.size

        manifest = {
            "format": FORMAT,
            "created": timezone.localtime().isoformat(timespec="seconds"),
            "engine": engine,
            "database": database,
            "server_version": server_version,
            "client": client,
            "migrations": migrations,
            "media": {"files": media_count, "bytes": media_bytes},
            "checksums": {
                DATABASE_FILES[engine]: _sha256(database_file),
                MEDIA_ARCHIVE: _sha256(partial / MEDIA_ARCHIVE),
            },
        }
        (partial / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return BackupResult(path=final, database=database, media_files=media_count)


# Restore ------------------------------------------------------------------------------------


def read_backup(path) -> tuple[Path, dict]:
    """The backup's folder and manifest, once every file it lists is there and intact."""
    folder = Path(path)
    if folder.is_file() and folder.name == MANIFEST:
        folder = folder.parent
    if not folder.is_dir():
        raise BackupError(_("There is no backup folder at %(path)s.") % {"path": folder})
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(
            _("%(path)s is not a complete backup: %(file)s is missing.")
            % {"path": folder, "file": MANIFEST}
        )
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        engine = manifest["engine"]
        checksums = dict(manifest["checksums"])
        manifest["media"]["files"] = int(manifest["media"]["files"])
        manifest["migrations"] = dict(manifest["migrations"])
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BackupError(
            _("The backup is damaged: %(file)s cannot be read.") % {"file": MANIFEST}
        ) from error
    if manifest.get("format") != FORMAT or engine not in DATABASE_FILES:
        raise BackupError(
            _("%(path)s was not made by this portal's backup command (format %(format)s).")
            % {"path": folder, "format": manifest.get("format")}
        )
    for name in (DATABASE_FILES[engine], MEDIA_ARCHIVE):
        file = folder / name
        if not file.is_file() or name not in checksums:
            raise BackupError(_("The backup is incomplete: %(file)s is missing.") % {"file": name})
        if _sha256(file) != checksums[name]:
            raise BackupError(
                _("The backup is damaged: %(file)s does not match its checksum.") % {"file": name}
            )
    return folder, manifest


def _media_members(archive: tarfile.TarFile, expected_files: int) -> list[tarfile.TarInfo]:
    try:
        members = archive.getmembers()
    except (tarfile.TarError, OSError) as error:
        raise BackupError(
            _("The backup is damaged: %(file)s cannot be read.") % {"file": MEDIA_ARCHIVE}
        ) from error
    for member in members:
        parts = PurePosixPath(member.name).parts
        if (
            not (member.isfile() or member.isdir())
            or member.name.startswith("/")
            or ".." in parts
            or not parts
        ):
            raise BackupError(
                _("The backup is damaged: %(file)s holds an unsafe entry (%(entry)s).")
                % {"file": MEDIA_ARCHIVE, "entry": member.name}
            )
    if sum(member.isfile() for member in members) != expected_files:
        raise BackupError(
            _("The backup is damaged: %(file)s does not hold the %(count)d files listed.")
            % {"file": MEDIA_ARCHIVE, "count": expected_files}
        )
    return members


def _check_sqlite_file(path: Path) -> None:
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = source.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            source.close()
    except sqlite3.DatabaseError as error:
        result = str(error)
    if result != "ok":
        raise BackupError(
            _("The backup is damaged: %(file)s is not a sound SQLite database (%(error)s).")
            % {"file": path.name, "error": result}
        )


def _holds_objects(connection, engine: str) -> bool:
    """Whether the database holds any table, view, sequence or index of its own."""
    if engine == "postgresql":
        query = (
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname !~ '^pg_(toast|temp_)'"
        )
    else:
        query = "SELECT count(*) FROM sqlite_master WHERE substr(name, 1, 7) != 'sqlite_'"
    with connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchone()[0] > 0


def restore_backup(path, *, clean: bool = False, using: str = DEFAULT_DB_ALIAS) -> RestoreResult:
    """Put a backup's database and media files back; see the module's documentation."""
    folder, manifest = read_backup(path)
    connection = connections[using]
    engine = _engine(connection)
    if manifest["engine"] != engine:
        raise BackupError(
            _("This backup holds a %(backup)s database; the portal is set up with %(current)s.")
            % {"backup": manifest["engine"], "current": engine}
        )
    database_file = folder / DATABASE_FILES[engine]
    database = str(connection.settings_dict["NAME"])

    # This version of the portal must know every migration of its own apps that the backup's
    # database had (a library's old migrations may be gone from its newer releases).
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    recorded = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    own_apps = {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR)
        and "site-packages" not in Path(config.path).parts
    }
    unknown = sorted((app, name) for app, name in recorded - known if app in own_apps)
    if unknown:
        raise BackupError(
            _(
                "The backup comes from a newer version of the portal (migrations unknown "
                "here: %(names)s). Install that version, restore, then upgrade."
            )
            % {"names": ", ".join(f"{app}.{name}" for app, name in unknown[:5])}
        )

    if engine == "postgresql":
        # pg_restore reads archives of its own major version and older ones.
        dump_major = _major(str(manifest.get("client", ""))) or _major(
            _server_version(connection, engine)
        )
        executable, _version = _pg_tool("pg_restore", dump_major)
        listing = subprocess.run(  # noqa: S603 - pg_restore with fixed options
            [executable, "--list", str(database_file)], capture_output=True, check=False
        )
        if listing.returncode != 0:
            raise BackupError(
                _("The backup is damaged: pg_restore cannot read %(file)s.")
                % {"file": database_file.name}
            )
    else:
        _check_sqlite_file(database_file)

    media_root = Path(settings.MEDIA_ROOT)
    try:
        archive = tarfile.open(folder / MEDIA_ARCHIVE)  # noqa: SIM115 - closed below
    except (tarfile.TarError, OSError) as error:
        raise BackupError(
            _("The backup is damaged: %(file)s cannot be read.") % {"file": MEDIA_ARCHIVE}
        ) from error
    with archive:
        members = _media_members(archive, manifest["media"]["files"])

        # The target: a new, empty database and media folder, unless told to replace them.
        if not clean and _holds_objects(connection, engine):
            raise BackupError(
                _(
                    "The database %(database)s is not empty: nothing was restored. Restore "
                    "into a new, empty database, or add --clean to replace its contents with "
                    "the backup's."
                )
                % {"database": database}
            )
        existing = sorted(media_root.iterdir()) if media_root.is_dir() else []
        if existing and not clean:
            raise BackupError(
                _(
                    "The media folder %(path)s is not empty: nothing was restored. Restore "
                    "into an empty folder, or add --clean to replace its files with the "
                    "backup's."
                )
                % {"path": media_root}
            )

        # Unpack the media files beside their place first; they move in once the database
        # is restored, so a failure leaves both as they were.
        media_root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=media_root))
        try:
            extract = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
            archive.extractall(staging, members=members, **extract)  # noqa: S202 - checked
            _restore_database(connection, engine, database_file, clean=clean)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise

    if clean:
        for entry in existing:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    for entry in staging.iterdir():
        entry.rename(media_root / entry.name)
    staging.rmdir()

    pending = sorted(known - recorded)
    return RestoreResult(
        database=database,
        media_root=media_root,
        media_files=manifest["media"]["files"],
        pending_migrations=[f"{app}.{name}" for app, name in pending],
    )


def _restore_database(connection, engine: str, database_file: Path, *, clean: bool) -> None:
    if engine == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{database_file}?mode=ro", uri=True)
        try:
            # One step: the target's pages are replaced in a single write transaction.
            _sqlite_copy(source, connection.connection)
        except sqlite3.Error as error:
            raise BackupError(
                _("The SQLite restore failed; the database was left as it was: %(error)s")
                % {"error": error}
            ) from error
        finally:
            source.close()
        return
    settings_dict = connection.settings_dict
    executable = shutil.which("pg_restore")
    command = [
        executable,
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={settings_dict['NAME']}",
    ]
    if clean:
        command += ["--clean", "--if-exists"]
    command.append(str(database_file))
    # pg_restore opens its own connection; ours must not hold anything meanwhile.
    with contextlib.suppress(Exception):
        connection.close()
    _run_pg(
        command, settings_dict, _("pg_restore failed; the database was left as it was: %(error)s")
    )
