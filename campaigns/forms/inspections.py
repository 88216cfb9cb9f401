"""Forms of inspections (plan III.5): plans, inspections, recommendations and their notes."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.forms import (
    BootstrapFormMixin,
    choice_filter,
    code_choice,
    search_field,
    text_box,
)
from registry.forms import year_field
from registry.models import Unit, User

from ..models import Inspection, InspectionPlan, Recommendation


class InspectionPlanForm(BootstrapFormMixin, forms.ModelForm):
    year = year_field(_("Year"), optional=False)

    class Meta:
        model = InspectionPlan
        fields = ["year", "title", "decision", "lead_unit", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = Unit.objects.select_related("kind")
        if not self.instance.pk and user is not None:
            self.fields["lead_unit"].initial = user.unit_id

    def clean_year(self):
        year = self.cleaned_data["year"]
        if self.instance.pk and self.instance.inspections.exclude(scheduled_on__year=year).exists():
            raise forms.ValidationError(
                _("Some of its inspections take place in another year; move them first.")
            )
        return year


class TeamMemberChoiceMixin:
    def label_from_instance(self, user):
        if not user.unit_id:
            return str(user)
        return f"{user} · {user.unit.short_name or user.unit.name}"


class TeamMemberField(TeamMemberChoiceMixin, forms.ModelChoiceField):
    pass


class TeamMembersField(TeamMemberChoiceMixin, forms.ModelMultipleChoiceField):
    pass


class InspectionForm(BootstrapFormMixin, forms.ModelForm):
    """An inspection as planned: the unit, the kind, the date and the team."""

    class Meta:
        model = Inspection
        fields = [
            "unit",
            "kind",
            "scheduled_on",
            "team_leader",
            "team_members",
            "other_members",
        ]
        field_classes = {"team_leader": TeamMemberField, "team_members": TeamMembersField}
        widgets = {
            "team_members": forms.SelectMultiple(attrs={"size": 8}),
            "other_members": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "team_members": _("People with a portal account, from Home Affairs or other units."),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance.plan = plan
        current = Q(pk=self.instance.unit_id) if self.instance.unit_id else Q(pk__in=[])
        self.fields["unit"].queryset = Unit.objects.filter(
            Q(pk__in=Unit.objects.active_in(plan.year)) | current
        ).select_related("kind")
        people = User.objects.filter(is_active=True)
        if self.instance.pk:  # someone on the team since deactivated stays selectable
            people = User.objects.filter(
                Q(is_active=True)
                | Q(pk=self.instance.team_leader_id)
                | Q(pk__in=self.instance.team_members.values("pk"))
            )
        people = people.select_related("unit").order_by("full_name", "username")
        self.fields["team_leader"].queryset = people
        self.fields["team_members"].queryset = people

    def clean_scheduled_on(self):
        scheduled_on = self.cleaned_data["scheduled_on"]
        if scheduled_on.year != self.plan.year:
            raise forms.ValidationError(
                _("An inspection of the %(year)s plan takes place in %(year)s.")
                % {"year": self.plan.year}
            )
        return scheduled_on

    def clean(self):
        cleaned = super().clean()
        unit, leader = cleaned.get("unit"), cleaned.get("team_leader")
        members = list(cleaned.get("team_members") or [])
        if leader is not None and leader in members:
            self.add_error("team_members", _("The team leader is named once, as leader."))
        if unit is not None:
            insiders = [person for person in [leader, *members] if person and person.unit == unit]
            if insiders:
                self.add_error(
                    "team_leader" if leader in insiders else "team_members",
                    _("People of the unit inspected are not on its team: %(names)s.")
                    % {"names": ", ".join(str(person) for person in insiders)},
                )
        return cleaned


class InspectionUpdateForm(InspectionForm):
    """The inspection as planned, and once carried out, its date and findings."""

    class Meta(InspectionForm.Meta):
        fields = [*InspectionForm.Meta.fields, "status", "carried_out_on", "findings"]
        widgets = {
            **InspectionForm.Meta.widgets,
            "findings": forms.Textarea(attrs={"rows": 10}),
        }

    def clean_carried_out_on(self):
        return self.not_after_today(
            "carried_out_on", _("An inspection is recorded after it took place.")
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Inspection.Status.PLANNED:
            if cleaned.get("carried_out_on"):
                self.add_error(
                    "status", _("Mark it carried out, or leave the date it was carried out empty.")
                )
            elif self.instance.recommendations.exists():
                self.add_error(
                    "status", _("It has recommendations already, so it was carried out.")
                )
        return cleaned


class RecommendationForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["text", "due_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "due_on": _("Leave it empty for a recommendation carried out on an ongoing basis."),
        }

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.inspection = inspection
        self.fields["text"].max_length = 4000
        self.fields["text"].widget.attrs["maxlength"] = 4000

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        held_on = self.inspection.carried_out_on or self.inspection.scheduled_on
        if due_on and due_on < held_on:
            raise forms.ValidationError(
                _("The due date comes after the inspection (%(date)s).")
                % {"date": held_on.strftime("%d/%m/%Y")}
            )
        return due_on


class FollowUpForm(BootstrapFormMixin, forms.Form):
    note = text_box(
        _("Follow-up note"),
        rows=6,
        help_text=_("What the unit did about the recommendation, with the documents' numbers."),
    )


class ScopedFilterForm(BootstrapFormMixin, forms.Form):
    """A list's filters whose unit choices are the units of the inspections ``user`` reaches."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(
            pk__in=Inspection.objects.restrict(user).values("unit")
        ).order_by("name")


def unit_filter_field():
    return code_choice(_("Unit"), Unit.objects.none(), _("All units"))


class InspectionFilterForm(ScopedFilterForm):
    q = search_field(_("Unit or findings, with or without accents"))
    year = year_field()
    plan = code_choice(_("Plan"), InspectionPlan.objects.all(), _("All plans"), to_field_name=None)
    status = choice_filter(_("Status"), _("Any status"), Inspection.Status.choices)
    kind = choice_filter(_("Kind"), _("All kinds"), Inspection.Kind.choices)
    unit = unit_filter_field()


class RecommendationFilterForm(ScopedFilterForm):
    OVERDUE = "overdue"

    q = search_field(_("Unit or recommendation, with or without accents"))
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Any status")),
            *Recommendation.Status.choices,
            (OVERDUE, _("Overdue")),
        ],
    )
    year = year_field()
    unit = unit_filter_field()
