"""Checking and processing of attachment uploads (photos and documents), and the files they
become on a record (``RecordFile``).

A file is judged by its content, never by the name or the browser's MIME type: the first bytes
decide what it is, then the format is checked in depth. Images are decoded and re-encoded,
which drops EXIF (GPS included), XMP, comments, ICC profiles (after converting the colours to
sRGB), later animation frames and anything appended after the image data; documents are
stored byte for byte. The user's file name is kept only as a cleaned display name, and a file
whose name claims a different type than its content is refused rather than silently renamed,
so what the user sees listed is what they will download.

Every refusal is an ``UploadRejected`` (a ``ValidationError``) whose message is translated
lazily, so it renders in whatever language is active when it is shown.
"""

import hashlib
import io
import re
import unicodedata
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from uuid import uuid4

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

from .records import by_user

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_NAME_LENGTH = 255
DISPLAY_NAME_LENGTH = 150
THUMBNAIL_SIZE = (320, 320)
JPEG_QUALITY = 85
# A real Word document has a few dozen parts; its XML rarely inflates beyond a few times the
# upload, and embedded pictures are already compressed.
MAX_DOCX_ENTRIES = 1000
MAX_DOCX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024

JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_EXTENSION = {JPEG: ".jpg", PNG: ".png", WEBP: ".webp", PDF: ".pdf", DOCX: ".docx"}
_NAME_EXTENSIONS = {
    JPEG: {".jpg", ".jpeg", ".jpe", ".jfif"},
    PNG: {".png"},
    WEBP: {".webp"},
    PDF: {".pdf"},
    DOCX: {".docx"},
}
_DESCRIPTION = {
    JPEG: _("JPEG image"),
    PNG: _("PNG image"),
    WEBP: _("WebP image"),
    PDF: _("PDF document"),
    DOCX: _("Word document (DOCX)"),
}
# Formatted when the message is shown, in that language's number format.
_lazy_filesize = lazy(filesizeformat, str)
# What reading a damaged (or hostile) zip archive may raise.
ZIP_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    KeyError,
    RuntimeError,
    # zipfile's answer to a compression method it does not know.
    NotImplementedError,
)
_PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
_PILLOW_FORMAT = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}
_DOCX_MAIN_PART = (
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)


class UploadRejected(ValidationError):
    """An uploaded file that the portal will not store; the message tells the user why."""


@dataclass(frozen=True)
class CheckedUpload:
    """What to store for an accepted upload; ``content`` and ``thumbnail`` carry generated names."""

    kind: str
    content_type: str
    extension: str
    original_name: str
    size: int
    content: ContentFile
    thumbnail: ContentFile | None
    width: int | None
    height: int | None
    # Of the bytes stored (after re-encoding), hex: proof of which file was kept.
    sha256: str = ""


def max_upload_bytes() -> int:
    """The size limit in bytes: ``settings.PORTAL["MAX_UPLOAD_BYTES"]`` or the default."""
    return settings.PORTAL.get("MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES)


def generated_name(extension: str) -> str:
    """A fresh random storage name such as ``3f2a….jpg``; never derived from user input."""
    if extension not in _EXTENSION.values():
        raise ValueError(f"Unknown attachment extension: {extension!r}")
    return f"{uuid4().hex}{extension}"


def check_upload(uploaded_file: UploadedFile) -> CheckedUpload:
    """Check ``uploaded_file`` and return what to store, or raise ``UploadRejected``.

    Reads the file from the start (``chunks()`` rewinds it) and at most one chunk past the size
    limit. Images are fully decoded, so this costs up to a few hundred MB of memory for an image
    at the pixel limit; nothing is written to storage.
    """
    display_name, name_extension = _clean_name(uploaded_file.name)
    data = read_limited(uploaded_file)
    content_type = _sniff(data)
    if content_type is None:
        raise _unrecognised(name_extension)
    if name_extension not in _NAME_EXTENSIONS[content_type]:
        raise _mismatch(name_extension, content_type)

    extension = _EXTENSION[content_type]
    thumbnail = width = height = None
    if content_type == PDF:
        _check_pdf(data)
    elif content_type == DOCX:
        _check_docx(data)
    else:
        data, thumbnail, width, height = _reencode_image(data, content_type)
        thumbnail = ContentFile(thumbnail, name=generated_name(".jpg"))
    return CheckedUpload(
        kind="document" if thumbnail is None else "photo",
        content_type=content_type,
        extension=extension,
        original_name=display_name,
        size=len(data),
        content=ContentFile(data, name=generated_name(extension)),
        thumbnail=thumbnail,
        width=width,
        height=height,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _clean_name(name: str | None) -> tuple[str, str]:
    """Return the display name and its lower-cased extension, refusing hostile names."""
    # Django's upload handlers already strip directories and cut names at 255 characters; these
    # checks hold for any other caller too.
    if (
        not name
        or not name.strip(" .")
        or len(name) > MAX_NAME_LENGTH
        or "/" in name
        or "\\" in name
        or any(unicodedata.category(ch) == "Cc" for ch in name)
    ):
        raise UploadRejected(
            _(
                "The file name is not acceptable: it must not contain folders, slashes or "
                "control characters, nor be longer than %(limit)s characters."
            ),
            code="bad_name",
            params={"limit": MAX_NAME_LENGTH},
        )
    # macOS sends decomposed (NFD) letters; invisible format characters such as the
    # right-to-left override can make "gpj.exe" read as "exe.jpg".
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch) != "Cf")
    name = " ".join(name.split())
    suffix = "." + name.rpartition(".")[2] if "." in name else ""
    if len(name) > DISPLAY_NAME_LENGTH:
        kept = suffix[:20]
        name = name[: DISPLAY_NAME_LENGTH - len(kept)].rstrip() + kept
    return name, suffix.lower()


def read_limited(uploaded_file: UploadedFile, limit=None, rejected=UploadRejected) -> bytes:
    """The file's bytes; ``rejected`` past ``limit`` bytes (default: ``max_upload_bytes()``)
    or when there are none."""
    limit = limit or max_upload_bytes()
    buffer = bytearray()
    # The declared size comes from the client, so the bytes themselves are counted.
    for chunk in uploaded_file.chunks():
        buffer += chunk
        if len(buffer) > limit:
            raise rejected(
                _("The file is too large: the maximum size is %(limit)s."),
                code="too_large",
                params={"limit": _lazy_filesize(limit)},
            )
    if not buffer:
        raise rejected(_("The file is empty."), code="empty")
    return bytes(buffer)


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04") and _office_parts_present(data):
        return DOCX
    return None


def _office_parts_present(data: bytes) -> bool:
    # Only the central directory is read here, never an entry's content.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        return False
    return {"[Content_Types].xml", "word/document.xml"} <= names


def _unrecognised(name_extension: str) -> UploadRejected:
    claimed = next((t for t, exts in _NAME_EXTENSIONS.items() if name_extension in exts), None)
    if claimed is None:
        return UploadRejected(
            _(
                "This type of file is not accepted. Please upload a JPEG, PNG or WebP photo, "
                "or a PDF or DOCX document."
            ),
            code="unsupported_type",
        )
    return UploadRejected(
        _("The file name ends in “%(extension)s” but the content is not a valid %(claimed)s."),
        code="not_claimed_type",
        params={"extension": name_extension, "claimed": _DESCRIPTION[claimed]},
    )


def _mismatch(name_extension: str, content_type: str) -> UploadRejected:
    if not name_extension:
        return UploadRejected(
            _(
                "The file name has no extension but the file is a %(actual)s. Please add "
                "“%(expected)s” to the end of the name and upload it again."
            ),
            code="extension_mismatch",
            params={"actual": _DESCRIPTION[content_type], "expected": _EXTENSION[content_type]},
        )
    return UploadRejected(
        _(
            "The file name ends in “%(extension)s” but the file is actually a %(actual)s. "
            "Please check that you chose the right file."
        ),
        code="extension_mismatch",
        params={"extension": name_extension, "actual": _DESCRIPTION[content_type]},
    )


def _check_pdf(data: bytes) -> None:
    # A complete PDF ends with a cross-reference pointer and %%EOF (readers tolerate some
    # trailing bytes); a bare header is trivial to prepend to HTML or a script.
    tail = data[-2048:]
    if not _PDF_HEADER.match(data) or b"startxref" not in tail or b"%%EOF" not in tail:
        raise _damaged(PDF)


def _check_docx(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            # Declared sizes are checked before anything is inflated, and zipfile never inflates
            # an entry past its declared size, so a lying header cannot bomb either.
            if (
                len(entries) > MAX_DOCX_ENTRIES
                or sum(e.file_size for e in entries) > MAX_DOCX_UNCOMPRESSED_BYTES
            ):
                raise UploadRejected(
                    _(
                        "The Word document (DOCX) is too large once uncompressed or has too many "
                        "parts."
                    ),
                    code="docx_too_large",
                )
            content_types = archive.read("[Content_Types].xml")
            is_macro = any(e.filename.lower().endswith("vbaproject.bin") for e in entries)
    except ZIP_DAMAGED as exc:
        raise _damaged(DOCX) from exc
    # A macro-enabled document (.docm) renamed to .docx declares a different main part.
    if is_macro or _DOCX_MAIN_PART not in content_types:
        raise UploadRejected(
            _(
                "Only ordinary Word documents (DOCX) are accepted; documents with macros are "
                "not. Please save the document as a normal .docx file and upload it again."
            ),
            code="docx_macros",
        )


def _damaged(content_type: str) -> UploadRejected:
    return UploadRejected(
        _("The %(kind)s is damaged or incomplete and cannot be accepted."),
        code="damaged",
        params={"kind": _DESCRIPTION[content_type]},
    )


def _too_many_pixels() -> UploadRejected:
    return UploadRejected(
        _(
            "The image is too large: the maximum is %(limit)s million pixels. Please reduce "
            "its dimensions and upload it again."
        ),
        code="too_many_pixels",
        params={"limit": MAX_IMAGE_PIXELS // 1_000_000},
    )


def _reencode_image(data: bytes, content_type: str) -> tuple[bytes, bytes, int, int]:
    """Decode, strip metadata, apply the EXIF orientation; return (image, thumbnail, w, h)."""
    pillow_format = _PILLOW_FORMAT[content_type]
    try:
        # Pillow warns past its own limit (about 89 MP) and raises past twice that; the warning
        # is made an error here so it refuses the upload instead of being logged, and the
        # portal's lower limit is checked on the header before any pixel is decoded.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise _too_many_pixels()
                image.load()
                clean = ImageOps.exif_transpose(image)
                icc_profile = image.info.get("icc_profile")
    except UploadRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except Exception as exc:
        # Pillow's decoders raise many unrelated types (OSError, SyntaxError, struct.error,
        # ValueError…) on malformed input; all of them mean the same thing to the user.
        raise UploadRejected(
            _("The image cannot be read: the file is damaged or is not a real image."),
            code="bad_image",
        ) from exc

    if icc_profile and clean.mode in ("RGB", "RGBA"):
        clean = _to_srgb(clean, icc_profile)
    # Savers fall back on image.info for some chunks (comment, ICC, XMP…); keep only the
    # palette transparency, which is pixel data rather than metadata.
    clean.info = {k: v for k, v in clean.info.items() if k == "transparency"}

    output = io.BytesIO()
    if pillow_format == "PNG":
        clean.save(output, "PNG")
    else:
        clean.save(output, pillow_format, quality=JPEG_QUALITY)

    thumbnail = _on_white(clean)
    thumbnail.thumbnail(THUMBNAIL_SIZE)
    thumb_output = io.BytesIO()
    thumbnail.save(thumb_output, "JPEG", quality=JPEG_QUALITY)
    return output.getvalue(), thumb_output.getvalue(), clean.width, clean.height


def _to_srgb(image: Image.Image, icc_profile: bytes) -> Image.Image:
    # Dropping a wide-gamut profile (common on phone photos) would dull the colours, so the
    # pixels are converted to sRGB, which browsers assume when no profile is present.
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"))
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def _on_white(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


# Files on a record ------------------------------------------------------------------------


class RecordFileQuerySet(models.QuerySet):
    def removed(self):
        """Files removed from their record, kept until the retention period ends."""
        return self.filter(deleted_at__isnull=False)


class LiveFileManager(models.Manager.from_queryset(RecordFileQuerySet)):
    """Files still on their record: what its pages, documents and quotas see."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


def _file_path(instance, filename):
    # ``filename`` is a generated name (``check_upload``); the user's own name is kept apart.
    return instance.stored_path(filename)


def _thumbnail_path(instance, filename):
    return instance.stored_path(filename, thumbnail=True)


class RecordFile(models.Model):
    """A photo or document of a record (an exemplar, a movement, an event), checked by content
    (``check_upload``) and stored under a generated name.

    Removing one only marks it (``deleted_at``, ``deleted_by``): it leaves the record's pages
    and counts (``objects`` and the record's related manager hold the others only) but its
    file is kept, and Home Affairs can restore it, until the retention period ends
    (``registry.attachments``). A concrete model names its link to the record
    (``record_field``), the record's field naming the unit whose room the files take
    (``quota_unit_field``, or none) and where the files are stored (``stored_path``: by
    default ``folder`` and the year of the upload).
    """

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        DOCUMENT = "document", _("Document")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, editable=False)
    file = models.FileField(_("file"), upload_to=_file_path, editable=False)
    thumbnail = models.ImageField(
        _("thumbnail"), upload_to=_thumbnail_path, null=True, blank=True, editable=False
    )
    original_name = models.CharField(_("file name"), max_length=150, editable=False)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size"), editable=False)
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    uploaded_by = by_user(_("uploaded by"), editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # Of the stored bytes (after re-encoding), hex; empty for a file whose bytes were missing
    # when the checksums were first computed.
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True, editable=False)
    deleted_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    deleted_by = by_user(_("removed by"), null=True, blank=True, editable=False)

    objects = LiveFileManager()
    all_objects = RecordFileQuerySet.as_manager()

    record_field = ""
    quota_unit_field = ""
    folder = "records"

    class Meta:
        abstract = True
        ordering = ["kind", "uploaded_at"]
        base_manager_name = "all_objects"

    def __str__(self):
        return self.original_name

    @property
    def record(self):
        return getattr(self, self.record_field)

    def stored_path(self, filename: str, thumbnail: bool = False) -> str:
        return f"{self.folder}/{timezone.localdate().year}/{filename}"

    @classmethod
    def quota_unit(cls, record):
        """The unit whose room the record's files take, if any."""
        return getattr(record, cls.quota_unit_field) if cls.quota_unit_field else None

    @classmethod
    def record_changed(cls, record, notes: list) -> None:
        """What the record keeps of a change of its files (``notes``, one line each): by
        default an entry of its history each."""
        for note in notes:
            record.note_in_history(note)

    @classmethod
    def from_upload(cls, checked: CheckedUpload, *, uploaded_by, caption: str = "", **fields):
        """A saved row for ``checked``; ``fields`` name its record."""
        row = cls(
            kind=checked.kind,
            original_name=checked.original_name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            caption=caption,
            uploaded_by=uploaded_by,
            **fields,
        )
        row.file.save(checked.content.name, checked.content, save=False)
        if checked.thumbnail is not None:
            row.thumbnail.save(checked.thumbnail.name, checked.thumbnail, save=False)
        row._history_user = uploaded_by
        row.save()
        return row


def file_models() -> list:
    """Every concrete model of files on a record, of whatever app."""
    return [model for model in apps.get_models() if issubclass(model, RecordFile)]


def delete_stored(rows, *, on_commit: bool = True) -> None:
    """Delete the files and thumbnails of ``rows`` from storage (storage is not
    transactional): once the transaction commits, or at once."""
    stored = [(f.storage, f.name) for row in rows for f in (row.file, row.thumbnail) if f]

    def delete():
        for storage, name in stored:
            storage.delete(name)

    if on_commit:
        transaction.on_commit(delete)
    else:
        delete()
