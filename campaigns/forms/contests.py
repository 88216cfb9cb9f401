"""Forms of contests: the contest and its criteria, rounds, entries, a judge's sheet, prizes."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max, Q
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.forms import (
    BootstrapFormMixin,
    RemoveRowMixin,
    choice_filter,
    code_choice,
    search_field,
    text_box,
)
from registry.enums import ExemplarStatus
from registry.forms import year_field
from registry.models import Exemplar, Unit, User

from ..models import Contest, ContestCriterion, ContestEntry, ContestRound, Prize, Score
from .coverage import ExemplarChoiceField


def score_text(value) -> str:
    """A score as a reader writes it: 40, 12,5."""
    return floatformat(value, -2)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return unit.name


class JudgeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        unit = user.unit.short_name or user.unit.name if user.unit_id else ""
        return f"{user} ({user.username}){f' · {unit}' if unit else ''}"


class ContestForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Contest
        fields = [
            "name",
            "kind",
            "year",
            "organiser",
            "campaign",
            "opens_on",
            "closes_on",
            "description",
        ]
        field_classes = {"organiser": UnitChoiceField}
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = Unit.objects.order_by("name")
        if self.instance.pk is None:
            self.initial["year"] = timezone.localdate().year
            if user is not None and user.unit_id:
                self.initial["organiser"] = user.unit_id


class CriterionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = ContestCriterion
        fields = ["name", "max_score"]
        localized_fields = ["max_score"]
        widgets = {"max_score": forms.TextInput(attrs={"inputmode": "decimal"})}


class BaseCriterionFormSet(RemoveRowMixin, forms.BaseInlineFormSet):
    """The criteria of a contest. Criteria judges already scored keep their scores valid."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = 0
        for form in self.forms:
            criterion = form.instance
            if criterion.pk is None and not form.has_changed():
                continue  # a blank row
            scores = Score.objects.filter(criterion=criterion) if criterion.pk else None
            if form.cleaned_data.get("DELETE"):
                if scores is not None and scores.exists():
                    form.add_error(None, _("Judges already scored this criterion; keep it."))
                continue
            kept += 1
            highest = scores.aggregate(Max("value"))["value__max"] if scores is not None else None
            if highest is not None and form.cleaned_data["max_score"] < highest:
                form.add_error(
                    "max_score",
                    _("A judge already gave %(score)s on this criterion; keep at least that.")
                    % {"score": score_text(highest)},
                )
        if not kept:
            raise ValidationError(_("A contest needs at least one judging criterion."))

    def save(self, commit=True):
        """Save the criteria (whatever ``commit`` says), numbered in the order of the rows."""
        super().save(commit=False)
        for criterion in self.deleted_objects:
            criterion.delete()
        order = 0
        for form in self.forms:
            criterion = form.instance
            if form in self.deleted_forms or (criterion.pk is None and not form.has_changed()):
                continue
            order += 1
            if criterion.pk and not form.has_changed() and criterion.order == order:
                continue
            criterion.contest, criterion.order = self.instance, order
            criterion.save()


def criterion_formset(*, extra: int):
    return forms.inlineformset_factory(
        Contest,
        ContestCriterion,
        form=CriterionForm,
        formset=BaseCriterionFormSet,
        extra=extra,
        can_delete=True,
    )


class ContestRoundForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = ContestRound
        fields = ["number", "name", "starts_on", "ends_on", "judges", "entries"]
        field_classes = {"judges": JudgeChoiceField}
        widgets = {
            "judges": forms.SelectMultiple(attrs={"size": 10}),
            "entries": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {
            "judges": _("Active users of the portal. Hold Ctrl (or Cmd) to choose several."),
            "entries": _("Entries of the contest. Hold Ctrl (or Cmd) to choose several."),
        }

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.contest = contest
        current = self.instance.judges.all() if self.instance.pk else User.objects.none()
        self.fields["judges"].queryset = User.objects.filter(
            Q(is_active=True) | Q(pk__in=current.values("pk"))
        ).select_related("unit")
        self.fields["entries"].queryset = contest.entries.order_by("title")
        if self.instance.pk is None:
            last = contest.rounds.aggregate(Max("number"))["number__max"] or 0
            self.initial["number"] = last + 1

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = self.contest.rounds.filter(number=number).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(
                _("The contest already has a round %(number)s.") % {"number": number}
            )
        return number

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("A round cannot end before it starts."))
        if self.instance.pk is None:
            return cleaned
        # Whoever and whatever already has marks in the round stays in it.
        marks = [
            *self.instance.scores.values_list("judge_id", "entry_id"),
            *self.instance.recusals.values_list("judge_id", "entry_id"),
        ]
        marked_judges = {judge for judge, _entry in marks}
        marked_entries = {entry for _judge, entry in marks}
        if cleaned.get("judges") is not None:
            gone = self.instance.judges.filter(pk__in=marked_judges).exclude(
                pk__in=[judge.pk for judge in cleaned["judges"]]
            )
            if gone:
                self.add_error(
                    "judges",
                    _("Already scored or recused in this round, so they stay: %(names)s.")
                    % {"names": ", ".join(str(judge) for judge in gone)},
                )
        if cleaned.get("entries") is not None:
            gone = self.instance.entries.filter(pk__in=marked_entries).exclude(
                pk__in=[entry.pk for entry in cleaned["entries"]]
            )
            if gone:
                self.add_error(
                    "entries",
                    _(
                        "Judges already scored these entries or recused from them in this "
                        "round, so they stay: %(titles)s."
                    )
                    % {"titles": "; ".join(entry.title for entry in gone)},
                )
        return cleaned


class ContestEntryForm(BootstrapFormMixin, forms.ModelForm):
    url = forms.URLField(
        label=capfirst(ContestEntry._meta.get_field("url").verbose_name),
        required=False,
        max_length=500,
        assume_scheme="https",
    )

    class Meta:
        model = ContestEntry
        fields = ["title", "kind", "authors", "author_unit", "exemplars", "url", "received_on"]
        field_classes = {"author_unit": UnitChoiceField, "exemplars": ExemplarChoiceField}
        widgets = {"exemplars": forms.SelectMultiple(attrs={"size": 10})}
        help_texts = {
            "authors": _("Names of the authors, separated by commas."),
            "exemplars": _(
                "Accepted exemplars of the province. Hold Ctrl (or Cmd) to choose several."
            ),
        }

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.contest = contest
        self.fields["author_unit"].queryset = Unit.objects.order_by("name")
        self.fields["author_unit"].empty_label = _("No unit (a free author)")
        self.fields["exemplars"].queryset = ExemplarChoiceField.in_order(
            Exemplar.objects.filter(status=ExemplarStatus.ACCEPTED)
        )

    def clean_received_on(self):
        received = self.cleaned_data["received_on"]
        contest = self.contest
        if not contest.opens_on <= received <= contest.closes_on:
            raise ValidationError(
                _("The contest took entries from %(opens)s to %(closes)s.")
                % {
                    "opens": contest.opens_on.strftime("%d/%m/%Y"),
                    "closes": contest.closes_on.strftime("%d/%m/%Y"),
                }
            )
        return received


class ScoreSheetForm(BootstrapFormMixin, forms.Form):
    """One judge's scores of one entry: a box per criterion, from 0 to the criterion's max.

    A box left empty is not scored yet; the sheet counts once every box is filled.
    """

    def __init__(self, *args, criteria, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scores = scores or {}
        for criterion in self.criteria:
            self.fields[self.field_name(criterion)] = forms.DecimalField(
                label=criterion.name,
                required=False,
                min_value=Decimal(0),
                max_value=criterion.max_score,
                max_digits=5,
                decimal_places=2,
                localize=True,
                initial=score_text(scores[criterion.pk]) if criterion.pk in scores else None,
                help_text=_("From 0 to %(max)s.") % {"max": score_text(criterion.max_score)},
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control"}),
                error_messages={
                    "max_value": _("The score is above the highest score of %(max)s.")
                    % {"max": score_text(criterion.max_score)},
                    "min_value": _("A score cannot be below 0."),
                },
            )

    @staticmethod
    def field_name(criterion) -> str:
        return f"criterion_{criterion.pk}"

    def clean(self):
        cleaned = super().clean()
        if not self.errors and all(cleaned.get(self.field_name(c)) is None for c in self.criteria):
            raise ValidationError(_("Enter at least one score."))
        return cleaned

    def values(self) -> dict:
        """Criterion → score (None for a box left empty)."""
        return {c: self.cleaned_data.get(self.field_name(c)) for c in self.criteria}

    def rows(self):
        """(criterion, bound field) pairs, for the sheet's table."""
        return [(c, self[self.field_name(c)]) for c in self.criteria]


class RecusalForm(BootstrapFormMixin, forms.Form):
    reason = text_box(
        _("Conflict of interest"),
        rows=3,
        max_length=2000,
        help_text=_("For example: an author is a relative or a colleague of your unit."),
    )
    discard_scores = forms.BooleanField(
        label=_("Discard the scores I already gave this entry"), required=False
    )

    def __init__(self, *args, scored: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.scored = scored
        if not scored:
            del self.fields["discard_scores"]

    def clean(self):
        cleaned = super().clean()
        if self.scored and not cleaned.get("discard_scores"):
            self.add_error(
                "discard_scores",
                _("You already scored this entry: tick the box to discard those scores."),
            )
        return cleaned


class VndField(forms.DecimalField):
    """An amount in đồng, typed with or without thousand separators (5.000.000)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "class": "form-control"})
        )
        super().__init__(max_digits=15, decimal_places=0, min_value=Decimal(0), **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(".", "").replace(",", "").replace(" ", "")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:,.0f}".replace(",", ".")
        return value


class PrizeForm(BootstrapFormMixin, forms.Form):
    """A prize (or none) and its amount for each entry of the contest."""

    def __init__(self, *args, entries, prizes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = list(entries)
        prizes = prizes or {}
        for entry in self.entries:
            prize = prizes.get(entry.pk)
            self.fields[f"level_{entry.pk}"] = forms.ChoiceField(
                label=_("Prize"),
                required=False,
                choices=[("", _("No prize")), *Prize.Level.choices],
                initial=prize.level if prize else "",
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"amount_{entry.pk}"] = VndField(
                label=_("Amount (VND)"),
                required=False,
                initial=prize.amount if prize else None,
            )

    def clean(self):
        cleaned = super().clean()
        for entry in self.entries:
            if cleaned.get(f"amount_{entry.pk}") is not None and not cleaned.get(
                f"level_{entry.pk}"
            ):
                self.add_error(f"amount_{entry.pk}", _("Choose the prize this amount goes with."))
        return cleaned

    def awards(self) -> dict:
        """Entry → (level, amount), or None for no prize."""
        return {
            entry: (
                (self.cleaned_data[f"level_{entry.pk}"], self.cleaned_data[f"amount_{entry.pk}"])
                if self.cleaned_data.get(f"level_{entry.pk}")
                else None
            )
            for entry in self.entries
        }

    def rows(self):
        return [(e, self[f"level_{e.pk}"], self[f"amount_{e.pk}"]) for e in self.entries]


class ContestFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field()
    kind = choice_filter(_("Kind"), _("All kinds"), Contest.Kind.choices)
    year = year_field()
    organiser = code_choice(
        _("Organiser"),
        Unit.objects.filter(organised_contests__isnull=False).distinct().order_by("name"),
        _("All organisers"),
    )


class ContestEntryFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Title or authors, with or without accents"))
    contest = code_choice(
        _("Contest"), Contest.objects.all(), _("All contests"), to_field_name=None
    )
    kind = choice_filter(_("Kind"), _("All kinds"), ContestEntry.Kind.choices)
    year = year_field()
