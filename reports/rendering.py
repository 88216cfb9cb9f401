"""Large documents, rendered by the background worker and kept as the cache of a version.

The consolidated report of a province's year runs to dozens of pages: it is rendered once
per published version and language by the task ``reports.tasks.render_document`` on the
"documents" queue, whose worker is restarted after each render (WeasyPrint keeps its memory
after a big document), never by a web worker. The ``DocumentRender`` row tells the user how
far the work has gone; once done, its file is served as is.
"""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import documents
from .docx import docx_bytes
from .issuing import DOCUMENT_LANGUAGE, PDF_TEMPLATE, pdf_context
from .models import DocumentRender
from .pdf import lay_out

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
    rendered, else a new render queued for the worker (a failed or stale one is queued
    again)."""
    with transaction.atomic():
        render, created = DocumentRender.objects.select_for_update().get_or_create(
            version=version,
            document=DocumentRender.Document.CONSOLIDATED_REPORT,
            language=language,
            defaults={"requested_by": user},
        )
        if not created and not (render.status == DocumentRender.Status.FAILED or _stale(render)):
            return render
        if not created:
            render.status = DocumentRender.Status.QUEUED
            render.stage = DocumentRender.Stage.WAITING
            render.progress = 0
            render.pages = 0
            render.started_at = None
            render.error = ""
            render.requested_by = user
            render.requested_at = timezone.now()
            render.save()
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
    """The draft of the version's report, with the narrative as it reads now."""
    version = render.version
    return documents.consolidated_report(
        consolidation=version.consolidation, snapshot=version.data, version=version
    )


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
            laid_out = lay_out(html)
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
