"""Personas whose data could leak into each other's pages.

province (37)
├── Sở Y tế (dept_a) ............ editor_a, head_a
├── Sở Giáo dục và Đào tạo (dept_b) editor_b
├── Sở Nội vụ / Ban TĐ-KT ........ home_affairs, administrator
├── Báo và PT-TH (press) ......... media
├── Huyện Gia Viễn (district_a) .. district_reviewer
│   └── Xã Gia Vân (commune_a) ... commune_editor
└── Huyện Kim Sơn (district_b)
    └── Xã Kim Chính (commune_b) . commune_b_editor
leader belongs to the province unit.

The districts here are a reviewing level still in force (as before 1 July 2025); tests of
the reform build dated units of their own (``tests/reform.py``).
"""

from dataclasses import dataclass

import pytest
from django.utils import translation

from registry.enums import Role
from tests.factories import UnitFactory, UserFactory, kind
from tests.factories.registry import TEST_PASSWORD


@dataclass
class World:
    province: object
    dept_a: object
    dept_b: object
    home_affairs_unit: object
    press: object
    district_a: object
    commune_a: object
    district_b: object
    commune_b: object
    users: dict

    def user(self, persona: str):
        return self.users[persona]


def build_world() -> World:
    province = UnitFactory(
        code="37", name="Tỉnh Ninh Bình", short_name="Ninh Bình", kind=kind("province")
    )
    dept_a = UnitFactory(code="37-SYT", name="Sở Y tế", parent=province)
    dept_b = UnitFactory(code="37-SGDDT", name="Sở Giáo dục và Đào tạo", parent=province)
    snv = UnitFactory(code="37-SNV", name="Sở Nội vụ", parent=province)
    press = UnitFactory(
        code="37-BPTTH", name="Báo và Phát thanh, Truyền hình Ninh Bình", parent=province
    )
    district_a = UnitFactory(
        code="373", name="Huyện Gia Viễn", kind=kind("district"), parent=province
    )
    commune_a = UnitFactory(
        code="373-GIAVAN", name="Xã Gia Vân", kind=kind("commune"), parent=district_a
    )
    district_b = UnitFactory(
        code="376", name="Huyện Kim Sơn", kind=kind("district"), parent=province
    )
    commune_b = UnitFactory(
        code="376-KIMCHINH",
        name="Xã Kim Chính",
        kind=kind("commune"),
        parent=district_b,
    )
    users = {
        "editor_a": UserFactory(username="editor_a", unit=dept_a, role=Role.UNIT_EDITOR),
        "head_a": UserFactory(username="head_a", unit=dept_a, role=Role.UNIT_HEAD),
        "editor_b": UserFactory(username="editor_b", unit=dept_b, role=Role.UNIT_EDITOR),
        "commune_editor": UserFactory(
            username="commune_editor", unit=commune_a, role=Role.UNIT_EDITOR
        ),
        "commune_b_editor": UserFactory(
            username="commune_b_editor", unit=commune_b, role=Role.UNIT_EDITOR
        ),
        "district_reviewer": UserFactory(
            username="district_reviewer", unit=district_a, role=Role.DISTRICT_REVIEWER
        ),
        "home_affairs": UserFactory(username="home_affairs", unit=snv, role=Role.HOME_AFFAIRS),
        "media": UserFactory(username="media", unit=press, role=Role.MEDIA),
        "leader": UserFactory(username="leader", unit=province, role=Role.LEADER),
        "administrator": UserFactory(username="administrator", unit=snv, role=Role.ADMINISTRATOR),
    }
    return World(
        province, dept_a, dept_b, snv, press, district_a, commune_a, district_b, commune_b, users
    )


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
