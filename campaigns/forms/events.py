"""Forms of events where exemplars are honoured or shared (plan III.2-III.4, VI.2-VI.6)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.forms import (
    BootstrapFormMixin,
    choice_filter,
    code_choice,
    search_field,
)
from registry.enums import ExemplarStatus
from registry.forms import year_field
from registry.models import Campaign, Exemplar, Unit
from registry.rules import can_manage_campaigns

from ..models import Event
from ..rules.events import organisers_for
from .coverage import ExemplarChoiceField

MULTIPLE_HINT = _("Hold Ctrl (⌘ on a Mac) to pick more than one.")


def featurable_exemplars(user):
    """Accepted exemplars the user may feature at an event: those within reach (Home Affairs:
    all of them)."""
    return Exemplar.objects.restrict(user).filter(status=ExemplarStatus.ACCEPTED)


def grouped_by_kind(units) -> list:
    """Choices of ``units`` grouped by their kind (departments, mass organisations, communes…),
    so that a long list reads without a script."""
    groups: dict[str, list] = {}
    for unit in units.select_related("kind").order_by("kind__order", "name"):
        groups.setdefault(unit.kind.name, []).append((unit.pk, unit.name))
    return list(groups.items())


class EventForm(BootstrapFormMixin, forms.ModelForm):
    """An event, organised by a unit the user may record events for.

    Exemplars the user does not reach stay featured when the user edits the event: the form
    shows and changes only what is within reach.
    """

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "date",
            "place",
            "organiser",
            "campaign",
            "participating_units",
            "exemplars",
            "audience",
            "attendance",
            "description",
            "outcome",
        ]
        field_classes = {"exemplars": ExemplarChoiceField}
        widgets = {
            "participating_units": forms.SelectMultiple(attrs={"size": 10}),
            "exemplars": forms.SelectMultiple(attrs={"size": 8}),
            "attendance": forms.NumberInput(attrs={"min": 0}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "outcome": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "campaign": _("The emulation movement or campaign the event belongs to, if any."),
            "attendance": _("How many people attended."),
            "description": _("What was on the programme: reports, honours, exchanges…"),
            "outcome": _("What came of it: exemplars honoured, models to replicate, decisions."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        organiser = self.fields["organiser"]
        organiser.queryset = organisers_for(user)
        if can_manage_campaigns(user):
            organiser.choices = [("", organiser.empty_label), *grouped_by_kind(organiser.queryset)]
        else:
            # A unit's staff record the events their own unit organises, and no other.
            organiser.disabled = True
            organiser.empty_label = None
            organiser.initial = user.unit_id
            organiser.help_text = _("Your unit records the events it organises.")
        units = Unit.objects.active_in(timezone.localdate().year)
        exemplars = featurable_exemplars(user)
        if instance.pk:
            # What the event already names stays choosable.
            units = units | Unit.objects.filter(pk__in=instance.participating_units.values("pk"))
            exemplars = exemplars | instance.exemplars.restrict(user)
        participating = self.fields["participating_units"]
        participating.queryset = units.distinct()
        participating.choices = grouped_by_kind(participating.queryset)
        participating.help_text = MULTIPLE_HINT
        self.fields["exemplars"].queryset = ExemplarChoiceField.in_order(
            Exemplar.objects.filter(pk__in=exemplars.values("pk"))
        )
        self.fields["exemplars"].help_text = _(
            "Accepted exemplars within your reach. Hold Ctrl (⌘ on a Mac) to pick more than one."
        )
        self.fields["campaign"].queryset = Campaign.objects.order_by("-valid_from", "name")

    def clean(self):
        cleaned = super().clean()
        date = cleaned.get("date")
        if date and date > timezone.localdate():
            for name in ("attendance", "outcome"):
                if cleaned.get(name) not in (None, ""):
                    self.add_error(
                        name,
                        _("Attendance and outcome are recorded once the event has taken place."),
                    )
        return cleaned

    def kept_exemplars(self) -> list:
        """Featured exemplars out of the user's reach, which the form neither shows nor drops."""
        if not self.instance.pk:
            return []
        shown = self.fields["exemplars"].queryset.values("pk")
        return list(self.instance.exemplars.exclude(pk__in=shown))


class EventFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Title or place, with or without accents"))
    kind = choice_filter(_("Kind"), _("All kinds"), Event.Kind.choices)
    year = year_field()
    organiser = code_choice(_("Organiser"), Unit.objects.none(), _("All organisers"))
    campaign = code_choice(
        _("Movement"), Campaign.objects.order_by("-valid_from", "name"), _("All movements")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Units that organised an event the user reaches.
        organisers = Event.objects.restrict(user).values("organiser_id")
        self.fields["organiser"].queryset = Unit.objects.filter(pk__in=organisers).order_by(
            "kind__order", "name"
        )
