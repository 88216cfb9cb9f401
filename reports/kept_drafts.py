"""Small drafts rendered once and kept until what they show changes.

An exemplar's profile, a unit's list, the quota report or the leaders' overview renders in the
request (two to six seconds of WeasyPrint, more under load). Its PDF and DOCX are kept in the
default storage, under ``document-drafts/``, so that asking again for a draft whose content
has not changed answers at once; a change renders anew.

A kept file is found by two names:

- the **folder** names the document as a reader asked for it: its kind, its parameters (the
  year, the unit, the exemplar, whether personal data show, the signer shown, the reader of a
  per-reader draft), the reader's reach (``dashboard.reach_key``: role and unit) and the
  language it is written in. Two readers of different reach never share a folder, so never a
  file, even where the content would be the same;
- the **file** names the content: ``limits.fingerprint`` of the built document (its
  parameters, every word it shows, its photos) and of the layout (the PDF template, its
  stylesheet and the code that writes PDF and DOCX). The document is built on every request
  (a few queries); only the layout, the slow part, is skipped.

When a draft of new content is kept, the files of older content in its folder are deleted: a
folder holds one content in at most two formats. The folder is a cache: it may be emptied at
any time (docs/operations.md), and a file that cannot be written is simply rendered next time.
"""

import functools
import hashlib
import json
import logging
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from . import issuing, limits
from .layout import Document

logger = logging.getLogger(__name__)

ROOT = "document-drafts"
KEPT_FORMATS = ("pdf", "docx")


@functools.cache
def layout_fingerprint() -> str:
    """What the files of a document look like besides their words: the PDF template and its
    stylesheet, and the code that lays out the PDF and writes the DOCX. A deployment that
    changes any of them renders every draft anew."""
    here = Path(__file__).resolve().parent
    base = Path(settings.BASE_DIR)
    sources = [
        here / "pdf.py",
        here / "docx.py",
        here / "layout.py",
        *sorted((base / "templates" / "reports" / "pdf").glob("*.html")),
        base / "static" / "css" / "pdf.css",
    ]
    digest = hashlib.sha256()
    for source in sources:
        if source.exists():
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def folder(*, kind: str, params: dict, reach: str, language: str) -> str:
    """The folder of a document as a reader of ``reach`` asked for it."""
    identity = json.dumps(
        {"kind": kind, "params": params, "reach": reach, "language": language},
        sort_keys=True,
        default=str,
    )
    return f"{ROOT}/{kind}/{hashlib.sha256(identity.encode()).hexdigest()[:40]}"


def stem(document: Document, params: dict) -> str:
    """The name of a content: the document's fingerprint and the layout's."""
    return hashlib.sha256(
        f"{limits.fingerprint(document, params)}:{layout_fingerprint()}".encode()
    ).hexdigest()[:40]


def _read(name: str) -> bytes | None:
    try:
        if not default_storage.exists(name):
            return None
        with default_storage.open(name, "rb") as kept:
            return kept.read()
    except OSError:
        logger.warning("A kept draft could not be read: %s", name, exc_info=True)
        return None


def _keep(place: str, name: str, content: bytes) -> None:
    """Write ``content`` as ``name`` and drop the files of other content in ``place``."""
    try:
        saved = default_storage.save(name, ContentFile(content))
        if saved != name:
            # Another request kept the same content a moment earlier: one copy is enough.
            default_storage.delete(saved)
        current = name.rsplit("/", 1)[-1].split(".", 1)[0]
        for other in default_storage.listdir(place)[1]:
            if other.split(".", 1)[0] != current:
                default_storage.delete(f"{place}/{other}")
    except OSError:
        logger.warning("A draft could not be kept: %s", name, exc_info=True)


def draft_bytes(
    document: Document, fmt: str, *, kind: str, params: dict, reach: str, language: str
) -> bytes:
    """``document`` in ``fmt``: the kept file when this reader's draft of this content was
    rendered already, else rendered now (``issuing.render``, with its limits) and kept.
    Formats other than PDF and DOCX (the tables, written at once) are never kept."""
    if fmt not in KEPT_FORMATS:
        return issuing.render(document, fmt)
    place = folder(kind=kind, params=params, reach=reach, language=language)
    name = f"{place}/{stem(document, params)}.{fmt}"
    kept = _read(name)
    if kept is not None:
        return kept
    content = issuing.render(document, fmt)
    _keep(place, name, content)
    return content
