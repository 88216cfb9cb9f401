"""Documents as PDF (WeasyPrint), with a fetcher that loads nothing but what it is told.

WeasyPrint would otherwise open any ``file://`` path or network URL named in the HTML or
CSS. ``RestrictedFetcher`` answers only:

- ``/static/…`` (resolved against ``BASE_URL``, a reserved ``.invalid`` host that is never
  looked up): the project's own static files, through the staticfiles finders or the
  collected ``STATIC_ROOT``, never outside them;
- ``portal-attachment:<id>``: the stored file of an ``Attachment`` whose id the view has
  already authorised for this user and passed in ``attachment_ids``.

Everything else (other schemes, other hosts, traversal, ids not allowed) raises; WeasyPrint
then leaves the resource out and the document still renders. Refusals are kept in
``refused`` so that tests and logs can see them.

Rendering holds memory after large documents: small documents render on request, large ones
belong to the worker. Each thread keeps one font configuration for all its renders
(``font_configuration``): a new one per render was never given back. ``RenderGuard`` keeps a
render within its page limit and its time (``reports/limits.py`` explains how and why).
"""

import logging
import mimetypes
import posixpath
import threading
import time
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils._os import safe_join
from PIL import ImageFile
from weasyprint import HTML, URLFetcher
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcherResponse

from .limits import DocumentTooLong, RenderTimedOut, page_limit, render_seconds

# Importing WeasyPrint switches on Pillow's process-wide LOAD_TRUNCATED_IMAGES, which would let
# truncated uploads through exemplar_portal.base.uploads in the same process. Switch it off
# again (Pillow's default), whoever imported WeasyPrint first.
ImageFile.LOAD_TRUNCATED_IMAGES = False

logger = logging.getLogger(__name__)

BASE_URL = "https://portal.invalid/"
ATTACHMENT_SCHEME = "portal-attachment"
PDF_CONTENT_TYPE = "application/pdf"


class FetchRefused(ValueError):
    """A resource the document may not load."""


def attachment_url(attachment) -> str:
    return f"{ATTACHMENT_SCHEME}:{attachment.pk}"


class RestrictedFetcher(URLFetcher):
    def __init__(self, *, attachment_ids=()):
        super().__init__(allowed_protocols=(), allow_redirects=False, timeout=1)
        self.attachment_ids = frozenset(attachment_ids)
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url, headers=None):
        try:
            response = self._resolve(url)
        except FetchRefused:
            self.refused.append(url)
            logger.warning("PDF resource refused: %.200s", url)
            raise
        self.served.append(url)
        return response

    def _resolve(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == ATTACHMENT_SCHEME:
            return self._attachment(parts.path)
        base = urlsplit(BASE_URL)
        if (parts.scheme, parts.netloc) == (base.scheme, base.netloc) and not parts.query:
            return self._static(parts.path)
        raise FetchRefused(url)

    def _static(self, path: str) -> URLFetcherResponse:
        prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        path = unquote(path)
        if not path.startswith(prefix) or "\\" in path or "\x00" in path:
            raise FetchRefused(path)
        name = path[len(prefix) :]
        if not name or any(part in ("", ".", "..") for part in name.split("/")):
            raise FetchRefused(path)
        if posixpath.normpath(name) != name:
            raise FetchRefused(path)
        found = finders.find(name)
        if not found and settings.STATIC_ROOT:
            candidate = safe_join(settings.STATIC_ROOT, name)
            found = candidate if posixpath.isfile(candidate) else None
        if not found:
            raise FetchRefused(path)
        with open(found, "rb") as file:
            body = file.read()
        return _response(BASE_URL + path.lstrip("/"), body, mimetypes.guess_type(name)[0])

    def _attachment(self, reference: str) -> URLFetcherResponse:
        from registry.models import Attachment

        if not reference.isdigit() or int(reference) not in self.attachment_ids:
            raise FetchRefused(reference)
        attachment = Attachment.objects.filter(pk=int(reference), kind="photo").first()
        if attachment is None:
            raise FetchRefused(reference)
        with attachment.file.open("rb") as file:
            body = file.read()
        return _response(attachment_url(attachment), body, attachment.content_type)


def _response(url: str, body: bytes, content_type: str | None) -> URLFetcherResponse:
    return URLFetcherResponse(
        url, body, {"Content-Type": content_type or "application/octet-stream"}
    )


# Fonts ------------------------------------------------------------------------------------------

# WeasyPrint makes a new FontConfiguration for each render unless given one: a Fontconfig
# configuration and a Pango font map in C memory, which were not given back when the render
# ended. Measured on one-page documents of this project: a process kept about 0.25 MB of
# each render (95 to 255 MB over 600 renders); with one configuration per thread, kept for
# the thread's life, it stays flat (``make bench``, ``pdf_memory_growth_kb``). It holds the
# @font-face fonts of the project's stylesheets (each loaded once, by its rule, through the
# render's fetcher) and WeasyPrint's own caches; it is not shared between threads.
_fonts = threading.local()


def font_configuration() -> FontConfiguration:
    """This thread's font configuration, made on its first render."""
    configuration = getattr(_fonts, "configuration", None)
    if configuration is None:
        configuration = _fonts.configuration = FontConfiguration()
    return configuration


def lay_out(html: str, *, attachment_ids=(), fetcher=None, font_config=None):
    """The pages of ``html`` laid out (a WeasyPrint document: ``pages``, ``write_pdf()``);
    only the allowed resources are loaded. ``font_config`` is this thread's unless given."""
    fetcher = fetcher or RestrictedFetcher(attachment_ids=attachment_ids)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        font_config=font_config or font_configuration()
    )


def render_pdf(template_name: str, context: dict, *, attachment_ids=(), fetcher=None) -> bytes:
    """``template_name`` rendered to PDF bytes; only the allowed resources are loaded."""
    html = render_to_string(template_name, context)
    return lay_out(html, attachment_ids=attachment_ids, fetcher=fetcher).write_pdf()


# Keeping a render within its limits ------------------------------------------------------------

# WeasyPrint reports each step of a render, and each page it lays out ("Step 5 - Creating
# layout - Page %d"), to this logger: the guard reads the reports, nobody else sees them.
PROGRESS_LOGGER = logging.getLogger("weasyprint.progress")
_guards = threading.local()


class _ProgressReader(logging.Filter):
    """Hands WeasyPrint's progress reports to the guard of the render in this thread; what
    the guard raises stops the render. The reports go no further (they never did: the
    ``weasyprint`` logger only lets warnings through)."""

    def filter(self, record):
        guard = getattr(_guards, "active", None)
        if guard is not None:
            guard.report(record)
        return False


PROGRESS_LOGGER.addFilter(_ProgressReader())


def _laid_out_page(record) -> int | None:
    """The page number of a "page laid out" report, else None."""
    if str(record.msg).endswith("Page %d") and record.args:
        page = record.args[0] if isinstance(record.args, tuple) else None
        return page if isinstance(page, int) else None
    return None


class RenderGuard:
    """Around a render (``lay_out`` and ``write_pdf``): stops it with ``DocumentTooLong`` as
    soon as a page past ``max_pages`` is laid out, and with ``RenderTimedOut`` at the first
    report after ``seconds`` have passed. ``on_page(number)`` hears of each page laid out
    (the worker shows it as progress).

    ``RenderGuard.for_kind(kind)`` takes the kind's page limit and the time limit of where it
    runs (a web request or the worker)."""

    def __init__(self, *, kind: str, max_pages: int, seconds: float, on_page=None, clock=None):
        self.kind = kind
        self.max_pages = max_pages
        self.seconds = seconds
        self.on_page = on_page
        self.clock = clock or time.monotonic
        self.pages = 0
        self.deadline = None

    @classmethod
    def for_kind(cls, kind: str, *, seconds: float | None = None, on_page=None):
        return cls(
            kind=kind,
            max_pages=page_limit(kind),
            seconds=render_seconds() if seconds is None else seconds,
            on_page=on_page,
        )

    def __enter__(self):
        # Reconfiguring logging resets the level of loggers it does not name: set it again.
        PROGRESS_LOGGER.setLevel(logging.INFO)
        self.deadline = self.clock() + self.seconds
        self._outer = getattr(_guards, "active", None)
        _guards.active = self
        return self

    def __exit__(self, *exc):
        _guards.active = self._outer
        return False

    def report(self, record) -> None:
        page = _laid_out_page(record)
        if page is not None:
            self.pages = max(self.pages, page)
            if page > self.max_pages:
                raise DocumentTooLong(self.kind, self.max_pages)
            if self.on_page is not None:
                self.on_page(page)
        if self.clock() >= self.deadline:
            raise RenderTimedOut(round(self.seconds))
