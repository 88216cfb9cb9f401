"""Forms of a subject's history of commendation: an award held, a task rating, an
initiative (each checked by ``subject_history.problems``, as the import is), their lists'
filters, the import's upload, and Home Affairs' leave to send a proposal despite its
conditions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.forms import BootstrapFormMixin, choice_filter, search_field, text_box
from registry.forms import year_field

from .models import AwardForm, Initiative, PriorAward, TaskRating
from .subject_history import problems


class SubjectRecordForm(BootstrapFormMixin, forms.ModelForm):
    """A record of the subject of the form's exemplar (``instance.exemplar``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs.update({"min": 1945, "inputmode": "numeric"})

    @property
    def exemplar(self):
        return self.instance.exemplar

    def clean(self):
        cleaned = super().clean()
        values = {name: cleaned.get(name) for name in self.fields}
        for name, message in problems(
            self._meta.model, self.exemplar, values, leaving_out=self.instance
        ).items():
            if name in self.fields and not self.has_error(name):
                self.add_error(name, message)
            elif name not in self.fields:
                self.add_error(None, message)
        return cleaned


DOCUMENT_FIELDS = ["document_number", "document_date", "document_issuer"]


class PriorAwardForm(SubjectRecordForm):
    class Meta:
        model = PriorAward
        fields = ["award", "year", *DOCUMENT_FIELDS, "note"]
        labels = {
            "document_number": _("decision number"),
            "document_date": _("decision date"),
            "document_issuer": _("who conferred it"),
        }
        help_texts = {
            "award": _(
                "As the decision names it: a title of 2023 or before is one of the 2003 law."
            ),
            "document_issuer": _("Who signed the decision, e.g. Giám đốc Sở Y tế."),
        }
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = AwardForm.objects.filter(
            AwardForm.applicable_filter(self.exemplar.subject_kind)
        ).order_by("order", "name")
        for name in ("document_number", "document_issuer"):
            self.fields[name].required = True


class TaskRatingForm(SubjectRecordForm):
    class Meta:
        model = TaskRating
        fields = ["year", "rating", *DOCUMENT_FIELDS, "note"]
        labels = {"document_number": _("number of the assessment decision")}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class InitiativeForm(SubjectRecordForm):
    class Meta:
        model = Initiative
        fields = ["title", "year", "level", *DOCUMENT_FIELDS, "used_for_prior", "note"]
        labels = {
            "document_number": _("number of the recognising decision"),
            "document_issuer": _("recognised by"),
        }
        help_texts = {"document_issuer": _("The initiatives council or body that recognised it.")}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import subject_rows

        self.fields["used_for_prior"].queryset = PriorAward.objects.filter(
            exemplar__in=subject_rows(self.exemplar).values("pk")
        ).select_related("award")


class SubjectRecordFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Document number, issuer or title"))
    year = year_field()


class PriorAwardFilterForm(SubjectRecordFilterForm):
    category = choice_filter(_("Category"), _("All categories"), AwardForm.Category.choices)


class TaskRatingFilterForm(SubjectRecordFilterForm):
    rating = choice_filter(_("Rating"), _("Any rating"), TaskRating.Rating.choices)


class InitiativeFilterForm(SubjectRecordFilterForm):
    level = choice_filter(_("Level"), _("Any level"), Initiative.Level.choices)


class HistoryImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (xlsx or csv)"),
        help_text=_("One row per record, in the columns of the template."),
    )


class OverrideForm(BootstrapFormMixin, forms.Form):
    reason = text_box(
        _("Reason"),
        rows=4,
        max_length=4000,
        help_text=_("Why the proposal goes to appraisal although its conditions are not met."),
    )
