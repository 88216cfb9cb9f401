"""Filters of the printed documents."""

import datetime

from django import template

register = template.Library()


@register.filter
def doc_cell(value):
    """A table cell as a document shows it: dates as dd/mm/yyyy, nothing for None."""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if value is None:
        return ""
    return value


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template, or nothing."""
    return mapping.get(key) if hasattr(mapping, "get") else None
