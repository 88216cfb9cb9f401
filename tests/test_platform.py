"""The platform: settings from the environment, deploy checks, languages, CSP, errors,
the task worker, the admin and the demo data."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from registry.enums import Role
from registry.models import Unit, User
from registry.tasks import send_portal_mail

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k8#q1-Vz9!pL2x@Rm4&tN7^bW6*eY3(cU5)hJ0_fG8+dS2=aQ1~zX9",
    "ALLOWED_HOSTS": "thiduakhenthuong.ninhbinh.example",
    "DATABASE_URL": "sqlite:////tmp/exemplar-portal-deploy-check.sqlite3",
    "SECURE_SSL_REDIRECT": "1",
    "SESSION_COOKIE_SECURE": "1",
    "CSRF_COOKIE_SECURE": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


def _manage(*args, env=None):
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "exemplar_portal.settings", **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


class TestSettings:
    def test_deploy_check_is_clean_with_production_variables(self):
        result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "no issues" in result.stdout

    def test_deploy_check_flags_the_development_defaults(self):
        env = {
            k: v
            for k, v in PRODUCTION_ENV.items()
            if k not in {"SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT"}
        }
        result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
        assert result.returncode != 0
        output = result.stderr + result.stdout
        assert "security.W008" in output
        assert "security.W004" in output
        # Without a key of its own the portal does not even start (tests/test_auth.py).

    def test_vietnamese_and_the_provinces_time_zone_by_default(self):
        assert settings.LANGUAGE_CODE == "vi"
        assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
        assert settings.AUTH_USER_MODEL == "registry.User"

    def test_the_custom_user_model_is_in_the_first_migration(self):
        first = (ROOT / "registry" / "migrations" / "0001_initial.py").read_text()
        assert 'name="User"' in first or "name='User'" in first


class TestLanguages:
    def test_vietnamese_catalogue_is_complete_and_compiled(self):
        po_path = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(po_path))
        assert po.percent_translated() == 100
        assert not [e.msgid for e in po.fuzzy_entries()]
        mo = polib.mofile(str(po_path.with_suffix(".mo")))
        # Keyed by context too: one English word may read differently in two places.
        compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo}
        for entry in po.translated_entries():
            if not entry.msgid_plural:
                assert compiled.get((entry.msgctxt, entry.msgid)) == entry.msgstr, entry.msgid

    def test_user_can_switch_to_english_and_back(self, world, client_for):
        client = client_for(world.user("editor_a"))
        assert "Trang chủ" in client.get(reverse("registry:home")).content.decode()
        response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
        assert response.status_code == 302
        content = client.get(reverse("registry:home")).content.decode()
        assert ">Home<" in content
        assert 'lang="en"' in content
        client.post(reverse("set_language"), {"language": "vi", "next": "/"})
        assert "Trang chủ" in client.get(reverse("registry:home")).content.decode()

    def test_dates_are_day_first(self):
        from django.utils.formats import date_format

        with translation.override("vi"):
            assert date_format(datetime.date(2025, 6, 11), "SHORT_DATE_FORMAT") == "11/06/2025"


class TestSecurityHeaders:
    def test_csp_forbids_inline_script_and_style(self, world, client_for):
        response = client_for(world.user("editor_a")).get(reverse("registry:home"))
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "style-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy

    @pytest.mark.parametrize(
        "template",
        sorted(
            str(p.relative_to(ROOT))
            for p in (ROOT / "templates").rglob("*.html")
            # Documents are laid out by WeasyPrint (reports/pdf.py), never served to a
            # browser: the Content-Security-Policy does not apply to them.
            if not p.is_relative_to(ROOT / "templates" / "reports" / "pdf")
        ),
    )
    def test_templates_hold_no_inline_script_or_style(self, template):
        import re

        text = (ROOT / template).read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
        assert "<style" not in text
        assert not re.search(r"\sstyle=", text), "style attribute"
        assert not re.search(r"\son[a-z]+=", text), "inline event handler"


class TestErrorPages:
    def test_404_is_friendly_and_vietnamese(self, world, client_for):
        response = client_for(world.user("editor_a")).get("/khong-co-trang-nay/")
        assert response.status_code == 404
        assert "Không tìm thấy trang" in response.content.decode()

    def test_403_is_friendly_and_vietnamese(self, world, client_for, rf):
        from django.core.exceptions import PermissionDenied
        from django.views.defaults import permission_denied

        request = rf.get("/")
        request.user = world.user("editor_a")
        response = permission_denied(request, PermissionDenied())
        assert response.status_code == 403
        assert "Bạn không có quyền xem trang này" in response.content.decode()

    def test_500_is_friendly_and_vietnamese(self, rf):
        from django.views.defaults import server_error

        with translation.override("vi"):
            response = server_error(rf.get("/"))
        assert response.status_code == 500
        assert "Hệ thống đang gặp sự cố" in response.content.decode()


class TestDatabaseAway:
    """While the database cannot be reached: 503 with Retry-After, never a 500."""

    @pytest.fixture
    def database(self, monkeypatch):
        """`down()` refuses every query, as a stopped server does; `up()` brings it back
        (the test's own database teardown needs it)."""
        from types import SimpleNamespace

        from django.db import OperationalError
        from django.db.backends.base.base import BaseDatabaseWrapper

        def refuse(self, *args, **kwargs):
            raise OperationalError("connection to server at 127.0.0.1:5432 refused")

        yield SimpleNamespace(
            down=lambda: monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse),
            up=monkeypatch.undo,
        )
        monkeypatch.undo()

    def test_pages_answer_503_in_vietnamese_then_come_back(self, world, client_for, database):
        client = client_for(world.user("editor_a"))
        client.raise_request_exception = False
        database.down()
        for url in (reverse("registry:home"), reverse("registry:exemplar_list"), "/khong-co/"):
            response = client.get(url)
            assert response.status_code == 503, url
            assert response["Retry-After"] == "30"
            assert "Cổng tạm thời chưa truy cập được" in response.content.decode()
        database.up()
        assert client.get(reverse("registry:exemplar_list")).status_code == 200

    def test_health_answers_503_instead_of_raising(self, db, client, database):
        database.down()
        response = client.get(reverse("health"))
        database.up()
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert response.content == b"database unavailable"
        assert client.get(reverse("health")).status_code == 200

    def test_the_drivers_own_error_is_a_503_too(self, rf):
        """Closing a server-side cursor on a dead connection raises psycopg's error past
        Django's wrapper (found by the load test's fault run)."""
        psycopg = pytest.importorskip("psycopg")
        from registry.views.platform import server_error

        try:
            raise psycopg.OperationalError("consuming input failed: server closed the connection")
        except psycopg.OperationalError:
            response = server_error(rf.get("/tham-dinh/"))
        assert response.status_code == 503
        assert response["Retry-After"] == "30"

    def test_a_session_the_database_could_not_save_is_a_503_not_a_400(self, rf):
        from django.contrib.sessions.backends.base import UpdateError
        from django.contrib.sessions.exceptions import SessionInterrupted
        from django.db import OperationalError

        from registry.views.platform import bad_request

        # Django raises it inside ``except UpdateError``, itself raised inside the database
        # error's handler: the chain is the exceptions' context.
        interrupted = SessionInterrupted("The request's session was deleted")
        interrupted.__context__ = UpdateError()
        interrupted.__context__.__context__ = OperationalError("connection lost")
        response = bad_request(rf.get("/bao-cao/"), interrupted)
        assert response.status_code == 503

    def test_a_plain_bad_request_stays_400(self, rf):
        from django.core.exceptions import BadRequest

        from registry.views.platform import bad_request

        assert bad_request(rf.get("/"), BadRequest("sai")).status_code == 400

    def test_other_errors_stay_500(self, rf):
        from registry.views.platform import server_error

        try:
            raise ValueError("a fault of ours")
        except ValueError:
            response = server_error(rf.get("/"))
        assert response.status_code == 500

    def test_kept_connections_are_checked_before_use(self):
        assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True

    @pytest.mark.django_db(transaction=True)
    def test_a_request_after_the_server_dropped_the_connection_gets_a_fresh_one(self):
        """With CONN_MAX_AGE the next request's check replaces a connection the server
        ended (a restart, or backends terminated), instead of failing on it."""
        from django.db import close_old_connections, connection

        if connection.vendor != "postgresql":
            pytest.skip("terminating a server backend needs PostgreSQL (CI's second pass)")
        import psycopg

        connection.settings_dict["CONN_MAX_AGE"] = 60
        try:
            close_old_connections()
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
            params = connection.get_connection_params()
            other = psycopg.connect(
                host=params.get("host") or "127.0.0.1",
                port=params.get("port") or 5432,
                user=params.get("user") or "postgres",
                dbname="postgres",
                autocommit=True,
            )
            with other:
                other.execute("SELECT pg_terminate_backend(%s)", [pid])
            close_old_connections()  # what Django does when the next request starts
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                assert cursor.fetchone()[0] != pid
        finally:
            connection.settings_dict["CONN_MAX_AGE"] = 0
            connection.close()


class TestTaskWorker:
    @pytest.mark.django_db(transaction=True)
    def test_queued_mail_is_sent_by_the_database_worker(self):
        backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        with override_settings(TASKS=backend):
            result = send_portal_mail.enqueue(
                subject="Thông báo", body="Nội dung", to=["nhung@ninhbinh.example"]
            )
            assert mail.outbox == []
            call_command("db_worker", batch=True, startup_delay=False, reload=False, interval=0.1)
            result.refresh()
            assert result.status == "SUCCESSFUL"
            assert [m.subject for m in mail.outbox] == ["Thông báo"]


class TestAdmin:
    def test_administrator_manages_units_in_vietnamese(self, world, client_for):
        client = client_for(world.user("administrator"))
        response = client.get(reverse("admin:registry_unit_changelist"), {"q": "gia van"})
        content = response.content.decode()
        assert response.status_code == 200
        assert "Xã Gia Vân" in content
        assert "Quản trị cổng điển hình tiên tiến" in content
        response = client.post(
            reverse("admin:registry_unit_add"),
            {
                "code": "37-SNGV",
                "name": "Sở Ngoại vụ",
                "short_name": "SNgV",
                "kind": world.dept_a.kind_id,
                "parent": world.province.pk,
                # The inline of the units that carried on from it: none.
                "successions_out-TOTAL_FORMS": "0",
                "successions_out-INITIAL_FORMS": "0",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        unit = Unit.objects.get(code="37-SNGV")
        assert unit.history.first().history_user == world.user("administrator")

    def test_administrator_creates_a_user_for_a_unit(self, world, client_for):
        client = client_for(world.user("administrator"))
        response = client.post(
            reverse("admin:registry_user_add"),
            {
                "username": "canbo.moi",
                "full_name": "Đỗ Thị Lan",
                "email": "lan@ninhbinh.example",
                "unit": world.dept_b.pk,
                "role": Role.UNIT_EDITOR,
                "usable_password": "true",
                "password1": "Tam-Coc-Bich-Dong-2026",
                "password2": "Tam-Coc-Bich-Dong-2026",
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        user = User.objects.get(username="canbo.moi")
        assert user.unit == world.dept_b
        assert not user.is_staff

    def test_administrator_role_opens_the_admin_and_nothing_more(self, world):
        admin_user = world.user("administrator")
        assert admin_user.is_staff
        assert not admin_user.is_superuser
        assert not world.user("home_affairs").is_staff


def test_env_example_is_a_deployable_configuration():
    """The documented production settings pass `check --deploy`."""
    import environ

    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    assert environ.Env.db_url_config(values["DATABASE_URL"])["ENGINE"].endswith("postgresql")
    values["DATABASE_URL"] = PRODUCTION_ENV["DATABASE_URL"]
    values["SECRET_KEY"] = PRODUCTION_ENV["SECRET_KEY"]
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=values)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_english_browser_still_gets_vietnamese_until_the_user_switches(world, client_for):
    client = client_for(world.user("editor_a"))
    content = client.get(reverse("registry:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Trang chủ" in content.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    content = client.get(reverse("registry:home"), HTTP_ACCEPT_LANGUAGE="vi")
    assert ">Home<" in content.content.decode()


def test_the_suite_runs_on_the_database_it_was_given(db):
    """CI's PostgreSQL run must really be on PostgreSQL, not fall back to SQLite."""
    from django.db import connection

    url = os.environ.get("DATABASE_URL", "sqlite://")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
