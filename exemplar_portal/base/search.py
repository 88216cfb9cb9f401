"""Accent-insensitive search, one function for every list.

On PostgreSQL: full-text search (simple configuration, prefix matching, every word must
match) over the record's folded ``search_text`` where the model keeps one (exemplars,
units: an expression index answers it, see registry migration 0018), else over its own
fields passed through ``unaccent``. Elsewhere (the embedded SQLite): every word must appear
in the folded ``search_text``. All treat "nguyen thi" and "Nguyễn Thị" alike.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import F, Func, QuerySet, TextField, Value
from django.db.models.functions import Coalesce

from .text import fold


def search_words(query: str) -> list[str]:
    """The query's words, folded and stripped of anything a search syntax could misread."""
    return [w for w in (re.sub(r"[^a-z0-9]", "", word) for word in fold(query).split()) if w]


def folded_vector() -> SearchVector:
    """The full-text vector of a record's folded ``search_text``: the expression the GIN
    index of migration 0018 is built on (the two must stay the same)."""
    return SearchVector("search_text", config="simple")


def search(queryset: QuerySet, query: str, *, fields: list[str], folded: bool = False) -> QuerySet:
    """Rows whose ``fields`` hold every word of ``query`` (as a prefix on PostgreSQL).

    ``folded``: the model keeps those fields folded in ``search_text`` (kept by its
    ``save``), so PostgreSQL searches that through its index instead of every row's fields.
    """
    words = search_words(query)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        vector = (
            folded_vector()
            if folded
            else SearchVector(
                *[
                    Func(
                        Coalesce(F(name), Value(""), output_field=TextField()),
                        function="unaccent",
                        output_field=TextField(),
                    )
                    for name in fields
                ],
                config="simple",
            )
        )
        terms = SearchQuery(
            " & ".join(f"{word}:*" for word in words), search_type="raw", config="simple"
        )
        return queryset.annotate(search_match=vector).filter(search_match=terms)
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset
