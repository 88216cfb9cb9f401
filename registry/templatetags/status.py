"""The status badge of a record, drawn in Python: lists draw one per row, and an
inclusion costs about ten times as much as the few characters it writes."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def status_badge(record):
    """``<span class="badge status-…">`` with the record's status in the reader's language
    (styled per status in ``static/css/portal.css``)."""
    return format_html(
        '<span class="badge status-{}">{}</span>', record.status, record.get_status_display()
    )
