"""Photos and documents of an exemplar: upload (several at once, checked by content, within
the limits), download for those who may see the exemplar, removal while the exemplar is
editable (the file is kept for the retention period), and restoration by Home Affairs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.uploads import UploadRejected

from .. import attachments, services
from ..file_quota import attached_message
from ..forms import AttachmentForm
from ..models import Attachment
from .exemplars import ScopedExemplarMixin


class AttachmentUploadView(ScopedExemplarMixin, PermissionRequiredMixin, View):
    """POST: every file attached, or none, with a reason per file (``attachments.attach``)."""

    permission_required = "registry.change_exemplar"

    def post(self, request, code):
        exemplar = self.get_exemplar()
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(exemplar)
        try:
            rows = attachments.attach(
                exemplar=exemplar,
                uploads=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
                by=request.user,
            )
        except UploadRejected as rejection:
            for line in rejection.messages:
                messages.error(request, line)
            return redirect(exemplar)
        messages.success(request, attached_message(rows))
        return redirect(exemplar)


class AttachmentDownloadView(ScopedExemplarMixin, PermissionRequiredMixin, View):
    """Served by the application after the scope check, never straight from the disk. A
    removed file is served only to those who may restore it."""

    permission_required = "registry.view_exemplar"
    thumbnail = False

    def get(self, request, code, pk):
        exemplar = self.get_exemplar()
        if request.user.has_perm("registry.restore_attachment", exemplar):
            files = Attachment.all_objects.filter(exemplar=exemplar)
        else:
            files = exemplar.attachments.all()
        attachment = get_object_or_404(files, pk=pk)
        stored = attachment.thumbnail if self.thumbnail else attachment.file
        if not stored:
            raise Http404
        is_image = self.thumbnail or attachment.kind == attachment.Kind.PHOTO
        response = FileResponse(
            stored.open("rb"),
            as_attachment=not is_image,
            filename=attachment.original_name,
            content_type="image/jpeg" if self.thumbnail else attachment.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class AttachmentDeleteView(ScopedExemplarMixin, PermissionRequiredMixin, TemplateView):
    """Asks first; on POST takes the file off the record (kept for the retention period)."""

    permission_required = "registry.change_exemplar"
    template_name = "registry/attachment_confirm_delete.html"

    def get_attachment(self):
        return get_object_or_404(self.get_exemplar().attachments, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            exemplar=self.get_exemplar(),
            attachment=self.get_attachment(),
            retention_days=attachments.retention_days(),
            **kwargs,
        )

    def post(self, request, code, pk):
        attachment = self.get_attachment()
        if not request.user.has_perm("registry.change_exemplar", attachment.exemplar):
            raise PermissionDenied
        name = attachment.original_name
        services.attachment_delete(attachment=attachment, by=request.user)
        messages.success(request, _("“%(name)s” is removed.") % {"name": name})
        return redirect(self.get_exemplar())


class AttachmentRestoreView(ScopedExemplarMixin, PermissionRequiredMixin, TemplateView):
    """Home Affairs puts a removed file back on the record: asks first, restores on POST."""

    permission_required = "registry.restore_attachment"
    template_name = "registry/attachment_confirm_restore.html"

    def get_attachment(self):
        removed = Attachment.all_objects.removed().filter(exemplar=self.get_exemplar())
        return get_object_or_404(removed, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            exemplar=self.get_exemplar(), attachment=self.get_attachment(), **kwargs
        )

    def post(self, request, code, pk):
        attachment = self.get_attachment()
        try:
            attachments.restore(attachment=attachment, by=request.user)
        except UploadRejected as rejection:
            for line in rejection.messages:
                messages.error(request, line)
            return redirect(self.get_exemplar())
        messages.success(request, _("“%(name)s” is restored.") % {"name": attachment.original_name})
        return redirect(self.get_exemplar())
