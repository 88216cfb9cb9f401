"""Background work run by ``manage.py db_worker``."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_portal_mail(*, subject: str, body: str, to: list[str], html_body: str = "") -> int:
    """Send one e-mail. Queued so that a slow mail server never holds up a page."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()


@task()
def run_import(*, job_id: int, step: str) -> None:
    """Check (``step="check"``) or write (``"import"``) a large spreadsheet import; the job
    records its progress and outcome (``registry.spreadsheets.service``)."""
    from .spreadsheets.service import run_step

    run_step(job_id, step)
