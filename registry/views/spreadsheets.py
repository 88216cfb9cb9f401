"""Spreadsheet imports: the list of imports and the kinds a user may run, the upload with
its template, the check's report (with progress while the worker runs it), the
confirmation, running a stopped import again, and the stored file for the record. The work
is ``registry.spreadsheets``. Opening the list or an import marks the imports whose worker
stopped (``service.recover_stale``)."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView, View
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from exemplar_portal.base.moves import answer

from .. import security
from ..models import ImportJob, SecurityEvent
from ..spreadsheets import service, templates
from ..spreadsheets.forms import ImportUploadForm, ReportFilterForm
from ..spreadsheets.kinds import BY_SLUG, KINDS, kinds_for
from ..spreadsheets.safety import SpreadsheetRejected

REPORT_PAGE_SIZE = 100


class ImportKindMixin:
    """The import kind named in the URL; 404 for an unknown one, 403 when not allowed."""

    def dispatch(self, request, *args, **kwargs):
        self.spec = BY_SLUG.get(kwargs["kind"])
        if self.spec is None:
            raise Http404
        if not self.spec.allowed_by(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportListView(PermissionRequiredMixin, ListView):
    """The imports the user may run, and the history of those they may see."""

    template_name = "registry/import_list.html"
    permission_required = "registry.view_import_history"
    context_object_name = "jobs"
    paginate_by = 25

    def get_queryset(self):
        service.recover_stale()
        # Lists never need the reports.
        return service.visible_jobs(self.request.user).defer("report")

    def get_context_data(self, **kwargs):
        return super().get_context_data(kinds=kinds_for(self.request.user), **kwargs)


class ImportStartView(ImportKindMixin, FormView):
    """Upload a filled template: refused here for its type, size or zip directory; otherwise
    stored and checked by the background worker, and the next page is the import's report,
    with its progress until the check ends."""

    template_name = "registry/import_start.html"
    form_class = ImportUploadForm

    def get_context_data(self, **kwargs):
        recent = (
            service.visible_jobs(self.request.user)
            .filter(kind=self.spec.kind, created_by=self.request.user)
            .defer("report")[:5]
        )
        return super().get_context_data(spec=self.spec, recent=recent, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            job = service.start_import(
                kind=self.spec.kind, upload=form.cleaned_data["file"], user=self.request.user
            )
        except SpreadsheetRejected as rejected:
            security.record(
                SecurityEvent.Kind.IMPORT_REFUSED,
                import_kind=self.spec.kind,
                file=form.cleaned_data["file"].name[:150],
                reason=rejected.code or "",
            )
            form.add_error("file", rejected)
            return self.form_invalid(form)
        return redirect(job)


class ImportTemplateView(ImportKindMixin, View):
    """The template to fill: a workbook with instructions and lists, or a CSV header."""

    def get(self, request, kind):
        if request.GET.get("format") == "csv":
            response = HttpResponse(
                templates.template_csv(self.spec), content_type=CSV_CONTENT_TYPE
            )
            extension = "csv"
        else:
            response = HttpResponse(
                templates.template_workbook(self.spec, request.user),
                content_type=XLSX_CONTENT_TYPE,
            )
            extension = "xlsx"
        response["Content-Disposition"] = f'attachment; filename="{self.spec.filename}.{extension}"'
        return response


class ScopedJobMixin:
    """The import named in the URL, among those the user may see; others are 404."""

    # Only the report page reads the row-by-row report.
    with_report = False

    def get_object(self, queryset=None):
        if not hasattr(self, "_job"):
            jobs = service.visible_jobs(self.request.user)
            if not self.with_report:
                jobs = jobs.defer("report")
            self._job = get_object_or_404(jobs, pk=self.kwargs["pk"])
            if service.is_stale(self._job):
                service.recover_stale(ImportJob.objects.filter(pk=self._job.pk))
                self._job.refresh_from_db()
        return self._job


class ImportJobView(ScopedJobMixin, DetailView):
    """The report of an import: every row as new, updated, unchanged or in error, with the
    errors by column; its progress while the worker runs it; confirm or cancel when ready."""

    template_name = "registry/import_job.html"
    context_object_name = "job"

    def get(self, request, *args, **kwargs):
        # The progress, asked every two seconds while the worker runs, needs no report.
        self.with_report = not request.GET.get("progress")
        self.object = job = self.get_object()
        if request.GET.get("progress"):
            if job.is_running:
                return self.response_class(
                    request, ["registry/partials/import_progress.html"], {"job": job}
                )
            # Finished: the page shows the report, so htmx reloads it whole.
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        return self.render_to_response(self.get_context_data(object=job))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        user = self.request.user
        rows = job.report.get("rows", [])
        form = ReportFilterForm(self.request.GET or None)
        show = form.cleaned_data["show"] if form.is_valid() else ""
        if show == "warning":
            rows = [row for row in rows if row["warnings"]]
        elif show:
            rows = [row for row in rows if row["action"] == show]
        page = Paginator(rows, REPORT_PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            spec=KINDS[job.kind],
            filter_form=form,
            page_obj=page,
            rows=page.object_list,
            action_labels=service.ACTION_LABELS,
            file_errors=job.report.get("errors", []),
            more_errors=_left_out(job.report.get("more_errors", [])),
            more_warnings=_left_out(job.report.get("more_warnings", [])),
            rows_left_out=_grouped(job.report.get("rows_left_out", 0)),
            can_confirm=job.status == ImportJob.Status.READY
            and user.has_perm("registry.confirm_importjob", job),
            can_cancel=job.status in (ImportJob.Status.READY, ImportJob.Status.INVALID)
            and user.has_perm("registry.confirm_importjob", job),
            can_restart=job.status == ImportJob.Status.FAILED
            and user.has_perm("registry.confirm_importjob", job),
        )
        return context


def _grouped(number: int) -> str:
    """``number`` as the reader writes it ("1.234" in Vietnamese), or "" for none."""
    return number_format(number, force_grouping=True) if number else ""


def _left_out(counts) -> list[tuple[str, str]]:
    """(column, count) of the errors or warnings a report leaves out, most first."""
    return [(column, _grouped(n)) for column, n in sorted(counts, key=lambda item: -item[1])]


class JobMoveMixin(ScopedJobMixin, PermissionRequiredMixin):
    """A step of the import named in the URL, which only its owner takes."""

    permission_required = "registry.confirm_importjob"

    def get_permission_object(self):
        return self.get_object()


class ImportConfirmView(JobMoveMixin, View):
    """Write a checked import: all its rows, or none."""

    def post(self, request, pk):
        job = self.get_object()
        try:
            job = service.confirm_import(job=job, user=request.user)
        except service.ImportNotPossible:
            messages.error(request, _("This import cannot be confirmed any more."))
            return redirect(job)
        if job.status == ImportJob.Status.DONE:
            messages.success(
                request,
                _("Imported: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.")
                % {
                    "new": job.new_rows,
                    "updated": job.updated_rows,
                    "unchanged": job.unchanged_rows,
                },
            )
        elif job.status == ImportJob.Status.IMPORTING:
            messages.info(request, _("The import has started; this page shows its progress."))
        else:
            messages.error(request, job.message or _("Nothing was imported."))
        return redirect(job)


class ImportCancelView(JobMoveMixin, View):
    """Set a checked import aside without writing anything; it stays in the history."""

    def post(self, request, pk):
        job = self.get_object()
        cancel = partial(service.cancel_import, job=job, by=request.user)
        return answer(
            request,
            job,
            cancel,
            done=_("The import was cancelled; nothing was written."),
            refused=_("This import cannot be cancelled any more."),
            level=messages.ERROR,
            error=service.ImportNotPossible,
        )


class ImportRestartView(JobMoveMixin, TemplateView):
    """Run a failed import again, from its stored file: a page to confirm, then the check
    starts over in the background. Its owner only."""

    template_name = "registry/import_confirm_restart.html"

    def get_context_data(self, **kwargs):
        job = self.get_object()
        return super().get_context_data(job=job, spec=KINDS[job.kind], **kwargs)

    def get(self, request, *args, **kwargs):
        if self.get_object().status != ImportJob.Status.FAILED:
            return redirect(self.get_object())
        return super().get(request, *args, **kwargs)

    def post(self, request, pk):
        job = self.get_object()
        try:
            job = service.restart_import(job=job, by=request.user)
        except service.ImportNotPossible:
            messages.error(request, _("This import cannot be run again."))
        else:
            messages.info(
                request,
                _("The file is being checked again from the start; this page shows its progress."),
            )
        return redirect(job)


class ImportFileView(ScopedJobMixin, View):
    """The uploaded file as it was received, for the record."""

    def get(self, request, pk):
        job = self.get_object()
        content_type = XLSX_CONTENT_TYPE if job.file_format == "xlsx" else CSV_CONTENT_TYPE
        response = FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=job.original_name,
            content_type=content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
