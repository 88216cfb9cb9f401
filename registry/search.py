"""Accent-insensitive search, one function for every list.

On PostgreSQL: full-text search over the record's own fields passed through ``unaccent``
(simple configuration, prefix matching, every word must match). Elsewhere (the embedded
SQLite): every word must appear in the record's folded ``search_text``. Both treat
"nguyen thi" and "Nguyễn Thị" alike.
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


def search(queryset: QuerySet, query: str, *, fields: list[str]) -> QuerySet:
    words = search_words(query)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        vector = SearchVector(
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
        terms = SearchQuery(
            " & ".join(f"{word}:*" for word in words), search_type="raw", config="simple"
        )
        return queryset.annotate(search_match=vector).filter(search_match=terms)
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset
