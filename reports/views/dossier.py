"""The dossier of a proposal (``reports.dossier``): its page, a scan uploaded per part, a scan
removed after a confirmation (kept for the retention period), and the whole dossier as a zip.

The proposal is read through its scope (out of reach is a 404). Whoever reads the proposal
reads its dossier and downloads the zip; the proposing unit's editors and heads and Home
Affairs upload and remove scans (``reports.add_proposalfile``, else a 403). An issued
document that stands for a part is named to every reader, but its files go in the zip only
for those who reach it in the register.
"""

import tempfile

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.kit import get_in_reach
from exemplar_portal.base.uploads import UploadRejected
from registry import attachments, file_quota

from .. import dossier as dossiers
from .. import issuing, kept_drafts, limits
from ..dashboard import reach_key
from ..documents import draft_issue
from ..forms import DossierUploadForm
from ..models import IssuedDocument, ProposalFile
from .awards import ProposalKind
from .register import may_read_files

Kind = IssuedDocument.Kind


class DossierMixin(PermissionRequiredMixin):
    """The proposal named in the URL, if the user reaches it (else 404) and has
    ``permission_required`` on it (else 403)."""

    permission_required = "reports.view_awardproposal"

    def get_proposal(self):
        if not hasattr(self, "_proposal"):
            proposals = ProposalKind().scope(self.request)
            self._proposal = get_in_reach(proposals, pk=self.kwargs["pk"])
        return self._proposal

    def get_permission_object(self):
        return self.get_proposal()

    def page(self, dossier, *, form=None, status=200):
        """The dossier's page; ``form``: an upload refused, shown at its part."""
        request, proposal = self.request, self.get_proposal()
        user = request.user
        may_upload = user.has_perm("reports.add_proposalfile", proposal)
        readable = readable_documents(user, dossier)
        for row in dossier.rows:
            row.form = None
            if may_upload:
                row.form = DossierUploadForm(dossier=dossier, part=row.part)
            row.readable = [document for document in row.issued if document.pk in readable]
        misplaced = None
        if form is not None:
            part = getattr(form, "cleaned_data", {}).get("part")
            row = dossier.row_of(part) if part is not None else None
            if row is not None and may_upload:
                row.form = form
            else:
                misplaced = form
        context = {
            "proposal": proposal,
            "dossier": dossier,
            "may_upload": may_upload,
            "may_print": user.has_perm("reports.print_exemplar_profile", proposal.exemplar),
            "may_issue": user.has_perm("reports.issue_document", proposal.exemplar.unit),
            "misplaced_form": misplaced,
            "retention_days": attachments.retention_days(),
            "use": attachments.use_of(ProposalFile, proposal) if may_upload else None,
            "files_per_record": file_quota.limit("ATTACHMENTS_PER_RECORD"),
            "bytes_per_record": file_quota.limit("ATTACHMENT_BYTES_PER_RECORD"),
        }
        return render(request, "reports/proposal_dossier.html", context, status=status)


def readable_documents(user, dossier) -> set[int]:
    """The issued documents standing for parts of ``dossier`` whose files ``user`` may have:
    those of registers they reach (with personal data, only if they may see it)."""
    documents = [document for row in dossier.rows for document in row.issued]
    reached = set(
        IssuedDocument.objects.restrict(user)
        .filter(pk__in=[document.pk for document in documents])
        .values_list("pk", flat=True)
    )
    return {d.pk for d in documents if d.pk in reached and may_read_files(user, d)}


class DossierView(DossierMixin, View):
    def get(self, request, *args, **kwargs):
        return self.page(dossiers.checklist(self.get_proposal()))


class DossierUploadView(DossierMixin, View):
    """POST: scans of one part, all stored or none; a refusal shows the page again with the
    reasons at the part, what was typed kept."""

    permission_required = "reports.add_proposalfile"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        proposal = self.get_proposal()
        dossier = dossiers.checklist(proposal)
        form = DossierUploadForm(request.POST, request.FILES, dossier=dossier)
        if form.is_valid():
            part = form.cleaned_data["part"]
            try:
                rows = dossiers.add_files(
                    proposal=proposal,
                    part=part,
                    uploads=form.cleaned_data["file"],
                    caption=form.cleaned_data["caption"],
                    by=request.user,
                )
            except UploadRejected as rejection:
                for line in rejection.messages:
                    form.add_error("file", line)
            else:
                messages.success(request, file_quota.attached_message(rows))
                return redirect(dossier_url(proposal, anchor=f"part-{part.code}"))
        return self.page(dossiers.checklist(proposal), form=form)


class DossierFileRemoveView(DossierMixin, TemplateView):
    """Asks first; on POST takes the scan off the proposal (kept for the retention period,
    Home Affairs may restore it from the proposal's page)."""

    permission_required = "reports.add_proposalfile"
    template_name = "reports/dossier_file_confirm_remove.html"

    def get_file(self):
        files = ProposalFile.objects.filter(proposal=self.get_proposal()).select_related("part")
        return get_object_or_404(files, pk=self.kwargs["file_pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            proposal=self.get_proposal(),
            attachment=self.get_file(),
            retention_days=attachments.retention_days(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        row = attachments.remove(attachment=self.get_file(), by=request.user)
        messages.success(request, _("“%(name)s” is removed.") % {"name": row.original_name})
        return redirect(dossier_url(self.get_proposal()))


class DossierZipView(DossierMixin, View):
    """The whole dossier as one zip, named and ordered as a receiving office files it."""

    def get(self, request, *args, **kwargs):
        proposal = self.get_proposal()
        dossier = dossiers.checklist(proposal)
        readable = readable_documents(request.user, dossier)
        draft = None
        if request.user.has_perm("reports.print_exemplar_profile", proposal.exemplar):
            draft = achievement_draft(request.user, proposal)
        # Closed by the response once sent.
        target = tempfile.SpooledTemporaryFile(max_size=dossiers.SPOOL_BYTES)  # noqa: SIM115
        dossiers.write_zip(
            dossier,
            target,
            by=request.user,
            readable=lambda document: document.pk in readable,
            draft=draft,
        )
        target.seek(0)
        response = FileResponse(
            target,
            as_attachment=True,
            filename=dossiers.zip_name(proposal),
            content_type="application/zip",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


def achievement_draft(user, proposal):
    """The achievement report's draft for ``proposal`` in a format, as the report's own
    page gives it to ``user`` (kept drafts shared with it); None where it cannot be made in
    a request (too long, too slow)."""
    exemplar = proposal.exemplar
    params = {
        "exemplar": exemplar.code,
        "personal_data": user.has_perm("registry.view_personal_data_exemplar", exemplar),
        "proposal": proposal.pk,
    }
    kind = Kind.ACHIEVEMENT_REPORT

    def draft(fmt):
        document = issuing.build(kind, params, user=user, issue=draft_issue(exemplar.unit))
        try:
            return kept_drafts.draft_bytes(
                document,
                fmt,
                kind=kind,
                params={"document": params, "signer": None},
                reach=reach_key(user),
                language=issuing.DOCUMENT_LANGUAGE,
            )
        except (limits.DocumentTooLong, limits.RenderTimedOut):
            return None

    return draft


def dossier_url(proposal, anchor: str = "") -> str:
    url = reverse("reports:proposal_dossier", args=[proposal.pk])
    return f"{url}#{anchor}" if anchor else url


urlpatterns = [
    path("de-xuat/<int:pk>/ho-so/", DossierView.as_view(), name="proposal_dossier"),
    path(
        "de-xuat/<int:pk>/ho-so/tai-len/",
        DossierUploadView.as_view(),
        name="proposal_dossier_upload",
    ),
    path(
        "de-xuat/<int:pk>/ho-so/tep/<int:file_pk>/xoa/",
        DossierFileRemoveView.as_view(),
        name="proposal_dossier_remove",
    ),
    path(
        "de-xuat/<int:pk>/ho-so/tai-ve/",
        DossierZipView.as_view(),
        name="proposal_dossier_download",
    ),
]
