"""Imports from start to finish: upload → check (a dry run, row by row) → confirm.

``start_import`` checks the file's safety, stores it (``default_storage``, so any app server
or worker can read it) and records an ``ImportJob``; a small file is checked at once, a
large one (``IMPORT_BACKGROUND_ROWS``) by the background worker, whose progress the job
shows. The check reads the rows once and keeps them beside the upload, so that
``confirm_import`` writes exactly what was previewed, validated again against the data as
it is then. All or nothing: a single row in error and nothing is written.
"""

import gc
import logging
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

import tablib
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.results import RowResult

from ..models import ImportJob
from ..selectors import unit_ids_in_scope
from .kinds import KINDS, ImportKind
from .reading import ParsedSheet, read_sheet
from .resources import NON_FIELD
from .safety import CheckedSpreadsheet, SpreadsheetRejected, check_spreadsheet, limit

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


class ImportNotPossible(Exception):
    """The job is not in a state that allows this step (already confirmed, cancelled…)."""


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
    """Check ``upload``, store it and check its rows (now or in the background).

    Raises ``SpreadsheetRejected`` for a file that is unsafe or unreadable; nothing is
    stored then. Side effects: the file in storage, an ``ImportJob``, a queued task for a
    large file.
    """
    spec = KINDS[kind]
    checked = check_spreadsheet(upload)
    background = checked.estimated_rows > limit("IMPORT_BACKGROUND_ROWS")
    # A small file is read now, so that a wrong header answers on the upload form itself.
    sheet = None if background else _read(spec, checked)
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
        in_background=background,
        total_rows=len(sheet.rows) if sheet else checked.estimated_rows,
    )
    stored_name = f"{uuid.uuid4().hex}.{checked.file_format}"
    job.file.save(stored_name, ContentFile(checked.data), save=False)
    job.save()
    if background:
        _enqueue(job, "check")
    else:
        _guarded(job, lambda: _check(job, sheet))
    return job


def confirm_import(*, job: ImportJob, user) -> ImportJob:
    """Write a checked import (now, or in the background for a large one).

    Raises ``ImportNotPossible`` unless the job is checked and error-free; a second click
    finds it already started. The caller checks ``registry.confirm_importjob``.
    """
    started = ImportJob.objects.filter(pk=job.pk, status=S.READY).update(
        status=S.IMPORTING, confirmed_at=timezone.now(), processed_rows=0
    )
    if not started:
        raise ImportNotPossible
    job.refresh_from_db()
    if job.in_background:
        _enqueue(job, "import")
    else:
        _guarded(job, lambda: _import(job))
    return job


def cancel_import(*, job: ImportJob) -> None:
    """Drop a checked import that will not be confirmed; its file stays for the record."""
    cancelled = ImportJob.objects.filter(pk=job.pk, status__in=[S.READY, S.INVALID]).update(
        status=S.CANCELLED, finished_at=timezone.now()
    )
    if not cancelled:
        raise ImportNotPossible


def run_step(job_id: int, step: str) -> None:
    """The background worker's entry point (``registry.tasks.run_import``)."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    expected = {"check": S.CHECKING, "import": S.IMPORTING}[step]
    if job.status != expected:
        return
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


def _enqueue(job: ImportJob, step: str) -> None:
    from ..tasks import run_import

    transaction.on_commit(lambda: run_import.enqueue(job_id=job.pk, step=step))


def _guarded(job: ImportJob, work) -> None:
    """Run ``work``; an unexpected failure marks the job failed instead of leaving it running."""
    try:
        work()
    except Exception:
        logger.exception("Import %s failed", job.pk)
        job.status = S.FAILED
        job.message = _(
            "The import stopped because of an unexpected error; nothing was written. The "
            "administrators can see the details in the server log."
        )
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "message", "finished_at"])
        raise


def _read(spec: ImportKind, checked: CheckedSpreadsheet) -> ParsedSheet:
    resource = spec.resource
    return read_sheet(
        checked,
        columns=resource.import_columns(),
        ignored=resource.ignored_columns(),
        sheet_title=resource.data_sheet_title,
    )


def _check(job: ImportJob, sheet: ParsedSheet | None = None) -> None:
    spec = KINDS[job.kind]
    if sheet is None:
        with job.file.open("rb") as stored:
            data = stored.read()
        checked = CheckedSpreadsheet(job.file_format, data, job.original_name, 0)
        try:
            sheet = _read(spec, checked)
        except SpreadsheetRejected as rejected:
            job.status = S.REJECTED
            job.message = " ".join(rejected.messages)
            job.finished_at = timezone.now()
            job.save(update_fields=["status", "message", "finished_at"])
            return
    job.total_rows = len(sheet.rows)
    job.rows_file.save(f"{uuid.uuid4().hex}.json", ContentFile(sheet.to_json()), save=False)
    job.save(update_fields=["total_rows", "rows_file"])
    outcome = _run(job, spec, sheet, dry_run=True)
    _record(job, outcome, written=False)


def _import(job: ImportJob) -> None:
    spec = KINDS[job.kind]
    with job.rows_file.open("rb") as stored:
        sheet = ParsedSheet.from_json(stored.read())

    def written():
        # In the transaction of the writes: the job says "imported" exactly when it is.
        job.status = S.DONE
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "finished_at"])

    outcome = _run(job, spec, sheet, dry_run=False, on_written=written)
    _record(job, outcome, written=job.status == S.DONE)


def _run(job, spec: ImportKind, sheet: ParsedSheet, *, dry_run: bool, on_written=None) -> Outcome:
    def progress(done):
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=done)

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
                errors.extend([column, message] for message in messages)
        for error in row_result.errors:
            logger.error("Import %s, row %s: %r", job.pk, number, error.error)
            errors.append(["", _("This row could not be read.")])
        rows.append(
            {
                "row": sheet.numbers[number - 1],
                "action": action,
                "label": spec.row_label(row),
                "code": _key(resource, row_result.instance, row, written=not dry_run),
                "errors": errors,
                "warnings": [
                    [resource.label(attribute), message]
                    for attribute, message in resource.warnings.get(number, [])
                ],
            }
        )
    base_errors = [_error_text(error.error) for error in result.base_errors]
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
    messages = getattr(error, "messages", None)
    if messages:
        return " ".join(str(m) for m in messages)
    logger.error("Import failed: %r", error)
    return _("The import could not be written because of an unexpected error.")


def _record(job: ImportJob, outcome: Outcome, *, written: bool) -> None:
    counts = {action: 0 for action in ACTION_LABELS}
    for row in outcome.rows:
        counts[row["action"]] += 1
    job.new_rows = counts["new"]
    job.updated_rows = counts["updated"]
    job.unchanged_rows = counts["unchanged"]
    job.error_rows = counts["error"]
    job.warning_rows = sum(1 for row in outcome.rows if row["warnings"])
    job.processed_rows = len(outcome.rows)
    job.report = {"rows": outcome.rows, "errors": outcome.errors}
    if job.status == S.CHECKING:
        job.status = S.INVALID if job.error_rows or outcome.errors else S.READY
        if job.status == S.INVALID:
            job.finished_at = timezone.now()
    elif not written:
        job.status = S.FAILED
        job.finished_at = timezone.now()
        job.message = _("Nothing was imported: the rows were checked again and some failed.")
    job.save()
