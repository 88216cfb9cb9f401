"""Photos and documents on a record, the same pages for every kind of record: upload
(several at once, checked by content, within the limits), download for those who reach the
record, never straight from the disk, removal after a confirmation (the file is kept for the
retention period), and restoration by Home Affairs (``registry.attachments``).

A ``RecordFiles`` names the files' model (``exemplar_portal.base.uploads.RecordFile``), how
the URLs name the record, the records the user reaches (out of reach is a 404) and who may
change or restore its files (else a 403); ``urls()`` gives the pages and ``context()`` what
``registry/partials/attachments.html`` shows on the record's page. ``ExemplarFiles`` are an
exemplar's attachments, ``KindFiles(kind)`` the files of a record kind of the kit
(``exemplar_portal.base.kit``) naming their model (``file_model``).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from exemplar_portal.base.kit import get_in_reach
from exemplar_portal.base.uploads import UploadRejected

from .. import attachments, file_quota
from .. import rules as perms
from ..forms import AttachmentForm
from ..models import Attachment, Exemplar


class RecordFiles:
    """The files of one kind of record and their pages."""

    model = None
    url_name = ""
    # The URLs: "<record_path><converter:lookup>/tep/<int:file_kwarg>/…".
    record_path = ""
    converter = "int"
    lookup = "pk"
    file_kwarg = "file_pk"

    def scope(self, request):
        raise NotImplementedError(f"{type(self).__name__} says which records a user reaches")

    def can_view(self, user, record) -> bool:
        return True

    def can_change(self, user, record) -> bool:
        raise NotImplementedError(f"{type(self).__name__} says who may change a record's files")

    def can_restore(self, user, record) -> bool:
        return perms.is_home_affairs(user) and self.can_change(user, record)

    def refused(self, request, record, form):
        """An upload refused: the record's page again, saying why."""
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(record)

    def files_of(self, record, which="live"):
        """The record's files: "live" (on the record), "removed" or "all"."""
        manager = self.model.objects if which == "live" else self.model.all_objects
        rows = manager.filter(**{self.model.record_field: record})
        return rows.removed() if which == "removed" else rows

    def context(self, request, record) -> dict:
        """What ``registry/partials/attachments.html`` shows on the record's page."""
        user, model = request.user, self.model
        rows = list(self.files_of(record).select_related("uploaded_by"))
        namespace = request.resolver_match.namespace
        context = {
            "attachments": rows,
            "photos": [row for row in rows if row.kind == model.Kind.PHOTO],
            "documents": [row for row in rows if row.kind == model.Kind.DOCUMENT],
            "file_url_name": f"{namespace}:{self.url_name}" if namespace else self.url_name,
            "file_owner_key": getattr(record, self.lookup),
            "retention_days": attachments.retention_days(),
            "upload_form": None,
        }
        if self.can_change(user, record):
            context.update(
                upload_form=AttachmentForm(),
                attachment_use=attachments.use_of(model, record, kept=rows),
                files_per_record=file_quota.limit("ATTACHMENTS_PER_RECORD"),
                bytes_per_record=file_quota.limit("ATTACHMENT_BYTES_PER_RECORD"),
            )
        if self.can_restore(user, record):
            removed = self.files_of(record, "removed").select_related("deleted_by")
            context["removed_attachments"] = [(row, attachments.kept_until(row)) for row in removed]
        return context

    def urls(self) -> list:
        one = f"{self.record_path}<{self.converter}:{self.lookup}>/tep/"
        row = f"{one}<int:{self.file_kwarg}>/"
        pages = [
            (one, FileUploadView, {}, "upload"),
            (row, FileDownloadView, {}, "download"),
            (row + "anh-nho/", FileDownloadView, {"thumbnail": True}, "thumbnail"),
            (row + "xoa/", FileDeleteView, {}, "delete"),
            (row + "khoi-phuc/", FileRestoreView, {}, "restore"),
        ]
        return [
            path(route, view.as_view(files=self, **options), name=f"{self.url_name}_{name}")
            for route, view, options, name in pages
        ]


class ExemplarFiles(RecordFiles):
    model = Attachment
    url_name = "attachment"
    record_path = "dien-hinh/"
    converter = "str"
    lookup = "code"
    file_kwarg = "pk"

    def scope(self, request):
        return Exemplar.objects.restrict(request.user).select_related("unit")

    def can_view(self, user, record):
        return user.has_perm("registry.view_exemplar", record)

    def can_change(self, user, record):
        return user.has_perm("registry.change_exemplar", record)

    def can_restore(self, user, record):
        return user.has_perm("registry.restore_attachment", record)


class KindFiles(RecordFiles):
    """The files of a record kind of the kit: those who may change the record change them; an
    upload refused shows the record's page again with the form and its errors."""

    def __init__(self, kind):
        self.kind, self.model = kind, kind.file_model
        self.url_name, self.lookup = kind.url_name("file"), kind.lookup
        self.converter = "int" if kind.lookup == "pk" else "slug"

    def scope(self, request):
        return self.kind.scope(request)

    def can_change(self, user, record):
        return user.has_perm(self.kind.permission("change"), record)

    def refused(self, request, record, form):
        kind = self.kind
        context = {kind.object_name: record, **kind.detail_context(request, record)}
        return render(request, kind.template("detail"), {**context, "upload_form": form})


class FilesView(TemplateView):
    """A page of a record's files: the record named in the URL, if the user reaches it (else
    404) and may ``action`` its files (else 403)."""

    files: RecordFiles = None
    action = "view"
    # Which of the record's files the page names (``RecordFiles.files_of``).
    which = "live"

    def dispatch(self, request, *args, **kwargs):
        files = self.files
        self.record = get_in_reach(files.scope(request), **{files.lookup: kwargs[files.lookup]})
        may = {"view": files.can_view, "change": files.can_change, "restore": files.can_restore}
        if not may[self.action](request.user, self.record):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_file(self, which=None):
        rows = self.files.files_of(self.record, which or self.which)
        return get_object_or_404(rows, pk=self.kwargs[self.files.file_kwarg])

    def get_context_data(self, **kwargs):
        return super().get_context_data(record=self.record, attachment=self.get_file(), **kwargs)


class FileUploadView(FilesView):
    """POST: every file attached, or none, with a reason per file (``attachments.add``)."""

    action = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows = attachments.add(
                    self.files.model,
                    self.record,
                    uploads=form.cleaned_data["file"],
                    caption=form.cleaned_data["caption"],
                    by=request.user,
                )
            except UploadRejected as rejection:
                for line in rejection.messages:
                    form.add_error("file", line)
            else:
                messages.success(request, file_quota.attached_message(rows))
                return redirect(self.record)
        return self.files.refused(request, self.record, form)


class FileDownloadView(FilesView):
    """Photos open in the browser, documents download. A removed file is served only to
    those who may restore it."""

    thumbnail = False

    def get(self, request, *args, **kwargs):
        may_restore = self.files.can_restore(request.user, self.record)
        row = self.get_file("all" if may_restore else "live")
        stored = row.thumbnail if self.thumbnail else row.file
        if not stored:
            raise Http404
        response = FileResponse(
            stored.open("rb"),
            as_attachment=not (self.thumbnail or row.kind == row.Kind.PHOTO),
            filename=row.original_name,
            content_type="image/jpeg" if self.thumbnail else row.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class FileDeleteView(FilesView):
    """Asks first; on POST takes the file off the record (kept for the retention period)."""

    action = "change"
    template_name = "registry/attachment_confirm_delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(retention_days=attachments.retention_days(), **kwargs)

    def post(self, request, *args, **kwargs):
        row = attachments.remove(attachment=self.get_file(), by=request.user)
        messages.success(request, _("“%(name)s” is removed.") % {"name": row.original_name})
        return redirect(self.record)


class FileRestoreView(FilesView):
    """Home Affairs puts a removed file back on the record: asks first, restores on POST."""

    action = "restore"
    which = "removed"
    template_name = "registry/attachment_confirm_restore.html"

    def post(self, request, *args, **kwargs):
        try:
            row = attachments.restore(attachment=self.get_file(), by=request.user)
        except UploadRejected as rejection:
            for line in rejection.messages:
                messages.error(request, line)
            return redirect(self.record)
        messages.success(request, _("“%(name)s” is restored.") % {"name": row.original_name})
        return redirect(self.record)


EXEMPLAR_FILES = ExemplarFiles()
