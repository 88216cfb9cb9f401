"""Answers about the portal itself: health for monitoring, and a calm 503 while the
database is away instead of a 500 that looks like a fault of ours."""

import logging
import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

# Django's own errors and, raised past Django's wrapper, the driver's.
_UNREACHABLE: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)
try:
    import psycopg

    _UNREACHABLE += (psycopg.OperationalError, psycopg.InterfaceError)
except ImportError:  # SQLite only
    pass

# Seconds after which a browser or a load balancer may try again.
RETRY_AFTER = 30


def database_unavailable() -> HttpResponse:
    """The "try again shortly" page, drawn without a database (no request context)."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def _database_away(error: BaseException | None) -> bool:
    """Whether ``error``, or what it was raised from (a session that could not be saved
    becomes ``SessionInterrupted``; closing a cursor on a dead connection raises the
    driver's own error), is the database not answering."""
    seen = 0
    while error is not None and seen < 8:
        if isinstance(error, _UNREACHABLE):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def server_error(request, template_name="500.html"):
    """Django's 500 page, except when the database cannot be reached: then 503 with
    Retry-After, because waiting is all the user can do and it passes by itself."""
    error = sys.exc_info()[1]
    if _database_away(error):
        logger.warning("Database unreachable while serving %s: %s", request.path, error)
        return database_unavailable()
    return defaults.server_error(request, template_name)


def bad_request(request, exception, template_name="400.html"):
    """Django's 400 page, except for a session the database could not save: 503."""
    if _database_away(exception):
        logger.warning("Database unreachable while serving %s: %s", request.path, exception)
        return database_unavailable()
    return defaults.bad_request(request, exception, template_name)


@login_not_required
def health(request):
    """For the load balancer and monitoring: the app answers and the database too."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("Health check: database unreachable: %s", error)
        response = HttpResponse("database unavailable", content_type="text/plain", status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    return HttpResponse("ok", content_type="text/plain")
