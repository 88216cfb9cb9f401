"""Background work run by ``manage.py db_worker``."""

from django.core.mail import EmailMultiAlternatives, get_connection
from django_tasks import task


@task()
def send_portal_mail(*, subject: str, body: str, to: list[str], html_body: str = "") -> int:
    """Send one e-mail. Queued so that a slow mail server never holds up a page."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()


@task()
def send_portal_mails(*, mails: list[dict]) -> int:
    """Send several e-mails over one connection to the mail server: the people one event
    concerns (``registry.notifications.notify``). Each of ``mails`` holds ``subject``,
    ``body`` and ``to``. Returns how many were sent."""
    messages = [
        EmailMultiAlternatives(subject=mail["subject"], body=mail["body"], to=mail["to"])
        for mail in mails
    ]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


@task()
def run_import(*, job_id: int, step: str) -> None:
    """Check (``step="check"``) or write (``"import"``) a large spreadsheet import; the job
    records its progress and outcome (``registry.spreadsheets.service``)."""
    from .spreadsheets.service import run_step

    run_step(job_id, step)
