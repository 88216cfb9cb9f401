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


def _years():
    this_year = timezone.localdate().year
    return [(y, str(y)) for y in range(this_year + 1, 2022, -1)]


def _year_choices():
    return [("", _("All years")), *_years()]


def year_field(label=None, *, optional=True):
    """A year of the portal's life; the list is computed each time a form is built."""
    label = label or _("Year")
    if optional:
        return forms.TypedChoiceField(
            label=label, required=False, coerce=int, empty_value=None, choices=_year_choices
        )
    return forms.TypedChoiceField(
        label=label, coerce=int, choices=_years, initial=lambda: timezone.localdate().year
    )


def search_field(placeholder=None):
    """The free-text box of every list's filters (accent-insensitive where it is used)."""
    attrs = {"type": "search"}
    if placeholder:
        attrs["placeholder"] = placeholder
    return forms.CharField(
        label=_("Search"), required=False, max_length=100, widget=forms.TextInput(attrs=attrs)
    )


class UnitFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Name or code, with or without accents"))
    kind = forms.ModelChoiceField(
        label=_("Unit kind"),
        queryset=UnitKind.objects.all(),
        required=False,
        to_field_name="code",
        empty_label=_("All kinds"),
    )
    year = year_field(_("Active in year"))


class CatalogueVersionForm(BootstrapFormMixin, forms.Form):
    version = forms.ModelChoiceField(
        label=_("Catalogue version"),
        queryset=CatalogueVersion.objects.filter(published=True),
        to_field_name="code",
        required=False,
        empty_label=None,
    )


class YearForm(BootstrapFormMixin, forms.Form):
    year = year_field(optional=False)


class ExemplarForm(BootstrapFormMixin, forms.ModelForm):
    """The unit's form for an exemplar. Status, unit and reviewer fields are not in it, so
    whatever a request posts for them is ignored."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    creation_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    specific_evidence = forms.CharField(
        label=_("Evidence for the specific criterion of the field"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    SUBJECT_FIELDS = {
        "individual": ["full_name", "gender", "birth_year", "position", "workplace"],
        "collective": ["collective_name", "head_name", "member_count"],
        "household": ["household_head", "household_address", "household_members"],
    }
    NAME_FIELD = {
        "individual": "full_name",
        "collective": "collective_name",
        "household": "household_head",
    }

    class Meta:
        from .models import Exemplar

        model = Exemplar
        fields = [
            "year",
            "subject_kind",
            "full_name",
            "gender",
            "birth_year",
            "position",
            "workplace",
            "collective_name",
            "head_name",
            "member_count",
            "household_head",
            "household_address",
            "household_members",
            "field",
            "campaign",
            "is_new_factor",
            "achievements",
            "new_model",
            "contact_name",
            "contact_phone",
            "contact_email",
            "publication_consent",
        ]
        widgets = {
            "subject_kind": forms.RadioSelect,
            "achievements": forms.Textarea(attrs={"rows": 6}),
            "new_model": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, unit=None, **kwargs):
        from .models import CatalogueVersion, Criterion

        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["subject_kind"].widget.attrs["class"] = "form-check-input"
        year = self.instance.year if self.instance.pk else timezone.localdate().year
        if not self.instance.pk and unit is not None and unit.valid_to and unit.valid_to < year:
            # A unit that ceased to exist (a district, a merged commune) records its last years.
            year = unit.valid_to
        self.fields["year"].initial = year
        self.catalogue_version = (
            self.instance.catalogue_version
            if self.instance.pk
            else CatalogueVersion.for_year(year)
            or CatalogueVersion.objects.filter(published=True).first()
        )
        self.general_criteria = list(
            Criterion.objects.filter(version=self.catalogue_version, kind="general")
        )
        existing = {}
        if self.instance.pk:
            existing = dict(self.instance.evidence.values_list("criterion_id", "text"))
        for criterion in self.general_criteria:
            name = f"evidence_{criterion.pk}"
            self.fields[name] = forms.CharField(
                label=criterion.text,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
                initial=existing.get(criterion.pk, ""),
            )
        if self.instance.pk:
            specific = self.instance.criteria().filter(kind="specific").first()
            if specific:
                self.fields["specific_evidence"].initial = existing.get(specific.pk, "")
        self.fields["publication_consent"].required = False

    def general_evidence_fields(self):
        return [self[f"evidence_{c.pk}"] for c in self.general_criteria]

    def subject_field_groups(self):
        return {kind: [self[name] for name in names] for kind, names in self.SUBJECT_FIELDS.items()}

    def clean_year(self):
        year = self.cleaned_data["year"]
        if self.unit is not None and not self.unit.is_active_in(year):
            raise forms.ValidationError(
                _("%(unit)s was not active in %(year)s (active %(period)s).")
                % {"unit": self.unit, "year": year, "period": self.unit.period_display}
            )
        return year

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("subject_kind")
        name_field = self.NAME_FIELD.get(kind)
        if name_field and not cleaned.get(name_field):
            self.add_error(name_field, _("Enter the name of the exemplar."))
        # Fields of the other subject kinds are cleared so a record never mixes kinds.
        for other_kind, names in self.SUBJECT_FIELDS.items():
            if other_kind != kind:
                for name in names:
                    cleaned[name] = (
                        None if name in {"birth_year", "member_count", "household_members"} else ""
                    )
        return cleaned

    def model_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def evidence(self) -> dict[int, str]:
        """Criterion id → evidence text, the specific one mapped to the chosen field."""
        values = {
            c.pk: self.cleaned_data.get(f"evidence_{c.pk}", "") for c in self.general_criteria
        }
        from .models import Criterion

        specific = Criterion.objects.filter(
            version=self.catalogue_version, kind="specific", field=self.cleaned_data.get("field")
        ).first()
        if specific:
            values[specific.pk] = self.cleaned_data.get("specific_evidence", "")
        return values


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )


class ExemplarFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Name, with or without accents"))
    year = year_field()
    status = forms.ChoiceField(label=_("Status"), required=False, choices=())
    subject_kind = forms.ChoiceField(label=_("Subject"), required=False, choices=())
    field = forms.ModelChoiceField(
        label=_("Field"),
        required=False,
        queryset=None,
        to_field_name="code",
        empty_label=_("All fields"),
    )
    unit_kind = forms.ModelChoiceField(
        label=_("Unit kind"),
        required=False,
        queryset=UnitKind.objects.all(),
        to_field_name="code",
        empty_label=_("All kinds"),
    )
    unit = forms.CharField(label=_("Unit code"), required=False, max_length=40)
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        required=False,
        queryset=None,
        to_field_name="code",
        empty_label=_("All campaigns"),
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=())

    SORTS = {
        "recent": ("-updated_at", _("Last changed")),
        "oldest": ("status_changed_at", _("Waiting longest")),
        "name": ("search_text", _("Name")),
        "unit": ("unit__name", _("Unit")),
    }

    def __init__(self, *args, **kwargs):
        from campaigns.models import Campaign

        from .enums import ExemplarStatus, SubjectKind
        from .models import Field

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *ExemplarStatus.choices]
        self.fields["subject_kind"].choices = [("", _("All subjects")), *SubjectKind.choices]
        self.fields["field"].queryset = Field.objects.all()
        self.fields["campaign"].queryset = Campaign.objects.all()
        self.fields["sort"].choices = [(k, v[1]) for k, v in self.SORTS.items()]


class AttachmentForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Photo or document"),
        help_text=_("JPEG, PNG or WebP photos; PDF or DOCX documents; at most 10 MB."),
    )
    caption = forms.CharField(label=_("Caption"), required=False, max_length=255)
