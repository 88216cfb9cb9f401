"""The yearly statistics on emulation and commendation (``reports/statistics.py``): one page
to choose the year and the form, which shows the forms as they will print, and their files
(PDF: the report with each form as an annex; xlsx: one sheet per form).

Home Affairs, the provincial leaders and administrators read the province's forms; a unit's
editors, heads and a district's reviewers the forms of their reach (0601–0603), and asking
for the province's own (0604, 0605) is refused (403). A form that does not exist, a year
out of range or a format other than PDF or xlsx in a file's address is a 404; on the page,
a bad choice is a form error.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from registry.forms import BootstrapFormMixin, year_field

from .. import issuing, statistics
from ..layout import GroupRow, StrongRow, cell_text
from ..rules import statistics as _rules  # noqa: F401  (registers the permissions)
from .documents import file_response

ALL_FORMS = "all"
FORMATS = ("pdf", "xlsx")


class StatisticsChoiceForm(BootstrapFormMixin, forms.Form):
    """The year and the form (or all of them) the reader may report."""

    year = year_field(_("Report year"), optional=False)
    form = forms.ChoiceField(label=_("Form"))

    def __init__(self, *args, reach, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = [
            (ALL_FORMS, _("All forms")),
            *((spec.number, f"{spec.code} – {spec.name}") for spec in statistics.forms_for(reach)),
        ]
        self.fields["form"].initial = ALL_FORMS

    def numbers(self, reach) -> list[str]:
        chosen = self.cleaned_data["form"]
        if chosen == ALL_FORMS:
            return [spec.number for spec in statistics.forms_for(reach)]
        return [chosen]


def preview(form: statistics.FilledForm) -> dict:
    """What the page draws of a filled form: the same header, lines and notes as its files."""
    rows = []
    for row in form.rows():
        if isinstance(row, GroupRow):
            rows.append({"heading": row.label})
        else:
            rows.append(
                {"cells": [cell_text(cell) for cell in row], "strong": isinstance(row, StrongRow)}
            )
    return {
        "number": form.spec.number,
        "code_line": form.spec.code_line,
        "title": form.spec.title,
        "particulars": form.particulars(),
        "measure": form.spec.measure,
        "header_rows": form.header_rows(),
        "rows": rows,
        "span": len(form.fixed_headers) + len(form.leaves),
        "fixed": len(form.fixed_headers),
        "footnotes": form.footnotes(),
    }


def reach_or_403(user) -> statistics.Reach:
    reach = statistics.reach_of(user)
    if reach is None:
        raise PermissionDenied
    return reach


def file_url(number: str, year: int, fmt: str) -> str:
    return reverse("reports:statistics_file", args=[number]) + f"?year={year}&format={fmt}"


class StatisticsView(PermissionRequiredMixin, TemplateView):
    template_name = "reports/statistics.html"
    permission_required = "reports.view_statistics"
    raise_exception = True

    def get_context_data(self, **kwargs):
        reach = reach_or_403(self.request.user)
        form = StatisticsChoiceForm(self.request.GET or None, reach=reach)
        filled, files = [], []
        if not form.is_bound:
            form = StatisticsChoiceForm(
                {"year": form.fields["year"].initial(), "form": ALL_FORMS}, reach=reach
            )
        if form.is_valid():
            year, chosen = form.cleaned_data["year"], form.cleaned_data["form"]
            filled = statistics.fill_all(form.numbers(reach), year=year, reach=reach)
            files = [
                (_("Report with the forms (PDF)"), file_url(chosen, year, "pdf")),
                (_("Forms to complete (Excel)"), file_url(chosen, year, "xlsx")),
            ]
        start, end = statistics.reporting_period(
            form.cleaned_data["year"] if form.is_valid() else form.fields["year"].initial()
        )
        return super().get_context_data(
            form=form,
            reach=reach,
            previews=[preview(form) for form in filled],
            files=files,
            period_start=start,
            period_end=end,
            circular=statistics.CIRCULAR,
            **kwargs,
        )


class StatisticsFileView(PermissionRequiredMixin, View):
    """``<form>/?year=&format=``: the PDF report or the workbook of one form, or of all."""

    permission_required = "reports.view_statistics"
    raise_exception = True

    def get(self, request, number: str):
        reach = reach_or_403(request.user)
        if number != ALL_FORMS and number not in statistics.FORMS:
            raise Http404
        chosen = StatisticsChoiceForm(
            {"year": request.GET.get("year", ""), "form": number}, reach=reach
        )
        if not chosen.is_valid():
            if "form" in chosen.errors and number in statistics.FORMS:
                # A form that exists but is the province's alone.
                raise PermissionDenied
            raise Http404
        fmt = request.GET.get("format", "pdf")
        if fmt not in FORMATS:
            raise Http404
        year = chosen.cleaned_data["year"]
        with translation.override(issuing.DOCUMENT_LANGUAGE):
            filled = statistics.fill_all(chosen.numbers(reach), year=year, reach=reach)
            document = statistics.statistics_document(filled, reach=reach)
            if fmt == "xlsx":
                content = statistics.statistics_workbook(filled, day=document.date)
            else:
                content = issuing.render(document, "pdf")
        return file_response(content, f"{document.filename}-du-thao", fmt)


urlpatterns = [
    path("", StatisticsView.as_view(), name="statistics"),
    path("<str:number>/", StatisticsFileView.as_view(), name="statistics_file"),
]
