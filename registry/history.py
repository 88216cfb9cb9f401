"""Reading a record's history (django-simple-history) as "who changed what, old → new"."""

# Bookkeeping fields that change with every save and say nothing to a reader.
HISTORY_SKIP = frozenset({"version", "status_changed_at", "updated_at", "search_text"})


def history_with_changes(obj, limit: int = 30, skip=HISTORY_SKIP):
    """The latest history entries of ``obj``, each with the fields it changed (old → new)."""
    entries = list(obj.history.select_related("history_user")[: limit + 1])
    model = type(obj)
    rows = []
    for newer, older in zip(entries, [*entries[1:], None], strict=True):
        changes = []
        if older is not None:
            for change in newer.diff_against(older).changes:
                if change.field in skip:
                    continue
                field = model._meta.get_field(change.field)
                old, new = change.old, change.new
                if field.many_to_many:
                    old, new = _m2m_labels(field, old), _m2m_labels(field, new)
                elif field.choices:
                    labels = dict(field.flatchoices)
                    old, new = labels.get(old, old), labels.get(new, new)
                changes.append((field.verbose_name, old, new))
        rows.append({"entry": newer, "changes": changes})
    return rows[:limit]


def _m2m_labels(field, rows) -> str:
    """Names of the related rows in a many-to-many history value (a list of through-dicts)."""
    target = field.related_model
    column = field.m2m_reverse_name()
    ids = [row.get(column) for row in rows or []]
    if not ids:
        return ""
    names = dict((pk, str(obj)) for pk, obj in target._base_manager.in_bulk(ids).items())
    return "; ".join(names.get(pk, f"#{pk}") for pk in ids)
