"""Every letter of a printed document comes from the one font the project ships (Liberation
Serif 2.x, static/fonts): no Vietnamese letter is drawn from a fallback font, whatever fonts
the machine has."""

import io
import re
import threading
import unicodedata

import pytest
from django.templatetags.static import static
from django.urls import reverse
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from weasyprint.text.fonts import FontConfiguration

from registry.enums import ExemplarStatus, SubjectKind
from reports import consolidation as consolidating
from reports.models import AwardForm, AwardProposal
from reports.pdf import BASE_URL, RestrictedFetcher, font_configuration, lay_out
from tests.factories.exemplars import ExemplarFactory

YEAR = 2025
FACES = {
    "LiberationSerif",
    "LiberationSerif-Bold",
    "LiberationSerif-Italic",
    "LiberationSerif-BoldItalic",
}
FONT_FILES = [
    f"{BASE_URL}static/fonts/LiberationSerif-{style}.ttf"
    for style in ("Regular", "Bold", "Italic", "BoldItalic")
]
VOWELS = "aăâeêioôơuưy"
# No mark, acute, grave, hook above, tilde, dot below.
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")


def every_vietnamese_letter() -> str:
    """Each vowel with each tone, lower then upper case, one word per vowel; then đ Đ."""
    words = []
    for vowel in VOWELS:
        lower = "".join(unicodedata.normalize("NFC", vowel + tone) for tone in TONES)
        words += [lower, lower.upper()]
    return " ".join([*words, "đ Đ"])


LETTERS = every_vietnamese_letter()


def fonts_of(content: bytes) -> set[tuple[str, str]]:
    """Every font in the PDF's resources (pages and the forms they draw): the name the PDF
    gives it, without the subset prefix ("ABCDEF+"), and the PostScript name the embedded font
    program carries (WeasyPrint names a font after its CSS family, which says nothing of the
    file the glyphs came from)."""
    fonts: set[tuple[str, str]] = set()
    seen: set[int] = set()

    def add(font):
        base = re.sub(r"^[A-Z]{6}\+", "", str(font["/BaseFont"]).lstrip("/"))
        descendants = font.get("/DescendantFonts")
        described = descendants[0].get_object() if descendants else font
        descriptor = described["/FontDescriptor"].get_object()
        program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
        embedded = ""
        if program is not None:
            embedded = TTFont(io.BytesIO(program.get_object().get_data()))["name"].getDebugName(6)
        fonts.add((base, embedded))

    def walk(resources):
        resources = resources.get_object() if resources is not None else None
        if not resources:
            return
        for font in (resources.get("/Font") or {}).values():
            add(font.get_object())
        for reference in (resources.get("/XObject") or {}).values():
            key = getattr(reference, "idnum", None)
            if key in seen:
                continue
            seen.add(key)
            walk(reference.get_object().get("/Resources"))

    for page in PdfReader(io.BytesIO(content)).pages:
        walk(page.get("/Resources"))
    return fonts


def embedded(fonts) -> set[str]:
    return {program for _base, program in fonts}


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.mark.unit
def test_the_letter_list_is_complete():
    letters = set(LETTERS.replace(" ", ""))
    assert len(letters) == len(VOWELS) * len(TONES) * 2 + 2
    for expected in "ơưạấậếệốộỉủữỹỴĐ":
        assert expected in letters


@pytest.mark.unit
def test_every_vietnamese_letter_comes_from_the_shipped_font_in_every_style():
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<link rel="stylesheet" href="{static("css/pdf.css")}"></head>
<body>
<p class="regular">{LETTERS}</p>
<p><b>{LETTERS}</b></p>
<p><i>{LETTERS}</i></p>
<p><b><i>{LETTERS}</i></b></p>
<table class="doc-table"><thead><tr><th>{LETTERS}</th></tr></thead>
<tbody><tr class="doc-group"><td>{LETTERS}</td></tr></tbody></table>
<pre>{LETTERS}</pre>
<p><code>{LETTERS}</code></p>
</body></html>"""
    fetcher = RestrictedFetcher()
    # A configuration of its own, so that the fonts are loaded by this render.
    content = lay_out(html, fetcher=fetcher, font_config=FontConfiguration()).write_pdf()

    # The four faces were loaded from the project's static files, nothing else was refused.
    assert set(FONT_FILES) <= set(fetcher.served)
    assert fetcher.refused == []
    # Regular, bold, italic and bold italic of the family the stylesheet declares, each the
    # shipped Liberation Serif, and no other font: no letter fell back.
    fonts = fonts_of(content)
    assert embedded(fonts) == FACES, fonts
    assert all(base.startswith("Liberation-Serif-2") for base, _program in fonts), fonts
    # Every letter came out as it went in.
    text = text_of(content)
    assert text.count(LETTERS) >= 8, text


@pytest.mark.unit
def test_a_thread_keeps_one_font_configuration_and_every_letter_its_font():
    """Each render used to make a font configuration of its own, in C memory that was never
    given back (a web worker grew all day). A thread now keeps one: a later render takes the
    fonts it already holds, without loading them again, and still draws every letter in
    every style from the shipped font. Another thread has its own."""
    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<link rel="stylesheet" href="{static("css/pdf.css")}"></head>
<body><p>{LETTERS}</p><p><b>{LETTERS}</b></p><p><i>{LETTERS}</i></p>
<p><b><i>{LETTERS}</i></b></p></body></html>"""
    lay_out(html, fetcher=RestrictedFetcher()).write_pdf()
    later = RestrictedFetcher()
    content = lay_out(html, fetcher=later).write_pdf()

    assert not set(FONT_FILES) & set(later.served), later.served
    assert later.refused == []
    fonts = fonts_of(content)
    assert embedded(fonts) == FACES, fonts
    assert all(base.startswith("Liberation-Serif-2") for base, _program in fonts), fonts
    assert text_of(content).count(LETTERS) >= 4

    assert font_configuration() is font_configuration()
    elsewhere = []
    thread = threading.Thread(target=lambda: elsewhere.append(font_configuration()))
    thread.start()
    thread.join()
    assert elsewhere[0] is not font_configuration()


def documents_url(name, **kwargs):
    return reverse(f"reports:{name}", kwargs=kwargs)


@pytest.fixture
def records(world):
    """Exemplars of Sở Y tế with every kind of Vietnamese letter in their text, a proposal,
    and the consolidation of the year published by Home Affairs."""
    unit = world.dept_a
    person = ExemplarFactory(
        unit=unit,
        year=YEAR,
        full_name="Nguyễn Thị Hạnh Ưng",
        position="Điều dưỡng trưởng",
        achievements=LETTERS,
        status=ExemplarStatus.ACCEPTED,
    )
    ExemplarFactory(
        unit=unit,
        year=YEAR,
        subject_kind=SubjectKind.COLLECTIVE,
        full_name="",
        collective_name="Khoa Hồi sức tích cực",
        head_name="Phạm Văn Long",
        member_count=24,
        achievements=LETTERS,
        status=ExemplarStatus.ACCEPTED,
    )
    AwardProposal.objects.create(
        exemplar=person,
        award=AwardForm.objects.get(code="bang-khen-chu-tich-ubnd-tinh"),
        year=YEAR,
        proposing_unit=unit,
        reasons=LETTERS,
        status=AwardProposal.Status.PROPOSED,
        created_by=world.user("editor_a"),
    )
    home_affairs = world.user("home_affairs")
    consolidation = consolidating.create(year=YEAR, campaign=None, by=home_affairs)
    version = consolidating.publish(consolidation=consolidation, by=home_affairs)
    return {"person": person, "version": version}


DOCUMENTS = [
    "unit_exemplars",
    "exemplar_profile",
    "quota_compliance",
    "proposal_list",
    "dashboard",
    "consolidation_version",
]


def fetch_pdf(client, document, world, records, capture) -> bytes:
    if document == "unit_exemplars":
        url = documents_url("document_unit_exemplars", code=world.dept_a.code)
        response = client.get(url, {"year": YEAR, "format": "pdf"})
    elif document == "exemplar_profile":
        url = documents_url("document_exemplar_profile", code=records["person"].code)
        response = client.get(url, {"format": "pdf"})
    elif document == "quota_compliance":
        response = client.get(
            documents_url("document_quota_compliance"), {"year": YEAR, "format": "pdf"}
        )
    elif document == "proposal_list":
        response = client.get(
            documents_url("document_proposal_list"), {"year": YEAR, "format": "pdf"}
        )
    elif document == "dashboard":
        response = client.get(documents_url("dashboard_document"), {"year": YEAR})
    else:
        version = records["version"]
        url = documents_url(
            "consolidation_version_pdf", pk=version.consolidation_id, number=version.number
        )
        # The consolidated report is rendered by a task, then downloaded.
        with capture(execute=True):
            assert client.post(url).status_code == 302
        response = client.get(url)
    assert response.status_code == 200, document
    assert response["Content-Type"] == "application/pdf"
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.integration
@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_document_is_set_in_the_shipped_font_alone(
    world, records, client_for, django_capture_on_commit_callbacks, document
):
    client = client_for(world.user("home_affairs"))
    content = fetch_pdf(client, document, world, records, django_capture_on_commit_callbacks)
    fonts = fonts_of(content)
    assert fonts, document
    # Liberation Serif, in whichever of its faces: never a fallback font for a letter.
    assert embedded(fonts) <= FACES, (document, fonts)
    assert "LiberationSerif" in embedded(fonts)
