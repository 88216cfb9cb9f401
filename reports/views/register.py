"""The register of issued documents (sổ văn bản đi) and each unit's signers.

The register lists what a unit issued, with its number, date, signer and files, filtered and
searchable; users read their own unit's, those who read every unit read all. A unit's
signers are kept by its head (and administrators; Home Affairs keeps the Department's), with
their history.
"""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.translation import gettext as _
from django.views import View

from exemplar_portal.base.history import history_with_changes
from exemplar_portal.base.kit import RecordKind, get_in_reach
from registry.models import Exemplar, Unit

from .. import issuing
from ..forms import RegisterFilterForm, SignerForm
from ..models import IssuedDocument, Signer
from ..rules import register as _rules  # noqa: F401  (registers the permissions)
from .documents import CONTENT_TYPES


class IssuedDocumentKind(RecordKind):
    """The register (its list) and each issued document's page; issuing is
    ``reports.issuing``, and an issued document is never changed here."""

    model = IssuedDocument
    pages = ("list", "detail")
    filter_form_class = RegisterFilterForm
    filters = {"year": "year", "kind": "kind"}
    ordering = ("-year", "-issued_on", "-number", "-pk")
    select_related = ("unit", "signer", "issued_by")
    object_name = "issued"
    list_name = "issued_documents"

    def url_name(self, page):
        return {"list": "register", "detail": "issued_document"}[page]

    def template(self, page):
        return {"list": "reports/register_list", "detail": "reports/issued_document"}[
            page
        ] + ".html"

    def permission(self, action):
        return ""  # whoever reaches an issued document reads it

    def list_queryset(self, request, filters):
        documents = super().list_queryset(request, filters)
        query = (filters.get("q") or "").strip()
        return documents.filter(self.search(query)) if query else documents

    @staticmethod
    def search(query: str) -> Q:
        """ "05/BC-SNV" finds that number; "05" any number 5; words search the subject, the
        signer, the unit and the symbol."""
        number = re.fullmatch(r"0*(\d+)\s*(?:/\s*(\S+))?", query)
        if number and number.group(2):
            return Q(number=int(number.group(1)), symbol__iexact=number.group(2))
        match = Q(subject__icontains=query) | Q(signer_name__icontains=query)
        match |= Q(unit__name__icontains=query) | Q(symbol__icontains=query)
        if number:
            match |= Q(number=int(number.group(1)))
        return match

    def detail_context(self, request, issued):
        user = request.user
        return {
            "may_prepare": user.has_perm("reports.issue_document", issued.unit),
            "may_read_files": may_read_files(user, issued),
        }


def may_read_files(user, issued) -> bool:
    """An exemplar's report issued with personal data (year of birth, address, contact) is
    read only by those who may see the exemplar's personal data."""
    if not issued.params.get("personal_data"):
        return True
    exemplar = Exemplar.objects.filter(code=issued.params.get("exemplar")).first()
    return user.has_perm("registry.view_personal_data_exemplar", exemplar)


class IssuedDocumentMixin:
    def get_issued(self) -> IssuedDocument:
        if not hasattr(self, "_issued"):
            documents = IssuedDocumentKind().scope(self.request)
            self._issued = get_in_reach(documents, pk=self.kwargs["pk"])
        return self._issued


class IssuedFileView(IssuedDocumentMixin, View):
    """One file of an issued document, as it was issued."""

    def get(self, request, *args, **kwargs):
        fmt = self.kwargs["fmt"]
        if fmt not in CONTENT_TYPES:
            raise Http404
        issued = self.get_issued()
        if not may_read_files(request.user, issued):
            raise PermissionDenied
        stored = getattr(issued, fmt)
        if not stored:
            raise Http404
        return FileResponse(
            stored.open("rb"),
            content_type=CONTENT_TYPES[fmt],
            as_attachment=fmt != "pdf",
            filename=stored.name.rsplit("/", 1)[-1],
        )


class PrepareAgainView(IssuedDocumentMixin, View):
    """Render the files of an issued document whose rendering failed, with its number."""

    def post(self, request, *args, **kwargs):
        issued = self.get_issued()
        if not request.user.has_perm("reports.issue_document", issued.unit):
            raise PermissionDenied
        issued = issuing.prepare_again(issued)
        if issued.status == IssuedDocument.Status.RENDERING:
            messages.info(request, _("The files are being prepared in the background."))
        return redirect(issued)


# Signers ------------------------------------------------------------------------------------


class Signers(RecordKind):
    """A unit's signers, on pages under the unit; its head keeps them (the permissions are
    asked of the unit), each with their history on its form."""

    model = Signer
    pages = ("list", "create", "update", "delete")
    parent_model = Unit
    parent_prefix = "don-vi/<str:code>/nguoi-ky/"
    parent_key = "code"
    parent_field = "unit"
    list_permission = "reports.view_signers"
    form_class = SignerForm
    ordering = ("-active", "-is_default", "order", "full_name")
    paginate_by = None
    object_name = "signer"
    list_name = "signers"

    def permission(self, action):
        return "reports.manage_signers"

    def permission_object(self, record=None):
        return self.parent

    def list_context(self, request, filters, records):
        return {"may_manage": request.user.has_perm("reports.manage_signers", self.parent)}

    def form_context(self, request, record=None):
        return {"history": history_with_changes(record) if record is not None else None}

    def success_url(self, request, record):
        return self.list_url(request)

    def saved_message(self, record, created):
        return _("The signer is saved.")

    def deleted_message(self, record):
        return _(
            "%(name)s no longer signs for the unit; documents already issued keep the name."
        ) % {"name": record.full_name}


urlpatterns = [
    path("so-van-ban/", include(IssuedDocumentKind().urls())),
    path("so-van-ban/<int:pk>/chuan-bi-lai/", PrepareAgainView.as_view(), name="issued_prepare"),
    path("so-van-ban/<int:pk>/<str:fmt>/", IssuedFileView.as_view(), name="issued_file"),
    *Signers().urls(),
]
