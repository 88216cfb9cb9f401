"""Background work of the reports app, run by ``manage.py db_worker``."""

from django_tasks import task


@task(queue_name="documents")
def render_document(*, render_id: int) -> None:
    """Render a large document (``reports.rendering``). The "documents" queue has a worker of
    its own, restarted after each task (``--max-tasks 1``), so memory never accumulates."""
    from .rendering import run

    run(render_id)
