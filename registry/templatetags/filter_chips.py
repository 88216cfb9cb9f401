"""The filters a list is narrowed by, as chips that each remove one of them.

``{% active_filters filter_form as chips %}`` in templates/includes/filter_panel.html: one chip
per filled field of the list's filter form, its label, the value as the user chose it (the
option's text, not its code) and the address of the same list without it. The sort order is
not a filter and shows no chip.
"""

from django import forms, template
from django.utils.encoding import force_str

register = template.Library()

NOT_FILTERS = {"sort", "page"}


def _choice_labels(choices) -> dict[str, str]:
    """Every option of a field, optgroups flattened: value → text."""
    labels = {}
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            labels.update(_choice_labels(label))
        else:
            labels[force_str(getattr(value, "value", value))] = force_str(label)
    return labels


def _shown(form: forms.Form, name: str, values: list[str]) -> str:
    """The value as the list's form shows it: an option's text, a record's name."""
    field = form.fields[name]
    cleaned = form.cleaned_data.get(name) if name not in form.errors else None
    if isinstance(field, forms.ModelMultipleChoiceField) and cleaned is not None:
        return ", ".join(field.label_from_instance(obj) for obj in cleaned)
    if isinstance(field, forms.ModelChoiceField) and cleaned is not None:
        return field.label_from_instance(cleaned)
    if isinstance(field, forms.BooleanField):
        return ""
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        labels = _choice_labels(field.choices)
        return ", ".join(labels.get(value, value) for value in values)
    return ", ".join(values)


@register.simple_tag(takes_context=True)
def active_filters(context, form) -> list[dict]:
    request = context.get("request")
    if form is None or request is None or not form.is_bound:
        return []
    form.is_valid()  # the list's view has cleaned it already: this only reads the result
    chips = []
    for name, field in form.fields.items():
        if name in NOT_FILTERS or field.widget.is_hidden:
            continue
        key = form.add_prefix(name)
        values = [v for v in request.GET.getlist(key) if v.strip()]
        if not values:
            continue
        rest = request.GET.copy()
        rest.pop(key, None)
        rest.pop("page", None)
        query = rest.urlencode()
        chips.append(
            {
                "name": name,
                "label": force_str(field.label or name),
                "value": _shown(form, name, values),
                "remove_url": f"{request.path}?{query}" if query else request.path,
            }
        )
    return chips


@register.simple_tag(takes_context=True)
def without_filters(context, form) -> str:
    """The list with none of its filters (the sort order kept)."""
    request = context["request"]
    kept = request.GET.copy()
    for name in list(kept):
        if name != "sort":
            kept.pop(name)
    query = kept.urlencode()
    return f"{request.path}?{query}" if query else request.path
