"""What a document may hold, and how long it may take to render.

A record's free text can be of any length (an achievement text of two million characters has
been seen), and WeasyPrint lays out whatever it is given, with no time limit of its own. So:

- **Text.** Every free-text field a builder of ``reports/documents.py`` puts into a document
  goes through ``bounded`` (``record_text`` reads it from the record): beyond
  ``DOCUMENT_FIELD_CHARS`` characters it is cut at a word boundary and ends with a note that
  says how long the whole text is and where to read it on the portal. The PDF, the DOCX and
  the xlsx are written from the same ``layout.Document``, so all three carry the same bounded
  text; the limit stays below Excel's 32,767 characters per cell.
- **Size.** ``estimate`` guesses a document's pages from its text and its tables' rows before
  anything is laid out. A document estimated above ``DOCUMENT_INLINE_PAGES`` is rendered by
  the document worker (``reports/rendering.py``) while the reader watches its progress; a
  smaller one renders in the request.
- **Pages and time.** Each kind of document has a page limit (``page_limit``): a layout that
  passes it stops at once with a clear message (``DocumentTooLong``), on the worker as in a
  request. Rendering has a time limit: ``DOCUMENT_RENDER_SECONDS`` in a web request (past it,
  the request hands the document over to the worker), ``DOCUMENT_WORKER_SECONDS`` on the
  worker (past it, the render fails with a message: ``RenderTimedOut``).

How the time limit is kept: WeasyPrint reports each step and each page it lays out to the
``weasyprint.progress`` logger (its documented way of following a render); ``pdf.RenderGuard``
reads those reports and stops the render by raising from them once the deadline or the page
limit is passed. The render is never interrupted from outside: ``signal.alarm`` works only in
a process's main thread (not in a threaded web server) and could break off a database call
half-way, and running each render in a child process would fork a web worker that holds
database connections and Pango's state. The limit is therefore kept to within one page's
layout, which the bounded text keeps short (a page of the longest field lays out in well
under a second), and anything large never reaches a web worker in the first place.
"""

import hashlib
import json
import math
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from .layout import Document, Facts, GroupRow, Heading, Paragraph, Table

# Excel keeps at most this many characters in a cell; a field and its note stay below it.
XLSX_CELL_CHARS = 32_767
NOTE_ROOM = 400

DEFAULTS = {
    # Characters of one free-text field printed in a document.
    "DOCUMENT_FIELD_CHARS": 20_000,
    # Estimated pages above which a document is rendered by the document worker.
    "DOCUMENT_INLINE_PAGES": 20,
    # Seconds a render may take in a web request, and on the document worker.
    "DOCUMENT_RENDER_SECONDS": 20,
    "DOCUMENT_WORKER_SECONDS": 600,
}

# Pages a document of each kind may run to (``IssuedDocument.Kind``), overridable one by one
# with ``PORTAL["DOCUMENT_PAGE_LIMITS"]``. The yearly report of 2,000 exemplars makes about
# 120 pages; a profile is a few pages, and even with both its texts at the field limit and
# long evidence it stays within 60.
PAGE_LIMITS = {
    "exemplar_profile": 60,
    "achievement_report": 60,
    "unit_exemplars": 300,
    "quota_compliance": 150,
    "proposals_province": 300,
    "proposals_unit": 300,
    "dashboard": 40,
    "consolidated_report": 300,
    "period_review": 800,
}
DEFAULT_PAGE_LIMIT = 300


def setting(name: str) -> int:
    return int(settings.PORTAL.get(name, DEFAULTS[name]))


def field_chars() -> int:
    """Characters of a free-text field a document prints (Excel's cell limit at most)."""
    return max(1, min(setting("DOCUMENT_FIELD_CHARS"), XLSX_CELL_CHARS - NOTE_ROOM))


def page_limit(kind: str) -> int:
    limits = {**PAGE_LIMITS, **settings.PORTAL.get("DOCUMENT_PAGE_LIMITS", {})}
    return int(limits.get(kind, DEFAULT_PAGE_LIMIT))


def inline_pages() -> int:
    return setting("DOCUMENT_INLINE_PAGES")


# Where the render runs ---------------------------------------------------------------------

_place = threading.local()


@contextmanager
def on_worker():
    """Mark the work of the block as the document worker's (its tasks, the archive command):
    renders get the worker's time limit instead of a web request's."""
    previous = getattr(_place, "worker", False)
    _place.worker = True
    try:
        yield
    finally:
        _place.worker = previous


def in_worker() -> bool:
    return getattr(_place, "worker", False)


def render_seconds() -> int:
    """The time limit of a render here: the worker's on the worker, else a web request's."""
    return setting("DOCUMENT_WORKER_SECONDS" if in_worker() else "DOCUMENT_RENDER_SECONDS")


# Limits passed -----------------------------------------------------------------------------


class LimitExceeded(Exception):
    """A document past one of its limits; ``message`` says so to the reader."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class DocumentTooLong(LimitExceeded):
    def __init__(self, kind: str, limit: int):
        self.kind, self.limit = kind, limit
        super().__init__(
            _(
                "This document would run to more than %(limit)s pages, the most a document "
                "of its kind may have, so it was not prepared. Read the records in full on "
                "the portal, or shorten their texts."
            )
            % {"limit": limit}
        )


class RenderTimedOut(LimitExceeded):
    def __init__(self, seconds: int):
        self.seconds = seconds
        super().__init__(
            _(
                "Preparing this document took longer than %(seconds)s seconds, the time "
                "allowed, so it was stopped. Try again later; if it happens again, tell the "
                "administrator."
            )
            % {"seconds": seconds}
        )


# Text ----------------------------------------------------------------------------------------


def cut_at_word(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text``, ending between words (inside a word only
    when no space comes in its last fifth, as in one endless string)."""
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    match = re.search(r"\s\S*$", head)
    if match is not None and match.start() >= limit * 4 // 5:
        head = head[: match.start()]
    else:
        head = text[:limit]
    return head.rstrip()


def thousands(number: int) -> str:
    """ "2.000.000": thousands with a dot, as Vietnamese documents write them."""
    return f"{number:,}".replace(",", ".")


def portal_url(path: str) -> str:
    """The portal's address of ``path``, for a reader holding the document on paper."""
    return settings.PORTAL["BASE_URL"].rstrip("/") + path


def bounded(text: str, *, url: str) -> str:
    """``text`` as a document prints it: whole up to ``field_chars()``; beyond, cut at a
    word boundary, followed by a paragraph saying how long the full text is and where on the
    portal (``url``) to read it."""
    text = text or ""
    limit = field_chars()
    if len(text) <= limit:
        return text
    note = _(
        "[Shortened: the full text runs to %(length)s characters; read it in full on the "
        "portal at %(url)s]"
    ) % {"length": thousands(len(text)), "url": url}
    # The ellipsis keeps to the last word kept (a no-break space), the note is a paragraph.
    return f"{cut_at_word(text, limit)}\u00a0…\n\n{note}"


def record_text(record, field: str, *, url: str | None = None) -> str:
    """The free-text ``field`` of ``record``, bounded; the note points to the record's page
    (or ``url``)."""
    return bounded(getattr(record, field) or "", url=url or portal_url(record.get_absolute_url()))


# Size ----------------------------------------------------------------------------------------

# What a page of the portal's template holds (A4, Liberation Serif 13 pt, the decree's
# margins), measured on rendered documents: characters in a full line and lines on a page,
# in portrait and landscape; tables in small type fit more of both.
LINE_CHARS = {False: 90, True: 135}
PAGE_LINES = {False: 40, True: 26}
SMALL_TYPE = 1.25
# The heading block, the title and the signature, in lines of body text.
FRAME_LINES = 24


@dataclass
class Estimate:
    chars: int
    rows: int
    pages: int


def _text_lines(text: str, line_chars: float) -> float:
    return sum(max(1, math.ceil(len(part) / line_chars)) for part in str(text).split("\n"))


def _table_lines(table: Table, landscape: bool) -> tuple[float, int]:
    line = LINE_CHARS[landscape] * (SMALL_TYPE if table.small else 1)
    total_width = sum(column.width for column in table.columns) or 1
    widths = [max(1.0, line * column.width / total_width - 2) for column in table.columns]
    lines = 2.0
    rows = 0
    for row in table.rows:
        if isinstance(row, GroupRow):
            lines += 1.5
            continue
        rows += 1
        tallest = max(
            (_text_lines(cell, width) for cell, width in zip(row, widths, strict=False)),
            default=1,
        )
        lines += tallest + 0.5
    if table.small:
        lines /= SMALL_TYPE
    return lines, rows


def _blocks_lines(blocks: list, landscape: bool) -> tuple[float, int, int]:
    lines, rows, chars = 0.0, 0, 0
    for block in blocks:
        if isinstance(block, Heading):
            lines += 2
            chars += len(block.text)
        elif isinstance(block, Paragraph):
            lines += _text_lines(block.text, LINE_CHARS[landscape]) + 0.3
            chars += len(block.text)
        elif isinstance(block, Facts):
            text_lines = sum(
                _text_lines(f"{label}: {value}", LINE_CHARS[landscape] * 0.6)
                for label, value in block.pairs
            )
            lines += max(text_lines, 12 if block.photo_url else 0)
            chars += sum(len(str(value)) for _label, value in block.pairs)
        elif isinstance(block, Table):
            table_lines, table_rows = _table_lines(block, landscape)
            lines += table_lines
            rows += table_rows
            chars += sum(len(str(cell)) for row in block.data_rows for cell in row)
    return lines, rows, chars


def estimate(document: Document) -> Estimate:
    """A document's size before it is laid out: its characters, its table rows and about
    how many pages it makes (body and each annex on pages of their own)."""
    lines, rows, chars = _blocks_lines(document.body, False)
    pages = math.ceil((lines + FRAME_LINES) / PAGE_LINES[False])
    for annex in document.annexes:
        annex_lines, annex_rows, annex_chars = _blocks_lines(annex.blocks, annex.landscape)
        pages += max(1, math.ceil((annex_lines + 6) / PAGE_LINES[annex.landscape]))
        rows += annex_rows
        chars += annex_chars
    return Estimate(chars=chars, rows=rows, pages=pages)


def is_big(document: Document) -> bool:
    """Whether ``document`` belongs to the document worker rather than a web request."""
    return estimate(document).pages > inline_pages()


def fingerprint(document: Document, params: dict) -> str:
    """What identifies a draft's content: its parameters, every word it shows and its photos;
    the same fingerprint means the same files."""
    digest = hashlib.sha256()
    digest.update(json.dumps(params, sort_keys=True, default=str).encode())
    digest.update(json.dumps([document.kind, document.attachment_ids]).encode())
    digest.update(document.text().encode())
    return digest.hexdigest()
