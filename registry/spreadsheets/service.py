"""Imports from start to finish: upload → check (a dry run, row by row) → confirm.

``start_import`` checks what costs nothing to read of the file (``safety.check_spreadsheet``:
its type, size and zip directory), stores it (``default_storage``, so any app server or
worker can read it), records an ``ImportJob`` and queues its check: every file is read on
the background worker, never in a web request, and the job's page shows the progress. The
check reads the rows once, within the limits of ``safety``, and keeps them beside the
upload, so that ``confirm_import`` writes exactly what was previewed, validated again
against the data as it is then; a large file (``IMPORT_BACKGROUND_ROWS``) is written by the
worker too. All or nothing: a single row in error and nothing is written.

The stored report is bounded (``bounded_report``); each step leaves a heartbeat on the job,
and a job without one for ``IMPORT_STALE_MINUTES`` is marked failed (``recover_stale``, run
when the imports are looked at and by ``manage.py recover_stale_imports``); its owner may run
it again from the stored file (``restart_import``).

A job's status changes only through ``IMPORT_MOVES``: its owner confirms, cancels or runs it
again; the worker's steps are the portal's own moves (``by=None``), each made on the row read
again under a lock, so that a step that lost its job (marked stopped, run again) changes
nothing.
"""

import datetime
import gc
import logging
import uuid
from collections import Counter
from contextlib import contextmanager, suppress
from dataclasses import dataclass

import tablib
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.results import RowResult

from exemplar_portal.base.moves import Move, MoveNotAllowed, Moves

from .. import security
from ..models import ImportJob, SecurityEvent
from ..selectors import unit_ids_in_scope
from .kinds import KINDS, ImportKind
from .reading import ParsedSheet, read_sheet
from .resources import NON_FIELD
from .safety import (
    CheckedSpreadsheet,
    SpreadsheetRejected,
    check_spreadsheet,
    estimate_rows,
    limit,
)

logger = logging.getLogger(__name__)

ACTIONS = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "updated",
    RowResult.IMPORT_TYPE_SKIP: "unchanged",
    RowResult.IMPORT_TYPE_INVALID: "error",
    RowResult.IMPORT_TYPE_ERROR: "error",
}
ACTION_LABELS = {
    "new": gettext_lazy("New"),
    "updated": gettext_lazy("Updated"),
    "unchanged": gettext_lazy("Unchanged"),
    "error": gettext_lazy("Error"),
}
S = ImportJob.Status
RUNNING = (S.CHECKING, S.IMPORTING)
# No message, label or code of a report is longer than these (characters).
MESSAGE_LENGTH = 500
LABEL_LENGTH = 150
CODE_LENGTH = 60
# The message of a refused or failed job.
JOB_MESSAGE_LENGTH = 2000


def cut(text, length: int) -> str:
    """``text`` as a string of at most ``length`` characters."""
    text = str(text)
    return text if len(text) <= length else text[: length - 1] + "…"


class ImportNotPossible(MoveNotAllowed):
    """The job is not in a state that allows this step (already confirmed, cancelled…)."""


def _confirmed(step):
    now = timezone.now()
    step.obj.confirmed_at = now
    step.obj.processed_rows = 0
    step.obj.heartbeat_at = now
    step.fields |= {"confirmed_at", "processed_rows", "heartbeat_at"}


def _cancelled(step):
    step.obj.finished_at = timezone.now()
    step.fields.add("finished_at")


# What running again from the stored file starts from.
RESTART_FIELDS = {
    "message": "",
    "report": {},
    "rows_file": "",
    "in_background": True,
    "total_rows": 0,
    "processed_rows": 0,
    "new_rows": 0,
    "updated_rows": 0,
    "unchanged_rows": 0,
    "error_rows": 0,
    "warning_rows": 0,
    "confirmed_at": None,
    "finished_at": None,
}


def _restarted(step):
    job = step.obj
    old_rows_file = job.rows_file.name
    for name, value in RESTART_FIELDS.items():
        setattr(job, name, value)
    job.heartbeat_at = timezone.now()
    step.fields |= {*RESTART_FIELDS, "heartbeat_at"}
    if old_rows_file:
        storage = job.rows_file.storage
        transaction.on_commit(lambda: storage.delete(old_rows_file))


def _worker_fields(step):
    """The figures and words a worker's step writes with the status (``data["fields"]``)."""
    for name, value in step.data.get("fields", {}).items():
        setattr(step.obj, name, value)
        step.fields.add(name)


def _same_run(step):
    """A write's outcome belongs to the confirmation it started from: a job confirmed
    again since (stopped, run again) is no longer this run's."""
    if "confirmed_at" in step.data and step.obj.confirmed_at != step.data["confirmed_at"]:
        step.refuse()


def _still_stale(step):
    """The job is still in the step it was found stopped in, and still without a sign of
    life (it may have come back to life, or moved on, since the list was read)."""
    job = step.obj
    if (
        job.status != step.data["status"]
        or (job.heartbeat_at or job.created_at) >= step.data["before"]
    ):
        step.refuse()


OWNER = "registry.confirm_importjob"


def _owner_move(name, label, sources, target, apply):
    """A move of the import's owner (``OWNER``: the permission), without a reason."""
    return Move(name, label, frozenset(sources), target, OWNER, takes_reason=False, apply=apply)


def _worker_move(name, sources, target, **hooks):
    return Move(name, target.label, frozenset(sources), target, None, **hooks)


IMPORT_MOVES = Moves(
    [
        _owner_move(
            "confirm", gettext_lazy("Confirm the import"), {S.READY}, S.IMPORTING, _confirmed
        ),
        _owner_move(
            "cancel", gettext_lazy("Cancel"), {S.READY, S.INVALID}, S.CANCELLED, _cancelled
        ),
        _owner_move("restart", gettext_lazy("Run it again"), {S.FAILED}, S.CHECKING, _restarted),
        # The worker's (the portal's own).
        _worker_move("check_passed", {S.CHECKING}, S.READY),
        _worker_move("check_failed", {S.CHECKING}, S.INVALID),
        _worker_move("reject", {S.CHECKING}, S.REJECTED),
        _worker_move("finish", {S.IMPORTING}, S.DONE, check=_same_run),
        _worker_move("fail", RUNNING, S.FAILED, check=_same_run),
        _worker_move("stop", RUNNING, S.FAILED, check=_still_stale),
    ],
    not_allowed=ImportNotPossible,
    apply=_worker_fields,
)


@dataclass
class Outcome:
    rows: list[dict]
    errors: list[str]


def visible_jobs(user):
    """The imports ``user`` may see (the same answer as ``rules.can_view_import_job``)."""
    from .. import rules as perms

    jobs = ImportJob.objects.select_related("created_by", "unit")
    if perms.is_administrator(user):
        return jobs
    visible = Q(created_by=user)
    if perms.is_home_affairs(user):
        visible |= Q(kind=ImportJob.Kind.EXEMPLARS)
    elif perms.is_unit_member_who_edits(user):
        visible |= Q(kind=ImportJob.Kind.EXEMPLARS, unit_id=user.unit_id)
    return jobs.filter(visible)


def start_import(*, kind: str, upload, user) -> ImportJob:
    """Check what costs nothing to read of ``upload``, store it and queue its check.

    Raises ``SpreadsheetRejected`` for a file refused by its type, size or zip directory;
    nothing is stored then. Side effects: the file in storage, an ``ImportJob`` (being
    checked), a task queued once the transaction commits. The sheet itself is read by the
    worker only (``run_step``): whatever it refuses, the job's page says.
    """
    spec = KINDS[kind]
    checked = check_spreadsheet(upload)
    # A unit's editors import for their unit only; Home Affairs and administrators for any.
    scope_unit = user.unit if unit_ids_in_scope(user) is not None else None
    job = ImportJob(
        kind=spec.kind,
        unit=scope_unit,
        created_by=user,
        language=translation.get_language() or "vi",
        original_name=checked.original_name,
        file_format=checked.file_format,
        file_size=checked.size,
        # The check runs on the worker; whether the write does is decided by the check.
        in_background=True,
        total_rows=checked.estimated_rows,
        heartbeat_at=timezone.now(),
    )
    stored_name = f"{uuid.uuid4().hex}.{checked.file_format}"
    job.file.save(stored_name, ContentFile(checked.data), save=False)
    job.save()
    _enqueue(job, "check")
    return job


def confirm_import(*, job: ImportJob, user) -> ImportJob:
    """Write a checked import (now, or in the background for a large one).

    Raises ``ImportNotPossible`` unless the job is checked and error-free (a second click
    finds it already started), ``PermissionDenied`` unless ``user`` may confirm it
    (``registry.confirm_importjob``).
    """
    IMPORT_MOVES.make(job, "confirm", by=user)
    job.refresh_from_db()
    if job.in_background:
        _enqueue(job, "import")
    else:
        _guarded(job, lambda: _import(job))
        job.refresh_from_db()
    return job


def restart_import(*, job: ImportJob, by) -> ImportJob:
    """Check a failed import again from its stored file, from the start, in the background.

    Raises ``ImportNotPossible`` unless the job has failed, ``PermissionDenied`` unless
    ``by`` may (``registry.confirm_importjob``: its owner). Nothing of the failed run was
    written (all or nothing), so the new check finds the data as it is. The rows read by the
    failed run are deleted once this commits.
    """
    IMPORT_MOVES.make(job, "restart", by=by)
    logger.info("Import %s restarted by its owner", job.pk)
    job.refresh_from_db()
    _enqueue(job, "check")
    return job


def _stale_before() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=limit("IMPORT_STALE_MINUTES"))


def _stale(jobs):
    before = _stale_before()
    return jobs.filter(status__in=RUNNING).filter(
        Q(heartbeat_at__lt=before) | Q(heartbeat_at__isnull=True, created_at__lt=before)
    )


def is_stale(job: ImportJob) -> bool:
    """``job`` runs, but has shown no sign of life for ``IMPORT_STALE_MINUTES``."""
    return job.is_running and (job.heartbeat_at or job.created_at) < _stale_before()


def _stale_message(status: str, in_background: bool):
    if status == S.CHECKING:
        return _(
            "The background worker stopped while checking the file; nothing was written. "
            "You can run it again."
        )
    if in_background:
        return _(
            "The background worker stopped while writing the rows; nothing was written. "
            "You can run it again."
        )
    return _(
        "The server stopped while writing the rows; nothing was written. You can run it again."
    )


def recover_stale(jobs=None) -> int:
    """Mark failed every running import of ``jobs`` (all by default) that has shown no sign
    of life for ``IMPORT_STALE_MINUTES``: its worker stopped (a restart, a crash, memory).
    Its write, if any, was one transaction and rolled back with the worker; one that comes
    back to life finds the job taken from it and writes nothing (``_import``). Returns how
    many were marked."""
    before = _stale_before()
    candidates = _stale(ImportJob.objects.all() if jobs is None else jobs)
    now = timezone.now()
    recovered = 0
    for job in candidates.only("pk", "status", "language", "in_background"):
        status = job.status
        with translation.override(job.language):
            message = str(_stale_message(status, job.in_background))
        try:
            IMPORT_MOVES.make(
                job,
                "stop",
                by=None,
                data={
                    "status": status,
                    "before": before,
                    "fields": {"message": message, "finished_at": now},
                },
            )
        except ImportNotPossible:
            continue  # it moved, or showed a sign of life, since the list was read
        logger.warning("Import %s stopped while %s; marked failed", job.pk, status)
        recovered += 1
    return recovered


def cancel_import(*, job: ImportJob, by) -> None:
    """Drop a checked import that will not be confirmed; its file stays for the record.

    Raises ``ImportNotPossible`` unless it is checked and not confirmed,
    ``PermissionDenied`` unless ``by`` may (``registry.confirm_importjob``).
    """
    IMPORT_MOVES.make(job, "cancel", by=by)


def run_step(job_id: int, step: str) -> None:
    """The background worker's entry point (``registry.tasks.run_import``)."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    expected = {"check": S.CHECKING, "import": S.IMPORTING}[step]
    if job.status != expected:
        return
    _beat(job)
    with translation.override(job.language), _collector_paused():
        _guarded(job, (lambda: _check(job)) if step == "check" else (lambda: _import(job)))


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while the worker runs a large import.

    An import holds tens of thousands of records and row results at once, and every full
    collection walks all of them again: a fifth of a large import's time, for no garbage
    (these objects form no cycles; reference counting frees them). The worker runs one task
    at a time, so nothing else waits on the collector meanwhile.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _beat(job: ImportJob, **progress) -> None:
    """A sign of life of the running step (``progress``: fields to update with it)."""
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now(), **progress)


def _enqueue(job: ImportJob, step: str) -> None:
    from ..tasks import run_import

    transaction.on_commit(lambda: run_import.enqueue(job_id=job.pk, step=step))


def _guarded(job: ImportJob, work) -> None:
    """Run ``work``; an unexpected failure marks the job failed instead of leaving it running."""
    try:
        work()
    except Exception:
        logger.exception("Import %s failed", job.pk)
        message = _(
            "The import stopped because of an unexpected error; nothing was written. The "
            "administrators can see the details in the server log."
        )
        # A job no longer running (marked stopped meanwhile) stays as it is.
        with suppress(ImportNotPossible):
            IMPORT_MOVES.make(
                job,
                "fail",
                by=None,
                data={"fields": {"message": message, "finished_at": timezone.now()}},
            )
        raise


def _read(spec: ImportKind, checked: CheckedSpreadsheet) -> ParsedSheet:
    resource = spec.resource
    return read_sheet(
        checked,
        columns=resource.import_columns(),
        ignored=resource.ignored_columns(),
        sheet_title=resource.data_sheet_title,
    )


def _check(job: ImportJob) -> None:
    spec = KINDS[job.kind]
    with job.file.open("rb") as stored:
        data = stored.read()
    checked = CheckedSpreadsheet(job.file_format, data, job.original_name, 0)
    try:
        _beat(job, total_rows=estimate_rows(checked))
        sheet = _read(spec, checked)
    except SpreadsheetRejected as rejected:
        refusal = {
            "message": cut(" ".join(rejected.messages), JOB_MESSAGE_LENGTH),
            "report": {"refusal": rejected.code or ""},
            "finished_at": timezone.now(),
        }
        with suppress(ImportNotPossible):  # unless taken from this run meanwhile
            IMPORT_MOVES.make(job, "reject", by=None, data={"fields": refusal})
        job.refresh_from_db()
        security.record(
            SecurityEvent.Kind.IMPORT_REFUSED,
            user=job.created_by,
            target=job,
            import_kind=job.kind,
            file=job.original_name,
            reason=rejected.code or "",
        )
        return
    job.total_rows = len(sheet.rows)
    job.in_background = job.total_rows > limit("IMPORT_BACKGROUND_ROWS")
    job.rows_file.save(f"{uuid.uuid4().hex}.json", ContentFile(sheet.to_json()), save=False)
    job.heartbeat_at = timezone.now()
    job.save(update_fields=["total_rows", "in_background", "rows_file", "heartbeat_at"])
    outcome = _run(job, spec, sheet, dry_run=True)
    _record(job, outcome, written=False)


def _import(job: ImportJob) -> None:
    spec = KINDS[job.kind]
    with job.rows_file.open("rb") as stored:
        sheet = ParsedSheet.from_json(stored.read())

    confirmed_at = job.confirmed_at

    def written():
        # In the transaction of the writes: the job says "imported" exactly when it is, and
        # a run that lost its job (marked stopped, then run again) rolls back instead.
        try:
            IMPORT_MOVES.make(
                job,
                "finish",
                by=None,
                data={"confirmed_at": confirmed_at, "fields": {"finished_at": timezone.now()}},
            )
        except ImportNotPossible as taken:
            raise JobTakenAway(job.pk) from taken

    outcome = _run(job, spec, sheet, dry_run=False, on_written=written)
    if (
        job.status != S.DONE
        and not ImportJob.objects.filter(
            pk=job.pk, status=S.IMPORTING, confirmed_at=confirmed_at
        ).exists()
    ):
        logger.warning("Import %s was taken from this run; nothing written", job.pk)
        return
    _record(job, outcome, written=job.status == S.DONE)


class JobTakenAway(Exception):
    """The job is no longer this run's: its write rolls back."""


def _run(job, spec: ImportKind, sheet: ParsedSheet, *, dry_run: bool, on_written=None) -> Outcome:
    def progress(done):
        _beat(job, processed_rows=done)

    resource = spec.resource(
        user=job.created_by,
        dry_run=dry_run,
        row_numbers=sheet.numbers,
        on_progress=progress,
        on_written=on_written,
    )
    dataset = tablib.Dataset(*sheet.rows, headers=sheet.keys)
    if resource._meta.use_bulk:
        # Bulk resources write only in ``after_import`` and only when not a dry run; no
        # transaction around the reading, so progress shows and other writers wait only
        # for the writes themselves.
        result = resource.import_data(dataset, dry_run=False, use_transactions=False)
    else:
        result = resource.import_data(
            dataset, dry_run=dry_run, use_transactions=True, rollback_on_validation_errors=True
        )
    values = [dict(zip(sheet.keys, row, strict=True)) for row in sheet.rows]
    rows = []
    for number, (row_result, row) in enumerate(zip(result.rows, values, strict=True), start=1):
        action = ACTIONS[row_result.import_type]
        errors = []
        if row_result.validation_error is not None:
            for attribute, messages in row_result.validation_error.message_dict.items():
                column = "" if attribute == NON_FIELD else resource.label(attribute)
                errors.extend(
                    [cut(column, LABEL_LENGTH), cut(message, MESSAGE_LENGTH)]
                    for message in messages
                )
        for error in row_result.errors:
            logger.error("Import %s, row %s: %r", job.pk, number, cut(error.error, 2000))
            errors.append(["", _("This row could not be read.")])
        rows.append(
            {
                "row": sheet.numbers[number - 1],
                "action": action,
                "label": cut(spec.row_label(row), LABEL_LENGTH),
                "code": cut(
                    _key(resource, row_result.instance, row, written=not dry_run), CODE_LENGTH
                ),
                "errors": errors,
                "warnings": [
                    [cut(resource.label(attribute), LABEL_LENGTH), cut(message, MESSAGE_LENGTH)]
                    for attribute, message in resource.warnings.get(number, [])
                ],
            }
        )
    base_errors = [cut(_error_text(error.error), MESSAGE_LENGTH) for error in result.base_errors]
    return Outcome(rows, base_errors)


def _key(resource, instance, row: dict, *, written: bool) -> str:
    """The record's key for the report: as stored (an exemplar's generated code once
    written), else as the row gave it."""
    if hasattr(resource, "report_key"):
        return resource.report_key(instance, row)
    if instance is not None and (instance.pk or written):
        return str(getattr(instance, resource.key_field) or "")
    return str(row.get(resource.key_field) or "")


def _error_text(error) -> str:
    if isinstance(error, JobTakenAway):
        return _("The import could not be written because of an unexpected error.")
    messages = getattr(error, "messages", None)
    if messages:
        return " ".join(str(m) for m in messages)
    logger.error("Import failed: %r", error)
    return _("The import could not be written because of an unexpected error.")


def bounded_report(outcome: Outcome) -> dict:
    """The report to store, of a size that does not grow with the file: the first
    ``IMPORT_REPORT_ERRORS_PER_COLUMN`` errors (and warnings) of each column, the rows that
    carry them and the first ``IMPORT_REPORT_ROWS`` rows; with how many errors and warnings
    of each column, and how many rows, were left out. Every text is already cut
    (``_run``)."""
    per_column = limit("IMPORT_REPORT_ERRORS_PER_COLUMN")
    first_rows = limit("IMPORT_REPORT_ROWS")
    counted = {"errors": Counter(), "warnings": Counter()}
    shown = {"errors": Counter(), "warnings": Counter()}
    rows = []
    for index, row in enumerate(outcome.rows):
        kept = {}
        for kind in ("errors", "warnings"):
            kept[kind] = []
            for column, message in row[kind]:
                counted[kind][column] += 1
                if shown[kind][column] < per_column:
                    shown[kind][column] += 1
                    kept[kind].append([column, message])
        if index < first_rows or kept["errors"] or kept["warnings"]:
            rows.append({**row, **kept})
    return {
        "rows": rows,
        "errors": outcome.errors[:per_column],
        "more_errors": [
            [c, n - shown["errors"][c]]
            for c, n in counted["errors"].items()
            if n > shown["errors"][c]
        ],
        "more_warnings": [
            [c, n - shown["warnings"][c]]
            for c, n in counted["warnings"].items()
            if n > shown["warnings"][c]
        ],
        "error_count": sum(counted["errors"].values()) + len(outcome.errors),
        "rows_left_out": len(outcome.rows) - len(rows),
    }


def _record(job: ImportJob, outcome: Outcome, *, written: bool) -> None:
    """Store the outcome of a step, unless the job was taken from it meanwhile (marked
    stopped, and perhaps run again)."""
    counts = {action: 0 for action in ACTION_LABELS}
    for row in outcome.rows:
        counts[row["action"]] += 1
    fields = {
        "new_rows": counts["new"],
        "updated_rows": counts["updated"],
        "unchanged_rows": counts["unchanged"],
        "error_rows": counts["error"],
        "warning_rows": sum(1 for row in outcome.rows if row["warnings"]),
        "processed_rows": len(outcome.rows),
        "report": bounded_report(outcome),
        "heartbeat_at": timezone.now(),
    }
    data = {"fields": fields}
    if job.status == S.CHECKING:
        move = "check_failed" if fields["error_rows"] or outcome.errors else "check_passed"
        if move == "check_failed":
            fields["finished_at"] = timezone.now()
    elif not written:
        move = "fail"
        data["confirmed_at"] = job.confirmed_at
        fields["finished_at"] = timezone.now()
        fields["message"] = _("Nothing was imported: the rows were checked again and some failed.")
    else:
        # Imported: the status was written with the rows; the figures follow.
        ImportJob.objects.filter(pk=job.pk).update(**fields)
        for name, value in fields.items():
            setattr(job, name, value)
        return
    try:
        IMPORT_MOVES.make(job, move, by=None, data=data)
    except ImportNotPossible:
        logger.warning("Import %s was taken from this run; its outcome is not stored", job.pk)
        job.refresh_from_db()
