"""How many photos and documents a record keeps and how much room they take, and uploads of
several files at once: all of them are kept, or none.

The limits are settings (``PORTAL`` in the settings, read from the environment; defaults
below): files per upload, files and bytes per record, bytes per unit. A unit's bytes are
those of its exemplars' attachments and of the files of the events it organises. Removed
attachments waiting for the purge (``registry.attachments``) count toward nothing.

``store_batch`` is the one way several files reach a record, for exemplars
(``registry.attachments``), movements and events alike:

1. every file is checked by content (``exemplar_portal.base.uploads.check_upload``),
   nothing written;
2. in a transaction, with the record and its unit locked, the record's and the unit's use
   are measured and every file must fit; then every file is stored and its row saved.

One bad file, or one that does not fit, and nothing is kept: the refusal (``BatchRejected``)
has a headline and one line per file, naming it and saying why (for a file that does not
fit: the limit, what is used and what the upload would add).

The sizes counted are those stored (images after re-encoding), thumbnails excepted.
"""

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exemplar_portal.base.uploads import (
    CheckedUpload,
    UploadRejected,
    check_upload,
    delete_stored,
    file_models,
)

MB = 1024 * 1024
DEFAULTS = {
    "ATTACHMENTS_PER_REQUEST": 10,
    "ATTACHMENTS_PER_RECORD": 30,
    "ATTACHMENT_BYTES_PER_RECORD": 200 * MB,
    "ATTACHMENT_BYTES_PER_UNIT": 5 * 1024 * MB,
    "ATTACHMENT_RETENTION_DAYS": 90,
}
SHOWN_NAME_LENGTH = 80


def limit(name: str) -> int:
    """The setting ``settings.PORTAL[name]`` or its default (see ``DEFAULTS``)."""
    return int(settings.PORTAL.get(name, DEFAULTS[name]))


class BatchRejected(UploadRejected):
    """An upload refused as a whole; ``messages`` are the headline and one line per file."""


@dataclass(frozen=True)
class Use:
    """What a record and its unit hold now (files not removed)."""

    files: int
    bytes: int
    unit: object | None = None
    unit_bytes: int = 0


def unit_bytes_used(unit_id: int) -> int:
    """Bytes of the files kept for unit ``unit_id``: of every record whose files take its
    room (``RecordFile.quota_unit_field``: its exemplars, the events it organises)."""
    total = 0
    for model in file_models():
        if model.quota_unit_field:
            lookup = f"{model.record_field}__{model.quota_unit_field}_id"
            kept = model.objects.filter(**{lookup: unit_id}).aggregate(size=models.Sum("size"))
            total += kept["size"] or 0
    return total


def measure(files, unit=None) -> Use:
    """The use of a record whose kept files are ``files`` (a queryset, or the rows when the
    caller has loaded them already), and of ``unit`` if it has one."""
    if isinstance(files, models.QuerySet):
        totals = files.aggregate(count=models.Count("pk"), total=models.Sum("size"))
        count, size = totals["count"], totals["total"] or 0
    else:
        count, size = len(files), sum(row.size for row in files)
    return Use(
        files=count,
        bytes=size,
        unit=unit,
        unit_bytes=unit_bytes_used(unit.pk) if unit is not None else 0,
    )


def lock(record, unit=None) -> None:
    """Lock the rows of ``record`` and ``unit`` until the transaction ends, so that two
    uploads at once cannot both take the last room."""
    for row in (record, unit):
        if row is not None:
            list(type(row)._base_manager.select_for_update().filter(pk=row.pk).values("pk"))


def room_problems(items: Sequence[tuple[str, int]], use: Use) -> dict[int, str]:
    """Which of ``items`` (name, stored size), taken in order, do not fit beside ``use``:
    their index and the reason. A file that fits counts for the ones after it."""
    per_record = limit("ATTACHMENTS_PER_RECORD")
    bytes_per_record = limit("ATTACHMENT_BYTES_PER_RECORD")
    bytes_per_unit = limit("ATTACHMENT_BYTES_PER_UNIT")
    problems = {}
    count = size_total = 0
    for index, (name, size) in enumerate(items):
        if use.files + count + 1 > per_record:
            problems[index] = _(
                "“%(name)s” does not fit: a record keeps at most %(limit)s files; it has "
                "%(used)s and %(adding)s would be added."
            ) % {"name": name, "limit": per_record, "used": use.files, "adding": count + 1}
        elif use.bytes + size_total + size > bytes_per_record:
            problems[index] = _(
                "“%(name)s” (%(size)s) does not fit: a record keeps at most %(limit)s of "
                "files; it uses %(used)s and %(adding)s would be added."
            ) % {
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(bytes_per_record),
                "used": filesizeformat(use.bytes),
                "adding": filesizeformat(size_total + size),
            }
        elif use.unit is not None and use.unit_bytes + size_total + size > bytes_per_unit:
            problems[index] = _(
                "“%(name)s” (%(size)s) does not fit: the files of %(unit)s take at most "
                "%(limit)s in all; they use %(used)s and %(adding)s would be added."
            ) % {
                "name": name,
                "size": filesizeformat(size),
                "unit": use.unit,
                "limit": filesizeformat(bytes_per_unit),
                "used": filesizeformat(use.unit_bytes),
                "adding": filesizeformat(size_total + size),
            }
        else:
            count += 1
            size_total += size
    return problems


def check_room(items: Sequence[tuple[str, int]], use: Use) -> None:
    """Raise ``BatchRejected`` (one line per file that does not fit) unless all ``items``
    fit beside ``use``."""
    problems = room_problems(items, use)
    if problems:
        raise BatchRejected([problems[index] for index in sorted(problems)])


def shown_name(name: str | None) -> str:
    """A file's name as the user chose it, safe to repeat in a message."""
    name = "".join(
        ch for ch in (name or "") if unicodedata.category(ch) not in ("Cc", "Cf")
    ).strip()
    name = " ".join(name.split()) or "?"
    if len(name) > SHOWN_NAME_LENGTH:
        name = name[: SHOWN_NAME_LENGTH - 1] + "…"
    return name


@dataclass
class _Entry:
    name: str
    checked: CheckedUpload | None = None
    reason: str | None = None


def _refusal(entries: list[_Entry], problems: dict[int, str]) -> BatchRejected:
    lines = []
    if len(entries) > 1:
        lines.append(
            _(
                "Nothing was attached. Correct or leave out the files named below, then send "
                "them again."
            )
        )
    for index, entry in enumerate(entries):
        if entry.reason is not None:
            lines.append(_("“%(name)s”: %(reason)s") % {"name": entry.name, "reason": entry.reason})
        elif index in problems:
            lines.append(problems[index])
        else:
            lines.append(
                _("“%(name)s”: nothing wrong with it, but it was not attached either.")
                % {"name": entry.name}
            )
    return BatchRejected(lines)


def _problems_of(entries: list[_Entry], use: Use) -> dict[int, str]:
    fitting = [(i, e) for i, e in enumerate(entries) if e.checked is not None]
    found = room_problems([(e.checked.original_name, e.checked.size) for _, e in fitting], use)
    return {fitting[k][0]: reason for k, reason in found.items()}


def check_count(files: Sequence) -> None:
    """Refuse an upload of more files than one upload may carry, before reading any."""
    per_request = limit("ATTACHMENTS_PER_REQUEST")
    if len(files) > per_request:
        raise BatchRejected(
            gettext_lazy(
                "You chose %(count)s files; at most %(limit)s can be attached at once. "
                "Nothing was attached."
            ),
            code="too_many_files",
            params={"count": len(files), "limit": per_request},
        )


def store_batch(
    files: Sequence,
    *,
    record,
    kept: Callable[[], models.QuerySet],
    unit=None,
    store: Callable[[CheckedUpload], models.Model],
) -> list:
    """Check ``files`` (uploaded files), then store every one on ``record`` or none.

    ``kept`` gives the record's kept files (to measure them), ``unit`` the unit whose room
    they also take (or ``None``), ``store`` saves one checked file and returns its row (a
    model with ``file`` and ``thumbnail``). Returns the rows, in the order of ``files``.
    Raises ``BatchRejected``; then nothing is written, in the database or in storage.
    """
    if not files:
        raise BatchRejected(gettext_lazy("Please choose at least one file."), code="no_files")
    check_count(files)
    entries = []
    for uploaded in files:
        entry = _Entry(name=shown_name(getattr(uploaded, "name", "")))
        try:
            entry.checked = check_upload(uploaded)
        except UploadRejected as rejection:
            entry.reason = " ".join(rejection.messages)
        else:
            entry.name = entry.checked.original_name
        entries.append(entry)
    if any(entry.reason is not None for entry in entries):
        # Say at once which files would not fit either, without waiting for a lock.
        raise _refusal(entries, _problems_of(entries, measure(kept(), unit)))

    with transaction.atomic():
        lock(record, unit)
        problems = _problems_of(entries, measure(kept(), unit))
        if problems:
            raise _refusal(entries, problems)
        rows = []
        try:
            for entry in entries:
                rows.append(store(entry.checked))
        except BaseException:
            delete_stored(rows, on_commit=False)
            raise
    return rows


def attached_message(rows) -> str:
    """What the user is told once their files are attached."""
    if len(rows) == 1:
        return _("“%(name)s” is attached.") % {"name": rows[0].original_name}
    return _("%(count)s files are attached: %(names)s.") % {
        "count": len(rows),
        "names": ", ".join(f"“{row.original_name}”" for row in rows),
    }
