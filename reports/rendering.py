"""Large documents, rendered by the background worker and kept.

The consolidated report of a province's year runs to dozens of pages: it is rendered once
per published version and language by the task ``reports.tasks.render_document`` on the
"documents" queue, whose worker is restarted after each render (WeasyPrint keeps its memory
after a big document), never by a web worker. The ``DocumentRender`` row tells the user how
far the work has gone; once done, its file is served as is.

The drafts of the other documents (an exemplar's profile, a unit's list…) go the same way
when they are estimated too large for a web request (``reports/limits.py``), or when their
render in the request ran out of time: ``request_draft`` keeps one render per content
(its fingerprint), so asking again for the same draft serves the same files.

On the worker a render keeps to its page limit and the worker's time limit
(``pdf.RenderGuard``); past one it stops, ``REFUSED``, with the reason for the reader.
"""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import documents, issuing, limits
from .docx import docx_bytes
from .issuing import DOCUMENT_LANGUAGE, PDF_TEMPLATE, pdf_context
from .models import DocumentRender, Signer
from .pdf import RenderGuard, lay_out

logger = logging.getLogger(__name__)

# A 2,000-exemplar report renders in seconds; a render this old is not coming back.
STALE_AFTER = datetime.timedelta(minutes=15)


def current_render(*, version, language: str) -> DocumentRender | None:
    """The version's consolidated report in ``language``, whatever its state, if asked for."""
    return version.renders.filter(
        document=DocumentRender.Document.CONSOLIDATED_REPORT, language=language
    ).first()


def request_render(*, version, user, language: str) -> DocumentRender:
    """The version's consolidated report in ``language``: the one already rendered or being
    rendered, else a new render queued for the worker (a failed, refused or stale one is
    queued again)."""
    with transaction.atomic():
        render, created = DocumentRender.objects.select_for_update().get_or_create(
            version=version,
            document=DocumentRender.Document.CONSOLIDATED_REPORT,
            language=language,
            defaults={"requested_by": user},
        )
        finished_badly = render.status in (
            DocumentRender.Status.FAILED,
            DocumentRender.Status.REFUSED,
        )
        if not created and not (finished_badly or _stale(render)):
            return render
        if not created:
            _queue_again(render, user)
        transaction.on_commit(lambda: _enqueue(render.pk))
    return render


def _queue_again(render: DocumentRender, user) -> None:
    render.status = DocumentRender.Status.QUEUED
    render.stage = DocumentRender.Stage.WAITING
    render.progress = 0
    render.pages = 0
    render.started_at = None
    render.error = ""
    render.requested_by = user
    render.requested_at = timezone.now()
    render.save()


PENDING = (DocumentRender.Status.QUEUED, DocumentRender.Status.RUNNING)


def request_draft(*, kind: str, params: dict, key: str, user, language: str) -> DocumentRender:
    """The draft of ``kind`` for ``params`` whose content has the fingerprint ``key``: the
    one already rendered or being rendered, else a new render queued for the worker (a stale
    one is queued again). Earlier drafts of the same document, of another content, are
    dropped with their files."""
    with transaction.atomic():
        render, created = DocumentRender.objects.select_for_update().get_or_create(
            version=None,
            document=kind,
            key=key,
            language=language,
            defaults={"requested_by": user, "params": params},
        )
        if created:
            older = DocumentRender.objects.filter(version=None, document=kind).exclude(pk=render.pk)
            for other in older.exclude(status__in=PENDING):
                if other.params == params:
                    other.delete()
        elif _stale(render):
            _queue_again(render, user)
        else:
            return render
        transaction.on_commit(lambda: _enqueue(render.pk))
    return render


def retry(render: DocumentRender, user) -> DocumentRender:
    """Queue again a render that failed, was refused or whose worker died."""
    with transaction.atomic():
        render = DocumentRender.objects.select_for_update().get(pk=render.pk)
        if render.status in PENDING and not _stale(render):
            return render
        if render.status == DocumentRender.Status.DONE:
            return render
        _queue_again(render, user)
        transaction.on_commit(lambda: _enqueue(render.pk))
    return render


def _stale(render: DocumentRender) -> bool:
    """A render still waiting or running long after it began: its worker died (killed for
    memory, restarted by a deployment) and it will not finish; it is queued again."""
    if not render.is_pending:
        return False
    began = render.started_at or render.requested_at
    return began < timezone.now() - STALE_AFTER


def _enqueue(render_id: int) -> None:
    from .tasks import render_document

    render_document.enqueue(render_id=render_id)


def _advance(render: DocumentRender, stage: str, progress: int, **values) -> None:
    render.stage = stage
    render.progress = progress
    for name, value in values.items():
        setattr(render, name, value)
    DocumentRender.objects.filter(pk=render.pk).update(stage=stage, progress=progress, **values)


def build(render: DocumentRender):
    """The draft of the version's report, with the narrative as it reads now; or the draft
    of another document from its parameters, signed as it was shown."""
    version = render.version
    if version is None:
        return build_draft(render)
    return documents.consolidated_report(
        consolidation=version.consolidation, snapshot=version.data, version=version
    )


def build_draft(render: DocumentRender):
    params = render.params.get("document", {})
    unit = issuing.issuing_unit(render.document, params)
    signer = None
    if render.params.get("signer"):
        signer = Signer.objects.active().filter(pk=render.params["signer"], unit=unit).first()
    return issuing.build(
        render.document,
        params,
        user=render.requested_by,
        issue=documents.draft_issue(unit, signer),
    )


# Pages laid out are written to the row every this many pages (the progress bar moves).
PROGRESS_EVERY = 5


def run(render_id: int) -> DocumentRender:
    """Render one queued document; progress and outcome are written as the work goes."""
    render = DocumentRender.objects.select_related(
        "version__consolidation__campaign", "version__consolidation__plan"
    ).get(pk=render_id)
    if render.status == DocumentRender.Status.DONE:
        return render
    S = DocumentRender.Stage
    _advance(
        render,
        S.COLLECTING,
        5,
        status=DocumentRender.Status.RUNNING,
        started_at=timezone.now(),
    )
    try:
        with translation.override(DOCUMENT_LANGUAGE):
            document = build(render)
            html = render_to_string(PDF_TEMPLATE, pdf_context(document))
            _advance(render, S.LAYING_OUT, 20)
            expected = max(limits.estimate(document).pages, 1)

            def laid_out_page(number: int) -> None:
                if number % PROGRESS_EVERY == 0:
                    progress = 20 + min(45, 45 * number // expected)
                    _advance(render, S.LAYING_OUT, progress, pages=number)

            guard = RenderGuard.for_kind(
                document.kind,
                seconds=limits.setting("DOCUMENT_WORKER_SECONDS"),
                on_page=laid_out_page,
            )
            with guard:
                laid_out = lay_out(html, attachment_ids=document.attachment_ids)
                _advance(render, S.WRITING, 70, pages=len(laid_out.pages))
                pdf = laid_out.write_pdf()
            _advance(render, S.WRITING, 85)
            docx = docx_bytes(document)
        render.file.save(f"{document.filename}-du-thao.pdf", ContentFile(pdf), save=False)
        render.docx.save(f"{document.filename}-du-thao.docx", ContentFile(docx), save=False)
        _advance(
            render,
            S.FINISHED,
            100,
            status=DocumentRender.Status.DONE,
            file=render.file.name,
            docx=render.docx.name,
            size=len(pdf),
            finished_at=timezone.now(),
        )
    except limits.LimitExceeded as error:
        logger.warning("Rendering document %s stopped: %s", render_id, error)
        _advance(
            render,
            render.stage,
            render.progress,
            status=DocumentRender.Status.REFUSED,
            error=error.message,
            finished_at=timezone.now(),
        )
    except Exception as error:
        logger.exception("Rendering document %s failed", render_id)
        _advance(
            render,
            render.stage,
            render.progress,
            status=DocumentRender.Status.FAILED,
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
    return render
