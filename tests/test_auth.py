"""Logging in and out, passwords, lockout, sessions, and the anonymous sweep of every URL."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

pytestmark = pytest.mark.integration

# Pages anyone may open: signing in, resetting a password, the language switch, health.
PUBLIC_URL_NAMES = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "health",
    "admin:login",
    "admin:logout",
    "admin:password_reset",
    "admin:jsi18n",
    "admin:view_on_site",
}


def _all_urls(resolver=None, prefix="", namespace=None):
    """Every URL the project serves, with sample arguments filled in."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if entry.namespace and namespace:
                ns = f"{namespace}:{entry.namespace}"
            yield from _all_urls(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            route = prefix + str(entry.pattern)
            route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: "1" if "id" in m[1] else "37", route)
            route = route.replace("^", "").replace("$", "").replace("\\Z", "")
            if re.search(r"[()\[\]?*+\\]", route):
                # A regex route of the admin (e.g. the app index): use its name instead.
                continue
            yield name, "/" + route


@pytest.mark.parametrize(("name", "url"), sorted(set(_all_urls()), key=lambda x: x[1]))
def test_every_url_asks_an_anonymous_visitor_to_log_in(client, db, name, url):
    response = client.get(url)
    if name in PUBLIC_URL_NAMES:
        assert response.status_code in {200, 302, 404, 405}
        return
    assert response.status_code in {302, 403}, (name, url, response.status_code)
    if response.status_code == 302:
        location = response["Location"]
        assert location.startswith((reverse("login"), reverse("admin:login"))), location


def test_health_answers_without_login(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.content == b"ok"


class TestLogin:
    def test_login_rotates_the_session_key(self, world, client, password):
        client.get(reverse("login"))
        client.session.save()
        before = client.session.session_key
        response = client.post(reverse("login"), {"username": "editor_a", "password": password})
        assert response.status_code == 302
        assert response["Location"] == reverse("registry:home")
        assert client.session.session_key != before

    def test_user_names_are_not_case_sensitive(self, world, client, password):
        response = client.post(reverse("login"), {"username": "Editor_A", "password": password})
        assert response.status_code == 302

    def test_wrong_password_says_so_in_vietnamese_and_keeps_the_name(self, world, client):
        response = client.post(reverse("login"), {"username": "editor_a", "password": "sai"})
        assert response.status_code == 200
        content = response.content.decode()
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in content
        assert 'value="editor_a"' in content

    def test_lockout_after_repeated_failures(self, world, client, password):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(reverse("login"), {"username": "editor_a", "password": "sai-mat-khau"})
        response = client.post(reverse("login"), {"username": "editor_a", "password": password})
        assert response.status_code == 429
        assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_lockout_of_one_account_leaves_others_alone(self, world, client, password):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(reverse("login"), {"username": "editor_a", "password": "sai-mat-khau"})
        response = client.post(reverse("login"), {"username": "editor_b", "password": password})
        assert response.status_code == 302

    def test_logout_needs_a_post_and_ends_the_session(self, world, client_for):
        client = client_for(world.user("editor_a"))
        assert client.get(reverse("logout")).status_code == 405
        response = client.post(reverse("logout"))
        assert response.status_code == 302
        assert client.get(reverse("registry:home")).status_code == 302

    def test_a_signed_in_user_opening_login_goes_home(self, world, client_for):
        response = client_for(world.user("editor_a")).get(reverse("login"))
        assert response.status_code == 302
        assert response["Location"] == reverse("registry:home")


class TestSessions:
    def test_session_expires_after_the_idle_timeout(self, world, client, password):
        client.post(reverse("login"), {"username": "editor_a", "password": password})
        session = Session.objects.get(session_key=client.session.session_key)
        remaining = session.expire_date - timezone.now()
        assert abs(remaining.total_seconds() - settings.SESSION_COOKIE_AGE) < 60
        session.expire_date = timezone.now() - timedelta(seconds=1)
        session.save()
        response = client.get(reverse("registry:home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))

    def test_a_request_after_the_refresh_interval_extends_the_idle_window(
        self, world, client, password
    ):
        import time

        from registry.auth import REFRESHED_AT

        client.post(reverse("login"), {"username": "editor_a", "password": password})
        session = client.session
        session[REFRESHED_AT] = int(time.time()) - settings.SESSION_REFRESH_INTERVAL - 1
        session.save()
        key = session.session_key
        Session.objects.filter(session_key=key).update(
            expire_date=timezone.now() + timedelta(seconds=30)
        )
        assert client.get(reverse("registry:home")).status_code == 200
        session = Session.objects.get(session_key=key)
        assert session.expire_date > timezone.now() + timedelta(
            seconds=settings.SESSION_COOKIE_AGE - 60
        )

    def test_a_page_view_within_the_interval_writes_no_session(self, world, client, password):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.post(reverse("login"), {"username": "editor_a", "password": password})
        key = client.session.session_key
        before = Session.objects.get(session_key=key).expire_date
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("registry:home")).status_code == 200
        writes = [q["sql"] for q in queries if "django_session" in q["sql"]]
        assert writes and all(sql.lstrip().startswith("SELECT") for sql in writes), writes
        assert Session.objects.get(session_key=key).expire_date == before

    def test_the_page_counts_down_from_what_is_left_of_the_window(self, world, client, password):
        import time

        from registry.auth import REFRESHED_AT

        client.post(reverse("login"), {"username": "editor_a", "password": password})
        session = client.session
        session[REFRESHED_AT] = int(time.time()) - 40
        session.save()
        body = client.get(reverse("registry:home")).content.decode()
        left = int(re.search(r'data-session-timeout="(\d+)"', body).group(1))
        assert settings.SESSION_COOKIE_AGE - 45 <= left <= settings.SESSION_COOKIE_AGE - 40

    def test_signed_in_pages_are_never_cached(self, world, client_for):
        response = client_for(world.user("editor_a")).get(reverse("registry:home"))
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


class TestPasswords:
    def test_change_password_enforces_the_validators(self, world, client_for, password):
        client = client_for(world.user("editor_a"))
        response = client.post(
            reverse("password_change"),
            {"old_password": password, "new_password1": "12345678", "new_password2": "12345678"},
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert "Mật khẩu quá ngắn" in content
        assert "Mật khẩu này hoàn toàn là số" in content

    def test_change_password_keeps_the_user_signed_in(self, world, client_for, password):
        client = client_for(world.user("editor_a"))
        new = "Hoa-sen-Trang-An-2026"
        response = client.post(
            reverse("password_change"),
            {"old_password": password, "new_password1": new, "new_password2": new},
        )
        assert response.status_code == 302
        assert client.get(reverse("registry:home")).status_code == 200
        world.user("editor_a").refresh_from_db()
        assert world.user("editor_a").check_password(new)

    def test_reset_sends_a_working_link_by_mail(self, world, client):
        response = client.post(reverse("password_reset"), {"email": "editor_a@ninhbinh.example"})
        assert response.status_code == 302
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["editor_a@ninhbinh.example"]
        assert "Đặt lại mật khẩu" in message.subject
        link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", message.body)[1]
        response = client.get(link, follow=True)
        assert response.context["validlink"]
        new = "Non-nuoc-Ninh-Binh-2026"
        response = client.post(
            response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
        )
        assert response.status_code == 302
        world.user("editor_a").refresh_from_db()
        assert world.user("editor_a").check_password(new)

    def test_reset_for_an_unknown_address_reveals_nothing(self, world, client):
        response = client.post(reverse("password_reset"), {"email": "khong-co@ninhbinh.example"})
        assert response.status_code == 302
        assert mail.outbox == []


class TestHardenedSignIn:
    """Lockout, names and passwords as a hostile or unlucky user meets them."""

    def _fail(self, client, username, times):
        for _ in range(times):
            client.post(reverse("login"), {"username": username, "password": "sai-mat-khau"})

    def test_failures_count_on_the_name_whatever_its_case(self, world, client, password):
        self._fail(client, "editor_a", settings.AXES_FAILURE_LIMIT - 2)
        self._fail(client, "EDITOR_A", 1)
        self._fail(client, "Editor_A", 1)
        response = client.post(reverse("login"), {"username": "eDiToR_a", "password": password})
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session

    def test_a_right_password_under_another_case_does_not_lift_a_lock(
        self, world, client, password
    ):
        self._fail(client, "editor_a", settings.AXES_FAILURE_LIMIT)
        assert (
            client.post(
                reverse("login"), {"username": "EDITOR_A", "password": password}
            ).status_code
            == 429
        )
        assert (
            client.post(
                reverse("login"), {"username": "editor_a", "password": password}
            ).status_code
            == 429
        )

    def test_a_name_differing_only_in_case_cannot_be_created(self, world):
        from django.db import IntegrityError, transaction

        from registry.models import User

        with pytest.raises(IntegrityError), transaction.atomic():
            User.objects.create(username="EDITOR_A", unit=world.user("editor_a").unit)

    def test_the_admin_refuses_a_rename_to_another_case_of_a_taken_name(self, world, client_for):
        from django.core.exceptions import ValidationError

        other = world.user("editor_b")
        other.username = "Editor_A"
        with pytest.raises(ValidationError) as caught:
            other.full_clean()
        assert "đã có người dùng với tên đăng nhập này" in str(caught.value).lower()

        admin = client_for(world.user("administrator"))
        url = reverse("admin:registry_user_change", args=[other.pk])
        page = admin.get(url)
        assert page.status_code == 200
        form = page.context["adminform"].form
        data = {
            key: value
            for key, value in form.initial.items()
            if value is not None and not isinstance(value, list | tuple)
        }
        data.update(
            {
                "username": "EDITOR_A",
                "unit": other.unit_id,
                "date_joined_0": "01/01/2026",
                "date_joined_1": "08:00:00",
            }
        )
        response = admin.post(url, data)
        assert response.status_code == 200
        other.refresh_from_db()
        assert other.username == "editor_b"
        assert client_for(world.user("editor_a")).get(reverse("registry:home")).status_code == 200

    def test_a_passphrase_typed_in_decomposed_form_signs_in(self, world, client):
        import unicodedata

        user = world.user("editor_a")
        passphrase = "Hồ sơ điển hình tiên tiến năm 2026"
        user.set_password(passphrase)
        user.save()
        decomposed = unicodedata.normalize("NFD", passphrase)
        assert decomposed != passphrase
        response = client.post(reverse("login"), {"username": "editor_a", "password": decomposed})
        assert response.status_code == 302

    def test_a_password_stored_before_normalisation_still_works_and_is_upgraded(self, world):
        import unicodedata

        from django.contrib.auth.hashers import make_password

        user = world.user("editor_a")
        decomposed = unicodedata.normalize("NFD", "Mật khẩu rất dài của tôi")
        user.password = make_password(decomposed)
        user.save()
        assert user.check_password(decomposed)
        user.refresh_from_db()
        assert user.check_password(unicodedata.normalize("NFC", decomposed))

    @pytest.mark.parametrize(
        "weak", ["matkhau123", "MatKhau@2025", "Mật khẩu 2026", "anhyeuem2024", "NinhBinh1234"]
    )
    def test_common_vietnamese_passwords_are_refused(self, world, weak):
        from django.contrib.auth.password_validation import validate_password
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError) as caught:
            validate_password(weak, world.user("editor_a"))
        assert "password_too_common_vi" in [e.code for e in caught.value.error_list]

    def test_a_long_own_passphrase_is_accepted(self, world):
        from django.contrib.auth.password_validation import validate_password

        validate_password("Đồng lúa Gia Viễn mùa gặt 2026", world.user("editor_a"))

    def test_changing_to_a_common_password_says_why_in_vietnamese(
        self, world, client_for, password
    ):
        client = client_for(world.user("editor_a"))
        response = client.post(
            reverse("password_change"),
            {
                "old_password": password,
                "new_password1": "matkhau12345",
                "new_password2": "matkhau12345",
            },
        )
        assert response.status_code == 200
        assert "quá phổ biến" in response.content.decode()

    def test_every_answer_carries_a_permissions_policy(self, world, client):
        header = client.get(reverse("login"))["Permissions-Policy"]
        assert "camera=()" in header
        assert "geolocation=()" in header
        assert "microphone=()" in header

    def test_a_session_ends_at_its_absolute_lifetime_however_busy(self, world, client, password):
        import time

        from registry.auth import SIGNED_IN_AT

        client.post(reverse("login"), {"username": "editor_a", "password": password})
        assert client.get(reverse("registry:home")).status_code == 200
        session = client.session
        assert session[SIGNED_IN_AT] <= time.time()
        session[SIGNED_IN_AT] = int(time.time()) - settings.SESSION_ABSOLUTE_LIFETIME - 1
        session.save()
        response = client.get(reverse("registry:home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        assert "next=" in response["Location"]
        assert "_auth_user_id" not in client.session
        page = client.get(response["Location"])
        assert "Phiên làm việc đã kết thúc sau 12 giờ" in page.content.decode()

    def test_a_form_sent_after_the_lifetime_leads_back_to_its_page(self, world, client, password):
        import time

        from registry.auth import SIGNED_IN_AT

        client.post(reverse("login"), {"username": "editor_a", "password": password})
        session = client.session
        session[SIGNED_IN_AT] = int(time.time()) - settings.SESSION_ABSOLUTE_LIFETIME - 1
        session.save()
        form = reverse("registry:exemplar_create")
        response = client.post(form, {"year": 2025}, HTTP_REFERER=f"http://testserver{form}")
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={form}"


class TestSecretKey:
    """The portal refuses to start with DEBUG off on a missing or public key."""

    def _import_settings(self, **env):
        import os
        import subprocess
        import sys

        clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
        clean["SECRET_KEY_FILE"] = "/nonexistent/.secret-key"
        clean.update(env)
        return subprocess.run(
            [sys.executable, "-c", "import exemplar_portal.settings"],
            env=clean,
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
            check=False,
        )

    @pytest.mark.parametrize(
        "env",
        [
            {"DEBUG": "0"},
            {"DEBUG": "0", "SECRET_KEY": "change-me-to-a-long-random-string"},
            {"DEBUG": "0", "SECRET_KEY": "django-insecure-exemplar-portal-development-only"},
        ],
    )
    def test_refuses_to_start_without_a_key_of_its_own(self, env):
        result = self._import_settings(**env)
        assert result.returncode != 0
        assert "SECRET_KEY chưa được đặt" in result.stderr

    def test_starts_with_a_key_or_in_debug(self, tmp_path):
        assert self._import_settings(DEBUG="0", SECRET_KEY="x" * 50).returncode == 0
        assert self._import_settings(DEBUG="1").returncode == 0
        key_file = tmp_path / ".secret-key"
        key_file.write_text("k" * 50 + "\n")
        assert self._import_settings(DEBUG="0", SECRET_KEY_FILE=str(key_file)).returncode == 0


class TestPasswordHashing:
    """Production hashes with Argon2id at OWASP's parameters; older PBKDF2 hashes still sign
    in and are re-made with Argon2id (the suite itself hashes with MD5 for speed)."""

    PRODUCTION = [
        "registry.auth.PortalArgon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]

    def test_production_settings_put_argon2id_first(self):
        from exemplar_portal import settings as production

        assert production.PASSWORD_HASHERS[0] == "registry.auth.PortalArgon2PasswordHasher"
        assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in production.PASSWORD_HASHERS

    def test_a_new_password_is_argon2id_with_owasp_parameters(self, settings):
        from django.contrib.auth.hashers import check_password, make_password

        settings.PASSWORD_HASHERS = self.PRODUCTION
        encoded = make_password("Đồng lúa Gia Viễn mùa gặt 2026")
        assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$"), encoded
        assert check_password("Đồng lúa Gia Viễn mùa gặt 2026", encoded)
        assert not check_password("Đồng lúa Gia Viễn mùa gặt 2025", encoded)

    def test_a_pbkdf2_password_signs_in_and_is_rehashed(self, settings, world, client):
        from django.contrib.auth.hashers import PBKDF2PasswordHasher

        settings.PASSWORD_HASHERS = self.PRODUCTION
        user = world.user("editor_a")
        passphrase = "Hồ sơ điển hình tiên tiến 2026"
        user.password = PBKDF2PasswordHasher().encode(passphrase, "saltsaltsalt", iterations=1000)
        user.save()
        response = client.post(reverse("login"), {"username": "editor_a", "password": passphrase})
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
        assert user.check_password(passphrase)
