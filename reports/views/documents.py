"""Printable documents: a unit's exemplars of a year, an exemplar's profile, the quota
compliance report, each as PDF (``?format=pdf``, the default) or xlsx (``?format=xlsx``).

Small documents render on request; WeasyPrint keeps memory after large renders, so large
documents (the consolidation) belong to the worker.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from registry.exports import xlsx_response
from registry.forms import YearForm
from registry.models import Exemplar, Unit

from .. import documents
from ..models import AwardProposal
from ..pdf import PDF_CONTENT_TYPE, attachment_url, render_pdf
from ..rules import documents as _rules  # noqa: F401  (registers the permissions)

FORMATS = ("pdf", "xlsx")


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


def document_xlsx_response(document: documents.Document) -> HttpResponse:
    """The document's tables as a workbook: its main table first, then its other sheets."""
    return xlsx_response(
        filename=document.filename,
        title=document.title,
        headers=document.headers,
        rows=document.rows,
        sheets=document.sheets,
    )


class DocumentView(PermissionRequiredMixin, View):
    """One document in the format asked for; subclasses build it and name the template."""

    template_name = ""
    raise_exception = True

    def get_format(self) -> str:
        chosen = self.request.GET.get("format", "pdf")
        if chosen not in FORMATS:
            raise Http404
        return chosen

    def get_year(self) -> int:
        form = YearForm(self.request.GET or None)
        if form.is_bound and form.is_valid() and form.cleaned_data.get("year"):
            return form.cleaned_data["year"]
        return timezone.localdate().year

    def build(self) -> documents.Document:
        raise NotImplementedError

    def attachment_ids(self, document) -> list[int]:
        return []

    def get(self, request, *args, **kwargs):
        chosen = self.get_format()
        document = self.build()
        if chosen == "xlsx":
            return document_xlsx_response(document)
        pdf = render_pdf(
            self.template_name,
            documents.pdf_context(document),
            attachment_ids=self.attachment_ids(document),
        )
        return pdf_response(pdf, document.filename)


class UnitExemplarsDocumentView(DocumentView):
    permission_required = "reports.print_unit_exemplars"
    template_name = "reports/pdf/unit_exemplars.html"

    def get_unit(self) -> Unit:
        if not hasattr(self, "_unit"):
            units = Unit.objects.in_scope_of(self.request.user).select_related(
                "kind", "parent__kind", "parent__parent"
            )
            self._unit = get_object_or_404(units, code=self.kwargs["code"])
        return self._unit

    def get_permission_object(self):
        return self.get_unit()

    def build(self):
        return documents.unit_exemplars(unit=self.get_unit(), year=self.get_year())


class ExemplarProfileDocumentView(DocumentView):
    permission_required = "reports.print_exemplar_profile"
    template_name = "reports/pdf/exemplar_profile.html"

    def get_exemplar(self) -> Exemplar:
        if not hasattr(self, "_exemplar"):
            exemplars = Exemplar.objects.visible_to(self.request.user).select_related(
                "unit__kind", "unit__parent__kind", "field"
            )
            self._exemplar = get_object_or_404(exemplars, code=self.kwargs["code"])
        return self._exemplar

    def get_permission_object(self):
        return self.get_exemplar()

    def build(self):
        exemplar = self.get_exemplar()
        document = documents.exemplar_profile(
            exemplar=exemplar,
            personal_data=self.request.user.has_perm(
                "registry.view_personal_data_exemplar", exemplar
            ),
        )
        photo = document.extra["photo"]
        document.extra["photo_url"] = attachment_url(photo) if photo else ""
        return document

    def attachment_ids(self, document):
        photo = document.extra["photo"]
        return [photo.pk] if photo else []


class QuotaComplianceDocumentView(DocumentView):
    permission_required = "reports.print_quota_compliance"
    template_name = "reports/pdf/quota_compliance.html"

    def build(self):
        return documents.quota_compliance(year=self.get_year(), user=self.request.user)


class ProposalListDocumentView(DocumentView):
    """The commendation proposals of a year with the submission letter (tờ trình): Home Affairs
    (and who reads every unit) submits every agreed or pending proposal to the chair of the
    Provincial People's Committee; a unit submits its own to Home Affairs."""

    permission_required = "reports.print_proposal_list"
    template_name = "reports/pdf/proposal_list.html"

    def build(self):
        user = self.request.user
        to_province = user.has_perm("reports.appraise_awardproposal") or user.has_perm(
            "reports.view_dashboard"
        )
        if to_province:
            unit = documents.home_affairs()
            proposals = AwardProposal.objects.all()
        else:
            unit = (
                Unit.objects.select_related("kind", "parent__kind").filter(pk=user.unit_id).first()
            )
            proposals = AwardProposal.objects.filter(proposing_unit_id=user.unit_id)
        return documents.proposal_list(
            proposals=proposals, unit=unit, year=self.get_year(), to_province=to_province
        )


urlpatterns = [
    path(
        "de-xuat-khen-thuong/",
        ProposalListDocumentView.as_view(),
        name="document_proposal_list",
    ),
    path(
        "don-vi/<str:code>/danh-sach-dien-hinh/",
        UnitExemplarsDocumentView.as_view(),
        name="document_unit_exemplars",
    ),
    path(
        "dien-hinh/<str:code>/ho-so/",
        ExemplarProfileDocumentView.as_view(),
        name="document_exemplar_profile",
    ),
    path(
        "chi-tieu/",
        QuotaComplianceDocumentView.as_view(),
        name="document_quota_compliance",
    ),
]
