from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers


class PrivatePagesMiddleware:
    """Pages for signed-in users carry personal data: no cache may keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
        return response


# The session's copy of the signed-in user's chosen language (``User.language``).
USER_LANGUAGE = "portal_user_language"


@receiver(user_logged_in)
def remember_chosen_language(sender, request, user, **kwargs):
    """A user who chose a language with the switcher finds it again on signing in from
    another browser (the switcher's cookie, where there is one, still decides)."""
    language = getattr(user, "language", "")
    if request is not None and hasattr(request, "session") and language:
        request.session[USER_LANGUAGE] = language


class PortalLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose another language with the switcher (its cookie, or
    on a browser without it the choice kept on the user's account).

    Django's own middleware follows the browser's Accept-Language, which would show English
    to every official whose browser happens to be set up in English.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES):
            # A browser that has never switched: the language the user chose elsewhere.
            session = getattr(request, "session", None)
            chosen = session.get(USER_LANGUAGE) if session is not None else None
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()
