"""Building, issuing and keeping the documents of ``reports/documents.py``.

- ``build(kind, params, user=…, issue=…)`` makes the ``layout.Document`` of a kind from its
  parameters (year, unit, exemplar, consolidation version…), in Vietnamese;
- ``files(document)`` writes it as PDF, DOCX and xlsx;
- ``issue(...)`` gives a document the next number of its unit, year and type (in the
  database, so that two people issuing at once never get the same number), records it in
  the register (``IssuedDocument``) and renders its files: small documents at once, the
  yearly report, the period review and any document estimated large
  (``limits.is_big``) on the document worker;
- ``render_issued(issued)`` renders an issued document's files from what was recorded.
"""

import datetime
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import translation

from registry import security
from registry.models import Exemplar, SecurityEvent, Unit

from . import achievement, documents, fund_document, limits
from .docx import docx_bytes, text_width_mm
from .layout import DRAFT_MARK, MOTTO, NATIONAL_TITLE, Document, Signature
from .models import (
    AwardProposal,
    ConsolidationVersion,
    DocumentCounter,
    Fund,
    IssuedDocument,
    Meeting,
)
from .pdf import RenderGuard, lay_out
from .workbooks import document_workbook

logger = logging.getLogger(__name__)

Kind = IssuedDocument.Kind
PDF_TEMPLATE = "reports/pdf/document.html"
DOCUMENT_LANGUAGE = "vi"
# Kinds whose files the document worker renders: they run to dozens of pages.
LARGE_KINDS = frozenset({Kind.CONSOLIDATED_REPORT, Kind.PERIOD_REVIEW})


@dataclass
class Files:
    pdf: bytes
    docx: bytes
    xlsx: bytes
    pages: int


def pdf_context(document: Document) -> dict:
    """What ``templates/reports/pdf/document.html`` reads, with the lengths of the two rules
    of the heading: under the issuer, 45% of its longest line (the decree: 1/3 to 1/2);
    under the motto, as long as the motto."""
    issuer = max(document.issuer.split("\n"), key=len)
    return {
        "document": document,
        "national_title": NATIONAL_TITLE,
        "motto": MOTTO,
        "draft_mark": DRAFT_MARK,
        "issuer_rule_mm": f"{0.45 * text_width_mm(issuer, 12.5, bold=True):.1f}",
        "motto_rule_mm": f"{text_width_mm(MOTTO, 13.5, bold=True):.1f}",
    }


def render_pdf(document: Document) -> tuple[bytes, int]:
    """The PDF and its pages, within the kind's page limit and the time limit of where it
    runs (``limits.DocumentTooLong``, ``limits.RenderTimedOut``)."""
    html = render_to_string(PDF_TEMPLATE, pdf_context(document))
    with RenderGuard.for_kind(document.kind):
        laid_out = lay_out(html, attachment_ids=document.attachment_ids)
        return laid_out.write_pdf(), len(laid_out.pages)


def render(document: Document, fmt: str) -> bytes:
    """One format of ``document`` ("pdf", "docx" or "xlsx"), in Vietnamese."""
    with translation.override(DOCUMENT_LANGUAGE):
        if fmt == "pdf":
            return render_pdf(document)[0]
        if fmt == "docx":
            return docx_bytes(document)
        return document_workbook(document)


def files(document: Document) -> Files:
    with translation.override(DOCUMENT_LANGUAGE):
        pdf, pages = render_pdf(document)
        return Files(
            pdf=pdf, docx=docx_bytes(document), xlsx=document_workbook(document), pages=pages
        )


# The issuing body and the builder of each kind --------------------------------------------------


def issuing_unit(kind: str, params: dict) -> Unit:
    """The body that issues a document of ``kind``: Home Affairs for the province's
    documents, the unit for its own."""
    if kind in (Kind.UNIT_EXEMPLARS, Kind.PROPOSALS_TO_HOME_AFFAIRS):
        return Unit.objects.select_related("kind", "parent__kind").get(code=params["unit"])
    if kind in (Kind.EXEMPLAR_PROFILE, Kind.ACHIEVEMENT_REPORT):
        return (
            Exemplar.objects.select_related("unit__kind", "unit__parent__kind")
            .get(code=params["exemplar"])
            .unit
        )
    if kind == Kind.COUNCIL_MINUTES:
        return meeting_of(params).council.unit
    if kind == Kind.FUND_SUMMARY:
        return fund_document.issuer_of(fund_of(params))
    return documents.home_affairs()


def fund_of(params: dict):
    return Fund.objects.select_related("unit").get(pk=params["fund"])


def meeting_of(params: dict):
    return Meeting.objects.select_related(
        "council__unit__kind", "council__unit__parent__kind", "chair", "secretary"
    ).get(pk=params["meeting"])


def build(kind: str, params: dict, *, user, issue: documents.Issue | None = None) -> Document:
    """The document of ``kind`` for ``params``: a draft without ``issue``."""
    with translation.override(DOCUMENT_LANGUAGE):
        return _build(kind, params, user=user, issue=issue)


def _build(kind: str, params: dict, *, user, issue) -> Document:
    year = params.get("year")
    if kind == Kind.UNIT_EXEMPLARS:
        unit = issuing_unit(kind, params)
        return documents.unit_exemplars(unit=unit, year=year, issue=issue)
    if kind == Kind.EXEMPLAR_PROFILE:
        exemplar = Exemplar.objects.select_related("unit__kind", "unit__parent__kind", "field").get(
            code=params["exemplar"]
        )
        return documents.exemplar_profile(
            exemplar=exemplar, personal_data=params.get("personal_data", False), issue=issue
        )
    if kind == Kind.ACHIEVEMENT_REPORT:
        exemplar = Exemplar.objects.select_related("unit__kind", "unit__parent__kind", "field").get(
            code=params["exemplar"]
        )
        proposal = params.get("proposal")
        return achievement.achievement_report(
            exemplar=exemplar,
            proposal=AwardProposal.objects.select_related("award").get(pk=proposal)
            if proposal
            else None,
            personal_data=params.get("personal_data", False),
            issue=issue,
        )
    if kind == Kind.QUOTA_COMPLIANCE:
        return documents.quota_compliance(year=year, issue=issue)
    if kind in (Kind.PROPOSALS_TO_PROVINCE, Kind.PROPOSALS_TO_HOME_AFFAIRS):
        to_province, unit = kind == Kind.PROPOSALS_TO_PROVINCE, issuing_unit(kind, params)
        proposals = AwardProposal.objects.all()
        if not to_province:
            proposals = proposals.filter(proposing_unit=unit)
        return documents.proposal_list(
            proposals=proposals, unit=unit, year=year, to_province=to_province, issue=issue
        )
    if kind == Kind.DASHBOARD:
        from .dashboard import build_dashboard

        return documents.dashboard_document(build_dashboard(user=user, year=year), issue=issue)
    if kind in (Kind.CONSOLIDATED_REPORT, Kind.PERIOD_REVIEW):
        # The version's snapshot says whether it is a year's or a plan's period.
        version = ConsolidationVersion.objects.select_related(
            "consolidation__campaign", "consolidation__plan"
        ).get(pk=params["version"])
        return documents.consolidated_report(
            consolidation=version.consolidation,
            snapshot=version.data,
            version=version,
            narrative=params.get("narrative"),
            issue=issue,
        )
    if kind == Kind.COUNCIL_MINUTES:
        return documents.council_minutes(meeting=meeting_of(params), issue=issue)
    if kind == Kind.FUND_SUMMARY:
        return fund_document.fund_summary(fund=fund_of(params), year=year, issue=issue)
    raise ValueError(f"Unknown document kind: {kind}")


# Numbers ----------------------------------------------------------------------------------------


def next_number(*, unit: Unit, year: int, doc_type: str) -> int:
    """The next number of ``unit``'s register for ``doc_type`` in ``year``: the increment is
    one UPDATE, which the database serialises, inside the caller's transaction."""
    with transaction.atomic():
        updated = DocumentCounter.objects.filter(unit=unit, year=year, doc_type=doc_type).update(
            last_number=F("last_number") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    DocumentCounter.objects.create(
                        unit=unit, year=year, doc_type=doc_type, last_number=1
                    )
                    return 1
            except IntegrityError:
                # Someone created the row in the meantime: take the next number from it.
                DocumentCounter.objects.filter(unit=unit, year=year, doc_type=doc_type).update(
                    last_number=F("last_number") + 1
                )
        return (
            DocumentCounter.objects.filter(unit=unit, year=year, doc_type=doc_type)
            .values_list("last_number", flat=True)
            .get()
        )


class NoSigner(ValueError):
    """A document cannot be issued without a signer."""


# Documents signed by those who made them, not by a signer of the unit's: the minutes of a
# council's meeting, by its chair and its secretary.
SIGNED_BY_ITS_MAKERS = frozenset({Kind.COUNCIL_MINUTES})


def issue(
    *,
    kind: str,
    params: dict,
    signer,
    day: datetime.date,
    user,
    version: ConsolidationVersion | None = None,
) -> IssuedDocument:
    """Number ``kind`` for ``params`` in its unit's register, record it and render its files
    (large kinds on the document worker). Numbers are taken in the transaction that records
    the document: a failure leaves neither."""
    unit = issuing_unit(kind, params)
    signed_by_its_makers = kind in SIGNED_BY_ITS_MAKERS
    if not signed_by_its_makers and (signer is None or signer.unit_id != unit.pk):
        raise NoSigner(unit)
    draft = build(kind, params, user=user)
    if signed_by_its_makers:
        signer, name, lines = None, draft.signature.name, list(draft.signature.lines)
    else:
        name, lines = signer.full_name, signer.signature_lines
    on_worker = on_the_worker(kind, draft)
    with transaction.atomic():
        number = next_number(unit=unit, year=day.year, doc_type=draft.doc_type)
        issued = IssuedDocument.objects.create(
            unit=unit,
            kind=kind,
            doc_type=draft.doc_type,
            year=day.year,
            number=number,
            symbol=draft.symbol,
            subject=draft.subject[:500],
            issued_on=day,
            signer=signer,
            signer_name=name,
            signer_lines=lines,
            params=params,
            about=about(params),
            version=version,
            issued_by=user,
        )
        if version is not None:
            version.document_number = issued.number_text
            version.save(update_fields=["document_number"])
        if on_worker:
            transaction.on_commit(lambda: _enqueue(issued.pk))
    security.record(
        SecurityEvent.Kind.DOCUMENT_ISSUED,
        user=user,
        target=issued,
        number=issued.number_text,
        document_kind=kind,
    )
    if not on_worker:
        render_issued(issued)
    return issued


def on_the_worker(kind: str, document: Document) -> bool:
    """Whether the files of ``document`` are rendered by the document worker: the large kinds
    always, others when estimated large."""
    return kind in LARGE_KINDS or limits.is_big(document)


def _enqueue(issued_id: int) -> None:
    from .tasks import render_issued_document

    render_issued_document.enqueue(issued_id=issued_id)


def prepare_again(issued: IssuedDocument) -> IssuedDocument:
    """Render again the files of an issued document that failed, with its number: large
    kinds on the document worker, small ones at once."""
    if issued.status == IssuedDocument.Status.READY:
        return issued
    if issued.kind in LARGE_KINDS or limits.is_big(_issued_document(issued)):
        return _hand_to_worker(issued)
    return render_issued(issued)


def _hand_to_worker(issued: IssuedDocument) -> IssuedDocument:
    issued.status = IssuedDocument.Status.RENDERING
    issued.error = ""
    issued.save(update_fields=["status", "error"])
    transaction.on_commit(lambda: _enqueue(issued.pk))
    return issued


def issue_of(issued: IssuedDocument) -> documents.Issue:
    return documents.Issue(
        number=issued.number,
        date=issued.issued_on,
        signature=Signature(lines=list(issued.signer_lines), name=issued.signer_name),
    )


def _issued_document(issued: IssuedDocument) -> Document:
    return build(issued.kind, issued.params, user=issued.issued_by, issue=issue_of(issued))


def render_issued(issued: IssuedDocument) -> IssuedDocument:
    """Render the issued document's PDF, DOCX and xlsx from what was recorded; a failure is
    kept on the record (the number stays taken: the register shows it)."""
    try:
        document = _issued_document(issued)
        made = files(document)
        stem = f"{document.filename}-so-{issued.number:02d}-{issued.year}"
        issued.pdf.save(f"{stem}.pdf", ContentFile(made.pdf), save=False)
        issued.docx.save(f"{stem}.docx", ContentFile(made.docx), save=False)
        issued.xlsx.save(f"{stem}.xlsx", ContentFile(made.xlsx), save=False)
        issued.pages = made.pages
        issued.status = IssuedDocument.Status.READY
        issued.error = ""
    except limits.RenderTimedOut as error:
        if not limits.in_worker():
            # Too slow for a web request: the worker, which has more time, takes it over.
            return _hand_to_worker(issued)
        logger.warning("Rendering issued document %s stopped: %s", issued.pk, error)
        issued.status = IssuedDocument.Status.FAILED
        issued.error = error.message
    except limits.DocumentTooLong as error:
        logger.warning("Issued document %s is over its page limit", issued.pk)
        issued.status = IssuedDocument.Status.FAILED
        issued.error = error.message
    except Exception as error:
        logger.exception("Rendering issued document %s failed", issued.pk)
        issued.status = IssuedDocument.Status.FAILED
        issued.error = str(error)[:2000]
    issued.save(update_fields=["pdf", "docx", "xlsx", "pages", "status", "error"])
    return issued


# Parameters that change how a document reads, not what it is about.
PRESENTATION_PARAMS = frozenset({"narrative", "personal_data"})


def about(params: dict) -> str:
    """ "unit=37-SYT;year=2025": what a document is about, to find its issued copies."""
    return ";".join(
        f"{key}={params[key]}" for key in sorted(params) if key not in PRESENTATION_PARAMS
    )[:200]


def issued_for(kind: str, params: dict):
    """The documents of ``kind`` issued about ``params`` (newest first)."""
    return IssuedDocument.objects.filter(kind=kind, about=about(params)).order_by("-issued_at")
