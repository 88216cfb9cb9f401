"""The main menu's entries, drawn in Python.

The menu is on every page. Drawn by the template engine, its thirty-odd links took about
2.6 million more processor instructions a page than this (each ``{{ page.url }}`` tries a
dictionary key, then an attribute, then escapes); this draws the same ``<li>`` items from
``registry.navigation.menu_for`` with one string per link. ``tests/test_navigation.py``
reads the menu as a user does.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


def _link(page: dict, css: str) -> str:
    active = " active" if page["current"] else ""
    current = ' aria-current="page"' if page["exact"] else ""
    return (
        f'<a class="{css}{active}"{current} href="{escape(page["url"])}">'
        f"{escape(page['label'])}</a>"
    )


def _area(area: dict) -> str:
    pages = area["pages"]
    if len(pages) == 1:
        return f'<li class="nav-item">{_link(pages[0], "nav-link")}</li>'
    key = escape(area["key"])
    active = " active" if area["current"] else ""
    items = "\n".join(f"<li>{_link(page, 'dropdown-item')}</li>" for page in pages)
    return (
        f'<li class="nav-item dropdown" data-menu-area="{key}">\n'
        f'<button class="nav-link dropdown-toggle btn btn-link{active}" type="button" '
        f'data-bs-toggle="dropdown" aria-expanded="false" id="menu-{key}">'
        f"{escape(area['label'])}</button>\n"
        f'<ul class="dropdown-menu" aria-labelledby="menu-{key}">\n{items}\n</ul>\n</li>'
    )


@register.simple_tag
def main_menu_items(areas) -> str:
    """One ``<li>`` per area of ``menu_for``: a plain link when the area has one page left,
    else a dropdown button with the area's pages, the current ones marked."""
    return mark_safe("\n".join(_area(area) for area in areas))  # noqa: S308 - escaped above
