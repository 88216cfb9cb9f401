"""Security events: one structured (JSON) log line each, and a row administrators read.

``record(kind, ...)`` is the one way to note an event; it takes the user, unit, address,
path and request id from the request being served (``RequestIdMiddleware`` keeps it), so
services deep below a view can call it too. Events: signing in and out, failed sign-ins and
lockouts (signals below), permission denied (``permission_denied``), a record asked for
out of the user's reach (``get_in_reach``), an import refused, a document issued, and
personal data viewed or exported.
"""

import contextvars
import logging
import re
import uuid

from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import DatabaseError, models
from django.dispatch import receiver
from django.views import defaults

from .auth import normalise_username

logger = logging.getLogger("portal.security")

_request: contextvars.ContextVar = contextvars.ContextVar("portal_request", default=None)
# An id a proxy sent along is kept when it looks like one; otherwise the portal makes one.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Gives each request an id (``X-Request-ID``), answered back and written on every
    security event, so that a log line, an event and a user's report can be matched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        token = _request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        response["X-Request-ID"] = request.id
        return response


def current_request():
    return _request.get()


def record(kind, *, request=None, user=None, username="", target=None, **detail):
    """Note a security event of ``kind`` (``SecurityEvent.Kind``); never fails the caller."""
    from .models import SecurityEvent

    request = request if request is not None else current_request()
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        user = candidate if candidate is not None and candidate.is_authenticated else None
    event = SecurityEvent(
        kind=kind,
        user=user,
        username=(user.get_username() if user is not None else username)[:150],
        unit_id=getattr(user, "unit_id", None),
        detail={key: value for key, value in detail.items() if value not in (None, "")},
    )
    if request is not None:
        event.address = get_client_ip_address(request) or None
        event.method = request.method or ""
        event.path = request.get_full_path()[:500]
        event.request_id = getattr(request, "id", "")
    if target is not None:
        event.target_type = target._meta.label_lower
        event.target_id = str(getattr(target, "code", "") or target.pk)[:64]
        event.target_label = str(target)[:255]
    logger.info(
        "security event %s",
        kind,
        extra={
            "event": str(kind),
            "user": event.username,
            "user_id": event.user_id,
            "unit": user.unit.code if getattr(user, "unit_id", None) else None,
            "address": event.address,
            "method": event.method,
            "path": event.path,
            "request_id": event.request_id,
            "target": f"{event.target_type}:{event.target_id}" if target is not None else None,
            "detail": event.detail,
        },
    )
    try:
        event.save()
    except DatabaseError:
        # The log line stands even when the database does not answer.
        logger.exception("Security event %s could not be stored", kind)
    return event


# Signing in and out ---------------------------------------------------------------------


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    from .models import SecurityEvent

    record(SecurityEvent.Kind.LOGIN, request=request, user=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    from .models import SecurityEvent

    if user is not None:
        record(SecurityEvent.Kind.LOGOUT, request=request, user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    from .models import SecurityEvent

    if request is None:
        return
    record(
        SecurityEvent.Kind.LOGIN_FAILED,
        request=request,
        username=normalise_username(credentials.get("username")),
    )


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    from .models import SecurityEvent

    record(SecurityEvent.Kind.LOCKOUT, request=request, username=normalise_username(username))


# Refusals ---------------------------------------------------------------------------------


def permission_denied(request, exception, template_name="403.html"):
    """Django's 403 page, with the refusal noted."""
    from .models import SecurityEvent

    record(SecurityEvent.Kind.PERMISSION_DENIED, request=request)
    return defaults.permission_denied(request, exception, template_name)


def out_of_reach(found: models.Model) -> None:
    """A record asked for outside the user's reach (``exemplar_portal.base.kit.get_in_reach``
    answers 404 and tells this)."""
    from .models import SecurityEvent

    record(SecurityEvent.Kind.OUT_OF_REACH, target=found)


def personal_data_viewed(target: models.Model, **detail):
    from .models import SecurityEvent

    record(SecurityEvent.Kind.PERSONAL_DATA_VIEWED, target=target, **detail)


def personal_data_exported(what: str, count: int, **detail):
    from .models import SecurityEvent

    record(SecurityEvent.Kind.PERSONAL_DATA_EXPORTED, what=what, count=count, **detail)
