"""What every form of the portal shares: the layout's classes on each widget, empty choices
named in words, dates written dd/mm/yyyy, and the fields of a list's filters."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Django's empty choice (``BLANK_CHOICE_DASH``, ``ModelChoiceField.empty_label``), and what the
# portal says instead: "choose" where a choice is needed, "none" where none may be left.
DJANGO_BLANK = "---------"
CHOOSE = _("— Choose —")
CHOOSE_NONE = _("— None —")
# The placeholder of every date field: dates read and write day first (formats/vi).
DATE_PLACEHOLDER = _("dd/mm/yyyy")
DATE_FORMAT = "%d/%m/%Y"


def _name_the_blank(field: forms.Field) -> None:
    """Replace Django's "---------" by words, on a select of records or of fixed choices."""
    label = CHOOSE if field.required else CHOOSE_NONE
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_BLANK:
            field.empty_label = label
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
        choices = list(field.choices)
        if any(text == DJANGO_BLANK for value, text in choices if value in ("", None)):
            field.choices = [
                (value, label if value in ("", None) and text == DJANGO_BLANK else text)
                for value, text in choices
            ]


def _day_first(widget: forms.DateInput) -> None:
    """A date typed and shown as dd/mm/yyyy, with a placeholder that says so."""
    if widget.input_type != "text":
        return
    widget.format = DATE_FORMAT
    widget.attrs["placeholder"] = DATE_PLACEHOLDER
    widget.attrs.setdefault("inputmode", "numeric")
    widget.attrs.setdefault("autocomplete", "off")


class BootstrapFormMixin:
    """Give every widget the layout's classes, so templates render fields one way; selects
    name their empty choice in words and date fields read and write dd/mm/yyyy."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            _name_the_blank(field)
            if isinstance(widget, forms.DateInput):
                _day_first(widget)

    def not_after_today(self, name: str, message, code=None):
        """For a ``clean_<name>``: the date cleaned, or ``message`` as the field's error when
        it lies after today."""
        day = self.cleaned_data[name]
        if day and day > timezone.localdate():
            raise forms.ValidationError(message, code=code)
        return day

    def full_clean(self):
        super().full_clean()
        # Screen readers read a field's error with the field (see includes/form_field.html).
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                ids = [self[name].auto_id + "_errors"]
                if self.fields[name].help_text:
                    ids.append(self[name].auto_id + "_helptext")
                widget.attrs["aria-describedby"] = " ".join(ids)


class RemoveRowMixin:
    """A formset whose rows may be removed: the box says "Remove" and is drawn as a check."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"


def search_field(placeholder=None):
    """The free-text box of every list's filters (accent-insensitive where it is used)."""
    attrs = {"type": "search"}
    if placeholder:
        attrs["placeholder"] = placeholder
    return forms.CharField(
        label=_("Search"), required=False, max_length=100, widget=forms.TextInput(attrs=attrs)
    )


def choice_filter(label, everything, choices):
    """A list's filter on fixed choices; the empty first one (``everything``: "All kinds")
    filters nothing."""
    return forms.ChoiceField(label=label, required=False, choices=[("", everything), *choices])


def code_choice(label, queryset, empty_label, *, to_field_name="code"):
    """A list's filter choosing a record by its code ("?kind=xa" rather than a number), or by
    ``to_field_name``; the empty choice (``empty_label``: "All units") filters nothing."""
    return forms.ModelChoiceField(
        label=label,
        required=False,
        queryset=queryset,
        to_field_name=to_field_name,
        empty_label=empty_label,
    )


def text_box(label, *, rows, max_length=10000, **kwargs):
    """A free text written in a box of ``rows`` lines."""
    return forms.CharField(
        label=label, max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )
