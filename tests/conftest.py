"""Fixtures of the whole suite: the personas' world (``tests/personas.py``), and each test
in the portal's language with its own media folder."""

import pytest
from django.utils import translation

from tests.factories.registry import TEST_PASSWORD
from tests.personas import World, build_world

__all__ = ["World", "build_world"]


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
    """Seed unit kinds, the catalogue and the 2023-2025 plan with its quota rules, as the
    data migrations do.

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

    migration = import_module("registry.migrations.0002_reference_data")
    migration.seed(apps, None)  # the function never touches the schema editor
    ensure_plan_2023_2025()
    fill_english_names()


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
