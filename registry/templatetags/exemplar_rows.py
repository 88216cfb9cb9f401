"""The rows of the exemplar list's table, drawn in Python.

The list is the page drawn most (a fifth of the web workers' processor time under load);
drawn by the template engine, each row took about 180 µs, fifteen variable lookups that
each try a dictionary key before the attribute. This draws the same cells with one
``format_html`` per row; ``tests/test_exemplar_list_filters.py`` reads them as a user does.
"""

from django import template
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from .status import status_badge

register = template.Library()

ROW = (
    '<tr><td><a href="{}">{}</a>{}</td>'
    '<td data-label="{}">{}</td>'
    '<td class="d-none d-md-table-cell" data-label="{}">{}</td>'
    '<td data-label="{}">{}</td>'
    '<td class="d-none d-lg-table-cell" data-label="{}">{}</td>'
    '<td data-label="{}">{}</td></tr>'
)


@register.simple_tag
def exemplar_rows(exemplars):
    """``<tr>`` per exemplar: its name linking to its page (with the "new factor" badge),
    subject, unit, year, field and status; each cell labelled for the narrow screen's cards
    (``data-label``, ``.table-cards`` in ``static/css/portal.css``)."""
    subject, unit, year, field, status = (
        gettext("Subject"),
        gettext("Unit"),
        gettext("Year"),
        gettext("Field"),
        gettext("Status"),
    )
    new_factor = format_html(' <span class="badge text-bg-info">{}</span>', gettext("new factor"))
    return format_html_join(
        "\n",
        ROW,
        (
            (
                exemplar.get_absolute_url(),
                exemplar.subject_name or exemplar.code,
                new_factor if exemplar.is_new_factor else "",
                subject,
                exemplar.get_subject_kind_display(),
                unit,
                exemplar.unit.short_name or exemplar.unit.name,
                year,
                localize(exemplar.year),
                field,
                exemplar.field.label,
                status,
                status_badge(exemplar),
            )
            for exemplar in exemplars
        ),
    )
