"""Nothing typed is lost to a session timeout (static/js/drafts.js).

A form marked ``data-keep-draft`` keeps a draft of its fields in the browser while the user
types. The draft outlives a session that ends: the form's post then bounces to the login
page, and after signing in again the form offers to restore it. Only a successful save ends
the draft: the view calls :func:`draft_saved`, and the page shown after its redirect tells
the script which forms' drafts to drop. A post that fails validation or bounces to the
login page keeps the draft.

Every page of a signed-in user also carries the idle timeout, so that the script warns a
minute before the session ends and offers to keep it alive (``views.session.keep_alive``).
"""

import json

from django.utils.functional import SimpleLazyObject

from .auth import idle_seconds_left

# The session key holding the paths of the forms saved since the last page was shown.
SAVED_DRAFTS = "portal_saved_drafts"


def draft_saved(request, path: str | None = None) -> None:
    """The form at ``path`` (by default the one just posted) is saved: the next page the
    user sees tells the browser to drop its draft."""
    saved = request.session.get(SAVED_DRAFTS, [])
    path = path or request.path
    if path not in saved:
        request.session[SAVED_DRAFTS] = [*saved, path]


def _pop_saved_drafts(request) -> str:
    return json.dumps(request.session.pop(SAVED_DRAFTS, []))


def session_page(request) -> dict:
    """What the layout puts on ``<body>`` for the script: the idle timeout, and the forms
    whose drafts to drop (read, and so forgotten, only by a page that shows the layout, not
    by an htmx fragment)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return {}
    return {
        "session_idle_timeout": idle_seconds_left(request),
        "saved_drafts": SimpleLazyObject(lambda: _pop_saved_drafts(request)),
    }
