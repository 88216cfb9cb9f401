"""``manage.py backup`` and ``manage.py restore``: the database and the media files together.

The suite runs on SQLite and on PostgreSQL (CI's second pass, ``DATABASE_URL=postgres://…``):
on PostgreSQL these tests go through pg_dump and pg_restore, on SQLite through SQLite's
online backup. Backups read committed data (pg_dump is another process; SQLite's backup
waits for an open write transaction), so the tests that make one are transactional. A
restore is run as the operator runs it, in its own process against a new, empty database
(a uniquely named PostgreSQL database, dropped afterwards, or a new SQLite file), whose
contents the test then reads directly.
"""

import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from io import BytesIO, StringIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from registry import backups
from registry.models import Unit, UnitKind

pytestmark = pytest.mark.integration

DATABASE_FILE = backups.DATABASE_FILES.get(connection.vendor, "database.dump")
UNIT_TABLE = Unit._meta.db_table


class FreshDatabase:
    """A new, empty database beside the test database, read without Django."""

    def __init__(self, tmp_path):
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.path = tmp_path / "fresh.sqlite3"
            self.url = f"sqlite:///{self.path}"
            return
        import psycopg

        self.psycopg = psycopg
        source = connection.settings_dict
        self.params = {
            key: value
            for key, value in {
                "host": source.get("HOST"),
                "port": source.get("PORT"),
                "user": source.get("USER"),
                "password": source.get("PASSWORD"),
            }.items()
            if value
        }
        self.name = f"restore_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(dbname="postgres", autocommit=True, **self.params) as admin:
            admin.execute(f'CREATE DATABASE "{self.name}"')
        user = quote(self.params.get("user", ""), safe="")
        password = quote(self.params.get("password", ""), safe="")
        credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
        host = self.params.get("host", "localhost")
        port = self.params.get("port", 5432)
        self.url = f"postgres://{credentials}{host}:{port}/{self.name}"

    def value(self, query: str):
        if self.vendor == "sqlite":
            reader = sqlite3.connect(self.path)
            try:
                row = reader.execute(query).fetchone()
            finally:
                reader.close()
        else:
            with self.psycopg.connect(dbname=self.name, **self.params) as reader:
                row = reader.execute(query).fetchone()
        return row[0] if row else None

    def units(self, code: str | None = None):
        """How many units the database holds, or the name of the unit with this code."""
        if code is None:
            return self.value(f"SELECT count(*) FROM {UNIT_TABLE}")  # noqa: S608
        return self.value(f"SELECT name FROM {UNIT_TABLE} WHERE code = '{code}'")  # noqa: S608

    def objects(self) -> int:
        """How many tables, views, sequences and indexes the database holds."""
        if self.vendor == "sqlite":
            if not self.path.exists():
                return 0
            return self.value(
                "SELECT count(*) FROM sqlite_master WHERE substr(name, 1, 7) != 'sqlite_'"
            )
        return self.value(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname !~ '^pg_(toast|temp_)'"
        )

    def drop(self):
        if self.vendor != "sqlite":
            with self.psycopg.connect(dbname="postgres", autocommit=True, **self.params) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def fresh_database(tmp_path):
    database = FreshDatabase(tmp_path)
    yield database
    database.drop()


def manage(*args, database_url: str, media_root: Path) -> subprocess.CompletedProcess:
    """Run manage.py as an operator would, against another database and media folder."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "exemplar_portal.settings",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def make_records() -> int:
    # A transactional test may start from an emptied database: it makes what it needs.
    kind, _created = UnitKind.objects.get_or_create(
        code="department", defaults={"name": "Sở, ban, ngành"}
    )
    for number in range(3):
        Unit.objects.create(
            code=f"BK-{number}",
            name=f"Đơn vị sao lưu {number}",
            short_name=f"DVSL{number}",
            kind=kind,
        )
    return Unit.objects.count()


def write_media(media_root: Path) -> dict[str, bytes]:
    files = {
        "issued/2026/BC-1.pdf": b"%PDF-1.7 " + secrets.token_bytes(4096),
        "imports/danh sách điển hình.xlsx": secrets.token_bytes(512),
    }
    for name, content in files.items():
        path = media_root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return files


def media_files(root: Path) -> dict[str, bytes]:
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def make_backup(out: Path) -> Path:
    output = StringIO()
    call_command("backup", out=str(out), stdout=output)
    [folder] = [path for path in out.iterdir() if path.is_dir()]
    assert str(folder) in output.getvalue()
    return folder


def rewrite_checksum(folder: Path, name: str, **media) -> None:
    manifest = json.loads((folder / backups.MANIFEST).read_text(encoding="utf-8"))
    manifest["checksums"][name] = backups._sha256(folder / name)
    manifest["media"].update(media)
    (folder / backups.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_fresh_database(media_root, fresh_database, tmp_path):
    units = make_records()
    files = write_media(media_root)
    folder = make_backup(tmp_path / "backups")

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["engine"] == connection.vendor
    assert manifest["media"] == {"files": 2, "bytes": sum(len(c) for c in files.values())}
    assert set(manifest["checksums"]) == {DATABASE_FILE, "media.tar"}
    applied = MigrationRecorder(connection).applied_migrations()
    assert sum(len(names) for names in manifest["migrations"].values()) == len(applied)
    assert not list((tmp_path / "backups").glob("*.partial"))
    assert folder.stat().st_mode & 0o077 == 0  # for the service user's eyes only

    restored_media = tmp_path / "restored-media"
    result = manage(
        "restore", str(folder), database_url=fresh_database.url, media_root=restored_media
    )
    assert result.returncode == 0, result.stderr
    assert fresh_database.units() == units
    assert fresh_database.units("BK-1") == "Đơn vị sao lưu 1"
    assert fresh_database.value("SELECT count(*) FROM django_migrations") == len(applied)
    assert media_files(restored_media) == files
    assert sorted(path.name for path in restored_media.iterdir()) == ["imports", "issued"]

    # Again over what is now there: refused, nothing touched.
    (restored_media / "issued" / "newer.pdf").write_bytes(b"kept")
    again = manage(
        "restore", str(folder), database_url=fresh_database.url, media_root=restored_media
    )
    assert again.returncode != 0
    assert "--clean" in again.stderr
    assert fresh_database.units() == units
    assert media_files(restored_media) == {**files, "issued/newer.pdf": b"kept"}

    # With --clean the backup's contents replace them.
    Unit.objects.filter(code="BK-2").delete()  # (the test database; the restored one keeps it)
    clean = manage(
        "restore",
        str(folder),
        "--clean",
        database_url=fresh_database.url,
        media_root=restored_media,
    )
    assert clean.returncode == 0, clean.stderr
    assert fresh_database.units() == units
    assert fresh_database.units("BK-2") == "Đơn vị sao lưu 2"
    assert media_files(restored_media) == files


@pytest.mark.django_db(transaction=True)
def test_a_fresh_database_with_a_media_folder_that_is_not_empty_is_refused(
    media_root, fresh_database, tmp_path
):
    write_media(media_root)
    folder = make_backup(tmp_path / "backups")
    target_media = tmp_path / "target-media"
    target_media.mkdir()
    (target_media / "already-here.pdf").write_bytes(b"mine")

    result = manage(
        "restore", str(folder), database_url=fresh_database.url, media_root=target_media
    )

    assert result.returncode != 0
    assert str(target_media) in result.stderr
    assert fresh_database.objects() == 0
    assert media_files(target_media) == {"already-here.pdf": b"mine"}
    assert [path.name for path in target_media.iterdir()] == ["already-here.pdf"]


@pytest.mark.django_db(transaction=True)
def test_restoring_over_a_database_that_is_not_empty_is_refused(media_root, tmp_path):
    units = make_records()
    files = write_media(media_root)
    folder = make_backup(tmp_path / "backups")
    Unit.objects.filter(code="BK-0").update(name="Đổi sau khi sao lưu")

    with pytest.raises(CommandError, match="--clean"):
        call_command("restore", str(folder))

    assert Unit.objects.count() == units
    assert Unit.objects.get(code="BK-0").name == "Đổi sau khi sao lưu"
    assert media_files(media_root) == files
    assert sorted(path.name for path in media_root.iterdir()) == ["imports", "issued"]


@pytest.mark.django_db(transaction=True)
def test_a_backup_from_a_newer_version_of_the_portal_is_refused(media_root, tmp_path):
    folder = make_backup(tmp_path / "backups")
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["migrations"]["registry"].append("9999_from_a_later_release")
    # A library's migration that its later releases dropped is no reason to refuse.
    manifest["migrations"]["axes"].append("0001_squashed_and_removed")
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")

    with pytest.raises(CommandError, match=r"registry\.9999_from_a_later_release") as refused:
        call_command("restore", str(folder), clean=True)
    assert "axes" not in str(refused.value)


def _remove_manifest(folder):
    (folder / "manifest.json").unlink()


def _garble_manifest(folder):
    (folder / "manifest.json").write_text("{", encoding="utf-8")


def _cut_database_short(folder):
    path = folder / DATABASE_FILE
    path.write_bytes(path.read_bytes()[:-20])


def _remove_media(folder):
    (folder / "media.tar").unlink()


def _unsafe_media(folder):
    content = b"outside the media folder"
    buffer = BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        entry = tarfile.TarInfo("../escaped.txt")
        entry.size = len(content)
        archive.addfile(entry, BytesIO(content))
    (folder / "media.tar").write_bytes(buffer.getvalue())
    rewrite_checksum(folder, "media.tar", files=1)


@pytest.mark.parametrize(
    ("damage", "named"),
    [
        (_remove_manifest, "manifest.json"),
        (_garble_manifest, "manifest.json"),
        (_cut_database_short, DATABASE_FILE),
        (_remove_media, "media.tar"),
        (_unsafe_media, "media.tar"),
    ],
    ids=["no-manifest", "garbled-manifest", "database-cut-short", "no-media", "unsafe-media"],
)
@pytest.mark.django_db(transaction=True)
def test_a_damaged_or_incomplete_backup_is_refused_before_anything_changes(
    media_root, tmp_path, damage, named
):
    units = make_records()
    files = write_media(media_root)
    folder = make_backup(tmp_path / "backups")
    damage(folder)

    with pytest.raises(CommandError, match=named.replace(".", r"\.")):
        call_command("restore", str(folder), clean=True)

    assert Unit.objects.count() == units
    assert media_files(media_root) == files
    assert sorted(path.name for path in media_root.iterdir()) == ["imports", "issued"]
    assert not (tmp_path / "escaped.txt").exists()
    assert not (media_root.parent / "escaped.txt").exists()


@pytest.mark.django_db(transaction=True)
def test_a_restore_that_fails_midway_leaves_nothing_behind(media_root, fresh_database, tmp_path):
    """The checksums match (the damage predates them), so only the restore itself finds it:
    PostgreSQL's single transaction undoes the tables already made; SQLite's check refuses."""
    make_records()
    write_media(media_root)
    folder = make_backup(tmp_path / "backups")
    path = folder / DATABASE_FILE
    content = bytearray(path.read_bytes())
    if connection.vendor == "sqlite":
        page = 4096
        content[page : page * 3] = b"\xa5" * (page * 2)  # the schema's and the tables' pages
    else:
        del content[-20:]  # the last table's data is missing
    path.write_bytes(bytes(content))
    rewrite_checksum(folder, DATABASE_FILE)
    target_media = tmp_path / "target-media"

    result = manage(
        "restore", str(folder), database_url=fresh_database.url, media_root=target_media
    )

    assert result.returncode != 0
    assert DATABASE_FILE in result.stderr or "pg_restore" in result.stderr
    assert fresh_database.objects() == 0
    assert media_files(target_media) == {}
    assert not target_media.exists() or not list(target_media.iterdir())


def test_pg_tools_older_than_the_server_are_refused(tmp_path, monkeypatch):
    fake = tmp_path / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.16'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(backups.BackupError, match="postgresql-client-15"):
        backups._pg_tool("pg_dump", 15)
    assert backups._pg_tool("pg_dump", 13) == (str(fake), "pg_dump (PostgreSQL) 13.16")


def test_pg_tools_missing_are_named_with_their_package(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(backups.BackupError, match="postgresql-client-15"):
        backups._pg_tool("pg_restore", 15)


def test_the_password_goes_to_the_environment_not_the_command_line():
    env = backups._pg_environment(
        {
            "NAME": "exemplar",
            "USER": "exemplar",
            "PASSWORD": "mật-khẩu s3cret",
            "HOST": "db.example.vn",
            "PORT": 5433,
            "OPTIONS": {"sslmode": "require"},
        }
    )
    assert env["PGPASSWORD"] == "mật-khẩu s3cret"
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"], env["PGSSLMODE"]) == (
        "db.example.vn",
        "5433",
        "exemplar",
        "require",
    )
