from django import template
from django.utils.safestring import mark_safe

from ..extensions import slots

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name):
    """Draws, with the page's context, each template the apps above added at ``name``
    (``registry.extensions.slots``)."""
    engine = context.template.engine
    return mark_safe(  # noqa: S308 - templates of the portal's own apps, autoescaped
        "".join(engine.get_template(name_).render(context) for name_ in slots.templates(name))
    )
