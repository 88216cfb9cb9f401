"""Imports whose worker stopped: a job without a sign of life for IMPORT_STALE_MINUTES is
marked failed, when its page or the list is opened and by ``recover_stale_imports``; its
owner runs it again from the stored file; nothing partial is ever written, even when the
worker dies in the middle of a write.

The stale messages are new to the catalogue: they are compared through gettext, so that the
tests hold before and after translation.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.models import Exemplar, ImportJob, Unit
from registry.spreadsheets import resources, service
from tests.test_spreadsheets import confirm, exemplar_row, job_of, upload, xlsx

pytestmark = pytest.mark.integration

S = ImportJob.Status
CHECKING_STOPPED = (
    "The background worker stopped while checking the file; nothing was written. "
    "You can run it again."
)
WRITING_STOPPED = (
    "The background worker stopped while writing the rows; nothing was written. "
    "You can run it again."
)
SERVER_STOPPED = (
    "The server stopped while writing the rows; nothing was written. You can run it again."
)
UNITS = reverse("registry:import_start", args=["don-vi"])


@pytest.fixture
def editor(world, client_for):
    return client_for(world.user("editor_a"))


def restart_url(job):
    return reverse("registry:import_restart", args=[job.pk])


def silent_for(job, minutes: int) -> None:
    """``job`` has shown no sign of life for ``minutes``."""
    ImportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def queued_only(client, rows) -> ImportJob:
    """An upload whose check was queued, and never run: no worker took it."""
    with TestCase.captureOnCommitCallbacks(execute=False):
        return job_of(
            client.post(reverse("registry:import_start", args=["dien-hinh"]), {"file": rows})
        )


def test_a_check_without_progress_is_marked_failed_when_its_page_is_opened(editor):
    job = queued_only(editor, xlsx([exemplar_row()]))
    silent_for(job, 9)
    assert editor.get(job.get_absolute_url()).status_code == 200
    job.refresh_from_db()
    assert job.status == S.CHECKING
    silent_for(job, 11)
    page = editor.get(job.get_absolute_url())
    job.refresh_from_db()
    assert job.status == S.FAILED and job.finished_at
    assert job.message == _(CHECKING_STOPPED)
    text = page.content.decode()
    assert _(CHECKING_STOPPED) in text
    assert restart_url(job) in text
    assert not Exemplar.objects.exists()


def test_the_progress_poll_also_finds_a_stopped_job(editor):
    job = queued_only(editor, xlsx([exemplar_row()]))
    silent_for(job, 30)
    response = editor.get(job.get_absolute_url(), {"progress": 1})
    # No longer running: htmx reloads the page, which says what happened.
    assert response.status_code == 204 and response["HX-Refresh"] == "true"
    job.refresh_from_db()
    assert job.status == S.FAILED


def test_the_owner_runs_a_stopped_check_again_from_the_stored_file(editor):
    job = queued_only(editor, xlsx([exemplar_row(), exemplar_row(full_name="Trần Văn An")]))
    silent_for(job, 11)
    editor.get(job.get_absolute_url())
    page = editor.get(restart_url(job))
    assert page.status_code == 200
    assert b'id="confirm-restart"' in page.content
    job.refresh_from_db()
    # Only the confirmation starts it again.
    assert job.status == S.FAILED

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = editor.post(restart_url(job))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == S.READY and job.message == ""
    assert (job.total_rows, job.new_rows) == (2, 2)
    confirm(editor, job)
    job.refresh_from_db()
    assert job.status == S.DONE
    assert Exemplar.objects.count() == 2


def test_a_recent_sign_of_life_keeps_a_job_running(editor):
    job = queued_only(editor, xlsx([exemplar_row()]))
    # Uploaded long ago, but its worker reported progress five minutes ago.
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=3)
    )
    silent_for(job, 5)
    editor.get(job.get_absolute_url())
    editor.get(reverse("registry:import_list"))
    assert service.recover_stale() == 0
    job.refresh_from_db()
    assert job.status == S.CHECKING


def test_the_list_and_the_command_mark_stopped_jobs(world, editor, client_for, settings):
    settings.PORTAL = {**settings.PORTAL, "IMPORT_STALE_MINUTES": 30}
    first = queued_only(editor, xlsx([exemplar_row()]))
    second = queued_only(editor, xlsx([exemplar_row()]))
    silent_for(first, 31)
    silent_for(second, 20)
    listing = client_for(world.user("home_affairs")).get(reverse("registry:import_list"))
    assert listing.status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (S.FAILED, S.CHECKING)

    silent_for(second, 45)
    out = io.StringIO()
    call_command("recover_stale_imports", stdout=out)
    second.refresh_from_db()
    assert second.status == S.FAILED and second.message == _(CHECKING_STOPPED)
    assert ": 1 " in out.getvalue()
    # Running it again changes nothing.
    call_command("recover_stale_imports", stdout=io.StringIO())
    assert service.recover_stale() == 0


def test_only_the_owner_runs_an_import_again(world, editor, client_for):
    job = queued_only(editor, xlsx([exemplar_row()]))
    silent_for(job, 11)
    service.recover_stale()
    head = client_for(world.user("head_a"))
    # The unit's head sees the import, but it is not theirs to run.
    assert head.get(job.get_absolute_url()).status_code == 200
    assert restart_url(job).encode() not in head.get(job.get_absolute_url()).content
    assert head.get(restart_url(job)).status_code == 403
    assert head.post(restart_url(job)).status_code == 403
    other = client_for(world.user("editor_b"))
    assert other.post(restart_url(job)).status_code == 404
    job.refresh_from_db()
    assert job.status == S.FAILED


def test_only_a_failed_import_runs_again(editor):
    job = job_of(upload(editor, xlsx([exemplar_row()])))
    assert job.status == S.READY
    assert editor.get(restart_url(job))["Location"] == job.get_absolute_url()
    editor.post(restart_url(job))
    job.refresh_from_db()
    assert job.status == S.READY


def test_each_step_leaves_a_sign_of_life(editor):
    job = queued_only(editor, xlsx([exemplar_row()]))
    assert job.heartbeat_at is not None
    silent_for(job, 8)
    before = ImportJob.objects.get(pk=job.pk).heartbeat_at
    service.run_step(job.pk, "check")
    job.refresh_from_db()
    assert job.status == S.READY and job.heartbeat_at > before


# The worker dies in the middle of a write ------------------------------------------------


def test_a_worker_killed_in_the_middle_of_a_write_leaves_nothing_and_is_recovered(
    world, editor, settings, monkeypatch
):
    settings.PORTAL = {**settings.PORTAL, "IMPORT_BACKGROUND_ROWS": 1}
    rows = [exemplar_row(full_name=f"Nguyễn Văn Thử {n}") for n in range(3)]
    job = job_of(upload(editor, xlsx(rows)))
    assert job.status == S.READY and job.in_background
    written = []

    def killed(model, pks, **kwargs):
        # The exemplars are in the database (inside the write's transaction) when the
        # worker is stopped, before their history and the job's "done".
        written.extend(Exemplar.objects.values_list("full_name", flat=True))
        raise KeyboardInterrupt

    monkeypatch.setattr(resources, "record_history", killed)
    with pytest.raises(KeyboardInterrupt), TestCase.captureOnCommitCallbacks(execute=True):
        assert confirm(editor, job).status_code == 302
    assert len(written) == 3
    assert not Exemplar.objects.exists()
    job.refresh_from_db()
    assert job.status == S.IMPORTING

    monkeypatch.undo()
    silent_for(job, 11)
    page = editor.get(job.get_absolute_url()).content.decode()
    job.refresh_from_db()
    assert job.status == S.FAILED and job.message == _(WRITING_STOPPED)
    assert _(WRITING_STOPPED) in page
    assert not Exemplar.objects.exists()

    settings.PORTAL = {**settings.PORTAL, "IMPORT_BACKGROUND_ROWS": 2_000}
    with TestCase.captureOnCommitCallbacks(execute=True):
        editor.post(restart_url(job))
    job.refresh_from_db()
    assert job.status == S.READY and job.new_rows == 3
    confirm(editor, job)
    job.refresh_from_db()
    assert job.status == S.DONE
    assert sorted(Exemplar.objects.values_list("full_name", flat=True)) == sorted(written)


def test_a_server_stopped_between_rows_of_a_unit_import_leaves_nothing(
    world, client_for, monkeypatch
):
    admin = client_for(world.user("administrator"))
    rows = [
        {"code": "37-SNN", "name": "Sở Nông nghiệp và Môi trường", "kind": "Sở, ban, ngành"},
        {"code": "37-SXD", "name": "Sở Xây dựng", "kind": "Sở, ban, ngành"},
        {"code": "37-SCT", "name": "Sở Công Thương", "kind": "Sở, ban, ngành"},
    ]
    for row in rows:
        row["parent"] = "37"
    job = job_of(upload(admin, xlsx(rows, kind="units", name="don-vi.xlsx"), url=UNITS))
    assert job.status == S.READY and not job.in_background, job.report
    saved = resources.UnitResource.before_save_instance
    seen = []

    def stopped(self, instance, row, **kwargs):
        if not self.dry_run and instance.code == "37-SXD":
            # The first unit is written (inside the import's transaction).
            seen.extend(Unit.objects.filter(code="37-SNN").values_list("code", flat=True))
            raise SystemExit(1)
        return saved(self, instance, row, **kwargs)

    monkeypatch.setattr(resources.UnitResource, "before_save_instance", stopped)
    with pytest.raises(SystemExit):
        service.confirm_import(job=job, user=world.user("administrator"))
    assert seen == ["37-SNN"]
    assert not Unit.objects.filter(code__in=["37-SNN", "37-SXD", "37-SCT"]).exists()
    job.refresh_from_db()
    assert job.status == S.IMPORTING

    monkeypatch.undo()
    silent_for(job, 11)
    assert service.recover_stale() == 1
    job.refresh_from_db()
    assert job.status == S.FAILED and job.message == _(SERVER_STOPPED)
    assert not Unit.objects.filter(code__in=["37-SNN", "37-SXD", "37-SCT"]).exists()


def test_a_write_that_lost_its_job_writes_nothing(world, editor, monkeypatch):
    """A worker marked stopped that was only slow finds, when it comes to commit, that the
    job is no longer its own: its write rolls back."""
    job = job_of(upload(editor, xlsx([exemplar_row()])))
    original = resources.ExemplarResource.after_import

    def taken_meanwhile(self, dataset, result, **kwargs):
        # Marked stopped by another process while this one was validating the rows.
        ImportJob.objects.filter(pk=job.pk).update(status=S.FAILED, message=_(WRITING_STOPPED))
        return original(self, dataset, result, **kwargs)

    monkeypatch.setattr(resources.ExemplarResource, "after_import", taken_meanwhile)
    service.confirm_import(job=job, user=world.user("editor_a"))
    job.refresh_from_db()
    assert job.status == S.FAILED and job.message == _(WRITING_STOPPED)
    assert not Exemplar.objects.exists()
    assert not Exemplar.history.exists()
