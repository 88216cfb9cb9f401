"""Pages of a subject's history of commendation, under one of its exemplars: the awards it
holds from before the portal, its task ratings and its initiatives (three record kinds of
the kit, each listing the records of every yearly row of the subject); the import of such
records from a spreadsheet; the conditions of a proposal judged as its form is filled in
(an htmx fragment); and Home Affairs' leave to send a proposal despite its conditions.

Rows are read through their models' scope (out of reach is a 404); who may keep them is
``reports/rules/history.py`` (a 403).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import display, xlsx_response
from exemplar_portal.base.kit import RecordKind, get_in_reach
from exemplar_portal.base.lookups import Naming, rows_naming
from registry.models import Exemplar
from registry.spreadsheets.safety import SpreadsheetRejected

from .. import conditions, subject_history
from ..awards import proposal_override
from ..forms import proposable_exemplars
from ..forms_history import (
    HistoryImportForm,
    InitiativeFilterForm,
    InitiativeForm,
    OverrideForm,
    PriorAwardFilterForm,
    PriorAwardForm,
    TaskRatingFilterForm,
    TaskRatingForm,
)
from ..models import AwardForm, AwardProposal, Initiative, PriorAward, TaskRating, subject_rows
from ..rules import history as _rules  # noqa: F401  (registers the permissions)
from .awards import ProposalKind, ProposalMoveView


def _proof(record) -> str:
    return record.proof


class SubjectHistoryKind(RecordKind):
    """A kind of record of a subject's history, on pages under one of its exemplars; its
    list holds the records of every yearly row of the subject."""

    parent_model = Exemplar
    parent_key = "code"
    parent_field = "exemplar"
    ordering = ("-year", "-pk")
    paginate_by = 25
    template_prefix = "reports/subject_history"
    # The words of its pages: the list's heading, what a new record is called.
    title = ""
    add_label = ""
    # The fields the list's search looks in.
    searched = ("document_number", "document_issuer")

    def template(self, page):
        return f"{self.template_prefix}_{page}.html"

    def scope(self, request):
        records = self.model.objects.restrict(request.user).select_related(
            "exemplar", "recorded_by", *self.select_related
        )
        return records.of_subject(self.parent) if self.parent is not None else records

    def list_queryset(self, request, filters):
        records = super().list_queryset(request, filters)
        query = (filters.get("q") or "").strip()
        if query:
            match = Q()
            for name in self.searched:
                match |= Q(**{f"{name}__icontains": query})
            records = records.filter(match)
        return records

    def pages_context(self, request) -> dict:
        exemplar = self.parent
        return {
            "kind": self,
            "kind_title": self.title,
            "add_label": self.add_label,
            "may_keep": request.user.has_perm(self.permission("add"), exemplar),
            "history_links": history_links(exemplar),
        }

    def list_context(self, request, filters, records):
        return {
            **self.pages_context(request),
            "table": [(r, [value(r) for _l, value in self.export_columns]) for r in records],
            "headers": [label for label, _v in self.export_columns],
        }

    def detail_context(self, request, record):
        return {
            **super().detail_context(request, record),
            **self.pages_context(request),
            "facts": [(label, value(record)) for label, value in self.export_columns],
        }

    def form_context(self, request, record=None):
        return self.pages_context(request)

    def delete_context(self, request, record):
        return self.pages_context(request)

    def save(self, request, form, record=None):
        if record is None:
            form.instance.recorded_by = request.user
        return super().save(request, form, record)

    def success_url(self, request, record):
        return self.list_url(request)

    def saved_message(self, record, created):
        return _("“%(record)s” is recorded in the subject's history.") % {"record": record}


class PriorAwards(SubjectHistoryKind):
    model = PriorAward
    name = "prioraward"
    parent_prefix = "dien-hinh/<str:code>/danh-hieu-da-co/"
    form_class = PriorAwardForm
    filter_form_class = PriorAwardFilterForm
    filters = {"year": "year", "category": "award__category"}
    select_related = ("award",)
    object_name = "record"
    list_name = "records"
    title = gettext_lazy("Awards and titles held")
    add_label = gettext_lazy("Record an award held")
    searched = ("document_number", "document_issuer", "award__name")
    export_filename = "danh-hieu-hinh-thuc-da-co"
    export_title = gettext_lazy("Awards and titles held")
    export_columns = [
        (gettext_lazy("achievement year"), lambda r: r.year),
        (gettext_lazy("award or title"), lambda r: r.award.name),
        (gettext_lazy("decision conferring it"), _proof),
        (gettext_lazy("source"), display("source")),
        (gettext_lazy("exemplar"), lambda r: f"{r.exemplar} ({r.exemplar.year})"),
    ]


class TaskRatings(SubjectHistoryKind):
    model = TaskRating
    name = "taskrating"
    parent_prefix = "dien-hinh/<str:code>/muc-do-hoan-thanh-nhiem-vu/"
    form_class = TaskRatingForm
    filter_form_class = TaskRatingFilterForm
    filters = {"year": "year", "rating": "rating"}
    object_name = "record"
    list_name = "records"
    title = gettext_lazy("Task completion ratings")
    add_label = gettext_lazy("Record a rating")
    export_filename = "muc-do-hoan-thanh-nhiem-vu"
    export_title = gettext_lazy("Task completion ratings")
    export_columns = [
        (gettext_lazy("year"), lambda r: r.year),
        (gettext_lazy("rating"), display("rating")),
        (gettext_lazy("basis"), _proof),
        (gettext_lazy("source"), display("source")),
        (gettext_lazy("exemplar"), lambda r: f"{r.exemplar} ({r.exemplar.year})"),
    ]


def _used_for(initiative) -> str:
    award = initiative.used_for_award
    return f"{award.award.name} ({award.year})" if award is not None else ""


class Initiatives(SubjectHistoryKind):
    model = Initiative
    name = "initiative"
    parent_prefix = "dien-hinh/<str:code>/sang-kien/"
    form_class = InitiativeForm
    filter_form_class = InitiativeFilterForm
    filters = {"year": "year", "level": "level"}
    select_related = ("used_for__award", "used_for_prior__award")
    object_name = "record"
    list_name = "records"
    title = gettext_lazy("Initiatives")
    add_label = gettext_lazy("Record an initiative")
    searched = ("document_number", "document_issuer", "title")
    export_filename = "sang-kien"
    export_title = gettext_lazy("Initiatives")
    export_columns = [
        (gettext_lazy("year recognised"), lambda r: r.year),
        (gettext_lazy("initiative"), lambda r: r.title),
        (gettext_lazy("level"), display("level")),
        (gettext_lazy("recognising decision"), _proof),
        (gettext_lazy("counted for"), _used_for),
        (gettext_lazy("source"), display("source")),
    ]


KINDS = (PriorAwards(), TaskRatings(), Initiatives())


def history_links(exemplar) -> list[tuple[str, str]]:
    """The lists of ``exemplar``'s subject history: (title, URL)."""
    from django.urls import reverse

    return [
        (kind.title, reverse(f"reports:{kind.url_name('list')}", kwargs={"code": exemplar.code}))
        for kind in KINDS
    ]


def subject_history_summary(*, user, exemplar) -> dict:
    """The exemplar page's history section: how many records of each kind its subject has,
    and whether the user keeps them (context of ``reports/partials/exemplar_history.html``)."""
    rows = list(subject_rows(exemplar).values_list("pk", flat=True))
    counts = map(len, rows_naming(rows, *(Naming(kind.model, by="exemplar") for kind in KINDS)))
    return {
        "subject_history": [
            (title, url, count)
            for (title, url), count in zip(history_links(exemplar), counts, strict=True)
        ],
        "may_keep_history": user.has_perm("reports.keep_subject_history", exemplar),
    }


# The import ---------------------------------------------------------------------------------


class HistoryImportView(PermissionRequiredMixin, FormView):
    """Upload a sheet of records from before the portal: all written, or none with a report
    per row."""

    template_name = "reports/subject_history_import.html"
    form_class = HistoryImportForm
    permission_required = "reports.import_subject_history"

    def named_exemplar(self):
        """The exemplar the page was opened from (``?exemplar=<code>``), if the user reaches
        it: the template's rows name it."""
        code = self.request.GET.get("exemplar", "")
        if not code:
            return None
        return Exemplar.objects.restrict(self.request.user).filter(code=code[:12]).first()

    def get(self, request, *args, **kwargs):
        if request.GET.get("template"):
            exemplar = self.named_exemplar()
            code = exemplar.code if exemplar else "ABCDEFGH23"
            return xlsx_response(
                filename="mau-nhap-lich-su-khen-thuong",
                title=str(subject_history.SHEET_TITLE),
                headers=[subject_history.column_label(k) for k, _l in subject_history.COLUMNS],
                rows=subject_history.template_rows(code),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=[subject_history.column_label(k) for k, _l in subject_history.COLUMNS],
            kinds=[label for _model, label in subject_history.KINDS.values()],
            ratings=[label for _v, label in TaskRating.Rating.choices],
            levels=[label for _v, label in Initiative.Level.choices],
            exemplar=self.named_exemplar(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            rows, numbers = subject_history.read(form.cleaned_data["file"], self.request.user)
        except SpreadsheetRejected as rejected:
            form.add_error("file", rejected)
            return self.form_invalid(form)
        report = subject_history.import_rows(rows, numbers, user=self.request.user)
        if report.written:
            messages.success(
                self.request,
                _("%(count)s records are imported into the subjects' histories.")
                % {"count": len(report.rows)},
            )
        else:
            messages.error(
                self.request,
                _(
                    "Nothing was imported: %(count)s rows have errors. Correct them and "
                    "upload the file again."
                )
                % {"count": report.error_rows},
            )
        return self.render_to_response(self.get_context_data(form=form, report=report))


# The conditions on a proposal ----------------------------------------------------------------


class ProposalConditionsView(View):
    """The conditions of the award chosen on a proposal's form, judged for the exemplar and
    year chosen: a fragment the form refreshes (htmx) as they change."""

    def get(self, request):
        user = request.user
        proposal = None
        if request.GET.get("proposal"):
            proposals = ProposalKind().scope(request)
            proposal = get_in_reach(proposals, pk=_number(request.GET["proposal"]))
            if not user.has_perm("reports.change_awardproposal", proposal):
                raise PermissionDenied
            exemplar = proposal.exemplar
        else:
            if not user.has_perm("reports.add_awardproposal"):
                raise PermissionDenied
            exemplar = (
                proposable_exemplars(user).filter(pk=_number(request.GET.get("exemplar"))).first()
            )
        award = AwardForm.objects.filter(pk=_number(request.GET.get("award"))).first()
        year = _number(request.GET.get("year"))
        evaluation = None
        if exemplar is not None and award is not None and year:
            # Judged as the proposal it is (its own initiatives count), with the award and
            # year now chosen.
            judged = AwardProposal(
                pk=getattr(proposal, "pk", None), exemplar=exemplar, award=award, year=year
            )
            evaluation = conditions.evaluate(judged)
        return render(
            request,
            "reports/partials/proposal_conditions_live.html",
            {"evaluation": evaluation, "exemplar": exemplar},
        )


def _number(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ProposalOverrideView(ProposalMoveView):
    """Home Affairs allows a proposal held for its conditions, with a reason."""

    template_name = "reports/proposal_override.html"
    form_class = OverrideForm
    permission_required = "reports.override_awardproposal"
    move = "override"
    done = gettext_lazy(
        "The proposal is allowed despite its conditions and sent to appraisal; the reason is "
        "kept in its history."
    )

    def get_context_data(self, **kwargs):
        proposal = self.get_permission_object()
        return super().get_context_data(evaluation=conditions.evaluate(proposal), **kwargs)

    def make(self, proposal, data):
        proposal_override(proposal=proposal, by=self.request.user, reason=data["reason"])


urlpatterns = [
    *(pattern for kind in KINDS for pattern in kind.urls()),
    path("lich-su/nhap/", HistoryImportView.as_view(), name="subject_history_import"),
    path("de-xuat/dieu-kien/", ProposalConditionsView.as_view(), name="proposal_conditions"),
    path(
        "de-xuat/<int:pk>/vuot-dieu-kien/",
        ProposalOverrideView.as_view(),
        name="proposal_override",
    ),
]
