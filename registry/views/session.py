"""Keeping a signed-in session alive from the idle warning (static/js/drafts.js)."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST


@never_cache
@require_POST
def keep_alive(request):
    """The user answered the idle warning: the session starts a new idle window.

    Login is required by the middleware, so an ended session gets the usual redirect to the
    login page, which the script reads as "the session has ended". A POST with the CSRF
    token, so that no other site can keep a session alive; nothing else is touched.
    """
    request.session.modified = True  # saved with a new expiry even without SAVE_EVERY_REQUEST
    return HttpResponse(status=204)
