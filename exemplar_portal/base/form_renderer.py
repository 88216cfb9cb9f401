"""Form widgets drawn faster, with the same HTML.

Django draws a ``<select>`` through three templates: one for the select, one per option and
one for the attributes of each. A list's filter of seven selects with fifty options makes
about 110 template inclusions, a third of the time of a list page. ``PortalFormRenderer``
writes the select, its options and the plain inputs in Python, character for character as
Django's templates do (``tests/test_form_renderer.py`` compares both on every widget kind
the portal uses), and leaves every other widget to the templates.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _text(value) -> str:
    """``{{ value }}`` as a template writes it: localised, then escaped unless safe."""
    value = localize(value)
    if not issubclass(type(value), str):
        value = str(value)
    return conditional_escape(value)


def _as_string(value) -> str:
    """``{{ value|stringformat:'s' }}``: the value as a string, escaped unless safe."""
    return conditional_escape(value if issubclass(type(value), str) else str(value))


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``: ``False`` leaves an attribute out, ``True``
    writes it bare."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {_text(name)}")
        else:
            out.append(f' {_text(name)}="{_as_string(value)}"')
    return "".join(out)


def _option(option: dict) -> str:
    """``django/forms/widgets/select_option.html``."""
    return (
        f'<option value="{_as_string(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>"
    )


def _select(widget: dict) -> str:
    """``django/forms/widgets/select.html`` (single and multiple)."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != "django/forms/widgets/select_option.html":
                raise _Fallback
            # The option's own template ends with a newline, kept by the inclusion.
            parts.append(f"\n  {_option(option)}\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _input(widget: dict) -> str:
    """``django/forms/widgets/input.html`` and the templates that only include it."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_as_string(value)}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


class _Fallback(Exception):
    """The widget is not one drawn here after all: let its template draw it."""


# The input templates that only include input.html.
INPUTS = ("input", "text", "number", "email", "url", "hidden", "password", "date", "search")
DRAWN = {
    "django/forms/widgets/select.html": _select,
    **{f"django/forms/widgets/{kind}.html": _input for kind in INPUTS},
}


class PortalFormRenderer(DjangoTemplates):
    """Django's default form renderer, with the select and the plain inputs drawn in Python.

    A template of the project or an app that overrides one of those widget templates
    takes precedence: the widget is then drawn by its template, as before.
    """

    def render(self, template_name, context, request=None):
        draw = DRAWN.get(template_name)
        if draw is not None and template_name not in self.overridden:
            try:
                # Stripped, as the template renderer strips what a template gave.
                return mark_safe(draw(context["widget"]).strip())  # noqa: S308 - escaped
            except _Fallback:
                pass
        return super().render(template_name, context, request=request)

    @property
    def overridden(self) -> frozenset[str]:
        """Widget templates that some other template directory replaces."""
        cached = getattr(self, "_overridden", None)
        if cached is None:
            from django.template import TemplateDoesNotExist

            found = set()
            for name in DRAWN:
                try:
                    origin = self.get_template(name).origin.name
                except TemplateDoesNotExist:
                    continue
                if "django/forms/templates/" not in origin.replace("\\", "/"):
                    found.add(name)
            cached = self._overridden = frozenset(found)
        return cached
