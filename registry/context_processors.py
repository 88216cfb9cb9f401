from django.utils import timezone

from .enums import Role


def navigation(request):
    """What the layout needs on every page: the current year and the user's role flags."""
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user and user.is_authenticated else None
    unread = 0
    if role is not None:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {
        "current_year": timezone.localdate().year,
        "user_role_label": Role(role).label if role in Role.values else "",
        "unread_notifications": unread,
    }
