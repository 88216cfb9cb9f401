"""Fixtures of the whole suite: the personas' world (``tests/personas.py``), each test in the
portal's language with its own media folder, and ``--today`` to run the suite on another day.
"""

import datetime
import zoneinfo
from contextlib import contextmanager
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from tests.factories.registry import TEST_PASSWORD
from tests.personas import World, build_world

__all__ = ["World", "build_world"]

PORTAL_ZONE = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def moment(day: str | datetime.date, hour: int = 9) -> datetime.datetime:
    """``hour`` o'clock of ``day`` in the portal's time zone: where a test whose outcome
    depends on the date travels, with ``@pytest.mark.time_machine(moment(...), tick=False)``
    or the ``time_machine`` fixture."""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=PORTAL_ZONE)


def pytest_addoption(parser):
    parser.addoption(
        "--today",
        metavar="YYYY-MM-DD[THH:MM]",
        help="run the tests as if today were this day, at 09:00 or the time given in the "
        "portal's time zone, to find tests that pass only on the day they were written",
    )


def pytest_configure(config):
    day = config.getoption("--today")
    if day:
        start = (
            datetime.datetime.fromisoformat(day).replace(tzinfo=PORTAL_ZONE)
            if "T" in day
            else moment(day)
        )
        config._portal_travel = time_machine.travel(start, tick=True)
        config._portal_travel.start()


def pytest_unconfigure(config):
    travel = getattr(config, "_portal_travel", None)
    if travel is not None:
        travel.stop()


@pytest.fixture(scope="session", autouse=True)
def _postgresql_flushes_by_delete():
    """On PostgreSQL, a transactional test (the browser journeys, the tests of concurrent
    requests) ends by emptying every table with ``DELETE`` rather than ``TRUNCATE``.

    The end is the same (the tables empty, the sequences left as they are, as a flush
    without ``reset_sequences`` leaves them), but ``TRUNCATE`` makes new files for each of
    some 130 tables and their indexes: seconds per test where ``DELETE`` of the few rows a
    test writes takes a few milliseconds. Every foreign key Django makes is deferrable, so
    the order of the tables does not matter.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        delete = style.SQL_KEYWORD("DELETE FROM")
        return [f"{style.SQL_KEYWORD('SET CONSTRAINTS ALL DEFERRED')};"] + [
            f"{delete} {style.SQL_FIELD(self.quote_name(table))};" for table in tables
        ]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = truncate


@pytest.fixture(autouse=True)
def vietnamese():
    """Each test starts in the portal's language, whatever an earlier request activated."""
    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(db) -> World:
    return build_world()


def seed_reference_data() -> None:
    """Seed unit kinds, the catalogue, the 2023-2025 plan with its quota rules, the award
    forms of the laws and the public holidays, as the data migrations do.

    A transactional test ends with a flush, which also wipes what migrations seeded, for
    the next transactional test (ours or another file's). Serialized rollback cannot be
    relied on to bring it back: after another file's transactional test without it, the
    flush recreates the content types under new ids and reloading the old ones fails on
    their unique key. The migration's own function is idempotent (get_or_create).
    """
    from importlib import import_module

    from django.apps import apps

    from registry.data.english_names import fill_english_names
    from registry.data.plans import ensure_plan_2023_2025
    from reports.data.holidays import seed as seed_days_off
    from reports.data.load import seed as seed_award_law
    from reports.data.statistics import seed_statistics_columns

    migration = import_module("registry.migrations.0002_reference_data")
    migration.seed(apps, None)  # the function never touches the schema editor
    ensure_plan_2023_2025()
    fill_english_names()
    seed_award_law(apps)  # the award forms, their sources, tracks, cash and conditions
    seed_days_off(apps)  # the public holidays and moved days of 2024-2026
    seed_statistics_columns(apps)  # where the yearly statistical forms count each form


def wait_until_a_request_waits_on_a_lock(what: str, timeout: float = 30) -> None:
    """On PostgreSQL, return once another connection of the test database is blocked on a
    lock (the second of two concurrent requests); fail the test after ``timeout``."""
    import threading
    import time

    from django.db import connection

    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            threading.Event().wait(0.05)
    pytest.fail(f"{what} never waited for the first")


@pytest.fixture
def committed_world(transactional_db) -> World:
    """The personas, committed: for tests where other threads or processes must see them."""
    seed_reference_data()
    return build_world()


@contextmanager
def the_demo(django_db_blocker):
    """The demo as ``make demo`` loads it (units, outlets, then the demo's records), in a
    transaction rolled back at the end: for a module- or class-scoped fixture, so that the
    tests that read the demo share one load. They take ``db`` too, which undoes what each
    of them changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        for command in ("load_units", "load_outlets", "load_demo"):
            call_command(command, stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def password() -> str:
    return TEST_PASSWORD


@pytest.fixture
def client_for(client):
    """Log the test client in as a persona or a user."""

    def login(user):
        client.force_login(user)
        return client

    return login
