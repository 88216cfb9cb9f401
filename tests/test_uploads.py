"""Attachment uploads: content sniffing, re-encoding, and the attacks that must be refused."""

import io
import struct
import time
import unicodedata
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils import translation
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from exemplar_portal.base.uploads import (
    DOCX,
    MAX_UPLOAD_BYTES,
    UploadRejected,
    check_upload,
    generated_name,
)

pytestmark = pytest.mark.unit

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
GPS_IFD = ExifTags.IFD.GPSInfo


def upload(content: bytes, name: str) -> SimpleUploadedFile:
    """An upload carrying ``name`` exactly as given.

    Django's UploadedFile trims directories and long names when the name is set; writing the
    private attribute bypasses that, as a custom upload handler or another caller could.
    """
    file = SimpleUploadedFile("placeholder", content, content_type="application/octet-stream")
    file._name = name
    return file


def rejection(file) -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        check_upload(file)
    return caught.value


def image_bytes(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def jpeg_with_metadata(size=(64, 48), orientation: int | None = None, icc: bool = True) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (20.0, 15.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (105.0, 58.0, 12.0)
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() if icc else None
    return image_bytes(
        Image.new("RGB", size, (200, 30, 30)),
        "JPEG",
        exif=exif,
        icc_profile=srgb,
        comment=b"taken at home",
        xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>secret</x:xmpmeta>",
    )


def png_with_alpha(size=(400, 200)) -> bytes:
    image = Image.new("RGBA", size, (0, 0, 255, 255))
    image.paste((0, 0, 0, 0), (0, 0, size[0] // 2, size[1]))
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Nguyễn Văn A")
    return image_bytes(image, "PNG", pnginfo=text)


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width``×``height``; decoding it would fail."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 100))
        + chunk(b"IEND", b"")
    )


def minimal_pdf() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        pdf += b"%010d 00000 n \n" % offset
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def docx_bytes(
    main_type: str = DOCX_MAIN,
    extra: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Gương điển hình tiên tiến</w:t></w:r></w:p></w:body>"
        "</w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def reopen(content) -> Image.Image:
    content.seek(0)
    image = Image.open(io.BytesIO(content.read()))
    image.load()
    return image


# Accepted files


@pytest.mark.parametrize("icc", [True, False], ids=["with-icc", "without-icc"])
def test_jpeg_is_reencoded_without_exif_gps_or_other_metadata(icc):
    source = jpeg_with_metadata(icc=icc)
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(GPS_IFD), "fixture must carry GPS"

    checked = check_upload(upload(source, "ảnh đại diện.jpg"))

    assert (checked.kind, checked.content_type, checked.extension) == (
        "photo",
        "image/jpeg",
        ".jpg",
    )
    assert (checked.width, checked.height) == (64, 48)
    stored = reopen(checked.content)
    assert stored.format == "JPEG"
    assert not stored.getexif()
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert not {"exif", "icc_profile", "xmp", "comment"} & stored.info.keys()
    assert checked.size == checked.content.size != len(source)


def test_jpeg_orientation_is_applied_before_exif_is_dropped():
    # Orientation 6: the camera was turned a quarter, so the stored pixels must be upright.
    checked = check_upload(upload(jpeg_with_metadata((40, 20), orientation=6), "dọc.JPEG"))

    assert (checked.width, checked.height) == (20, 40)
    assert reopen(checked.content).size == (20, 40)


def test_png_with_alpha_keeps_transparency_and_gets_a_flattened_thumbnail():
    checked = check_upload(upload(png_with_alpha(), "logo.png"))

    stored = reopen(checked.content)
    assert (stored.format, stored.mode, stored.size) == ("PNG", "RGBA", (400, 200))
    assert stored.getpixel((0, 0))[3] == 0
    assert not stored.text
    thumbnail = reopen(checked.thumbnail)
    assert thumbnail.format == "JPEG"
    assert thumbnail.size == (320, 160)
    assert thumbnail.getpixel((5, 5)) == pytest.approx((255, 255, 255), abs=3)


def test_webp_is_reencoded_as_webp_without_exif():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    source = image_bytes(Image.new("RGB", (100, 80), "green"), "WEBP", exif=exif)

    checked = check_upload(upload(source, "hoa.webp"))

    stored = reopen(checked.content)
    assert (checked.content_type, checked.extension, stored.format) == (
        "image/webp",
        ".webp",
        "WEBP",
    )
    assert not stored.getexif()
    assert "exif" not in stored.info


def test_thumbnail_fits_in_320_square_and_never_upscales():
    large = check_upload(upload(image_bytes(Image.new("RGB", (1000, 2000)), "JPEG"), "a.jpg"))
    small = check_upload(upload(image_bytes(Image.new("RGB", (50, 30)), "JPEG"), "b.jpg"))

    assert reopen(large.thumbnail).size == (160, 320)
    assert reopen(small.thumbnail).size == (50, 30)


def test_palette_png_with_transparency_is_accepted():
    image = Image.new("P", (30, 30), 1)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    source = image_bytes(image, "PNG", transparency=0)

    checked = check_upload(upload(source, "icon.png"))

    assert reopen(checked.thumbnail).mode == "RGB"
    assert "transparency" in reopen(checked.content).info


def test_pdf_is_stored_unchanged_without_thumbnail():
    source = minimal_pdf()

    checked = check_upload(upload(source, "Quyết định khen thưởng.pdf"))

    assert (checked.kind, checked.content_type, checked.extension) == (
        "document",
        "application/pdf",
        ".pdf",
    )
    assert checked.content.read() == source
    assert checked.size == len(source)
    assert (checked.thumbnail, checked.width, checked.height) == (None, None, None)


def test_docx_is_stored_unchanged():
    source = docx_bytes()

    checked = check_upload(upload(source, "Báo cáo thành tích.docx"))

    assert (checked.kind, checked.content_type, checked.extension) == ("document", DOCX, ".docx")
    assert checked.content.read() == source


def test_stored_names_are_generated_and_never_the_users():
    checked = check_upload(upload(minimal_pdf(), "evil.pdf"))

    assert checked.content.name.endswith(".pdf")
    assert "evil" not in checked.content.name
    assert len(checked.content.name) == 32 + len(".pdf")
    assert generated_name(".jpg") != generated_name(".jpg")
    with pytest.raises(ValueError):
        generated_name(".html")


def test_display_name_is_cleaned_but_keeps_vietnamese_letters():
    decomposed = unicodedata.normalize("NFD", "Ảnh  Trường   Tiểu học.png")
    checked = check_upload(upload(png_with_alpha((10, 10)), decomposed))
    assert checked.original_name == "Ảnh Trường Tiểu học.png"

    # U+202E makes "gpj.exe" display as "exe.jpg" in some viewers.
    spoofed = check_upload(upload(png_with_alpha((10, 10)), "hình\u202egnp.exe.png"))
    assert spoofed.original_name == "hìnhgnp.exe.png"


def test_long_display_name_is_shortened_to_150_characters_keeping_the_extension():
    checked = check_upload(upload(minimal_pdf(), "Đ" * 240 + ".pdf"))

    assert len(checked.original_name) == 150
    assert checked.original_name.endswith("Đ.pdf")


# Attacks and mistakes that must be refused


def test_html_with_a_png_header_is_refused():
    html = PNG_SIGNATURE + b"<html><body><script>alert(document.cookie)</script></body></html>"

    assert rejection(upload(html, "anh.png")).code == "bad_image"


@pytest.mark.parametrize(
    "executable",
    [b"\x7fELF\x02\x01\x01" + b"\0" * 100, b"MZ\x90\x00\x03" + b"\0" * 100 + b"PE\0\0"],
    ids=["elf", "windows-exe"],
)
def test_executable_renamed_pdf_is_refused(executable):
    error = rejection(upload(executable, "quyet-dinh.pdf"))

    assert error.code == "not_claimed_type"
    with translation.override("en"):
        assert error.messages == [
            "The file name ends in “.pdf” but the content is not a valid PDF document."
        ]


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.png",
        "/etc/passwd.png",
        "..\\..\\windows\\win.ini.png",
        "anh.png\x00.html",
        "anh\n.png",
        "a" * 300 + ".png",
        "",
        " . ",
    ],
    ids=["traversal", "absolute", "backslashes", "nul", "newline", "too-long", "empty", "dots"],
)
def test_hostile_file_names_are_refused(name):
    error = rejection(upload(png_with_alpha((10, 10)), name))

    assert error.code == "bad_name"
    with translation.override("en"):
        assert "255 characters" in error.messages[0]


def test_oversized_file_is_refused_with_the_limit_in_the_message():
    error = rejection(upload(b"%PDF-1.4\n" + b"0" * MAX_UPLOAD_BYTES, "lon.pdf"))

    assert error.code == "too_large"
    with translation.override("en"):
        assert error.messages == ["The file is too large: the maximum size is 10.0\xa0MB."]


def test_size_limit_comes_from_settings(settings):
    settings.PORTAL = {**settings.PORTAL, "MAX_UPLOAD_BYTES": 1000}

    assert rejection(upload(minimal_pdf() + b"\n" * 1000, "a.pdf")).code == "too_large"
    assert check_upload(upload(minimal_pdf(), "a.pdf")).kind == "document"


def test_reading_stops_just_past_the_limit_whatever_size_the_client_declared():
    class EndlessUpload(UploadedFile):
        chunks_read = 0

        def chunks(self, chunk_size=None):
            while True:
                self.chunks_read += 1
                yield b"\0" * 65536

    endless = EndlessUpload(name="endless.png", content_type="image/png", size=10)

    assert rejection(endless).code == "too_large"
    assert endless.chunks_read == MAX_UPLOAD_BYTES // 65536 + 1


@pytest.mark.parametrize(
    ("width", "height"),
    [(20_000, 20_000), (10_000, 10_000), (8_000, 6_000)],
    ids=["pillow-error", "pillow-warning", "portal-limit"],
)
def test_decompression_bomb_is_refused_from_the_header_without_decoding(width, height):
    started = time.perf_counter()

    error = rejection(upload(png_header_claiming(width, height), "bom.png"))

    # "bad_image" would mean Pillow had tried to decode the pixel data.
    assert error.code == "too_many_pixels"
    assert time.perf_counter() - started < 1
    with translation.override("en"):
        assert "40 million pixels" in error.messages[0]


def test_truncated_image_is_refused():
    source = image_bytes(Image.effect_noise((200, 200), 50), "JPEG")

    assert rejection(upload(source[: len(source) // 2], "cut.jpg")).code == "bad_image"


def test_zip_that_is_not_an_office_document_is_refused_as_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
        archive.writestr("word/document.xml", "<w:document/>")

    error = rejection(upload(buffer.getvalue(), "bao-cao.docx"))

    assert error.code == "not_claimed_type"


def test_truncated_zip_named_docx_is_refused():
    assert rejection(upload(docx_bytes()[:200], "bao-cao.docx")).code == "not_claimed_type"


def test_docx_with_corrupted_part_is_refused():
    stored = docx_bytes(compression=zipfile.ZIP_STORED)
    # The content types part is stored uncompressed, so this edit only breaks its CRC.
    broken = stored.replace(b"<Types", b"<Typez", 1)

    assert rejection(upload(broken, "hong.docx")).code == "damaged"


def test_zip_bomb_disguised_as_docx_is_refused_before_inflating():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/bomb.bin", "w") as bomb:
            zeros = b"\0" * (1024 * 1024)
            for _ in range(101):
                bomb.write(zeros)
    assert len(buffer.getvalue()) < MAX_UPLOAD_BYTES

    assert rejection(upload(buffer.getvalue(), "bom.docx")).code == "docx_too_large"


def test_docx_with_too_many_entries_is_refused():
    extra = {f"word/media/{number}.xml": b"" for number in range(1000)}

    assert rejection(upload(docx_bytes(extra=extra), "nhieu.docx")).code == "docx_too_large"


@pytest.mark.parametrize(
    "source",
    [docx_bytes(main_type=DOCM_MAIN), docx_bytes(extra={"word/vbaProject.bin": b"macro"})],
    ids=["docm-content-type", "vba-project"],
)
def test_macro_enabled_document_renamed_docx_is_refused(source):
    assert rejection(upload(source, "macro.docx")).code == "docx_macros"


def test_pdf_without_header_is_refused():
    source = minimal_pdf().replace(b"%PDF-1.4", b"%PFF-1.4", 1)

    assert rejection(upload(source, "tai-lieu.pdf")).code == "not_claimed_type"


def test_html_behind_a_pdf_header_is_refused():
    source = b"%PDF-1.4\n<html><script>alert(1)</script></html>"

    assert rejection(upload(source, "tai-lieu.pdf")).code == "damaged"


def test_jpeg_named_pdf_is_refused_rather_than_renamed():
    error = rejection(upload(jpeg_with_metadata(), "quyet-dinh.pdf"))

    assert error.code == "extension_mismatch"
    with translation.override("en"):
        assert error.messages == [
            "The file name ends in “.pdf” but the file is actually a JPEG image. "
            "Please check that you chose the right file."
        ]


def test_file_without_extension_is_refused_with_the_right_extension_suggested():
    error = rejection(upload(jpeg_with_metadata(), "IMG_0001"))

    assert error.code == "extension_mismatch"
    with translation.override("en"):
        assert "“.jpg”" in error.messages[0]


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "a.svg"),
        (b"GIF89a" + b"\0" * 20, "a.gif"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50, "old.doc"),
        (b"hello", "notes.txt"),
    ],
    ids=["svg", "gif", "legacy-doc", "text"],
)
def test_unsupported_types_are_refused(content, name):
    assert rejection(upload(content, name)).code == "unsupported_type"


def test_empty_file_is_refused():
    assert rejection(upload(b"", "trong.pdf")).code == "empty"


def test_message_follows_the_language_active_when_it_is_shown():
    with translation.override("en"):
        error = rejection(upload(b"", "trong.pdf"))

    with translation.override("vi"):
        expected = translation.gettext("The file is empty.")
        assert error.messages == [expected]
    with translation.override("en"):
        assert error.messages == ["The file is empty."]
