"""Filters for long texts on records' pages."""

from django import template

register = template.Library()


@register.filter
def preview(value, length: int = 60):
    """The start of a long text, cut at the end of a word and marked "…"; a short text, or
    anything not a text, as it is. Compare the two to know whether it was cut."""
    if not isinstance(value, str) or len(value) <= length:
        return value
    cut = value[:length]
    space = cut.rfind(" ")
    if space > length // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:–-") + "…"
