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


class MailRefused(Exception):
    """The mail server refused some of a task's e-mails (the others were sent)."""


@task()
def send_portal_mails(*, mails: list[dict]) -> int:
    """Send several e-mails over one connection to the mail server: the people one event
    concerns (``registry.notifications.notify``). Each of ``mails`` holds ``subject``,
    ``body`` and ``to``. Returns how many were sent. A mail the server refuses does not stop
    the others; the task then fails naming each one refused, so the task's result says so."""
    sent, refused = 0, []
    with get_connection() as connection:
        for mail in mails:
            message = EmailMultiAlternatives(
                subject=mail["subject"], body=mail["body"], to=mail["to"], connection=connection
            )
            try:
                sent += message.send()
            except OSError as error:  # smtplib's errors are OSErrors
                refused.append(f"{', '.join(mail['to'])}: {error}")
    if refused:
        raise MailRefused(f"{len(refused)} of {len(mails)} e-mails refused: " + "; ".join(refused))
    return sent


@task()
def run_import(*, job_id: int, step: str) -> None:
    """Check (``step="check"``) or write (``"import"``) a large spreadsheet import; the job
    records its progress and outcome (``registry.spreadsheets.service``)."""
    from .spreadsheets.service import run_step

    run_step(job_id, step)
