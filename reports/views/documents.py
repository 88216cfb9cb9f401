"""The documents a unit or Home Affairs issues: a draft in any format, and issuing.

Each document has one URL for its draft (``?format=pdf`` — the default —, ``docx`` or
``xlsx``; ``?signer=<id>`` previews another signer) and one for issuing it (``…/phat-hanh/``:
GET shows who signs and on which date, POST takes the next number of the register and keeps
the files as issued). Small documents render in the request; the yearly report belongs to
the document worker (``reports/views/consolidations.py``), and so does the PDF or DOCX of any
other draft estimated too large for a request, or whose render in the request ran out of
time (``reports/limits.py``): the draft's URL then answers with a page that follows the
worker's progress and offers the files when they are ready (``?render=<id>``, the same URL
with the same permissions, so only those who may read the draft reach its files). A draft
past its kind's page limit is not rendered: the page says so. A small draft's PDF or DOCX is
kept once rendered, per reader's reach, until its content changes (``reports/kept_drafts.py``);
the buttons say while it is being prepared (``static/js/documents.js``).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import XLSX_CONTENT_TYPE
from registry.forms import YearForm
from registry.models import Exemplar, Unit

from .. import documents, issuing, kept_drafts, limits, rendering
from ..dashboard import reach_key
from ..forms import IssueForm
from ..models import AwardProposal, DocumentRender, IssuedDocument, Signer
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


def stored_file_response(stored, fmt: str) -> FileResponse:
    """A kept file of a render: the PDF to read in the browser, the DOCX to download."""
    return FileResponse(
        stored.open("rb"),
        content_type=CONTENT_TYPES[fmt],
        as_attachment=fmt != "pdf",
        filename=stored.name.rsplit("/", 1)[-1],
    )


def render_urls(base: str, *, pdf: str = "") -> dict:
    """Where the progress fragment (``reports/partials/render_progress.html``) of a render
    whose URL is ``base`` asks for its progress, its files (the PDF at ``pdf``, else at
    ``base``), and to prepare it again (POST)."""
    join = "&" if "?" in base else "?"
    return {
        "progress": f"{base}{join}progress=1",
        "prepare": base,
        "pdf": pdf or base,
        "docx": f"{base}{join}format=docx",
    }


class IssuingMixin:
    """Issuing a document: the form (signer, date) and the POST that issues it. Views define
    ``kind``, ``get_params()``, ``issuing_unit()`` and the URL of the draft."""

    issue_template = "reports/issue_form.html"

    def asks_signer(self) -> bool:
        return self.kind not in issuing.SIGNED_BY_ITS_MAKERS

    def issue_day(self):
        """The date the issue form offers: today, unless the document has its own."""
        return None

    def issue_form(self, data=None) -> IssueForm:
        return IssueForm(
            data,
            unit=self.issuing_unit(),
            asks_signer=self.asks_signer(),
            day=self.issue_day(),
        )

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
            "has_signers": not self.asks_signer()
            or Signer.objects.active().filter(unit=unit).exists(),
        }

    def issue_get(self, request):
        if not self.may_issue():
            raise PermissionDenied
        form = self.issue_form()
        document = issuing.build(self.kind, self.get_params(), user=request.user)
        return render(request, self.issue_template, self.issue_context(form, document))

    def issue_post(self, request, version=None):
        if not self.may_issue():
            raise PermissionDenied
        form = self.issue_form(request.POST)
        if not form.is_valid():
            document = issuing.build(self.kind, self.get_params(), user=request.user)
            return render(request, self.issue_template, self.issue_context(form, document))
        issued = issuing.issue(
            kind=self.kind,
            params=self.get_params(),
            signer=form.cleaned_data.get("signer"),
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
        if "render" in request.GET:
            return self.render_get(request)
        fmt = request.GET.get("format", "pdf")
        if fmt not in CONTENT_TYPES:
            raise Http404
        signer = self.chosen_signer()
        draft = documents.draft_issue(self.issuing_unit(), signer)
        document = issuing.build(self.kind, self.get_params(), user=request.user, issue=draft)
        if fmt == "xlsx":
            # Tables only, written straight out: no layout to wait for.
            return draft_file(document, fmt)
        if limits.is_big(document):
            return self.queue(document, fmt, signer)
        try:
            return self.kept_draft_file(document, fmt, signer)
        except limits.DocumentTooLong as error:
            return self.too_long(error.limit)
        except limits.RenderTimedOut:
            # Too slow for a web request: the worker, which has more time, takes it over.
            return self.queue(document, fmt, signer)

    def kept_draft_file(self, document, fmt: str, signer) -> HttpResponse:
        """The draft in ``fmt``, rendered once per content and reader and kept until its
        content changes (``reports/kept_drafts.py``)."""
        content = kept_drafts.draft_bytes(
            document,
            fmt,
            kind=self.kind,
            params=self.render_params(signer),
            reach=reach_key(self.request.user),
            language=issuing.DOCUMENT_LANGUAGE,
        )
        return file_response(content, f"{document.filename}-du-thao", fmt)

    def post(self, request, *args, **kwargs):
        if self.issue:
            return self.issue_post(request)
        if "render" in request.GET:
            render_job = rendering.retry(self.get_render(), request.user)
            return redirect(self.render_page(render_job))
        return HttpResponse(status=405)

    # Drafts rendered by the document worker ----------------------------------------------------

    # The dashboard's draft depends on who reads it: its renders are the reader's own.
    per_reader = False

    def render_params(self, signer=None) -> dict:
        """What a queued draft is built from: the document's parameters and the signer shown
        (``signer``: a ``Signer``, else the one asked for)."""
        if signer is None:
            signer = self.chosen_signer()
        params = {"document": self.get_params(), "signer": signer.pk if signer else None}
        if self.per_reader:
            params["reader"] = self.request.user.pk
        return params

    def render_page(self, render_job) -> str:
        """The page of a queued draft: the draft's URL (with the signer it shows)."""
        base = self.draft_url()
        join = "" if base.endswith(("?", "&")) else "&"
        signer = render_job.params.get("signer")
        return f"{base}{join}render={render_job.pk}" + (f"&signer={signer}" if signer else "")

    def queue(self, document, fmt: str, signer) -> HttpResponse:
        """Hand ``document`` to the document worker (once per content); its files when they
        are kept already, else the page that follows the worker's progress."""
        params = self.render_params(signer)
        render_job = rendering.request_draft(
            kind=self.kind,
            params=params,
            key=limits.fingerprint(document, params),
            user=self.request.user,
            language=issuing.DOCUMENT_LANGUAGE,
        )
        render_job.refresh_from_db()  # the worker may already have finished it
        if render_job.is_ready:
            return self.render_file(render_job, fmt)
        return redirect(self.render_page(render_job))

    def get_render(self) -> DocumentRender:
        """The queued draft named by ``?render=``, if it is this document as this reader may
        read it (the same parameters: a draft with personal data is never another's)."""
        value = self.request.GET.get("render", "")
        render_job = None
        if value.isdigit():
            render_job = DocumentRender.objects.filter(
                pk=int(value), version=None, document=self.kind
            ).first()
        if render_job is None or render_job.params != self.render_params():
            raise Http404
        return render_job

    def render_file(self, render_job, fmt: str):
        stored = render_job.docx if fmt == "docx" else render_job.file
        if not (render_job.is_ready and stored):
            return redirect(self.render_page(render_job))
        return stored_file_response(stored, fmt)

    def render_get(self, request):
        render_job = self.get_render()
        page = self.render_page(render_job)
        urls = render_urls(page, pdf=f"{page}&format=pdf")
        context = {"render": render_job, "urls": urls}
        if request.GET.get("progress"):
            return render(request, "reports/partials/render_progress.html", context)
        fmt = request.GET.get("format")
        if fmt is not None:
            if fmt not in ("pdf", "docx"):
                raise Http404
            return self.render_file(render_job, fmt)
        return render(
            request,
            "reports/document_render.html",
            {
                **context,
                "kind_label": Kind(self.kind).label,
                "about": self.describe(),
                "back_url": self.record_url(),
            },
        )

    def too_long(self, limit: int) -> HttpResponse:
        """The page saying the draft is past its page limit, in the reader's language."""
        return render(
            self.request,
            "reports/document_too_long.html",
            {
                "kind_label": Kind(self.kind).label,
                "about": self.describe(),
                "message": limits.DocumentTooLong(self.kind, limit).message,
                "back_url": self.record_url(),
            },
        )

    def describe(self) -> str:
        """What the document is about, under its kind on the pages above."""
        return _("Year %(year)s") % {"year": self.get_year()}

    def record_url(self) -> str:
        """Where the reader reads the records in full (the way back from the pages above)."""
        return reverse("reports:register")


class RecordDocumentView(DocumentView):
    """A document about the record of ``model`` named by its code in the URL (else 404)."""

    model = None
    related = ()

    def get_record(self):
        if not hasattr(self, "_record"):
            records = self.model.objects.restrict(self.request.user).select_related(*self.related)
            self._record = get_object_or_404(records, code=self.kwargs["code"])
        return self._record

    def get_permission_object(self):
        return self.get_record()

    def url_kwargs(self):
        return {"code": self.get_record().code}

    def record_url(self):
        return self.get_record().get_absolute_url()


class UnitExemplarsDocumentView(RecordDocumentView):
    kind = Kind.UNIT_EXEMPLARS
    permission_required = "reports.print_unit_exemplars"
    url_name = "document_unit_exemplars"
    model = Unit
    related = ("kind", "parent__kind", "parent__parent")

    def issuing_unit(self):
        return self.get_record()

    def get_params(self):
        return {"unit": self.get_record().code, "year": self.get_year()}

    def describe(self):
        return f"{self.get_record().name} – {super().describe()}"


class ExemplarProfileDocumentView(RecordDocumentView):
    kind = Kind.EXEMPLAR_PROFILE
    permission_required = "reports.print_exemplar_profile"
    url_name = "document_exemplar_profile"
    model = Exemplar
    related = ("unit__kind", "unit__parent__kind", "field")

    def issuing_unit(self):
        return self.get_record().unit

    def get_params(self):
        exemplar = self.get_record()
        personal_data = self.request.user.has_perm("registry.view_personal_data_exemplar", exemplar)
        return {"exemplar": exemplar.code, "personal_data": personal_data}

    def query_params(self):
        return {}

    def describe(self):
        return self.get_record().subject_name


class AchievementReportDocumentView(ExemplarProfileDocumentView):
    """The exemplar's achievement report in the official form; ``?proposal=<id>`` names the
    award it is proposed for (a proposal of this exemplar in the reader's reach)."""

    kind = Kind.ACHIEVEMENT_REPORT
    url_name = "document_achievement_report"

    def proposal(self):
        value = self.request.GET.get("proposal", "")
        if not value.isdigit():
            return None
        proposals = AwardProposal.objects.restrict(self.request.user)
        return proposals.filter(pk=int(value), exemplar=self.get_record()).first()

    def get_params(self):
        proposal = self.proposal()
        return {**super().get_params(), "proposal": proposal.pk if proposal else None}

    def query_params(self):
        proposal = self.proposal()
        return {"proposal": proposal.pk} if proposal else {}


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


def document_urls(route: str, view) -> list:
    """The draft's URL and the issuing URL of a document view (named by its ``url_name``)."""
    return [
        path(route, view.as_view(), name=view.url_name),
        path(f"{route}phat-hanh/", view.as_view(issue=True), name=f"{view.url_name}_issue"),
    ]


urlpatterns = [
    *document_urls("de-xuat-khen-thuong/", ProposalListDocumentView),
    *document_urls("don-vi/<str:code>/danh-sach-dien-hinh/", UnitExemplarsDocumentView),
    *document_urls("dien-hinh/<str:code>/ho-so/", ExemplarProfileDocumentView),
    *document_urls("dien-hinh/<str:code>/bao-cao-thanh-tich/", AchievementReportDocumentView),
    *document_urls("chi-tieu/", QuotaComplianceDocumentView),
]
