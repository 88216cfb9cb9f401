"""What campaigns adds to registry's pages and rules (``registry.extensions``)."""

from django.db import models

from registry import extensions
from registry import rules as perms


def media_reach(user):
    """A media editor also reaches the exemplars their unit's outlets covered."""
    if not (perms.is_media(user) and user.unit_id):
        return None
    from .models import Coverage

    covered = Coverage.exemplars.through.objects.filter(coverage__outlet__unit_id=user.unit_id)
    return models.Q(pk__in=covered.values("exemplar_id"))


def exemplar_page(*, user, exemplar) -> dict:
    from .selectors import exemplar_propagation

    return exemplar_propagation(user=user, exemplar=exemplar)


def register() -> None:
    extensions.exemplar_reach.register(media_reach)
    extensions.exemplar_page_context.register(exemplar_page)
    extensions.slots.add("exemplar_sections", "campaigns/partials/exemplar_propagation.html")
