"""Photos and documents of a record (a movement, an event): attach, open, remove.

A record kind (``exemplar_portal.base.kit``) with files names their model (``file_model``,
whose link to the record is named after the record's model) and, if they take a unit's room
(``registry.file_quota``), the record's field naming that unit (``file_quota_unit``). Its
detail page adds ``record_files(...)`` to its context and includes
``campaigns/partials/record_files.html``; ``file_urls(kind)`` serves the files after the
record's own checks (out of reach is a 404, no right to change it a 403), never straight
from the disk.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from exemplar_portal.base.kit import get_in_reach
from exemplar_portal.base.uploads import UploadRejected
from registry.file_quota import attached_message, store_batch

from ..forms.files import RecordFileForm


def remove_stored_files_on_commit(files) -> None:
    """Delete the files (and thumbnails) of ``files`` from storage once the transaction commits."""
    stored = [(f.storage, f.name) for row in files for f in (row.file, row.thumbnail) if f]

    def remove():
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(remove)


def record_files(kind, request, record) -> dict:
    """What ``record_files.html`` needs: photos, documents, the form and the URL names."""
    files = list(record.files.select_related("uploaded_by"))
    can_change = request.user.has_perm(kind.permission("change"), record)
    namespace, name = request.resolver_match.namespace, kind.url_name("file")
    return {
        "photos": [f for f in files if f.kind == kind.file_model.Kind.PHOTO],
        "documents": [f for f in files if f.kind == kind.file_model.Kind.DOCUMENT],
        "can_change_files": can_change,
        "upload_form": RecordFileForm() if can_change else None,
        "file_url_name": f"{namespace}:{name}" if namespace else name,
        "file_owner_key": getattr(record, kind.lookup),
    }


class RecordFilesMixin:
    """The kind's record named in the URL, if the user reaches it (else 404), and, for file
    URLs, the file of it (``get_file``)."""

    kind = None

    @property
    def file_model(self):
        return self.kind.file_model

    @property
    def record_field(self):
        return self.kind.opts.model_name

    def get_record(self):
        if not hasattr(self, "_record"):
            lookup = self.kind.lookup
            scope = self.kind.scope(self.request)
            self._record = get_in_reach(scope, **{lookup: self.kwargs[lookup]})
        return self._record

    def get_quota_unit(self):
        """The unit whose room the record's files take (``registry.file_quota``), if any."""
        field = getattr(self.kind, "file_quota_unit", "")
        return getattr(self.get_record(), field) if field else None

    def get_file(self):
        if not hasattr(self, "_file"):
            self._file = get_object_or_404(self.get_record().files, pk=self.kwargs["file_pk"])
        return self._file

    def check_change(self):
        if not self.request.user.has_perm(self.kind.permission("change"), self.get_record()):
            raise PermissionDenied


class RecordFileUploadView(RecordFilesMixin, View):
    """POST: checked photos and documents attached, all of them or none
    (``registry.file_quota.store_batch``, within the record's and the unit's limits); a
    refusal goes back with a reason per file."""

    def refused(self, form):
        """The record's page again, with the refused form."""
        kind, record = self.kind, self.get_record()
        context = {kind.object_name: record, **kind.detail_context(self.request, record)}
        return render(self.request, kind.template("detail"), {**context, "upload_form": form})

    def post(self, request, *args, **kwargs):
        record = self.get_record()
        self.check_change()
        form = RecordFileForm(request.POST, request.FILES)
        if form.is_valid():

            def store(checked):
                return self.file_model.from_upload(
                    checked,
                    uploaded_by=request.user,
                    caption=form.cleaned_data["caption"],
                    **{self.record_field: record},
                )

            try:
                with transaction.atomic():
                    stored = store_batch(
                        form.cleaned_data["file"],
                        record=record,
                        kept=lambda: self.file_model.objects.filter(**{self.record_field: record}),
                        unit=self.get_quota_unit(),
                        store=store,
                    )
                    for row in stored:
                        record.note_in_history(
                            _("File added: %(name)s") % {"name": row.original_name}
                        )
            except UploadRejected as rejection:
                for line in rejection.messages:
                    form.add_error("file", line)
            else:
                messages.success(request, attached_message(stored))
                return redirect(record)
        return self.refused(form)


class RecordFileDownloadView(RecordFilesMixin, View):
    """Photos open in the browser, documents download; both only for those who reach the record."""

    thumbnail = False

    def get(self, request, *args, **kwargs):
        row = self.get_file()
        stored = row.thumbnail if self.thumbnail else row.file
        if not stored:
            raise Http404
        response = FileResponse(
            stored.open("rb"),
            as_attachment=not (self.thumbnail or row.kind == self.file_model.Kind.PHOTO),
            filename=row.original_name,
            content_type="image/jpeg" if self.thumbnail else row.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class RecordFileDeleteView(RecordFilesMixin, TemplateView):
    """GET asks for confirmation; POST removes the photo or document."""

    template_name = "campaigns/record_file_delete.html"

    def get(self, request, *args, **kwargs):
        self.check_change()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(file=self.get_file(), record=self.get_record(), **kwargs)

    def post(self, request, *args, **kwargs):
        record, row = self.get_record(), self.get_file()
        self.check_change()
        name = row.original_name
        with transaction.atomic():
            remove_stored_files_on_commit([row])
            row.delete()
            record.note_in_history(_("File removed: %(name)s") % {"name": name})
        messages.success(request, _("“%(name)s” is removed.") % {"name": name})
        return redirect(record)


def file_urls(kind) -> list:
    """The URLs of a kind's files, next to its records': attach, open, thumbnail, remove."""
    one = "<int:pk>/" if kind.lookup == "pk" else f"<slug:{kind.lookup}>/"
    name = kind.url_name("file")
    download = RecordFileDownloadView
    return [
        path(one + "tep/", RecordFileUploadView.as_view(kind=kind), name=f"{name}_upload"),
        path(one + "tep/<int:file_pk>/", download.as_view(kind=kind), name=f"{name}_download"),
        path(
            one + "tep/<int:file_pk>/anh-nho/",
            download.as_view(kind=kind, thumbnail=True),
            name=f"{name}_thumbnail",
        ),
        path(
            one + "tep/<int:file_pk>/xoa/",
            RecordFileDeleteView.as_view(kind=kind),
            name=f"{name}_delete",
        ),
    ]
