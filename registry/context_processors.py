from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .enums import Role
from .navigation import menu_for


def navigation(request):
    """What the layout needs on every page: the current year, the user's role and menu."""
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user and user.is_authenticated else None
    unread = 0
    if role is not None:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {
        "current_year": timezone.localdate().year,
        "user_role_label": Role(role).label if role in Role.values else "",
        "unread_notifications": unread,
        # Worked out only when a page draws the menu, not for every partial.
        "main_menu": SimpleLazyObject(lambda: menu_for(request)),
    }
