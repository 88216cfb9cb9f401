"""Background work run by ``manage.py db_worker``."""

from django.core.mail import EmailMultiAlternatives, get_connection
from django_tasks import task


def _message(*, subject: str, body: str, to: list[str], html_body: str = "", connection=None):
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, connection=connection)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message


@task()
def send_portal_mail(*, subject: str, body: str, to: list[str], html_body: str = "") -> int:
    """Send one e-mail. Queued so that a slow mail server never holds up a page."""
    return _message(subject=subject, body=body, to=to, html_body=html_body).send()


class MailRefused(Exception):
    """The mail server refused some of a task's e-mails (the others were sent)."""


@task()
def send_portal_mails(*, mails: list[dict]) -> int:
    """Send several e-mails over one connection to the mail server: the people one event
    concerns (``registry.notifications.notify``). Each of ``mails`` holds the arguments of
    ``send_portal_mail`` (``subject``, ``body``, ``to``). Returns how many were sent. A mail
    the server refuses does not stop the others; the task then fails naming each one
    refused, so the task's result says so."""
    sent, refused = 0, []
    with get_connection() as connection:
        for mail in mails:
            try:
                sent += _message(**mail, connection=connection).send()
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
