"""Photos and documents of an exemplar: upload (checked by content), download for those who
may see the exemplar, delete while the exemplar is editable."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from .. import services
from ..forms import AttachmentForm
from ..uploads import UploadRejected
from .exemplars import ScopedExemplarMixin


class AttachmentUploadView(ScopedExemplarMixin, PermissionRequiredMixin, View):
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
            attachment = services.attachment_add(
                exemplar=exemplar,
                upload=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
                by=request.user,
            )
        except UploadRejected as rejection:
            messages.error(request, " ".join(rejection.messages))
            return redirect(exemplar)
        messages.success(request, _("“%(name)s” is attached.") % {"name": attachment.original_name})
        return redirect(exemplar)


class AttachmentDownloadView(ScopedExemplarMixin, PermissionRequiredMixin, View):
    """Served by the application after the scope check, never straight from the disk."""

    permission_required = "registry.view_exemplar"
    thumbnail = False

    def get(self, request, code, pk):
        exemplar = self.get_exemplar()
        attachment = get_object_or_404(exemplar.attachments, pk=pk)
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
    """Asks first; deletes on POST."""

    permission_required = "registry.change_exemplar"
    template_name = "registry/attachment_confirm_delete.html"

    def get_attachment(self):
        return get_object_or_404(self.get_exemplar().attachments, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            exemplar=self.get_exemplar(), attachment=self.get_attachment(), **kwargs
        )

    def post(self, request, code, pk):
        attachment = self.get_attachment()
        if not request.user.has_perm("registry.change_exemplar", attachment.exemplar):
            raise PermissionDenied
        name = attachment.original_name
        services.attachment_delete(attachment=attachment, by=request.user)
        messages.success(request, _("“%(name)s” is removed.") % {"name": name})
        return redirect(self.get_exemplar())
