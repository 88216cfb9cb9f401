"""What reports adds to registry's pages and rules (``registry.extensions``)."""

from django.db import models

from registry import extensions
from registry import rules as perms


def media_reach(user):
    """A media editor also reaches the exemplars Home Affairs introduced to their outlets."""
    if not (perms.is_media(user) and user.unit_id):
        return None
    from .models import MediaIntroduction

    introduced = MediaIntroduction.objects.filter(outlet__unit_id=user.unit_id)
    return models.Q(pk__in=introduced.values("exemplar_id"))


def exemplar_page(*, user, exemplar) -> dict:
    from .selectors import exemplar_awards

    return exemplar_awards(user=user, exemplar=exemplar)


def exemplar_history(*, user, exemplar) -> dict:
    from .views.history import subject_history_summary

    return subject_history_summary(user=user, exemplar=exemplar)


def register() -> None:
    extensions.exemplar_reach.register(media_reach)
    extensions.exemplar_page_context.register(exemplar_page)
    extensions.exemplar_page_context.register(exemplar_history)
    extensions.slots.add("exemplar_actions", "reports/document_buttons_exemplar.html")
    extensions.slots.add("exemplar_sections", "reports/partials/exemplar_awards.html")
    extensions.slots.add("exemplar_sections", "reports/partials/exemplar_history.html")
    extensions.slots.add("unit_actions", "reports/document_buttons_unit.html")
    extensions.slots.add("quota_actions", "reports/document_buttons_quota.html")
