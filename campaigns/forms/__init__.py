from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.forms import (
    BootstrapFormMixin,
    choice_filter,
    code_choice,
    search_field,
    text_box,
)
from registry.forms import year_field
from registry.models import Campaign, EmulationBloc, Unit, UnitKind

from ..models import (
    CampaignReview,
    Difficulty,
    Pledge,
    RegulationRequirement,
    RegulationTracking,
)


class CampaignForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "code",
            "name",
            "kind",
            "launched_by",
            "launching_unit",
            "level",
            "valid_from",
            "valid_to",
            "fields",
            "target_units",
            "description",
        ]
        widgets = {
            "fields": forms.SelectMultiple(attrs={"size": 8}),
            "target_units": forms.SelectMultiple(attrs={"size": 8}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["launching_unit"].queryset = Unit.objects.select_related("kind")
        self.fields["target_units"].queryset = Unit.objects.active_in(
            timezone.localdate().year
        ).select_related("kind")
        self.fields["valid_from"].required = True

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("launched_by") == Campaign.LaunchedBy.UNIT and not cleaned.get(
            "launching_unit"
        ):
            self.add_error("launching_unit", _("Name the unit that launched it."))
        return cleaned


class CampaignReviewForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = CampaignReview
        fields = ["kind", "date", "results"]
        widgets = {"results": forms.Textarea(attrs={"rows": 5})}

    def clean_date(self):
        return self.not_after_today("date", _("A review is recorded after it took place."))


class PledgeForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Pledge
        fields = ["title", "year", "signed_on", "campaign", "bloc", "units", "content"]
        widgets = {
            "units": forms.SelectMultiple(attrs={"size": 10}),
            "content": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.select_related("kind")
        self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        cleaned = super().clean()
        units = cleaned.get("units")
        bloc = cleaned.get("bloc")
        if units is not None and len(units) < 2 and bloc is None:
            self.add_error(
                "units", _("A pledge is signed by at least two units, or within a bloc.")
            )
        if bloc is not None and units:
            outside = [u for u in units if u.bloc_id != bloc.pk]
            if outside:
                self.add_error(
                    "units",
                    _("Not in the bloc “%(bloc)s”: %(units)s.")
                    % {"bloc": bloc, "units": ", ".join(str(u) for u in outside)},
                )
        return cleaned


class CampaignFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field()
    kind = choice_filter(_("Kind"), _("All kinds"), Campaign.Kind.choices)
    launched_by = choice_filter(_("Launched by"), _("Anyone"), Campaign.LaunchedBy.choices)
    level = choice_filter(_("Level"), _("All levels"), Campaign.Level.choices)
    year = year_field(_("Running in year"))


class PledgeFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field()
    year = year_field()
    bloc = code_choice(_("Emulation bloc"), EmulationBloc.objects.all(), _("All blocs"))


class DifficultyForm(BootstrapFormMixin, forms.Form):
    subject = forms.CharField(label=_("Topic"), max_length=300)
    body = text_box(
        _("Difficulty or proposal"),
        rows=8,
        help_text=_("What is the difficulty, what does the unit propose?"),
    )


class DifficultyReplyForm(BootstrapFormMixin, forms.Form):
    body = text_box(_("Your message"), rows=5)


class DifficultyFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field()
    status = choice_filter(_("Status"), _("Any status"), Difficulty.Status.choices)
    year = year_field()
    unit_kind = code_choice(_("Unit kind"), UnitKind.objects.all(), _("All kinds"))


class RegulationFilterForm(BootstrapFormMixin, forms.Form):
    requirement = code_choice(
        _("Requirement"), RegulationRequirement.objects.all(), None, to_field_name=None
    )
    q = search_field()
    status = choice_filter(_("Status"), _("Any status"), RegulationTracking.choices)
    unit_kind = code_choice(_("Unit kind"), UnitKind.objects.all(), _("All kinds"))


class RegulationUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Regulation document"),
        help_text=_("PDF or DOCX document; at most 10 MB."),
    )


class RegulationReturnForm(BootstrapFormMixin, forms.Form):
    reason = text_box(
        _("Reason for return"),
        rows=4,
        max_length=4000,
        help_text=_("What the unit should change before sending it again."),
    )
