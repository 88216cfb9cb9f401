"""The register of issued documents (sổ văn bản đi) and each unit's signers.

The register lists what a unit issued, with its number, date, signer and files, filtered and
searchable; users read their own unit's, those who read every unit read all. A unit's
signers are kept by its head (and administrators; Home Affairs keeps the Department's), with
their history.
"""

import re

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DeleteView, DetailView, ListView
from django.views.generic.edit import CreateView, UpdateView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.filters import FilteredListMixin
from exemplar_portal.base.history import history_with_changes
from exemplar_portal.base.kit import get_in_reach
from registry.models import Exemplar, Unit

from .. import issuing
from ..forms import RegisterFilterForm, SignerForm
from ..models import IssuedDocument, Signer
from ..rules import register as _rules  # noqa: F401  (registers the permissions)
from .documents import CONTENT_TYPES


def registers_in_reach(user):
    """Issued documents the user may read: every unit's for those who read all, else those of
    the units the user reaches."""
    return IssuedDocument.objects.restrict(user).select_related("unit", "signer", "issued_by")


class RegisterListView(LoginRequiredMixin, FilteredListMixin, ListView):
    template_name = "reports/register_list.html"
    context_object_name = "issued_documents"
    filter_form_class = RegisterFilterForm

    def get_queryset(self):
        documents = registers_in_reach(self.request.user)
        filters = self.filters()
        if filters.get("year"):
            documents = documents.filter(year=filters["year"])
        if filters.get("kind"):
            documents = documents.filter(kind=filters["kind"])
        query = (filters.get("q") or "").strip()
        if query:
            documents = documents.filter(self.search(query))
        return documents.order_by("-year", "-issued_on", "-number", "-pk")

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


class IssuedDocumentMixin(LoginRequiredMixin):
    def get_issued(self) -> IssuedDocument:
        if not hasattr(self, "_issued"):
            self._issued = get_in_reach(registers_in_reach(self.request.user), pk=self.kwargs["pk"])
        return self._issued

    def may_read_files(self) -> bool:
        """An exemplar's report issued with personal data (year of birth, address, contact)
        is read only by those who may see the exemplar's personal data."""
        issued = self.get_issued()
        if not issued.params.get("personal_data"):
            return True
        exemplar = Exemplar.objects.filter(code=issued.params.get("exemplar")).first()
        return self.request.user.has_perm("registry.view_personal_data_exemplar", exemplar)


class IssuedDocumentDetailView(IssuedDocumentMixin, DetailView):
    template_name = "reports/issued_document.html"
    context_object_name = "issued"

    def get_object(self, queryset=None):
        return self.get_issued()

    def get_context_data(self, **kwargs):
        issued = self.object
        return super().get_context_data(
            may_prepare=self.request.user.has_perm("reports.issue_document", issued.unit),
            may_read_files=self.may_read_files(),
            **kwargs,
        )


class IssuedFileView(IssuedDocumentMixin, View):
    """One file of an issued document, as it was issued."""

    def get(self, request, *args, **kwargs):
        fmt = self.kwargs["fmt"]
        if fmt not in CONTENT_TYPES:
            raise Http404
        issued = self.get_issued()
        if not self.may_read_files():
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


class UnitSignersMixin(LoginRequiredMixin, PermissionRequiredMixin):
    raise_exception = True
    permission_required = "reports.manage_signers"

    def get_unit(self) -> Unit:
        if not hasattr(self, "_unit"):
            units = Unit.objects.restrict(self.request.user).select_related("kind")
            self._unit = get_in_reach(units, code=self.kwargs["code"])
        return self._unit

    def get_permission_object(self):
        return self.get_unit()

    def get_success_url(self):
        return reverse("reports:signer_list", kwargs={"code": self.get_unit().code})

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.get_unit(), **kwargs)


class SignerListView(UnitSignersMixin, ListView):
    template_name = "reports/signer_list.html"
    context_object_name = "signers"
    permission_required = "reports.view_signers"

    def get_queryset(self):
        return Signer.objects.filter(unit=self.get_unit()).order_by(
            "-active", "-is_default", "order", "full_name"
        )

    def get_context_data(self, **kwargs):
        unit = self.get_unit()
        return super().get_context_data(
            may_manage=self.request.user.has_perm("reports.manage_signers", unit), **kwargs
        )


class SignerCreateView(UnitSignersMixin, CreateView):
    model = Signer
    form_class = SignerForm
    template_name = "reports/signer_form.html"

    def form_valid(self, form):
        form.instance.unit = self.get_unit()
        messages.success(self.request, _("The signer is saved."))
        return super().form_valid(form)


class SignerObjectMixin(UnitSignersMixin):
    def get_object(self, queryset=None):
        return get_in_reach(Signer, pk=self.kwargs["pk"], unit=self.get_unit())


class SignerUpdateView(SignerObjectMixin, UpdateView):
    model = Signer
    form_class = SignerForm
    template_name = "reports/signer_form.html"

    def form_valid(self, form):
        messages.success(self.request, _("The signer is saved."))
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(history=history_with_changes(self.object), **kwargs)


class SignerDeleteView(SignerObjectMixin, DeleteView):
    model = Signer
    template_name = "reports/signer_confirm_delete.html"

    def form_valid(self, form):
        messages.success(
            self.request,
            _("%(name)s no longer signs for the unit; documents already issued keep the name.")
            % {"name": self.object.full_name},
        )
        return super().form_valid(form)


urlpatterns = [
    path("so-van-ban/", RegisterListView.as_view(), name="register"),
    path("so-van-ban/<int:pk>/", IssuedDocumentDetailView.as_view(), name="issued_document"),
    path("so-van-ban/<int:pk>/chuan-bi-lai/", PrepareAgainView.as_view(), name="issued_prepare"),
    path("so-van-ban/<int:pk>/<str:fmt>/", IssuedFileView.as_view(), name="issued_file"),
    path("don-vi/<str:code>/nguoi-ky/", SignerListView.as_view(), name="signer_list"),
    path("don-vi/<str:code>/nguoi-ky/them/", SignerCreateView.as_view(), name="signer_create"),
    path(
        "don-vi/<str:code>/nguoi-ky/<int:pk>/sua/", SignerUpdateView.as_view(), name="signer_update"
    ),
    path(
        "don-vi/<str:code>/nguoi-ky/<int:pk>/xoa/", SignerDeleteView.as_view(), name="signer_delete"
    ),
]
