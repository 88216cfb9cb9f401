"""Pages of the yearly consolidation and the period review: the list, building one, its live
view while it is being prepared, publishing, reopening, each published version, comparing
versions, and the documents (xlsx at once; the PDF of a version rendered by the worker, with
its progress). A period review is a consolidation of a plan's years and uses the same pages.

Who may act is ``reports/rules/consolidations.py``; which state allows publishing or
reopening is checked by ``reports.consolidation`` under a row lock.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import include, path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.kit import RecordKind, get_in_reach
from exemplar_portal.base.moves import answer, not_from_here
from registry.drafts import draft_saved

from .. import consolidation as consolidating
from .. import documents, issuing
from ..forms import (
    CompareForm,
    ConsolidationFilterForm,
    ConsolidationForm,
    NarrativeForm,
    PeriodReviewForm,
    PublishForm,
    ReopenForm,
)
from ..issuing import DOCUMENT_LANGUAGE
from ..models import Consolidation, ConsolidationVersion, DocumentRender, IssuedDocument
from ..rendering import current_render, request_render
from .documents import CONTENT_TYPES, IssuingMixin, file_response, render_urls

# The page lists this many accepted exemplars; the xlsx and the PDF list every one.
ANNEX_SHOWN = 500


def render_language() -> str:
    """Documents are issued in Vietnamese, whatever the reader's interface language."""
    return DOCUMENT_LANGUAGE


class ConsolidationPermissionMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "reports.view_consolidation"
    raise_exception = True


class ConsolidationKind(RecordKind):
    """The list and building a yearly consolidation; each one's pages (live, versions,
    publishing, reopening) are the views below."""

    model = Consolidation
    pages = ("list", "create")
    list_permission = "reports.view_consolidation"
    form_class = ConsolidationForm
    filter_form_class = ConsolidationFilterForm
    filters = {"year": "year", "kind": "kind", "status": "status"}
    ordering = ("-year", "campaign__name", "pk")
    select_related = ("campaign", "plan", "created_by")
    list_name = "consolidations"
    create_path = "tao-moi/"

    def list_context(self, request, filters, consolidations):
        """Each consolidation's latest version, as ``last_version``."""
        latest = {}
        for version in ConsolidationVersion.objects.filter(
            consolidation__in=[c.pk for c in consolidations]
        ).order_by("consolidation_id", "number"):
            latest[version.consolidation_id] = version
        for consolidation in consolidations:
            consolidation.last_version = latest.get(consolidation.pk)
        return {}

    def save(self, request, form, record=None):
        data = form.cleaned_data
        return consolidating.create(year=data["year"], campaign=data["campaign"], by=request.user)

    def saved_message(self, record, created):
        return _("The consolidation is being prepared: check it, then publish it.")


class PeriodReviewKind(ConsolidationKind):
    """Building the period review of a plan: one per plan, from the plan's last year on."""

    pages = ("create",)
    name = "period_review"
    form_class = PeriodReviewForm
    create_path = "tong-ket/tao-moi/"

    def save(self, request, form, record=None):
        return consolidating.create_period_review(plan=form.cleaned_data["plan"], by=request.user)

    def saved_message(self, record, created):
        return _("The period review is being prepared: check it, then publish it.")


class ConsolidationMixin(ConsolidationPermissionMixin):
    def get_consolidation(self) -> Consolidation:
        if not hasattr(self, "_consolidation"):
            consolidations = ConsolidationKind().scope(self.request)
            self._consolidation = get_in_reach(consolidations, pk=self.kwargs["pk"])
        return self._consolidation

    def get_version(self) -> ConsolidationVersion:
        if not hasattr(self, "_version"):
            self._version = get_object_or_404(
                self.get_consolidation().versions.select_related("published_by", "reopened_by"),
                number=self.kwargs["number"],
            )
        return self._version

    def get_permission_object(self):
        return self.get_consolidation()

    def versions(self):
        return list(
            self.get_consolidation()
            .versions.select_related("published_by", "reopened_by")
            .order_by("-number")
        )

    def snapshot_context(self, snapshot: dict, version=None) -> dict:
        consolidation = self.get_consolidation()
        document = documents.consolidated_report(
            consolidation=consolidation, snapshot=snapshot, version=version
        )
        versions = self.versions()
        return {
            "consolidation": consolidation,
            "version": version,
            "snapshot": snapshot,
            "is_period": consolidating.is_period(snapshot),
            "document": document,
            "versions": versions,
            "compare_form": CompareForm(
                initial={
                    "before": versions[1].number if len(versions) > 1 else None,
                    "after": versions[0].number if versions else None,
                },
                numbers=[v.number for v in versions],
            )
            if len(versions) > 1
            else None,
            "annex": document.extra["tables"]["exemplars"],
            "annex_rows": document.extra["tables"]["exemplars"].data_rows[:ANNEX_SHOWN],
            "annex_hidden": max(
                0, len(document.extra["tables"]["exemplars"].data_rows) - ANNEX_SHOWN
            ),
            "sections": [
                ("introductions", _("Introductions to the media")),
                ("proposals", _("Commendation proposals")),
                ("coverage", _("Coverage published")),
            ],
            **document.extra,
        }


class ConsolidationDetailView(ConsolidationMixin, TemplateView):
    """While being prepared: what publishing would freeze now. Once published: the latest
    version, as published."""

    template_name = "reports/consolidation_detail.html"

    def get(self, request, *args, **kwargs):
        consolidation = self.get_consolidation()
        if not consolidation.is_open:
            return redirect(consolidation.latest_version())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        snapshot = consolidating.snapshot_of(self.get_consolidation())
        return super().get_context_data(
            **self.snapshot_context(snapshot),
            publish_form=PublishForm(),
            **kwargs,
        )


class VersionDetailView(ConsolidationMixin, TemplateView):
    template_name = "reports/consolidation_detail.html"

    def get_context_data(self, **kwargs):
        version = self.get_version()
        consolidation = self.get_consolidation()
        context = self.snapshot_context(version.data, version)
        is_latest = context["versions"][0].number == version.number  # newest first
        return super().get_context_data(
            **context,
            render=current_render(version=version, language=render_language()),
            urls=version_render_urls(version),
            issued_reports=version.issued_documents.select_related("unit").order_by("-issued_at"),
            may_write=self.request.user.has_perm("reports.publish_consolidation", consolidation),
            may_issue=self.request.user.has_perm("reports.issue_province_document"),
            narrative=[
                (
                    name,
                    Consolidation._meta.get_field(name).verbose_name,
                    getattr(consolidation, name),
                )
                for name in consolidation.NARRATIVE_FIELDS
            ],
            can_reopen=is_latest
            and not consolidation.is_open
            and self.request.user.has_perm("reports.reopen_consolidation", consolidation),
            **kwargs,
        )


class PublishView(ConsolidationMixin, FormView):
    permission_required = "reports.publish_consolidation"
    template_name = "reports/consolidation_publish.html"
    form_class = PublishForm

    def get(self, request, *args, **kwargs):
        already = _("This consolidation is already published.")
        moves = consolidating.CONSOLIDATION_MOVES
        refusal = not_from_here(
            request, moves, self.get_consolidation(), "publish", refusal=already
        )
        return refusal or super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        consolidation = self.get_consolidation()
        return super().get_context_data(
            consolidation=consolidation,
            next_number=consolidation.next_version_number(),
            **kwargs,
        )

    def form_valid(self, form):
        consolidation = self.get_consolidation()
        publish = partial(consolidating.publish, consolidation=consolidation, by=self.request.user)
        return answer(
            self.request,
            consolidation,
            publish,
            done=published,
            level=messages.ERROR,
            error=ValidationError,
            then=lambda version: version,
        )


def published(version) -> str:
    return _("Version %(number)s is published; it stays as it is when records change.") % {
        "number": version.number
    }


def reopened(version) -> str:
    return _(
        "Reopened: version %(number)s stays as published; publishing again makes version %(next)s."
    ) % {"number": version.number, "next": version.number + 1}


class ReopenView(ConsolidationMixin, FormView):
    permission_required = "reports.reopen_consolidation"
    template_name = "reports/consolidation_reopen.html"
    form_class = ReopenForm

    def get(self, request, *args, **kwargs):
        moves = consolidating.CONSOLIDATION_MOVES
        refusal = not_from_here(request, moves, self.get_consolidation(), "reopen")
        return refusal or super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            consolidation=self.get_consolidation(),
            version=self.get_consolidation().latest_version(),
            **kwargs,
        )

    def form_valid(self, form):
        consolidation, reason = self.get_consolidation(), form.cleaned_data["reason"]
        by = self.request.user
        reopen = partial(consolidating.reopen, consolidation=consolidation, by=by, reason=reason)
        return answer(self.request, consolidation, reopen, done=reopened)


class CompareView(ConsolidationMixin, TemplateView):
    template_name = "reports/consolidation_compare.html"

    def get_context_data(self, **kwargs):
        versions = {v.number: v for v in self.versions()}
        form = CompareForm(self.request.GET or None, numbers=sorted(versions))
        comparison = None
        if form.is_bound and form.is_valid():
            before = versions[form.cleaned_data["before"]]
            after = versions[form.cleaned_data["after"]]
            comparison = {
                "before": before,
                "after": after,
                **consolidating.compare(before.data, after.data),
            }
        return super().get_context_data(
            consolidation=self.get_consolidation(),
            form=form,
            comparison=comparison,
            **kwargs,
        )


class ConsolidationXlsxView(ConsolidationMixin, View):
    """The tables of the live consolidation, or of a published version (``number``)."""

    def get(self, request, *args, **kwargs):
        consolidation = self.get_consolidation()
        if "number" in self.kwargs:
            version = self.get_version()
            snapshot = version.data
        else:
            version = None
            snapshot = consolidating.snapshot_of(consolidation)
        with translation.override(DOCUMENT_LANGUAGE):
            document = documents.consolidated_report(
                consolidation=consolidation, snapshot=snapshot, version=version
            )
        return file_response(issuing.render(document, "xlsx"), document.filename, "xlsx")


def version_render_urls(version) -> dict:
    return render_urls(
        reverse(
            "reports:consolidation_version_pdf",
            kwargs={"pk": version.consolidation_id, "number": version.number},
        )
    )


class VersionPdfView(ConsolidationMixin, View):
    """GET: the version's PDF once rendered; POST: ask the worker to render it. The progress
    (``?progress=1``) is a fragment the version page asks for every two seconds."""

    def get(self, request, *args, **kwargs):
        render_job = current_render(version=self.get_version(), language=render_language())
        if request.GET.get("progress"):
            return render(
                request,
                "reports/partials/render_progress.html",
                {"render": render_job, "urls": version_render_urls(self.get_version())},
            )
        if render_job is None or not render_job.is_ready:
            messages.info(request, _("The PDF is not ready yet: prepare it first."))
            return redirect(self.get_version())
        stored = render_job.docx if request.GET.get("format") == "docx" else render_job.file
        if not stored:
            messages.info(request, _("The draft is not ready yet: prepare it first."))
            return redirect(self.get_version())
        is_docx = stored is render_job.docx
        return FileResponse(
            stored.open("rb"),
            content_type=CONTENT_TYPES["docx" if is_docx else "pdf"],
            as_attachment=is_docx,
            filename=stored.name.rsplit("/", 1)[-1],
        )

    def post(self, request, *args, **kwargs):
        render_job = request_render(
            version=self.get_version(), user=request.user, language=render_language()
        )
        render_job.refresh_from_db()  # a worker may already have finished it
        if not render_job.is_ready:
            messages.info(
                request,
                _("The PDF is being prepared in the background; this page shows its progress."),
            )
        return redirect(self.get_version().get_absolute_url() + "#pdf")


class NarrativeView(ConsolidationMixin, FormView):
    """The report's narrative sections, written by Home Affairs before it issues the report;
    the drafts already prepared are dropped, so the next one reads the new text."""

    permission_required = "reports.publish_consolidation"
    template_name = "reports/consolidation_narrative.html"
    form_class = NarrativeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_consolidation()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(consolidation=self.get_consolidation(), **kwargs)

    def form_valid(self, form):
        consolidation = form.save()
        DocumentRender.objects.filter(version__consolidation=consolidation).delete()
        messages.success(self.request, _("The report's text is saved."))
        draft_saved(self.request)
        latest = consolidation.latest_version()
        return redirect(latest or consolidation)


class VersionIssueView(IssuingMixin, ConsolidationMixin, View):
    """Issuing the report of a published version (the yearly report, or the period review's):
    signer and date, then the number; the document worker renders the files."""

    permission_required = "reports.view_consolidation"

    @property
    def kind(self):
        if self.get_consolidation().is_period:
            return IssuedDocument.Kind.PERIOD_REVIEW
        return IssuedDocument.Kind.CONSOLIDATED_REPORT

    def issuing_unit(self):
        return documents.home_affairs()

    def get_params(self) -> dict:
        consolidation = self.get_consolidation()
        return {
            "version": self.get_version().pk,
            "narrative": {
                name: getattr(consolidation, name) for name in consolidation.NARRATIVE_FIELDS
            },
        }

    def back_url(self) -> str:
        return self.get_version().get_absolute_url()

    def draft_links(self):
        version = self.get_version()
        url = version.get_absolute_url()
        return [(_("Draft: prepare and read it on the version's page"), f"{url}#pdf")]

    def missing_narrative(self) -> list[str]:
        consolidation = self.get_consolidation()
        return [
            str(Consolidation._meta.get_field(name).verbose_name)
            for name in consolidation.NARRATIVE_FIELDS
            if not getattr(consolidation, name).strip()
        ]

    def refuse_without_narrative(self, request):
        missing = self.missing_narrative()
        if missing:
            messages.error(
                request,
                _("Write the report's text before issuing it; missing: %(sections)s.")
                % {"sections": ", ".join(missing)},
            )
            return redirect("reports:consolidation_narrative", pk=self.get_consolidation().pk)
        return None

    def get(self, request, *args, **kwargs):
        return self.refuse_without_narrative(request) or self.issue_get(request)

    def post(self, request, *args, **kwargs):
        return self.refuse_without_narrative(request) or self.issue_post(
            request, version=self.get_version()
        )


VERSION_PAGES = [
    path("", VersionDetailView.as_view(), name="consolidation_version"),
    path("xlsx/", ConsolidationXlsxView.as_view(), name="consolidation_version_xlsx"),
    path("phat-hanh/", VersionIssueView.as_view(), name="consolidation_version_issue"),
    path("pdf/", VersionPdfView.as_view(), name="consolidation_version_pdf"),
]
CONSOLIDATION_PAGES = [
    path("", ConsolidationDetailView.as_view(), name="consolidation_detail"),
    path("cong-bo/", PublishView.as_view(), name="consolidation_publish"),
    path("mo-lai/", ReopenView.as_view(), name="consolidation_reopen"),
    path("so-sanh/", CompareView.as_view(), name="consolidation_compare"),
    path("xlsx/", ConsolidationXlsxView.as_view(), name="consolidation_xlsx"),
    path("phien-ban/<int:number>/", include(VERSION_PAGES)),
    path("noi-dung/", NarrativeView.as_view(), name="consolidation_narrative"),
]
urlpatterns = [
    *ConsolidationKind().urls(),
    *PeriodReviewKind().urls(),
    path("<int:pk>/", include(CONSOLIDATION_PAGES)),
]
