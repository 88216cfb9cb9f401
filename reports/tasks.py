"""Background work of the reports app, run by ``manage.py db_worker``."""

from django_tasks import task


@task(queue_name="documents")
def render_document(*, render_id: int) -> None:
    """Render a large document (``reports.rendering``): a version's report, or a draft
    estimated too large for a web request. The "documents" queue has a worker of its own,
    restarted after each task (``--max-tasks 1``), so memory never accumulates; renders here
    have the worker's time limit (``reports.limits``)."""
    from .limits import on_worker
    from .rendering import run

    with on_worker():
        run(render_id)


@task(queue_name="documents")
def render_issued_document(*, issued_id: int) -> None:
    """Render the files of a large issued document (``reports.issuing``) on the same worker."""
    from .issuing import render_issued
    from .limits import on_worker
    from .models import IssuedDocument

    issued = IssuedDocument.objects.filter(pk=issued_id).first()
    if issued is not None and issued.status != IssuedDocument.Status.READY:
        with on_worker():
            render_issued(issued)
