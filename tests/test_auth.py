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

    def test_each_request_extends_the_idle_window(self, world, client, password):
        client.post(reverse("login"), {"username": "editor_a", "password": password})
        key = client.session.session_key
        Session.objects.filter(session_key=key).update(
            expire_date=timezone.now() + timedelta(seconds=30)
        )
        assert client.get(reverse("registry:home")).status_code == 200
        session = Session.objects.get(session_key=key)
        assert session.expire_date > timezone.now() + timedelta(
            seconds=settings.SESSION_COOKIE_AGE - 60
        )

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
