from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CatalogueVersion, UnitKind
from .tasks import send_portal_mail


class BootstrapFormMixin:
    """Give every widget the layout's classes, so templates render fields one way."""

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


class LoginForm(BootstrapFormMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        # Log-in names are not case-sensitive here; only passwords are.
        "invalid_login": _(
            "The log-in name or the password is wrong. Passwords are case-sensitive."
        ),
    }


class PortalPasswordChangeForm(BootstrapFormMixin, PasswordChangeForm):
    pass


class PortalSetPasswordForm(BootstrapFormMixin, SetPasswordForm):
    pass


class QueuedPasswordResetForm(BootstrapFormMixin, PasswordResetForm):
    """Django's reset form, with the mail handed to the background worker."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_portal_mail.enqueue(subject=subject, body=body, to=[to_email])


def _year_choices():
    this_year = timezone.localdate().year
    return [("", _("All years")), *[(y, str(y)) for y in range(this_year + 1, 2022, -1)]]


class UnitFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"placeholder": _("Name or code, with or without accents"), "type": "search"}
        ),
    )
    kind = forms.ModelChoiceField(
        label=_("Unit kind"),
        queryset=UnitKind.objects.all(),
        required=False,
        to_field_name="code",
        empty_label=_("All kinds"),
    )
    year = forms.TypedChoiceField(
        label=_("Active in year"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices()


class CatalogueVersionForm(BootstrapFormMixin, forms.Form):
    version = forms.ModelChoiceField(
        label=_("Catalogue version"),
        queryset=CatalogueVersion.objects.filter(published=True),
        to_field_name="code",
        required=False,
        empty_label=None,
    )


class YearForm(BootstrapFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices()[1:]
