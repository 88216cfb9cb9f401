"""Keeping a signed-in session alive from the idle warning (static/js/drafts.js), and the
language switcher."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
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


@login_not_required
def set_language(request):
    """Django's language switch (the cookie that picks the pages' language) which also keeps
    a signed-in user's choice on their account: notifications and e-mails are written in it.
    """
    from django.views.i18n import set_language as switch

    response = switch(request)
    chosen = request.POST.get("language", "")
    user = request.user
    if (
        request.method == "POST"
        and user.is_authenticated
        and chosen in dict(settings.LANGUAGES)
        and user.language != chosen
    ):
        user.language = chosen
        user.save(update_fields=["language"])
    return response
