"""The documents a unit or Home Affairs issues: a draft in any format, and issuing.

Each document has one URL for its draft (``?format=pdf`` — the default —, ``docx`` or
``xlsx``; ``?signer=<id>`` previews another signer) and one for issuing it (``…/phat-hanh/``:
GET shows who signs and on which date, POST takes the next number of the register and keeps
the files as issued). Small documents render in the request; the yearly report belongs to
the document worker (``reports/views/consolidations.py``).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from registry.exports import XLSX_CONTENT_TYPE
from registry.forms import YearForm
from registry.models import Exemplar, Unit

from .. import documents, issuing
from ..forms import IssueForm
from ..models import IssuedDocument, Signer
from ..pdf import PDF_CONTENT_TYPE
from ..rules import documents as _rules  # noqa: F401  (registers the permissions)
from ..rules import register as _register_rules  # noqa: F401

Kind = IssuedDocument.Kind
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"pdf": PDF_CONTENT_TYPE, "docx": DOCX_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}


def file_response(content: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.{fmt}"'
    return response


def draft_file(document, fmt: str) -> HttpResponse:
    """A draft in one format, named as a draft."""
    return file_response(issuing.render(document, fmt), f"{document.filename}-du-thao", fmt)


class IssuingMixin:
    """Issuing a document: the form (signer, date) and the POST that issues it. Views define
    ``kind``, ``get_params()``, ``issuing_unit()`` and the URL of the draft."""

    issue_template = "reports/issue_form.html"

    def back_url(self) -> str:
        return reverse("reports:register")

    def may_issue(self) -> bool:
        return self.request.user.has_perm("reports.issue_document", self.issuing_unit())

    def issue_context(self, form, document) -> dict:
        unit = self.issuing_unit()
        return {
            "form": form,
            "document": document,
            "kind_label": Kind(self.kind).label,
            "unit": unit,
            "draft_links": self.draft_links(),
            "back_url": self.back_url(),
            "issued": issuing.issued_for(self.kind, self.get_params())[:10],
            "may_manage_signers": self.request.user.has_perm("reports.manage_signers", unit),
            "has_signers": Signer.objects.active().filter(unit=unit).exists(),
        }

    def issue_get(self, request):
        if not self.may_issue():
            raise PermissionDenied
        form = IssueForm(unit=self.issuing_unit())
        document = issuing.build(self.kind, self.get_params(), user=request.user)
        return render(request, self.issue_template, self.issue_context(form, document))

    def issue_post(self, request, version=None):
        if not self.may_issue():
            raise PermissionDenied
        unit = self.issuing_unit()
        form = IssueForm(request.POST, unit=unit)
        if not form.is_valid():
            document = issuing.build(self.kind, self.get_params(), user=request.user)
            return render(request, self.issue_template, self.issue_context(form, document))
        issued = issuing.issue(
            kind=self.kind,
            params=self.get_params(),
            signer=form.cleaned_data["signer"],
            day=form.cleaned_data["issued_on"],
            user=request.user,
            version=version,
        )
        if issued.status == IssuedDocument.Status.FAILED:
            messages.error(
                request,
                _(
                    "Number %(number)s is taken, but the files could not be prepared: "
                    "prepare them again from the register."
                )
                % {"number": issued.number_text},
            )
        else:
            messages.success(
                request,
                _("Issued as number %(number)s, dated %(date)s.")
                % {"number": issued.number_text, "date": issued.issued_on.strftime("%d/%m/%Y")},
            )
        return redirect(issued)


class DocumentView(IssuingMixin, PermissionRequiredMixin, View):
    """One document: its draft in the format asked for, or (``issue=True``) issuing it."""

    kind = ""
    issue = False
    raise_exception = True
    url_name = ""

    def get_year(self) -> int:
        form = YearForm(self.request.GET or None)
        if form.is_bound and form.is_valid() and form.cleaned_data.get("year"):
            return form.cleaned_data["year"]
        return timezone.localdate().year

    def get_params(self) -> dict:
        return {"year": self.get_year()}

    def issuing_unit(self) -> Unit:
        return documents.home_affairs()

    def url_kwargs(self) -> dict:
        return {}

    def draft_url(self) -> str:
        query = "&".join(f"{key}={value}" for key, value in self.query_params().items())
        return reverse(f"reports:{self.url_name}", kwargs=self.url_kwargs()) + f"?{query}"

    def query_params(self) -> dict:
        return {"year": self.get_year()}

    def draft_links(self) -> list[tuple[str, str]]:
        url = self.draft_url()
        return [
            (_("Draft (PDF)"), f"{url}&format=pdf"),
            (_("Draft (DOCX, to edit)"), f"{url}&format=docx"),
            (_("Tables (Excel)"), f"{url}&format=xlsx"),
        ]

    def chosen_signer(self):
        value = self.request.GET.get("signer", "")
        if not value.isdigit():
            return None
        return Signer.objects.active().filter(pk=int(value), unit=self.issuing_unit()).first()

    def get(self, request, *args, **kwargs):
        if self.issue:
            return self.issue_get(request)
        fmt = request.GET.get("format", "pdf")
        if fmt not in CONTENT_TYPES:
            raise Http404
        draft = documents.draft_issue(self.issuing_unit(), self.chosen_signer())
        document = issuing.build(self.kind, self.get_params(), user=request.user, issue=draft)
        return draft_file(document, fmt)

    def post(self, request, *args, **kwargs):
        if not self.issue:
            return HttpResponse(status=405)
        return self.issue_post(request)


class UnitExemplarsDocumentView(DocumentView):
    kind = Kind.UNIT_EXEMPLARS
    permission_required = "reports.print_unit_exemplars"
    url_name = "document_unit_exemplars"

    def get_unit(self) -> Unit:
        if not hasattr(self, "_unit"):
            units = Unit.objects.in_scope_of(self.request.user).select_related(
                "kind", "parent__kind", "parent__parent"
            )
            self._unit = get_object_or_404(units, code=self.kwargs["code"])
        return self._unit

    def get_permission_object(self):
        return self.get_unit()

    def issuing_unit(self):
        return self.get_unit()

    def get_params(self):
        return {"unit": self.get_unit().code, "year": self.get_year()}

    def url_kwargs(self):
        return {"code": self.get_unit().code}


class ExemplarProfileDocumentView(DocumentView):
    kind = Kind.EXEMPLAR_PROFILE
    permission_required = "reports.print_exemplar_profile"
    url_name = "document_exemplar_profile"

    def get_exemplar(self) -> Exemplar:
        if not hasattr(self, "_exemplar"):
            exemplars = Exemplar.objects.visible_to(self.request.user).select_related(
                "unit__kind", "unit__parent__kind", "field"
            )
            self._exemplar = get_object_or_404(exemplars, code=self.kwargs["code"])
        return self._exemplar

    def get_permission_object(self):
        return self.get_exemplar()

    def issuing_unit(self):
        return self.get_exemplar().unit

    def get_params(self):
        exemplar = self.get_exemplar()
        return {
            "exemplar": exemplar.code,
            "personal_data": self.request.user.has_perm(
                "registry.view_personal_data_exemplar", exemplar
            ),
        }

    def query_params(self):
        return {}

    def url_kwargs(self):
        return {"code": self.get_exemplar().code}


class QuotaComplianceDocumentView(DocumentView):
    kind = Kind.QUOTA_COMPLIANCE
    permission_required = "reports.print_quota_compliance"
    url_name = "document_quota_compliance"


class ProposalListDocumentView(DocumentView):
    """The submission of commendations (tờ trình) of a year: Home Affairs (and who reads every
    unit) submits the proposals it agreed to to the chair of the Provincial People's Committee;
    a unit submits its own to Home Affairs."""

    permission_required = "reports.print_proposal_list"
    url_name = "document_proposal_list"

    def to_province(self) -> bool:
        user = self.request.user
        return user.has_perm("reports.appraise_awardproposal") or user.has_perm(
            "reports.view_dashboard"
        )

    @property
    def kind(self):
        return Kind.PROPOSALS_TO_PROVINCE if self.to_province() else Kind.PROPOSALS_TO_HOME_AFFAIRS

    def issuing_unit(self):
        if self.to_province():
            return documents.home_affairs()
        unit = (
            Unit.objects.select_related("kind", "parent__kind")
            .filter(pk=self.request.user.unit_id)
            .first()
        )
        if unit is None:
            raise PermissionDenied
        return unit

    def get_params(self):
        if self.to_province():
            return {"year": self.get_year()}
        return {"unit": self.issuing_unit().code, "year": self.get_year()}


def document_urls(route: str, view, name: str) -> list:
    """The draft's URL and the issuing URL of a document view."""
    return [
        path(route, view.as_view(), name=name),
        path(f"{route}phat-hanh/", view.as_view(issue=True), name=f"{name}_issue"),
    ]


urlpatterns = [
    *document_urls("de-xuat-khen-thuong/", ProposalListDocumentView, "document_proposal_list"),
    *document_urls(
        "don-vi/<str:code>/danh-sach-dien-hinh/",
        UnitExemplarsDocumentView,
        "document_unit_exemplars",
    ),
    *document_urls(
        "dien-hinh/<str:code>/ho-so/", ExemplarProfileDocumentView, "document_exemplar_profile"
    ),
    *document_urls("chi-tieu/", QuotaComplianceDocumentView, "document_quota_compliance"),
]
