"""Reading a record's history (django-simple-history) as "who changed what, old → new"."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import formats, timezone

# Bookkeeping fields that change with every save and say nothing to a reader.
HISTORY_SKIP = frozenset({"version", "status_changed_at", "updated_at", "search_text"})


class SavedWithLists:
    """A model whose many-to-many lists are in its history (simple-history ``m2m_fields``).

    simple-history writes an entry for every save and every change of a list;
    ``save_with_lists`` sets the lists without it, then one entry records the whole record
    (the entry of its creation for a new one).
    """

    def save_with_lists(self, **lists) -> None:
        created = self.pk is None
        with transaction.atomic():
            self.skip_history_when_saving = True
            try:
                self.save()
                for name, rows in lists.items():
                    getattr(self, name).set(rows)
            finally:
                del self.skip_history_when_saving
            self.save()
            if created:
                self.history.filter(pk=self.history.first().pk).update(history_type="+")


def history_with_changes(obj, limit: int = 30, skip=HISTORY_SKIP):
    """The latest history entries of ``obj``, each with the fields it changed (old → new).

    Values are shown as a reader knows them: choice labels, the names of related rows,
    dates and amounts in the local format.
    """
    # One entry past the limit, to say what the oldest one shown changed. A record written in
    # bulk, seeded by a migration or brought in from another system may have no entry at all.
    entries = list(obj.history.select_related("history_user")[: limit + 1])
    model = type(obj)
    # Related rows named by the entries, looked up once each: an entry's old value is the
    # next one's new value.
    names: dict = {}
    rows = []
    for index, newer in enumerate(entries[:limit]):
        older = entries[index + 1] if index + 1 < len(entries) else None
        changes = []
        if older is not None:
            for change in newer.diff_against(older).changes:
                if change.field in skip:
                    continue
                field = model._meta.get_field(change.field)
                changes.append(
                    (
                        field.verbose_name,
                        readable(field, change.old, names),
                        readable(field, change.new, names),
                    )
                )
        rows.append({"entry": newer, "changes": changes})
    return rows


def readable(field, value, names: dict | None = None) -> str:
    """One history value of ``field`` as text for a reader; ``names`` keeps the names of
    related rows already looked up."""
    if field.many_to_many:
        return _m2m_labels(field, value)
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        key = (field.related_model, value)
        if names is None or key not in names:
            related = field.related_model._base_manager.filter(pk=value).first()
            name = str(related) if related is not None else f"#{value}"
            if names is None:
                return name
            names[key] = name
        return names[key]
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(local, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


def _m2m_labels(field, rows) -> str:
    """Names of the related rows in a many-to-many history value (a list of through-dicts)."""
    target = field.related_model
    key = field.m2m_reverse_field_name()
    ids = [row.get(key) for row in rows or []]
    if not ids:
        return ""
    names = {pk: str(obj) for pk, obj in target._base_manager.in_bulk(ids).items()}
    return "; ".join(names.get(pk, f"#{pk}") for pk in ids)


class NotesInHistory:
    """A record whose history also says when a photo or document was added or removed."""

    # The field saved again to write the entry.
    noted_field = "search_text"

    def note_in_history(self, reason: str) -> None:
        """An entry of the record's history saying ``reason``."""
        self._change_reason = reason[:100]
        try:
            self.save(update_fields=[self.noted_field])
        finally:
            del self._change_reason
