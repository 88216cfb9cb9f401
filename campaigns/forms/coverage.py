"""Forms of media coverage and of columns (plan III.1)."""

from django import forms
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.forms import (
    BootstrapFormMixin,
    choice_filter,
    code_choice,
    search_field,
)
from registry.forms import year_field
from registry.models import Exemplar, Unit

from ..models import Column, Coverage, Event, MediaOutlet
from ..rules.coverage import coverable_exemplars, outlets_run_by


class ExemplarChoiceField(forms.ModelMultipleChoiceField):
    """Exemplars to pick, each with its unit and year: "Nguyễn Văn A · SYT · 2025"."""

    def label_from_instance(self, exemplar):
        unit = exemplar.unit.short_name or exemplar.unit.name
        return f"{exemplar} · {unit} · {exemplar.year}"

    @staticmethod
    def in_order(exemplars):
        """``exemplars`` as the list offers them: the latest year first, by unit and name."""
        return exemplars.select_related("unit").order_by(
            "-year", "unit__name", "full_name", "collective_name", "household_head"
        )


class CoverageForm(BootstrapFormMixin, forms.ModelForm):
    """A news item, article or programme, for an outlet the user's unit runs.

    Exemplars and events the user does not reach stay linked when the user edits the item:
    the form shows and changes only what is within reach.
    """

    url = forms.URLField(
        label=capfirst(Coverage._meta.get_field("url").verbose_name),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[
            URLValidator(
                schemes=["http", "https"], message=_("Enter a web address (http or https).")
            )
        ],
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    class Meta:
        model = Coverage
        fields = [
            "outlet",
            "column",
            "kind",
            "published_on",
            "title",
            "url",
            "authors",
            "exemplars",
            "event",
            "summary",
        ]
        field_classes = {"exemplars": ExemplarChoiceField}
        widgets = {
            "exemplars": forms.SelectMultiple(attrs={"size": 8}),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "column": _("Leave empty when the item belongs to no dedicated page or column."),
            "exemplars": _(
                "Accepted exemplars only. Hold Ctrl (⌘ on a Mac) to pick more than one."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        instance = self.instance
        outlets = outlets_run_by(user)
        exemplars = coverable_exemplars(user)
        events = Event.objects.restrict(user)
        if instance.pk:
            # What the item already names stays choosable, if the user reaches it.
            outlets = outlets | MediaOutlet.objects.filter(pk=instance.outlet_id)
            exemplars = exemplars | instance.exemplars.restrict(user)
            if instance.event_id and not events.filter(pk=instance.event_id).exists():
                del self.fields["event"]
        self.fields["outlet"].queryset = outlets.distinct().order_by("name")
        self.fields["column"].queryset = (
            Column.objects.filter(outlet__in=self.fields["outlet"].queryset)
            .select_related("outlet")
            .order_by("outlet__name", "name")
        )
        self.fields["exemplars"].queryset = ExemplarChoiceField.in_order(
            Exemplar.objects.filter(pk__in=exemplars.values("pk"))
        )
        if "event" in self.fields:
            self.fields["event"].queryset = Event.objects.filter(
                pk__in=events.values("pk")
            ).order_by("-date", "-pk")
        if len(self.fields["outlet"].queryset) == 1:
            self.fields["outlet"].empty_label = None

    def clean_published_on(self):
        return self.not_after_today("published_on", _("Coverage is logged once it is published."))

    def clean(self):
        cleaned = super().clean()
        outlet, column = cleaned.get("outlet"), cleaned.get("column")
        if outlet and column and column.outlet_id != outlet.pk:
            self.add_error(
                "column",
                _("“%(column)s” is a column of another outlet.") % {"column": column.name},
            )
        return cleaned

    def save(self):
        """Save, with who recorded it; exemplars out of the user's reach stay linked."""
        coverage = super().save(commit=False)
        if not coverage.pk:
            coverage.recorded_by = self.user
        with transaction.atomic():
            kept = []
            if coverage.pk:
                shown = self.fields["exemplars"].queryset.values("pk")
                kept = list(coverage.exemplars.exclude(pk__in=shown))
            # One history entry for the item and its exemplars.
            coverage.save_with_lists(exemplars=[*self.cleaned_data["exemplars"], *kept])
        return coverage


def _month_choices():
    return [
        ("", _("All months")),
        *((m, _("Month %(month)d") % {"month": m}) for m in range(1, 13)),
    ]


class CoverageFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Title or author, with or without accents"))
    outlet = code_choice(
        _("Outlet"), MediaOutlet.objects.all(), _("All outlets"), to_field_name=None
    )
    kind = choice_filter(_("Kind"), _("All kinds"), Coverage.Kind.choices)
    column = code_choice(
        _("Column"), Column.objects.select_related("outlet"), _("All columns"), to_field_name=None
    )
    year = year_field()
    month = forms.TypedChoiceField(
        label=_("Month"), required=False, coerce=int, empty_value=None, choices=_month_choices
    )
    unit = code_choice(_("Unit of the exemplars"), Unit.objects.none(), _("All units"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Units of the covered exemplars the user reaches.
        covered = Exemplar.objects.restrict(user).filter(coverage__isnull=False)
        self.fields["unit"].queryset = Unit.objects.filter(
            pk__in=covered.values("unit_id")
        ).order_by("kind__order", "name")


class ColumnForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Column
        fields = ["outlet", "name", "kind", "started_on", "ended_on", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Its coverage belongs to the outlet: a column does not move to another one.
            self.fields["outlet"].disabled = True
            self.fields["outlet"].queryset = MediaOutlet.objects.filter(pk=self.instance.outlet_id)
        else:
            self.fields["outlet"].queryset = outlets_run_by(user).order_by("name")
            if len(self.fields["outlet"].queryset) == 1:
                self.fields["outlet"].empty_label = None  # the user's only outlet, chosen

    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The column ends after it starts."))
        outlet, name = cleaned.get("outlet"), cleaned.get("name")
        if outlet and name:
            others = Column.objects.filter(outlet=outlet).exclude(pk=self.instance.pk)
            # Compared in Python: the database may not fold the case of Vietnamese letters.
            if name.strip().casefold() in {
                n.casefold() for n in others.values_list("name", flat=True)
            }:
                self.add_error("name", _("This outlet already has a column of that name."))
        return cleaned


class ColumnFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Name of the column"))
    outlet = code_choice(
        _("Outlet"), MediaOutlet.objects.all(), _("All outlets"), to_field_name=None
    )
    kind = choice_filter(_("Kind"), _("All kinds"), Column.Kind.choices)
    running = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), ("yes", _("Running")), ("no", _("Ended"))],
    )
