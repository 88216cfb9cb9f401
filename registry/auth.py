"""Signing in: log-in names without case, passwords after Unicode normalisation, sessions
with an absolute lifetime beside the idle one, and the passwords Vietnamese users pick first.
"""

import time
import unicodedata
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from exemplar_portal.base.text import fold

# The key in the session that holds when the user signed in (seconds since the epoch).
SIGNED_IN_AT = "portal_signed_in_at"
# The key that holds when the session's idle window last started (seconds since the epoch).
REFRESHED_AT = "portal_refreshed_at"


def normalise_username(username: str | None) -> str:
    """One spelling per account: log-in names match without regard to case or Unicode form."""
    return unicodedata.normalize("NFKC", username or "").strip().casefold()


def axes_username(request, credentials) -> str:
    """The name django-axes counts failures on: ``T.pw2`` and ``t.pw2`` are one account."""
    if credentials and credentials.get("username") is not None:
        return normalise_username(credentials["username"])
    return normalise_username(request.POST.get("username") if request is not None else "")


def normalise_password(raw_password: str | None) -> str | None:
    """NFC form of a password, so that a passphrase typed with combining marks (as some
    Vietnamese keyboards send "ầ") is the same password as its precomposed form."""
    if raw_password is None:
        return None
    return unicodedata.normalize("NFC", raw_password)


class PortalArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id at OWASP's recommended minimum (m=19 MiB, t=2, p=1). Django's own defaults
    (100 MiB, eight lanes) cost about 240 ms of a core per check on a 2-core server; these
    cost about 30 ms. The stored hash carries its parameters, so a later change of them
    re-hashes each password at its owner's next login (``must_update``)."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1


@cache
def _common_vietnamese_passwords() -> frozenset[str]:
    path = Path(__file__).parent / "data" / "common_passwords_vi.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        _password_core(line) for line in lines if line.strip() and not line.startswith("#")
    )


def _password_core(password: str) -> str:
    """The password without case, tone marks, spaces or the digits and signs people add at
    the end to pass a length rule ("MatKhau@2025" → "matkhau")."""
    folded = fold(password).replace(" ", "")
    core = folded.rstrip("0123456789!@#$%^&*._-")
    return core or folded


class VietnameseCommonPasswordValidator:
    """Refuses the passwords Vietnamese users choose first ("matkhau123", "anhyeuem2024")."""

    def validate(self, password, user=None):
        if _password_core(password) in _common_vietnamese_passwords():
            raise ValidationError(
                _("This password is too common in Vietnam (for example “matkhau123”)."),
                code="password_too_common_vi",
            )

    def get_help_text(self):
        return _("Your password can't be a common Vietnamese password such as “matkhau123”.")


@receiver(user_logged_in)
def remember_sign_in_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


def _refresh_due(session, now: float) -> bool:
    last = session.get(REFRESHED_AT)
    return last is None or now - last >= settings.SESSION_REFRESH_INTERVAL


def idle_seconds_left(request) -> int:
    """Seconds until the session ends for want of activity, as of the end of this request:
    what the idle warning of the page counts down from (``static/js/drafts.js``)."""
    now = time.time()
    if _refresh_due(request.session, now):
        return settings.SESSION_COOKIE_AGE  # this request starts a new idle window
    elapsed = now - request.session[REFRESHED_AT]
    return max(0, int(settings.SESSION_COOKIE_AGE - elapsed))


class IdleSessionMiddleware:
    """Each request of a signed-in user starts a new idle window (SESSION_COOKIE_AGE), but
    the session is written for it at most once every SESSION_REFRESH_INTERVAL seconds.

    Django's SESSION_SAVE_EVERY_REQUEST would write the session, and commit, on every page
    view; here a page view within the interval writes nothing, so the idle timeout is kept
    to within that interval (a minute by default) at a fraction of the database's work. A
    session changed for another reason is written anyway, with a new window.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if session is not None and user is not None and user.is_authenticated:
            now = time.time()
            if session.modified or _refresh_due(session, now):
                session[REFRESHED_AT] = int(now)
        return response


class AbsoluteSessionLifetimeMiddleware:
    """Ends a session this long after signing in, however active it has been; the idle
    timeout (SESSION_COOKIE_AGE) ends it earlier when nobody uses it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT)
            lifetime = settings.SESSION_ABSOLUTE_LIFETIME
            if signed_in_at is None:
                # A session from before this rule: its lifetime starts now.
                request.session[SIGNED_IN_AT] = int(time.time())
            elif time.time() - signed_in_at > lifetime:
                logout(request)
                messages.info(
                    request,
                    _("Your session has ended after %(hours)s hours. Please sign in again.")
                    % {"hours": round(lifetime / 3600)},
                )
                from django.contrib.auth.views import redirect_to_login

                if request.method == "GET":
                    return redirect_to_login(request.get_full_path())
                # A form sent after the lifetime: back to the page it was sent from.
                referer = urlsplit(request.headers.get("Referer", ""))
                if referer.netloc == request.get_host() and referer.path:
                    back = referer.path + (f"?{referer.query}" if referer.query else "")
                    return redirect_to_login(back)
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)
