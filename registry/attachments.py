"""An exemplar's photos and documents: attached several at once within the limits
(``registry.file_quota``), removed, restored by Home Affairs, purged after the retention
period, and what the exemplar's timeline says of them.

Removing an attachment marks it (``deleted_at``, ``deleted_by``); the file stays in storage
for ``PORTAL["ATTACHMENT_RETENTION_DAYS"]`` days, during which Home Affairs sees it on the
record and can put it back. ``purge_removed`` (the daily ``purge_deleted_attachments``
command) then deletes the file and the row for good.

Every one of these writes goes through the model's history (django-simple-history), with
who and when: an entry of creation (attached), a change that sets or clears ``deleted_at``
(removed, restored) and an entry of deletion (purged). Each entry keeps the file's name,
size and SHA-256 checksum, so ``timeline_events`` reads the whole story from it, purged
files included.
"""

import datetime
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from . import file_quota
from .models import Attachment, Exemplar


def retention_days() -> int:
    return file_quota.limit("ATTACHMENT_RETENTION_DAYS")


def kept_until(attachment: Attachment) -> datetime.datetime | None:
    """When a removed attachment is due to be purged (``None`` for one still attached)."""
    if attachment.deleted_at is None:
        return None
    return attachment.deleted_at + datetime.timedelta(days=retention_days())


def _bump_version(exemplar_id: int) -> None:
    # The record's content changed: a reviewer who opened it before must reload it.
    Exemplar.objects.filter(pk=exemplar_id).update(version=models.F("version") + 1)


def use_of(exemplar: Exemplar) -> file_quota.Use:
    """What the exemplar's attachments and its unit's files take now."""
    return file_quota.measure(Attachment.objects.filter(exemplar_id=exemplar.pk), exemplar.unit)


def attach(*, exemplar: Exemplar, uploads, caption: str, by) -> list[Attachment]:
    """Attach every file of ``uploads`` to ``exemplar``, or none (``file_quota.store_batch``).

    Side effects: stores each file (re-encoded, metadata-free) and its thumbnail under
    generated names; writes each row with its checksum and an entry of its history (the
    timeline's "attached"); bumps the exemplar's version once. Raises ``UploadRejected``
    (``file_quota.BatchRejected``) with a line per file.
    """

    def store(checked) -> Attachment:
        row = Attachment(
            exemplar=exemplar,
            kind=checked.kind,
            original_name=checked.original_name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            caption=caption,
            uploaded_by=by,
        )
        row.file.save(checked.content.name, checked.content, save=False)
        if checked.thumbnail is not None:
            row.thumbnail.save(checked.thumbnail.name, checked.thumbnail, save=False)
        row._history_user = by
        row.save()
        return row

    with transaction.atomic():
        rows = file_quota.store_batch(
            uploads,
            record=exemplar,
            kept=lambda: Attachment.objects.filter(exemplar_id=exemplar.pk),
            unit=exemplar.unit,
            store=store,
        )
        _bump_version(exemplar.pk)
    return rows


def remove(*, attachment: Attachment, by) -> Attachment:
    """Take ``attachment`` off its record; its file is kept for the retention period.

    Side effects: sets ``deleted_at`` and ``deleted_by`` (an entry of its history: the
    timeline's "removed"); bumps the exemplar's version. Removing one already removed changes
    nothing.
    """
    with transaction.atomic():
        locked = Attachment.all_objects.select_for_update().get(pk=attachment.pk)
        if locked.deleted_at is not None:
            return locked
        locked.deleted_at = timezone.now()
        locked.deleted_by = by
        locked._history_user = by
        locked.save(update_fields=["deleted_at", "deleted_by"])
        _bump_version(locked.exemplar_id)
    return locked


def restore(*, attachment: Attachment, by) -> Attachment:
    """Put a removed attachment back on its record (Home Affairs; the view checks who).

    It counts toward the limits again, so it must fit (``file_quota.check_room``; raises
    ``BatchRejected`` saying which limit). Side effects: clears ``deleted_at`` and
    ``deleted_by`` (an entry of its history: the timeline's "restored"); bumps the
    exemplar's version. Restoring one not removed changes nothing.
    """
    exemplar = attachment.exemplar
    with transaction.atomic():
        file_quota.lock(exemplar, exemplar.unit)
        locked = Attachment.all_objects.select_for_update().get(pk=attachment.pk)
        if locked.deleted_at is None:
            return locked
        file_quota.check_room([(locked.original_name, locked.size)], use_of(exemplar))
        locked.deleted_at = None
        locked.deleted_by = None
        locked._history_user = by
        locked.save(update_fields=["deleted_at", "deleted_by"])
        _bump_version(locked.exemplar_id)
    return locked


@dataclass
class PurgeReport:
    cutoff: datetime.datetime
    files: int = 0
    bytes: int = 0


def purge_removed(*, now: datetime.datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Delete for good the attachments removed more than the retention period before ``now``.

    Side effects (unless ``dry_run``): deletes each row (an entry of its history, by no
    one: the timeline's "deleted for good") and, once that commits, its file and thumbnail.
    Returns how many and how large. Running it again finds nothing more.
    """
    now = now or timezone.now()
    report = PurgeReport(cutoff=now - datetime.timedelta(days=retention_days()))
    due = Attachment.all_objects.filter(deleted_at__lt=report.cutoff).order_by("pk")
    for row in list(due):
        report.files += 1
        report.bytes += row.size
        if dry_run:
            continue
        stored = [(f.storage, f.name) for f in (row.file, row.thumbnail) if f]
        with transaction.atomic():
            row._history_user = None
            row.delete()
            transaction.on_commit(lambda stored=stored: _delete_files(stored))
    return report


def _delete_files(stored) -> None:
    for storage, name in stored:
        storage.delete(name)


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


def page_context(exemplar: Exemplar, user, *, can_edit: bool) -> dict:
    """What the exemplar's page shows of its files beside the list: the limits and their use
    (for those who upload) and the removed files (for those who may restore them)."""
    from .forms import upload_help

    context = {"retention_days": retention_days()}
    if can_edit:
        context.update(
            attachment_use=use_of(exemplar),
            files_per_record=file_quota.limit("ATTACHMENTS_PER_RECORD"),
            bytes_per_record=file_quota.limit("ATTACHMENT_BYTES_PER_RECORD"),
            upload_help=upload_help(),
        )
    if user.has_perm("registry.restore_attachment", exemplar):
        removed = Attachment.all_objects.removed().filter(exemplar=exemplar)
        context["removed_attachments"] = [
            (row, kept_until(row)) for row in removed.select_related("deleted_by")
        ]
        context["can_restore_attachments"] = True
    return context
