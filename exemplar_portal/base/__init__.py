"""The base layer: code every app shares and that knows none of them.

Text folding, search, a record's history as text, checked uploads, the form renderer, list
exports, the list filter mixin, and several "which rows name this record?" lookups asked in
one query (``lookups``). Nothing here imports ``registry``, ``campaigns`` or
``reports`` (a test checks it); the apps import from here, in one direction:
``registry`` ← ``campaigns`` ← ``reports``.
"""
