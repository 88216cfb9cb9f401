"""History rows for records written in bulk.

``bulk_create`` and ``bulk_update`` send no signals, so django-simple-history records
nothing by itself. Its ``bulk_history_create`` builds one historical instance per record in
Python, which costs as much as the import's own writes; ``record_history`` writes the same
rows with one ``INSERT … SELECT`` per batch: the database copies each record as it now
stands into the history table, with the date, the kind of change, the user and the reason.
The columns come from the historical model, so a field added to the record (or excluded
from its history) needs no change here.
"""

from django.db import connections, router

# The columns simple_history adds to every historical model, filled from the arguments.
HISTORY_COLUMNS = ("history_date", "history_type", "history_user", "history_change_reason")
BATCH = 500


def record_history(model, pks, *, history_type: str, user, reason: str, when) -> None:
    """One history row per record of ``model`` with a primary key in ``pks``."""
    history = model.history.model
    connection = connections[router.db_for_write(history)]
    quote = connection.ops.quote_name
    given = {
        "history_date": when,
        "history_type": history_type,
        "history_user": user.pk if user is not None else None,
        "history_change_reason": reason,
    }
    columns, selected, fixed = [], [], []
    for field in history._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(quote(field.column))
        if field.name in HISTORY_COLUMNS:
            selected.append("%s")
            fixed.append(field.get_db_prep_save(given[field.name], connection))
        else:
            selected.append(quote(model._meta.get_field(field.name).column))
    table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
    pks = list(pks)
    with connection.cursor() as cursor:
        for start in range(0, len(pks), BATCH):
            batch = pks[start : start + BATCH]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(columns)}) "  # noqa: S608 - names from the models, values as parameters
                f"SELECT {', '.join(selected)} FROM {table} "
                f"WHERE {key} IN ({', '.join(['%s'] * len(batch))}) ORDER BY {key}",
                [*fixed, *batch],
            )
