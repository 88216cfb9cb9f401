"""Documents within limits (``reports/limits.py``): a record's free text cut with a note in
every format, a page limit per kind of document, a time limit on rendering, and drafts too
large for a web request prepared by the document worker, behind the same permissions as the
draft itself."""

import datetime
import html
import io
import posixpath

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from pypdf import PdfReader

from registry.enums import ExemplarStatus
from registry.models import CriterionEvidence
from reports import consolidation as consolidating
from reports import documents, issuing, limits
from reports.layout import Annex, Column, Paragraph, Table
from reports.models import (
    AwardForm,
    DocumentRender,
    IssuedDocument,
    Signer,
)
from reports.pdf import RenderGuard, lay_out
from tests.factories.exemplars import ExemplarFactory
from tests.factories.reports import AwardProposalFactory, MediaIntroductionFactory
from tests.personas import PERSONAS
from tests.test_documents import (
    DOCX_CONTENT_TYPE,
    docx_text,
    flat,
    pdf_text,
    profile_url,
    unit_url,
)

pytestmark = pytest.mark.integration

YEAR = 2025
LONG = 2_000_000
WORDS = "Tận tụy chăm sóc người bệnh ngày đêm, cứu chữa kịp thời nhiều ca nguy kịch. "
OPENING = "Tận tụy chăm sóc người bệnh ngày đêm"


def long_text(length: int = LONG) -> str:
    return (WORDS * (length // len(WORDS) + 1))[:length]


def squeezed(text: str) -> str:
    """Text without any white space: the PDF breaks lines (and long addresses) anywhere."""
    return "".join(text.split())


def note(length: int, path: str) -> str:
    """The note a cut text ends with, in the language of the document."""
    with translation.override("vi"):
        return _(
            "[Shortened: the full text runs to %(length)s characters; read it in full on the "
            "portal at %(url)s]"
        ) % {"length": limits.thousands(length), "url": limits.portal_url(path)}


def pdf_pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def portal(settings):
    """Set some of ``PORTAL``'s document limits for one test."""

    def set_limits(**values):
        settings.PORTAL = {**settings.PORTAL, **values}

    return set_limits


@pytest.fixture
def long_exemplar(world):
    """An accepted exemplar of Sở Y tế whose achievements run to two million characters."""
    return ExemplarFactory(
        unit=world.dept_a,
        year=YEAR,
        full_name="Nguyễn Văn Dài",
        status=ExemplarStatus.ACCEPTED,
        achievements=long_text(),
        with_evidence=False,
    )


def profile_document(exemplar):
    return issuing.build(
        IssuedDocument.Kind.EXEMPLAR_PROFILE,
        {"exemplar": exemplar.code, "personal_data": True},
        user=None,
    )


# Text: cut at a word, with a note, in every format ---------------------------------------------


class TestCuttingText:
    def test_a_text_within_the_limit_is_left_whole(self):
        text = long_text(limits.field_chars())
        assert limits.bounded(text, url="https://cong.example/x") == text

    def test_a_long_text_is_cut_between_words_and_says_how_long_it_was(self, settings):
        text = long_text(50_000)
        shown = limits.bounded(text, url="https://cong.example/dien-hinh/X/")
        kept, _blank, the_note = shown.partition("\u00a0…\n\n")
        assert 0.9 * limits.field_chars() < len(kept) <= limits.field_chars()
        assert text.startswith(kept) and text[len(kept)].isspace()
        assert "50.000" in the_note and "https://cong.example/dien-hinh/X/" in the_note

    def test_one_endless_word_is_cut_inside(self):
        assert limits.cut_at_word("x" * 30_000, 20_000) == "x" * 20_000

    def test_the_limit_stays_within_an_excel_cell(self, portal):
        portal(DOCUMENT_FIELD_CHARS=100_000)
        shown = limits.bounded(long_text(200_000), url="https://cong.example/x")
        assert len(shown) <= limits.XLSX_CELL_CHARS

    def test_the_profile_cuts_each_text_of_the_record(self, world, long_exemplar):
        document = profile_document(long_exemplar)
        paragraphs = [block.text for block in document.body if isinstance(block, Paragraph)]
        expected = note(LONG, long_exemplar.get_absolute_url())
        assert expected in paragraphs
        cut = paragraphs[paragraphs.index(expected) - 1]
        assert cut.endswith("\u00a0…")
        kept = cut.removesuffix("\u00a0…")
        assert len(kept) <= limits.field_chars()
        assert long_exemplar.achievements.startswith(kept)
        assert long_exemplar.achievements[len(kept)].isspace()
        # The whole document is bounded by the field limit, not by the record.
        assert len(document.text()) < 3 * limits.field_chars()

    def test_every_free_text_a_document_prints_is_bounded(self, world, long_exemplar):
        """The profile's texts and evidence, a proposal's reasons, the report's narrative and
        a media introduction's angle: no line of any document runs past the limit."""
        exemplar = long_exemplar
        exemplar.new_model = long_text()
        exemplar.save()
        for criterion in exemplar.criteria().order_by("pk")[:2]:
            CriterionEvidence.objects.create(
                exemplar=exemplar, criterion=criterion, text=long_text()
            )
        home_affairs = world.user("home_affairs")
        AwardProposalFactory(
            exemplar=exemplar,
            award=AwardForm.objects.order_by("pk").first(),
            year=YEAR,
            reasons=long_text(),
        )
        MediaIntroductionFactory(
            exemplar=exemplar, date=datetime.date(YEAR, 6, 11), angle=long_text()
        )
        consolidation = consolidating.create(year=YEAR, campaign=None, by=home_affairs)
        for name in consolidation.NARRATIVE_FIELDS:
            setattr(consolidation, name, long_text())
        consolidation.save()
        version = consolidating.publish(consolidation=consolidation, by=home_affairs)
        Kind = IssuedDocument.Kind
        built = {
            kind: issuing.build(kind, params, user=home_affairs)
            for kind, params in [
                (Kind.EXEMPLAR_PROFILE, {"exemplar": exemplar.code, "personal_data": True}),
                (Kind.UNIT_EXEMPLARS, {"unit": world.dept_a.code, "year": YEAR}),
                (Kind.PROPOSALS_TO_HOME_AFFAIRS, {"unit": world.dept_a.code, "year": YEAR}),
                (Kind.CONSOLIDATED_REPORT, {"version": version.pk}),
            ]
        }
        longest = limits.field_chars() + limits.NOTE_ROOM
        for kind, document in built.items():
            lines = document.text().split("\n")
            assert max(len(line) for line in lines) <= longest, kind
            assert len(document.text()) < 20 * limits.field_chars(), kind
        profile = built[Kind.EXEMPLAR_PROFILE].text()
        assert profile.count(note(LONG, exemplar.get_absolute_url())) == 4
        report = built[Kind.CONSOLIDATED_REPORT].text()
        assert report.count(note(LONG, consolidation.get_absolute_url())) == 4
        assert note(LONG, exemplar.get_absolute_url()) in report  # the angle


class TestTheProfileOfALongRecord:
    def test_the_pdf_renders_at_once_cut_with_the_note(self, world, client_for, long_exemplar):
        response = client_for(world.user("editor_a")).get(profile_url(long_exemplar))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        assert OPENING in flat(text)
        assert squeezed(note(LONG, long_exemplar.get_absolute_url())) in squeezed(text)
        # Of two million characters, about the field limit is printed.
        assert len(squeezed(text)) < 1.2 * limits.field_chars()
        assert pdf_pages(response.content) <= limits.page_limit("exemplar_profile")
        # Rendered in the request: nothing was queued.
        assert not DocumentRender.objects.exists()

    def test_the_docx_is_cut_the_same_way(self, world, client_for, long_exemplar):
        response = client_for(world.user("editor_a")).get(profile_url(long_exemplar, "docx"))
        assert response.status_code == 200
        assert response["Content-Type"] == DOCX_CONTENT_TYPE
        text = docx_text(response.content)
        assert OPENING in text
        assert note(LONG, long_exemplar.get_absolute_url()) in text
        assert len(text) < 1.2 * limits.field_chars() + 5_000

    def test_the_xlsx_holds_long_evidence_within_a_cell(self, world, client_for, long_exemplar):
        criterion = long_exemplar.criteria().order_by("pk").first()
        CriterionEvidence.objects.create(
            exemplar=long_exemplar, criterion=criterion, text=long_text()
        )
        response = client_for(world.user("editor_a")).get(profile_url(long_exemplar, "xlsx"))
        sheet = load_workbook(io.BytesIO(response.content))[_("Criteria")]
        cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
        longest = max((cell for cell in cells if isinstance(cell, str)), key=len)
        assert longest.startswith(OPENING)
        assert longest.endswith(note(LONG, long_exemplar.get_absolute_url()))
        assert len(longest) <= limits.XLSX_CELL_CHARS


# Estimating the size before rendering ---------------------------------------------------------


def test_the_estimate_is_near_the_pages_laid_out(world, long_exemplar):
    """The profile of the long record, and a unit's list of 120 exemplars as its annex."""
    profile = profile_document(long_exemplar)
    table = Table(
        columns=[
            Column("STT", width=5),
            Column("Họ và tên", width=20),
            Column("Tóm tắt", width=75),
        ],
        rows=[[n, f"Nguyễn Văn {n}", long_text(350)] for n in range(1, 121)],
        small=True,
    )
    listing = documents.unit_exemplars(unit=world.dept_a, year=YEAR)
    listing.annexes = [Annex(title="DANH SÁCH", blocks=[table], landscape=True)]
    for document in (profile, listing):
        estimated = limits.estimate(document).pages
        _pdf, pages = issuing.render_pdf(document)
        assert 0.75 * pages <= estimated <= 1.33 * pages + 1, (estimated, pages)
    assert limits.estimate(listing).rows == 120


# Pages and time -------------------------------------------------------------------------------


class TestRenderGuard:
    HTML = "<html><body>" + "<p style='break-after: page'>Trang</p>" * 30 + "</body></html>"

    def test_the_layout_stops_at_the_first_page_past_the_limit(self):
        seen = []
        guard = RenderGuard(kind="exemplar_profile", max_pages=5, seconds=600, on_page=seen.append)
        with pytest.raises(limits.DocumentTooLong) as stopped, guard:
            lay_out(self.HTML)
        assert seen == [1, 2, 3, 4, 5]
        assert guard.pages == 6
        assert stopped.value.limit == 5

    def test_a_document_within_the_limit_is_laid_out_whole(self):
        with RenderGuard(kind="x", max_pages=30, seconds=600) as guard:
            assert len(lay_out(self.HTML).pages) == 30
        assert guard.pages == 30

    def test_the_render_stops_once_its_time_is_up(self):
        """A clock that moves a second at each look: the limit of five seconds is passed
        before the layout ends."""
        ticks = iter(range(10_000))
        guard = RenderGuard(kind="x", max_pages=100, seconds=5, clock=lambda: float(next(ticks)))
        with pytest.raises(limits.RenderTimedOut) as stopped, guard:
            lay_out(self.HTML)
        assert 0 < guard.pages < 30
        assert stopped.value.seconds == 5

    def test_renders_after_a_stopped_one_are_not_guarded(self):
        with pytest.raises(limits.DocumentTooLong), RenderGuard(kind="x", max_pages=1, seconds=9):
            lay_out(self.HTML)
        assert len(lay_out(self.HTML).pages) == 30


def test_a_draft_over_its_page_limit_answers_with_the_message(
    world, client_for, long_exemplar, portal
):
    portal(DOCUMENT_PAGE_LIMITS={"exemplar_profile": 3})
    client = client_for(world.user("editor_a"))
    response = client.get(profile_url(long_exemplar))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    content = response.content.decode()
    message = limits.DocumentTooLong("exemplar_profile", 3).message
    assert html.escape(message) in content
    assert f'href="{long_exemplar.get_absolute_url()}"' in content
    assert not DocumentRender.objects.exists()


# Big drafts on the document worker ------------------------------------------------------------


def start(client, url, capture):
    """Ask for a draft, keeping the worker's task for later: (response, the task to run)."""
    with capture() as callbacks:
        response = client.get(url)
    return response, callbacks


class TestBigDrafts:
    def test_a_big_profile_is_queued_and_its_page_shows_progress_then_the_files(
        self, world, client_for, long_exemplar, portal, django_capture_on_commit_callbacks
    ):
        portal(DOCUMENT_INLINE_PAGES=2)
        client = client_for(world.user("editor_a"))
        response, callbacks = start(
            client, profile_url(long_exemplar), django_capture_on_commit_callbacks
        )
        assert response.status_code == 302
        render = DocumentRender.objects.get()
        assert render.version is None
        assert render.document == IssuedDocument.Kind.EXEMPLAR_PROFILE
        assert render.status == DocumentRender.Status.QUEUED
        assert render.params == {
            "document": {"exemplar": long_exemplar.code, "personal_data": True},
            "signer": None,
        }
        page_url = response["Location"]
        assert page_url.startswith(
            reverse("reports:document_exemplar_profile", args=[long_exemplar.code])
        )
        assert page_url.endswith(f"render={render.pk}")

        # While it waits: the page says so and asks for its progress every two seconds.
        page = client.get(page_url).content.decode()
        assert 'hx-trigger="every 2s"' in page
        assert f'hx-get="{html.escape(page_url)}&amp;progress=1"' in page
        assert "<progress" in page and 'data-testid="download-pdf"' not in page
        assert long_exemplar.subject_name in page

        # The worker renders it: the fragment now offers the PDF and the DOCX.
        assert callbacks
        for callback in callbacks:
            callback()
        render.refresh_from_db()
        assert render.status == DocumentRender.Status.DONE, render.error
        assert render.progress == 100 and render.pages > 2
        fragment = client.get(f"{page_url}&progress=1").content.decode()
        assert "hx-trigger" not in fragment
        assert f'href="{html.escape(page_url)}&amp;format=pdf"' in fragment
        assert 'data-testid="download-docx"' in fragment

        pdf = client.get(f"{page_url}&format=pdf")
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        content = b"".join(pdf.streaming_content)
        assert pdf_pages(content) == render.pages <= limits.page_limit("exemplar_profile")
        assert squeezed(note(LONG, long_exemplar.get_absolute_url())) in squeezed(pdf_text(content))
        assert "-du-thao.pdf" in pdf["Content-Disposition"]
        word = client.get(f"{page_url}&format=docx")
        assert word.status_code == 200 and "attachment" in word["Content-Disposition"]
        word_text = docx_text(b"".join(word.streaming_content))
        assert note(LONG, long_exemplar.get_absolute_url()) in word_text

        # Asked for again, the same content: the kept file, nothing rendered again.
        again, callbacks = start(
            client, profile_url(long_exemplar), django_capture_on_commit_callbacks
        )
        assert again.status_code == 200 and again["Content-Type"] == "application/pdf"
        assert b"".join(again.streaming_content) == content
        assert callbacks == [] and DocumentRender.objects.count() == 1

        # The record changed: a new render, and the old one goes with its files.
        long_exemplar.achievements = "Khác. " + long_exemplar.achievements
        long_exemplar.save()
        storage, name = render.file.storage, render.file.name
        with django_capture_on_commit_callbacks(execute=True):
            changed = client.get(profile_url(long_exemplar))
        assert changed.status_code == 302
        new = DocumentRender.objects.get()
        assert new.pk != render.pk and new.is_ready
        kept = storage.listdir(posixpath.dirname(name))[1]
        assert sorted(kept) == sorted(posixpath.basename(f.name) for f in (new.file, new.docx))

    def test_the_worker_writes_its_progress_as_it_lays_out_pages(
        self,
        world,
        client_for,
        long_exemplar,
        portal,
        django_capture_on_commit_callbacks,
        monkeypatch,
    ):
        from reports import rendering

        steps = []
        real = rendering._advance

        def recording(render, stage, progress, **values):
            steps.append((stage, progress, values.get("pages")))
            real(render, stage, progress, **values)

        monkeypatch.setattr(rendering, "_advance", recording)
        portal(DOCUMENT_INLINE_PAGES=0)
        with django_capture_on_commit_callbacks(execute=True):
            client_for(world.user("editor_a")).get(profile_url(long_exemplar))
        Stage = DocumentRender.Stage
        assert steps[0][:2] == (Stage.COLLECTING, 5)
        assert (Stage.LAYING_OUT, 20, None) in steps
        # Every fifth page laid out moves the bar on, between laying out and writing.
        during = [step for step in steps if step[0] == Stage.LAYING_OUT and step[2]]
        assert during and during[0][2] == rendering.PROGRESS_EVERY
        assert all(20 < progress <= 65 for _stage, progress, _pages in during)
        assert steps[-1][:2] == (Stage.FINISHED, 100)
        progress = [step[1] for step in steps]
        assert progress == sorted(progress)

    def test_the_unit_list_and_its_docx_go_the_same_way(
        self, world, client_for, long_exemplar, portal, django_capture_on_commit_callbacks
    ):
        portal(DOCUMENT_INLINE_PAGES=0)
        client = client_for(world.user("editor_a"))
        response, callbacks = start(
            client, unit_url(world.dept_a, "docx"), django_capture_on_commit_callbacks
        )
        assert response.status_code == 302
        assert f"?year={YEAR}&render=" in response["Location"]
        for callback in callbacks:
            callback()
        word = client.get(response["Location"] + "&format=docx")
        assert word["Content-Type"] == DOCX_CONTENT_TYPE
        assert "Nguyễn Văn Dài" in docx_text(b"".join(word.streaming_content))
        # The xlsx holds tables only: always written at once.
        assert client.get(unit_url(world.dept_a, "xlsx")).status_code == 200
        assert DocumentRender.objects.count() == 1

    def test_a_draft_too_slow_for_the_request_is_handed_to_the_worker(
        self, world, client_for, long_exemplar, portal, django_capture_on_commit_callbacks
    ):
        portal(DOCUMENT_RENDER_SECONDS=0)
        client = client_for(world.user("editor_a"))
        response, callbacks = start(
            client, profile_url(long_exemplar), django_capture_on_commit_callbacks
        )
        assert response.status_code == 302
        for callback in callbacks:  # the worker has its own, longer, time limit
            callback()
        render = DocumentRender.objects.get()
        assert render.status == DocumentRender.Status.DONE, render.error

    def test_a_render_past_the_workers_time_is_stopped_with_the_reason(
        self, world, client_for, long_exemplar, portal, django_capture_on_commit_callbacks
    ):
        portal(DOCUMENT_INLINE_PAGES=0, DOCUMENT_WORKER_SECONDS=0)
        client = client_for(world.user("editor_a"))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(profile_url(long_exemplar))
        render = DocumentRender.objects.get()
        assert render.status == DocumentRender.Status.REFUSED
        with translation.override("vi"):
            assert render.error == limits.RenderTimedOut(0).message
        assert not render.file
        fragment = client.get(response["Location"] + "&progress=1").content.decode()
        assert html.escape(render.error) in fragment and "hx-trigger" not in fragment

        # Tried again with more time: it is prepared.
        portal(DOCUMENT_WORKER_SECONDS=600)
        with django_capture_on_commit_callbacks(execute=True):
            retried = client.post(response["Location"])
        assert retried.status_code == 302
        render.refresh_from_db()
        assert render.status == DocumentRender.Status.DONE, render.error

    def test_a_queued_draft_past_its_page_limit_is_refused_with_the_message(
        self, world, client_for, long_exemplar, portal, django_capture_on_commit_callbacks
    ):
        portal(DOCUMENT_INLINE_PAGES=0, DOCUMENT_PAGE_LIMITS={"exemplar_profile": 2})
        client = client_for(world.user("editor_a"))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(profile_url(long_exemplar))
        render = DocumentRender.objects.get()
        assert render.status == DocumentRender.Status.REFUSED
        with translation.override("vi"):
            assert render.error == limits.DocumentTooLong("exemplar_profile", 2).message
        page = client.get(response["Location"]).content.decode()
        assert html.escape(render.error) in page
        assert client.get(response["Location"] + "&format=pdf").status_code == 302

    def test_a_big_document_is_issued_by_the_worker(
        self, world, long_exemplar, portal, django_capture_on_commit_callbacks
    ):
        portal(DOCUMENT_INLINE_PAGES=0)
        signer = Signer.objects.create(
            unit=world.dept_a, full_name="Phạm Quốc Hùng", position="Giám đốc"
        )
        with django_capture_on_commit_callbacks() as callbacks:
            issued = issuing.issue(
                kind=IssuedDocument.Kind.EXEMPLAR_PROFILE,
                params={"exemplar": long_exemplar.code, "personal_data": False},
                signer=signer,
                day=datetime.date.today(),
                user=world.user("head_a"),
            )
        assert issued.status == IssuedDocument.Status.RENDERING and not issued.pdf
        for callback in callbacks:
            callback()
        issued.refresh_from_db()
        assert issued.status == IssuedDocument.Status.READY
        text = pdf_text(issued.pdf.read())
        assert squeezed(note(LONG, long_exemplar.get_absolute_url())) in squeezed(text)


# Who reaches a queued draft -------------------------------------------------------------------


@pytest.fixture
def two_units(world):
    """An accepted exemplar of Sở Y tế and one of Sở Giáo dục."""
    return {
        "dept_a": ExemplarFactory(
            unit=world.dept_a, year=YEAR, status=ExemplarStatus.ACCEPTED, with_evidence=False
        ),
        "dept_b": ExemplarFactory(
            unit=world.dept_b, year=YEAR, status=ExemplarStatus.ACCEPTED, with_evidence=False
        ),
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("unit", ["dept_a", "dept_b"])
def test_a_queued_draft_is_reached_as_the_draft_itself(
    world, client, two_units, persona, unit, portal, django_capture_on_commit_callbacks
):
    exemplar = two_units[unit]
    owner = world.user("editor_a" if unit == "dept_a" else "editor_b")
    user = world.user(persona)
    # The direct draft, rendered in the request.
    client.force_login(user)
    direct = client.get(profile_url(exemplar)).status_code
    assert direct in (200, 403, 404)

    portal(DOCUMENT_INLINE_PAGES=0)
    # The unit's editor has its draft (with personal data) prepared by the worker.
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        owners = client.get(profile_url(exemplar))
    owners_page = owners["Location"]
    assert client.get(owners_page + "&format=pdf").status_code == 200

    # The persona asks for its own: queued and served where the draft is, refused alike
    # elsewhere.
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        own = client.get(profile_url(exemplar))
    if direct != 200:
        assert own.status_code == direct
    elif own.status_code == 200:
        # The same draft as the editor's (the same content and personal data): its file.
        assert own["Content-Type"] == "application/pdf"
    else:
        assert own.status_code == 302
        assert client.get(own["Location"]).status_code == 200
        assert client.get(own["Location"] + "&format=pdf").status_code == 200

    # The owner's file, with personal data: only for those who may read the draft with it.
    sees_personal_data = user.has_perm("registry.view_personal_data_exemplar", exemplar)
    for url in (owners_page, owners_page + "&format=pdf", owners_page + "&progress=1"):
        status = client.get(url).status_code
        if direct != 200:
            assert status == direct, url
        elif sees_personal_data:
            assert status == 200, url
        else:
            assert status == 404, url
