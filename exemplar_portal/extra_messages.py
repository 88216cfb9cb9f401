"""Messages of Django itself whose Vietnamese translation Django lacks or has outdated.

Never imported at run time: ``makemessages`` reads this file so that the project's own
catalogue (which comes first in LOCALE_PATHS) carries these translations.
"""

from django.utils.translation import ngettext_lazy

MESSAGES = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Your password must contain at least %d character.",
        "Your password must contain at least %d characters.",
        "min_length",
    ),
]
