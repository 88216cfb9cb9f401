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
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .text import fold

# The key in the session that holds when the user signed in (seconds since the epoch).
SIGNED_IN_AT = "portal_signed_in_at"


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
