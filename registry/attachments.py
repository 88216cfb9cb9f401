"""Photos and documents on a record (``exemplar_portal.base.uploads.RecordFile``: an
exemplar's attachments, a movement's or an event's files): attached several at once within
the limits (``registry.file_quota``), removed, restored by Home Affairs, purged after the
retention period, and what the exemplar's timeline says of them.

Removing a file marks it (``deleted_at``, ``deleted_by``); the file stays in storage for
``PORTAL["ATTACHMENT_RETENTION_DAYS"]`` days, during which Home Affairs sees it on the
record and can put it back. ``purge_removed`` (the daily ``purge_deleted_attachments``
command) then deletes the file and the row for good.

Every change is told to the record (``RecordFile.record_changed``: a line of a movement's
or an event's history; an exemplar's new version). An exemplar's attachments keep their own
history (django-simple-history), with who and when: an entry of creation (attached), a
change that sets or clears ``deleted_at`` (removed, restored) and an entry of deletion
(purged). Each entry keeps the file's name, size and SHA-256 checksum, so
``timeline_events`` reads the whole story from it, purged files included.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exemplar_portal.base.uploads import RecordFile, delete_stored, file_models

from . import file_quota
from .models import Attachment, Exemplar


def retention_days() -> int:
    return file_quota.limit("ATTACHMENT_RETENTION_DAYS")


def kept_until(row: RecordFile) -> datetime.datetime | None:
    """When a removed file is due to be purged (``None`` for one still attached)."""
    if row.deleted_at is None:
        return None
    return row.deleted_at + datetime.timedelta(days=retention_days())


def use_of(model, record, kept=None) -> file_quota.Use:
    """What the record's files (of ``model``) and its unit's files take now; ``kept``: the
    record's files on it, when the caller has loaded them already."""
    if kept is None:
        kept = model.objects.filter(**{model.record_field: record})
    return file_quota.measure(kept, model.quota_unit(record))


def add(model, record, *, uploads, caption: str, by) -> list:
    """Attach every file of ``uploads`` to ``record`` as rows of ``model``, or none
    (``file_quota.store_batch``).

    Side effects: stores each file (re-encoded, metadata-free) and its thumbnail under
    generated names; writes each row with its checksum (for an exemplar, an entry of its
    history: the timeline's "attached"); tells the record once (``record_changed``). Raises
    ``UploadRejected`` (``file_quota.BatchRejected``) with a line per file.
    """
    fields = {model.record_field: record}
    with transaction.atomic():
        rows = file_quota.store_batch(
            uploads,
            record=record,
            kept=lambda: model.objects.filter(**fields),
            unit=model.quota_unit(record),
            store=lambda checked: model.from_upload(
                checked, uploaded_by=by, caption=caption, **fields
            ),
        )
        notes = [_("File added: %(name)s") % {"name": row.original_name} for row in rows]
        model.record_changed(record, notes)
    return rows


def attach(*, exemplar: Exemplar, uploads, caption: str, by) -> list[Attachment]:
    """Attach ``uploads`` to ``exemplar`` (``add``); bumps its version once."""
    return add(Attachment, exemplar, uploads=uploads, caption=caption, by=by)


def _mark(row: RecordFile, *, by, removed: bool, note: str) -> RecordFile:
    locked = type(row).all_objects.select_for_update().get(pk=row.pk)
    if (locked.deleted_at is not None) is removed:
        return locked
    locked.deleted_at = timezone.now() if removed else None
    locked.deleted_by = by if removed else None
    locked._history_user = by
    locked.save(update_fields=["deleted_at", "deleted_by"])
    locked.record_changed(locked.record, [note % {"name": locked.original_name}])
    return locked


def remove(*, attachment: RecordFile, by) -> RecordFile:
    """Take a file off its record; it is kept for the retention period.

    Side effects: sets ``deleted_at`` and ``deleted_by`` (for an exemplar, an entry of its
    history: the timeline's "removed"); tells the record. Removing one already removed
    changes nothing.
    """
    with transaction.atomic():
        return _mark(attachment, by=by, removed=True, note=_("File removed: %(name)s"))


def restore(*, attachment: RecordFile, by) -> RecordFile:
    """Put a removed file back on its record (Home Affairs; the view checks who).

    It counts toward the limits again, so it must fit (``file_quota.check_room``; raises
    ``BatchRejected`` saying which limit). Side effects: clears ``deleted_at`` and
    ``deleted_by`` (for an exemplar, an entry of its history: the timeline's "restored");
    tells the record. Restoring one not removed changes nothing.
    """
    model, record = type(attachment), attachment.record
    with transaction.atomic():
        file_quota.lock(record, model.quota_unit(record))
        locked = model.all_objects.select_for_update().get(pk=attachment.pk)
        if locked.deleted_at is not None:
            file_quota.check_room([(locked.original_name, locked.size)], use_of(model, record))
        return _mark(locked, by=by, removed=False, note=_("File restored: %(name)s"))


@dataclass
class PurgeReport:
    cutoff: datetime.datetime
    files: int = 0
    bytes: int = 0


def purge_removed(*, now: datetime.datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Delete for good the files (of every record) removed more than the retention period
    before ``now``.

    Side effects (unless ``dry_run``): deletes each row (for an exemplar, an entry of its
    history, by no one: the timeline's "deleted for good") and, once that commits, its file
    and thumbnail. Returns how many and how large. Running it again finds nothing more.
    """
    now = now or timezone.now()
    report = PurgeReport(cutoff=now - datetime.timedelta(days=retention_days()))
    for model in file_models():
        for row in model.all_objects.filter(deleted_at__lt=report.cutoff).order_by("pk"):
            report.files += 1
            report.bytes += row.size
            if not dry_run:
                with transaction.atomic():
                    row._history_user = None
                    row.delete()
                    delete_stored([row])
    return report


@dataclass(frozen=True)
class AttachmentEvent:
    """One line of the exemplar's timeline about a file."""

    ATTACHED = "attached"
    REMOVED = "removed"
    RESTORED = "restored"
    PURGED = "purged"

    action: str
    at: datetime.datetime
    by: object | None
    name: str
    size: int
    sha256: str


def timeline_events(exemplar: Exemplar) -> list[AttachmentEvent]:
    """What happened to the exemplar's files, oldest first, read from their history."""
    entries = (
        Attachment.history.filter(exemplar_id=exemplar.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    removed_before = {}
    events = []
    for entry in entries:
        action = None
        if entry.history_type == "+":
            action = AttachmentEvent.ATTACHED
        elif entry.history_type == "-":
            action = AttachmentEvent.PURGED
        elif entry.deleted_at is not None and removed_before.get(entry.id) is None:
            action = AttachmentEvent.REMOVED
        elif entry.deleted_at is None and removed_before.get(entry.id) is not None:
            action = AttachmentEvent.RESTORED
        removed_before[entry.id] = entry.deleted_at
        if action is not None:
            events.append(
                AttachmentEvent(
                    action=action,
                    at=entry.history_date,
                    by=entry.history_user,
                    name=entry.original_name,
                    size=entry.size,
                    sha256=entry.sha256,
                )
            )
    return events


@dataclass(frozen=True)
class TimelineItem:
    """A line of the exemplar's timeline: a review step or an event of a file."""

    at: datetime.datetime
    step: object | None = None
    file: AttachmentEvent | None = None


def timeline(exemplar: Exemplar, steps) -> list[TimelineItem]:
    """The review ``steps`` (``Transition`` rows) and the file events, in time order."""
    items = [TimelineItem(at=step.at, step=step) for step in steps]
    items += [TimelineItem(at=event.at, file=event) for event in timeline_events(exemplar)]
    return sorted(items, key=lambda item: item.at)
