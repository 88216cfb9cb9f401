"""Forms of quotas, follow-up and the annual registration (see ``registry/tracking.py``)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.forms import (
    BootstrapFormMixin,
    code_choice,
    search_field,
)

from .enums import ExemplarStatus
from .forms import year_field
from .models import FollowUp, NurturingNote, Unit, UnitKind


class QuotaComplianceFilterForm(BootstrapFormMixin, forms.Form):
    STANDINGS = [("", _("Every obligation")), ("behind", _("Behind quota")), ("met", _("Met"))]

    year = year_field(optional=False)
    q = search_field(_("Unit name, with or without accents"))
    standing = forms.ChoiceField(label=_("Standing"), choices=STANDINGS, required=False)
    kind = code_choice(_("Unit kind"), UnitKind.objects.all(), _("All kinds"))
    district = code_choice(
        _("District"), Unit.objects.filter(kind__reviews_children=True), _("All districts")
    )


class FollowUpGapFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Name, with or without accents"))
    year = year_field(_("Year of recognition"))
    unit_kind = code_choice(_("Unit kind"), UnitKind.objects.all(), _("All kinds"))


class RegistrationFilterForm(BootstrapFormMixin, forms.Form):
    year = year_field(optional=False)
    q = search_field(_("Name, with or without accents"))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *ExemplarStatus.choices]


class _DatedForm(BootstrapFormMixin, forms.ModelForm):
    """A dated record: the date is written dd/mm/yyyy and may not lie in the future."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].help_text = _("As dd/mm/yyyy, for example 25/11/2025.")
        if not self.is_bound and not self.initial.get("date"):
            self.initial["date"] = timezone.localdate()

    def clean_date(self):
        return self.not_after_today("date", _("The date cannot be in the future."))

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class FollowUpForm(_DatedForm):
    class Meta:
        model = FollowUp
        fields = ["date", "effectiveness", "potential", "reach", "difficulties", "support"]
        widgets = {
            "effectiveness": forms.Textarea(attrs={"rows": 4}),
            "potential": forms.Textarea(attrs={"rows": 3}),
            "difficulties": forms.Textarea(attrs={"rows": 3}),
            "support": forms.Textarea(attrs={"rows": 3}),
        }


class NurturingNoteForm(_DatedForm):
    class Meta:
        model = NurturingNote
        fields = ["date", "support_given", "shortcomings"]
        widgets = {
            "support_given": forms.Textarea(attrs={"rows": 3}),
            "shortcomings": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        written = [cleaned.get(name) or "" for name in ("support_given", "shortcomings")]
        if not any(text.strip() for text in written):
            raise forms.ValidationError(
                _("Write the support given, the shortcomings still to fix, or both.")
            )
        return cleaned
