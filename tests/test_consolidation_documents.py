"""The documents of issue 6: the yearly report of a published version per Decree 30 (a draft
rendered once by the worker, its progress, its failures, its text, issuing it), its xlsx,
hostile text in it, and the submission of commendations (tờ trình) with its list annexed."""

import datetime
import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from pypdf import PdfReader

from exemplar_portal.base.exports import sheet_title
from registry.enums import ExemplarStatus as S
from registry.enums import SubjectKind
from registry.models import Exemplar
from reports import consolidation as consolidating
from reports import issuing, rendering
from reports.layout import DRAFT_MARK
from reports.models import (
    AwardProposal,
    AwardTrack,
    Consolidation,
    DocumentRender,
    IssuedDocument,
    Signer,
)
from reports.pdf import RestrictedFetcher
from tests.test_consolidation import (
    MOVEMENT,
    PROVINCIAL_FIGHTER,
    PROVINCIAL_MERIT,
    YEAR,
    exemplar,
    movement,
    propose,
    records,
)
from tests.test_documents import (
    DOCX_CONTENT_TYPE,
    FONTS,
    STYLESHEET,
    docx_text,
    flat,
    group_labels,
    is_draft,
    particular,
    pdf_text,
    xlsx_particulars,
    xlsx_rows,
    xlsx_table,
)

# Fixtures shared with tests/test_consolidation.py, found by pytest under these names.
SHARED_FIXTURES = [movement, records]

pytestmark = pytest.mark.integration

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NARRATIVE = {
    "results": "Các phong trào thi đua được triển khai sâu rộng ở cơ sở.",
    "shortcomings": "Một số xã chưa chú trọng phát hiện điển hình.",
    "tasks_ahead": "Tiếp tục tuyên truyền gương người tốt, việc tốt.",
    "proposals_text": "Đề nghị Ủy ban nhân dân tỉnh bố trí kinh phí khen thưởng.",
}


@pytest.fixture
def published(world, records):
    """The consolidation of 2025, published by Home Affairs as version 1."""
    by = world.user("home_affairs")
    consolidation = consolidating.create(year=YEAR, campaign=None, by=by)
    return consolidating.publish(consolidation=consolidation, by=by)


def pdf_url(version):
    return reverse(
        "reports:consolidation_version_pdf",
        kwargs={"pk": version.consolidation_id, "number": version.number},
    )


def xlsx_url(version):
    return reverse(
        "reports:consolidation_version_xlsx",
        kwargs={"pk": version.consolidation_id, "number": version.number},
    )


def start_render(client, version, capture):
    with capture(execute=True):
        return client.post(pdf_url(version))


def downloaded(response) -> bytes:
    return b"".join(response.streaming_content)


def report_subject(year=YEAR) -> str:
    return _("Results of finding, building and publicising advanced exemplars in %(year)s") % {
        "year": year
    }


@pytest.fixture
def counted_layouts(monkeypatch):
    """Count how many times a document is laid out (the real WeasyPrint work)."""
    calls = []
    real = rendering.lay_out

    def counting(html, **kwargs):
        calls.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(rendering, "lay_out", counting)
    return calls


# 5. Rendering the version's PDF ---------------------------------------------------------------


class TestRendering:
    def test_rendered_once_then_served(
        self, world, published, client_for, django_capture_on_commit_callbacks, counted_layouts
    ):
        client = client_for(world.user("home_affairs"))
        response = start_render(client, published, django_capture_on_commit_callbacks)
        assert response.status_code == 302
        assert response["Location"] == published.get_absolute_url() + "#pdf"
        render = DocumentRender.objects.get()
        assert render.version == published and render.language == "vi"
        assert render.status == DocumentRender.Status.DONE
        assert render.stage == DocumentRender.Stage.FINISHED
        assert render.progress == 100 and render.error == ""
        assert render.requested_by == world.user("home_affairs")
        assert render.started_at is not None and render.finished_at >= render.started_at
        content = render.file.read()
        render.file.close()
        assert content.startswith(b"%PDF")
        assert render.size == len(content)
        assert render.pages == len(PdfReader(io.BytesIO(content)).pages) > 0
        assert len(counted_layouts) == 1
        # The editable copy is rendered with it.
        assert render.docx

        # Asked again (by another reader): the same row and file, nothing laid out again.
        other = client_for(world.user("leader"))
        again = start_render(other, published, django_capture_on_commit_callbacks)
        assert again.status_code == 302
        assert DocumentRender.objects.count() == 1
        same = DocumentRender.objects.get()
        assert (same.pk, same.file.name, same.finished_at) == (
            render.pk,
            render.file.name,
            render.finished_at,
        )
        assert same.requested_by == world.user("home_affairs")
        assert len(counted_layouts) == 1

        download = other.get(pdf_url(published))
        assert download.status_code == 200
        assert download["Content-Type"] == "application/pdf"
        assert downloaded(download) == content
        assert "bao-cao-dien-hinh-2025-v1-du-thao.pdf" in download["Content-Disposition"]

        editable = other.get(pdf_url(published), {"format": "docx"})
        assert editable.status_code == 200
        assert editable["Content-Type"] == DOCX_CONTENT_TYPE
        assert "attachment" in editable["Content-Disposition"]
        assert "bao-cao-dien-hinh-2025-v1-du-thao.docx" in editable["Content-Disposition"]
        text = docx_text(downloaded(editable))
        assert NATIONAL_TITLE in text and DRAFT_MARK in text
        assert "Khoa Hồi sức tích cực" in text

    def test_the_pdf_reads_as_the_decree_30_report(
        self, world, published, records, client_for, django_capture_on_commit_callbacks
    ):
        # Records change after publishing: the PDF is of the version, not of the records.
        Exemplar.objects.filter(pk=records["lan"].pk).update(full_name="Tên Đã Đổi Sau Công Bố")
        exemplar(world.dept_b, full_name="Ngô Văn Công Nhận Muộn")
        # The narrative Home Affairs wrote goes into the report as it reads now.
        Consolidation.objects.filter(pk=published.consolidation_id).update(**NARRATIVE)
        client = client_for(world.user("leader"))
        start_render(client, published, django_capture_on_commit_callbacks)
        text = flat(pdf_text(downloaded(client.get(pdf_url(published)))))
        labels = consolidating.total_labels()
        individual = str(SubjectKind.INDIVIDUAL.label)
        for expected in [
            NATIONAL_TITLE,
            MOTTO,
            "UBND TỈNH NINH BÌNH",
            "SỞ NỘI VỤ",
            "BÁO CÁO",
            flat(report_subject()),
            flat(_("To: The Provincial People's Committee")),
            # The narrative, in its sections.
            flat(_("I. RESULTS ACHIEVED")),
            flat(_("II. SHORTCOMINGS AND THEIR CAUSES")),
            flat(_("III. TASKS AHEAD")),
            flat(_("IV. PROPOSALS AND RECOMMENDATIONS")),
            *NARRATIVE.values(),
            # The key figures, with their counts.
            f"{labels['accepted']} 5",
            f"{labels['submitted']} 7",
            f"{labels['units_with_exemplars']} 4",
            f"{labels['units_met']} 3",
            f"{labels['units_behind']} 5",
            f"{labels['proposals']} 2",
            f"{labels['conferred']} 1",
            # The dimensions, each a numbered table with its total.
            "1 Sở, ban, ngành 3",
            "Các sở, ban, ngành, đoàn thể cấp tỉnh 3",
            "Huyện Gia Viễn 2",
            "1 Tập thể 1",
            f"2 {individual} 3",
            "3 Hộ gia đình 1",
            f"{MOVEMENT} 2",
            "Không thuộc phong trào, cuộc vận động nào 3",
            f"{_('Total')} 5",
            # The annexes, each citing the report it is attached to.
            "Phụ lục I",
            "Phụ lục V",
            "(Kèm theo Báo cáo số",
            "của Sở Nội vụ)",
            flat(_("ADVANCED EXEMPLARS ACCEPTED IN %(year)s") % {"year": YEAR}),
            # The accepted exemplars as published, grouped by subject kind.
            "Tập thể (1) 1 Khoa Hồi sức tích cực",
            f"{individual} (3) 2 Phạm Thị Thu Hương",
            "Hộ gia đình (1) 5 Lã Văn Hòa",
            "Đinh Thị Ngọc Lan",
            "Hà Văn Huyện",
            # The units behind their quota: minimum, accepted, missing.
            flat(_("UNITS BEHIND THEIR QUOTA IN %(year)s") % {"year": YEAR}),
            "Báo và Phát thanh, Truyền hình Ninh Bình",
            "Sở Nội vụ 1 0 1",
            "Huyện Gia Viễn 5 1 4",
            "Huyện Kim Sơn 5 0 5",
            "Xã Kim Chính Huyện Kim Sơn 1 0 1",
            f"{_('Total')} 13 1 12",
            # Introductions, proposals, coverage.
            "Người điều dưỡng tận tâm",
            "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "1234/QĐ-UBND 20/12/2025",
            "Người giữ nhịp tim cho bệnh nhân nặng",
            "Nơi nhận:",
            "GIÁM ĐỐC",
        ]:
            assert expected in text, expected
        # One group per subject kind.
        assert f"{individual} (1)" not in text
        for absent in [
            "Tên Đã Đổi Sau Công Bố",
            "Ngô Văn Công Nhận Muộn",
            "Lê Văn Nháp",
            "Trần Năm Trước",
            "Vũ Văn Chờ",
            "Bùi Thị Trình",
        ]:
            assert absent not in text, absent
        # Not issued yet: a draft without number or day.
        assert is_draft(text)
        assert f"Ninh Bình, ngày tháng năm {timezone.localdate().year}" in text

    def test_a_campaign_version_counts_the_campaign_only(
        self, world, records, movement, client_for, django_capture_on_commit_callbacks
    ):
        by = world.user("home_affairs")
        consolidation = consolidating.create(year=YEAR, campaign=movement, by=by)
        version = consolidating.publish(consolidation=consolidation, by=by)
        client = client_for(by)
        start_render(client, version, django_capture_on_commit_callbacks)
        download = client.get(pdf_url(version))
        assert f"bao-cao-dien-hinh-2025-{movement.code}-v1" in download["Content-Disposition"]
        text = flat(pdf_text(downloaded(download)))
        assert flat(f"{report_subject()} – {MOVEMENT}") in text
        assert f"{consolidating.total_labels()['accepted']} 2" in text
        assert "Đinh Thị Ngọc Lan" in text and "Phạm Thị Thu Hương" in text
        assert "Khoa Hồi sức tích cực" not in text and "Lã Văn Hòa" not in text
        assert is_draft(text)

    def test_progress_of_a_queued_render(self, world, published, client_for):
        render = DocumentRender.objects.create(
            version=published, language="vi", requested_by=world.user("home_affairs")
        )
        assert render.status == DocumentRender.Status.QUEUED
        client = client_for(world.user("leader"))
        fragment = client.get(pdf_url(published), {"progress": 1})
        assert fragment.status_code == 200
        html = fragment.content.decode()
        assert 'hx-trigger="every 2s"' in html
        assert f'hx-get="{pdf_url(published)}?progress=1"' in html
        assert "Đang chờ xử lý" in html
        assert '<progress class="w-100" max="100" value="0"' in html
        assert "Bạn có thể rời trang này và quay lại sau; trang tự cập nhật." in html
        assert "Tải tệp PDF" not in html

        DocumentRender.objects.filter(pk=render.pk).update(
            status=DocumentRender.Status.RUNNING,
            stage=DocumentRender.Stage.LAYING_OUT,
            progress=20,
        )
        html = client.get(pdf_url(published), {"progress": 1}).content.decode()
        assert 'hx-trigger="every 2s"' in html
        assert "Đang dàn trang" in html and 'value="20"' in html

        # Not ready: the download sends back to the version page, for the DOCX too.
        response = client.get(pdf_url(published))
        assert response.status_code == 302
        assert response["Location"] == published.get_absolute_url()
        assert client.get(pdf_url(published), {"format": "docx"}).status_code == 302
        # The version page carries the same polling fragment.
        page = client.get(published.get_absolute_url()).content.decode()
        assert 'id="render-progress"' in page and 'hx-trigger="every 2s"' in page

    def test_before_any_render_the_fragment_offers_to_prepare(self, world, published, client_for):
        html = client_for(world.user("leader")).get(pdf_url(published), {"progress": 1})
        html = html.content.decode()
        assert "hx-trigger" not in html
        assert "Tạo tệp PDF" in html
        assert f'action="{pdf_url(published)}"' in html

    def test_a_failed_render_is_marked_and_can_be_tried_again(
        self, world, published, client_for, django_capture_on_commit_callbacks, monkeypatch
    ):
        def broken(html, **kwargs):
            raise RuntimeError("Hết bộ nhớ khi dàn trang")

        monkeypatch.setattr(rendering, "lay_out", broken)
        client = client_for(world.user("home_affairs"))
        response = start_render(client, published, django_capture_on_commit_callbacks)
        assert response.status_code == 302
        render = DocumentRender.objects.get()
        assert render.status == DocumentRender.Status.FAILED
        assert "Hết bộ nhớ khi dàn trang" in render.error
        assert not render.file and render.progress < 100
        assert render.finished_at is not None

        html = client.get(pdf_url(published), {"progress": 1}).content.decode()
        assert "hx-trigger" not in html
        assert "Không tạo được tệp PDF." in html and "Thử lại" in html
        assert client.get(pdf_url(published)).status_code == 302

        monkeypatch.undo()
        start_render(client, published, django_capture_on_commit_callbacks)
        assert DocumentRender.objects.count() == 1
        render = DocumentRender.objects.get()
        assert render.status == DocumentRender.Status.DONE
        assert render.error == "" and render.pages > 0 and render.progress == 100
        assert client.get(pdf_url(published))["Content-Type"] == "application/pdf"

    def test_each_version_has_its_own_pdf(
        self, world, published, records, client_for, django_capture_on_commit_callbacks
    ):
        by = world.user("home_affairs")
        consolidation = published.consolidation
        client = client_for(by)
        start_render(client, published, django_capture_on_commit_callbacks)
        Exemplar.objects.filter(pk=records["khoa"].pk).update(status=S.RETURNED)
        consolidating.reopen(consolidation=consolidation, by=by, reason="Trả lại hồ sơ Khoa.")
        second = consolidating.publish(consolidation=consolidation, by=by)
        start_render(client, second, django_capture_on_commit_callbacks)
        assert DocumentRender.objects.count() == 2
        first_download = client.get(pdf_url(published))
        second_download = client.get(pdf_url(second))
        assert "bao-cao-dien-hinh-2025-v1-du-thao" in first_download["Content-Disposition"]
        assert "bao-cao-dien-hinh-2025-v2-du-thao" in second_download["Content-Disposition"]
        labels = consolidating.total_labels()
        first_text = flat(pdf_text(downloaded(first_download)))
        second_text = flat(pdf_text(downloaded(second_download)))
        assert "Khoa Hồi sức tích cực" in first_text and f"{labels['accepted']} 5" in first_text
        assert "Khoa Hồi sức tích cực" not in second_text
        assert f"{labels['accepted']} 4" in second_text

    def test_an_english_reader_gets_the_same_vietnamese_report(
        self, world, published, client_for, django_capture_on_commit_callbacks, counted_layouts
    ):
        client = client_for(world.user("home_affairs"))
        start_render(client, published, django_capture_on_commit_callbacks)
        vietnamese = downloaded(client.get(pdf_url(published)))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        # The page is in English for this reader; the report is the one already rendered.
        page = client.get(published.get_absolute_url())
        assert '<html lang="en"' in page.content.decode()
        start_render(client, published, django_capture_on_commit_callbacks)
        assert list(DocumentRender.objects.values_list("language", flat=True)) == ["vi"]
        assert len(counted_layouts) == 1
        assert downloaded(client.get(pdf_url(published))) == vietnamese
        # Had it been rendered now, for this reader, it would still be in Vietnamese.
        DocumentRender.objects.all().delete()
        start_render(client, published, django_capture_on_commit_callbacks)
        render = DocumentRender.objects.get()
        assert render.language == "vi" and render.status == DocumentRender.Status.DONE
        text = flat(pdf_text(downloaded(client.get(pdf_url(published)))))
        with translation.override("vi"):
            vietnamese_header, subject = _("No."), flat(report_subject())
        with translation.override("en"):
            english_header = _("No.")
        assert vietnamese_header != english_header
        assert f"{vietnamese_header} " in text and subject in text
        assert f"{english_header} " not in text
        assert NATIONAL_TITLE in text and MOTTO in text
        assert "Đinh Thị Ngọc Lan" in text

    def test_issuing_the_report_numbers_it_and_the_version(
        self, world, published, django_capture_on_commit_callbacks
    ):
        """The number comes from Home Affairs' register when the report is issued, not from
        publishing; the worker renders the issued files."""
        assert published.document_number == ""
        signer = Signer.objects.create(
            unit=world.home_affairs_unit,
            full_name="Nguyễn Văn Thành",
            position="Phó Giám đốc",
            authority=Signer.Authority.DEPUTY,
            principal="Giám đốc",
        )
        day = datetime.date(2026, 3, 5)
        with django_capture_on_commit_callbacks(execute=True):
            issued = issuing.issue(
                kind=IssuedDocument.Kind.CONSOLIDATED_REPORT,
                params={"version": published.pk, "narrative": NARRATIVE},
                signer=signer,
                day=day,
                user=world.user("home_affairs"),
                version=published,
            )
        issued.refresh_from_db()
        assert issued.status == IssuedDocument.Status.READY, issued.error
        assert issued.number == 1 and issued.number_text.startswith("01/BC-")
        published.refresh_from_db()
        assert published.document_number == issued.number_text
        text = flat(pdf_text(issued.pdf.read()))
        issued.pdf.close()
        assert f"Số: {issued.number_text}" in text
        assert "Ninh Bình, ngày 05 tháng 3 năm 2026" in text
        assert f"(Kèm theo Báo cáo số {issued.number_text} ngày 05/3/2026 của Sở Nội vụ)" in text
        assert "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" in text and "Nguyễn Văn Thành" in text
        assert NARRATIVE["shortcomings"] in text
        assert DRAFT_MARK not in text
        # The issued xlsx says which document it belongs to.
        particulars = xlsx_particulars(issued.xlsx.read())
        issued.xlsx.close()
        assert particulars[particular("Number")] == issued.number_text
        assert particulars[particular("Version")] == _("Consolidation version %(number)s") % {
            "number": 1
        }


def expected_sheet_titles() -> list[str]:
    """The sheets of the report's workbook: its tables in the order of the document, the key
    figures and the dimensions of the body, then the annexes' tables."""
    used: set[str] = set()
    titles = [
        _("Key figures"),
        *consolidating.dimension_labels().values(),
        _("Accepted exemplars"),
        _("Units behind quota"),
        _("By unit"),
        _("Commendation proposals"),
        _("Introductions to the media"),
        _("Coverage published"),
    ]
    return [sheet_title(title, used) for title in titles]


class TestVersionXlsx:
    def test_sheets_and_rows(self, world, published, client_for):
        response = client_for(world.user("administrator")).get(xlsx_url(published))
        assert response.status_code == 200
        assert "bao-cao-dien-hinh-2025-v1.xlsx" in response["Content-Disposition"]
        content = response.content
        titles = load_workbook(io.BytesIO(content)).sheetnames
        assert titles == expected_sheet_titles()
        assert titles[1:3] == ["Theo loại đơn vị", "Theo huyện, xã"]

        # The first sheet says which document it belongs to.
        particulars = xlsx_particulars(content)
        assert particulars[particular("Issued by")] == "SỞ NỘI VỤ"
        assert particulars[particular("Document")] == f"BÁO CÁO: {report_subject()}"
        assert particular("Draft") in particulars[particular("Number")]
        assert particulars[particular("Version")] == _("Consolidation version %(number)s") % {
            "number": 1
        }

        labels = consolidating.total_labels()
        figures = {row[1]: row[2] for row in xlsx_rows(content)[1:]}
        assert figures[labels["accepted"]] == 5
        assert figures[labels["units_met"]] == 3
        assert figures[labels["units_behind"]] == 5
        assert figures[labels["coverage"]] == 2
        assert xlsx_table(content, "Theo loại đơn vị")[1:] == [
            (1, "Sở, ban, ngành", 3),
            (2, "Huyện, thành phố thuộc tỉnh", 1),
            (3, "Xã, phường, đặc khu", 1),
            (None, _("Total"), 5),
        ]

        # The accepted exemplars: collectives, then individuals, then households, in groups,
        # numbered throughout.
        accepted = xlsx_table(content, titles[6])
        assert accepted[0][:2] == (_("No."), _("Name"))
        assert group_labels(accepted) == [
            f"{SubjectKind.COLLECTIVE.label} (1)",
            f"{SubjectKind.INDIVIDUAL.label} (3)",
            f"{SubjectKind.HOUSEHOLD.label} (1)",
        ]
        rows = xlsx_rows(content, titles[6])[1:]
        assert [row[1] for row in rows] == [
            "Khoa Hồi sức tích cực",
            "Phạm Thị Thu Hương",
            "Đinh Thị Ngọc Lan",
            "Hà Văn Huyện",
            "Lã Văn Hòa",
        ]
        assert [row[0] for row in rows] == [1, 2, 3, 4, 5]
        assert rows[0][3] == "Sở Y tế" and rows[4][3] == "Xã Gia Vân"

        # Only the units behind their quota, with what they miss.
        behind = {row[1]: row for row in xlsx_rows(content, titles[7])[1:]}
        assert sorted(behind) == sorted(
            [
                "Báo và Phát thanh, Truyền hình Ninh Bình",
                "Sở Nội vụ",
                "Huyện Gia Viễn",
                "Huyện Kim Sơn",
                "Xã Kim Chính",
            ]
        )
        assert behind["Huyện Gia Viễn"][3:] == (5, 1, 4)
        assert behind["Xã Kim Chính"][2:] == ("Huyện Kim Sơn", 1, 0, 1)
        assert xlsx_table(content, titles[7])[-1][2:] == (_("Total"), 13, 1, 12)

        by_unit = {row[1]: row for row in xlsx_rows(content, titles[8])[1:]}
        assert len(by_unit) == 4
        assert by_unit["Sở Y tế"][4:] == (2, 1, 1, 0)
        assert by_unit["Xã Gia Vân"][3:] == ("Huyện Gia Viễn", 1, 0, 0, 1)

        proposals = xlsx_rows(content, titles[9])[1:]
        assert [(row[1], row[5]) for row in proposals] == [
            ("Phạm Thị Thu Hương", str(AwardProposal.Status.PROPOSED.label)),
            ("Đinh Thị Ngọc Lan", str(AwardProposal.Status.CONFERRED.label)),
        ]
        assert proposals[1][6] == "1234/QĐ-UBND 20/12/2025"
        introductions = xlsx_rows(content, titles[10])[1:]
        assert [(row[1], row[4]) for row in introductions] == [
            ("Đinh Thị Ngọc Lan", datetime.datetime(2025, 6, 11))
        ]
        coverage = xlsx_rows(content, titles[11])[1:]
        assert [row[1] for row in coverage] == [
            "Người giữ nhịp tim cho bệnh nhân nặng",
            "Gia đình làm giàu trên đồng chiêm trũng",
        ]
        assert coverage[0][4] == datetime.datetime(2025, 7, 1)

    def test_the_live_xlsx_follows_the_records(self, world, records, client_for):
        by = world.user("home_affairs")
        consolidation = consolidating.create(year=YEAR, campaign=None, by=by)
        client = client_for(by)
        live_url = reverse("reports:consolidation_xlsx", kwargs={"pk": consolidation.pk})
        sheet = _("Accepted exemplars")
        first = client.get(live_url).content
        assert len(xlsx_rows(first, sheet)) == 1 + 5
        assert xlsx_particulars(first)[particular("Version")] == _("Live consolidation")
        exemplar(world.dept_b, full_name="Ngô Văn Công Nhận Muộn")
        response = client.get(live_url)
        assert "bao-cao-dien-hinh-2025.xlsx" in response["Content-Disposition"]
        names = [row[1] for row in xlsx_rows(response.content, sheet)[1:]]
        assert "Ngô Văn Công Nhận Muộn" in names and len(names) == 6


# 6. Hostile text in a record ------------------------------------------------------------------

HOSTILE_NAME = 'Ngô Văn Hiểm <img src="file:///etc/passwd">'
HOSTILE_TEXT = '<link rel="stylesheet" href="http://example.com/x.css"> Thành tích.'


def test_hostile_text_still_renders_and_nothing_is_fetched(
    world, records, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    asked = []
    real_fetch = RestrictedFetcher.fetch

    def recording(self, url, headers=None):
        asked.append(url)
        return real_fetch(self, url, headers)

    monkeypatch.setattr(RestrictedFetcher, "fetch", recording)
    exemplar(
        world.dept_a,
        full_name=HOSTILE_NAME,
        position=HOSTILE_TEXT,
        achievements=HOSTILE_NAME + HOSTILE_TEXT,
    )
    by = world.user("home_affairs")
    consolidation = consolidating.create(year=YEAR, campaign=None, by=by)
    version = consolidating.publish(consolidation=consolidation, by=by)
    client = client_for(by)
    start_render(client, version, django_capture_on_commit_callbacks)

    render = DocumentRender.objects.get()
    assert render.status == DocumentRender.Status.DONE, render.error
    assert render.pages > 0
    # Only the project's stylesheet and its fonts were asked for; the markup was text, never
    # fetched.
    assert asked[0] == STYLESHEET
    assert all(url.startswith(FONTS) and url.endswith(".ttf") for url in asked[1:])
    assert not any("passwd" in url or "example.com" in url for url in asked)
    text = flat(pdf_text(downloaded(client.get(pdf_url(version)))))
    assert "Ngô Văn Hiểm" in text
    # Shown as the text it is (the PDF breaks long words across lines).
    letters = "".join(text.split())
    assert '<imgsrc="file:///etc/passwd">' in letters
    assert '<linkrel="stylesheet"href="http://example.com/x.css">' in letters
    # The version page shows it as text too.
    page = client.get(version.get_absolute_url()).content.decode()
    assert '<img src="file:///etc/passwd">' not in page
    assert "Ngô Văn Hiểm &lt;img src=&quot;file:///etc/passwd&quot;&gt;" in page


def test_the_fetcher_refuses_what_hostile_markup_would_name(db):
    """Should the markup ever escape autoescaping, the consolidated report's fetcher would
    still refuse it."""
    fetcher = RestrictedFetcher()
    for url in ["file:///etc/passwd", "http://example.com/x.css"]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.refused == ["file:///etc/passwd", "http://example.com/x.css"]
    assert fetcher.served == []


# 7. The commendation proposal list with its submission letter --------------------------------

COLLECTIVE_TITLE = "tap-the-lao-dong-xuat-sac"


@pytest.fixture
def proposals(world):
    """Proposals of 2025. Sở Y tế proposes Lan (awaiting appraisal), Khoa Nhi (agreed), Bị
    Loại (not agreed) and Đã Khen (conferred); Sở GD-ĐT proposes Hương (needs more) and Đồng
    Ý (agreed); Home Affairs proposes Hòa of Xã Gia Vân and Tuyết of Sở Y tế (both agreed).
    Sở Y tế also proposed Năm Trước for 2024 (agreed)."""
    P = AwardProposal.Status
    editor_a, editor_b = world.user("editor_a"), world.user("editor_b")
    home_affairs = world.user("home_affairs")
    a, b, snv = world.dept_a, world.dept_b, world.home_affairs_unit
    made = {
        "lan": exemplar(a, full_name="Đinh Thị Ngọc Lan"),
        "khoa": exemplar(
            a, subject_kind=SubjectKind.COLLECTIVE, full_name="", collective_name="Khoa Nhi"
        ),
        "bi_loai": exemplar(a, full_name="Trần Văn Bị Loại"),
        "da_khen": exemplar(a, full_name="Cao Văn Đã Khen"),
        "huong": exemplar(b, full_name="Phạm Thị Thu Hương"),
        "dong_y": exemplar(b, full_name="Vũ Thị Đồng Ý"),
        "hoa": exemplar(
            world.commune_a,
            subject_kind=SubjectKind.HOUSEHOLD,
            full_name="",
            household_head="Lã Văn Hòa",
        ),
        "tuyet": exemplar(a, full_name="Hoàng Thị Tuyết"),
        "old": exemplar(a, full_name="Trần Năm Trước", year=2024),
    }
    propose(made["lan"], PROVINCIAL_MERIT, unit=a, by=editor_a)
    propose(made["khoa"], COLLECTIVE_TITLE, unit=a, by=editor_a, status=P.AGREED)
    propose(made["bi_loai"], PROVINCIAL_MERIT, unit=a, by=editor_a, status=P.NOT_AGREED)
    propose(
        made["da_khen"],
        PROVINCIAL_MERIT,
        unit=a,
        by=editor_a,
        status=P.CONFERRED,
        decision_number="99/QĐ-UBND",
        decision_date=datetime.date(2025, 12, 1),
    )
    propose(made["huong"], PROVINCIAL_FIGHTER, unit=b, by=editor_b, status=P.NEEDS_MORE)
    propose(made["dong_y"], PROVINCIAL_MERIT, unit=b, by=editor_b, status=P.AGREED)
    propose(made["hoa"], PROVINCIAL_MERIT, unit=snv, by=home_affairs, status=P.AGREED)
    propose(made["tuyet"], PROVINCIAL_FIGHTER, unit=snv, by=home_affairs, status=P.AGREED)
    propose(made["old"], PROVINCIAL_MERIT, unit=a, by=editor_a, year=2024, status=P.AGREED)
    return made


# Agreed at the appraisal, awaiting the chair's decision: what Home Affairs submits.
AGREED_2025 = ["Khoa Nhi", "Vũ Thị Đồng Ý", "Lã Văn Hòa", "Hoàng Thị Tuyết"]
# Awaiting appraisal, needing more, not agreed, conferred: not for the chair.
NOT_FOR_THE_CHAIR = [
    "Đinh Thị Ngọc Lan",
    "Phạm Thị Thu Hương",
    "Trần Văn Bị Loại",
    "Cao Văn Đã Khen",
]
# Everything Sở Y tế proposed for 2025, whatever became of it.
DEPT_A_2025 = ["Đinh Thị Ngọc Lan", "Khoa Nhi", "Trần Văn Bị Loại", "Cao Văn Đã Khen"]
DEPT_B_2025 = ["Phạm Thị Thu Hương", "Vũ Thị Đồng Ý"]
MERIT = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
FIGHTER = "Chiến sĩ thi đua cấp tỉnh"
COLLECTIVE = "Tập thể lao động xuất sắc"


def list_url(fmt="xlsx", year=YEAR):
    return f"{reverse('reports:document_proposal_list')}?year={year}&format={fmt}"


def subject(year=YEAR) -> str:
    return flat(_("Proposal for the commendation of advanced exemplars, %(year)s") % {"year": year})


def names_in_xlsx(response):
    """The names of the annexed list, numbered throughout; none when the letter has no list."""
    assert response.status_code == 200
    table = xlsx_table(response.content)
    if not table:
        return []
    rows = xlsx_rows(response.content)
    assert rows[0][:2] == (_("No."), _("Name"))
    assert [row[0] for row in rows[1:]] == list(range(1, len(rows)))
    return [row[1] for row in rows[1:]]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("editor_a", DEPT_A_2025),
        ("head_a", DEPT_A_2025),
        ("editor_b", DEPT_B_2025),
        ("commune_editor", []),
        ("home_affairs", AGREED_2025),
        ("leader", AGREED_2025),
        ("administrator", AGREED_2025),
    ],
)
def test_who_gets_which_proposals(world, proposals, client_for, persona, expected):
    response = client_for(world.user(persona)).get(list_url())
    assert sorted(names_in_xlsx(response)) == sorted(expected)


@pytest.mark.parametrize("persona", ["media", "district_reviewer"])
def test_those_who_neither_propose_nor_read_all_get_403(world, proposals, client_for, persona):
    client = client_for(world.user(persona))
    for fmt in ("pdf", "docx", "xlsx"):
        assert client.get(list_url(fmt)).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(world, client):
    response = client.get(list_url("pdf"))
    assert response.status_code == 302
    assert "login" in response["Location"] or "dang-nhap" in response["Location"]


def test_home_affairs_submits_the_agreed_proposals_to_the_provincial_chair(
    world, proposals, client_for
):
    client = client_for(world.user("home_affairs"))
    response = client.get(list_url("pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = flat(pdf_text(response.content))
    for expected in [
        NATIONAL_TITLE,
        MOTTO,
        "UBND TỈNH NINH BÌNH",
        "SỞ NỘI VỤ",
        "TỜ TRÌNH",
        subject(),
        flat(_("To: The Chair of the Provincial People's Committee")),
        # How many of each award, in the letter; who, in the annex.
        f"- {MERIT}: 2.",
        f"- {FIGHTER}: 1.",
        f"- {COLLECTIVE}: 1.",
        "Phụ lục",
        flat(_("LIST OF PROPOSALS FOR COMMENDATION, %(year)s") % {"year": YEAR}),
        "(Kèm theo Tờ trình số",
        "của Sở Nội vụ)",
        f"{MERIT} (2)",
        f"{FIGHTER} (1)",
        f"{COLLECTIVE} (1)",
        "Nơi nhận:",
        "GIÁM ĐỐC",
        *AGREED_2025,
    ]:
        assert expected in text, expected
    assert is_draft(text)
    for absent in [
        *NOT_FOR_THE_CHAIR,
        "Trần Năm Trước",
        flat(_("To: The Department of Home Affairs")),
    ]:
        assert absent not in text, absent
    # The xlsx is the same table, in the same order.
    xlsx = client.get(list_url("xlsx"))
    assert "to-trinh-khen-thuong-2025-du-thao.xlsx" in xlsx["Content-Disposition"]
    names = names_in_xlsx(xlsx)
    assert sorted(names) == sorted(AGREED_2025)
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions)


def test_rows_are_grouped_by_award(world, proposals, client_for):
    content = client_for(world.user("home_affairs")).get(list_url()).content
    table = xlsx_table(content)
    assert table[0][3:5] == (_("Kind"), _("Proposing unit"))
    # Each award heads its own proposals, with their count.
    groups: dict[str, list[str]] = {}
    current = None
    for row in table[1:]:
        if row[0] in group_labels(table):
            current = row[0]
            assert current not in groups, current
            groups[current] = []
        else:
            groups[current].append(row[1])
    assert {label: sorted(names) for label, names in groups.items()} == {
        f"{MERIT} (2)": ["Lã Văn Hòa", "Vũ Thị Đồng Ý"],
        f"{FIGHTER} (1)": ["Hoàng Thị Tuyết"],
        f"{COLLECTIVE} (1)": ["Khoa Nhi"],
    }
    by_name = {row[1]: row for row in xlsx_rows(content)[1:]}
    # The proposing unit, and the kind of commendation.
    assert by_name["Hoàng Thị Tuyết"][4] == "Sở Nội vụ"
    assert by_name["Vũ Thị Đồng Ý"][4] == "Sở Giáo dục và Đào tạo"
    assert by_name["Khoa Nhi"][4] == "Sở Y tế"
    assert by_name["Khoa Nhi"][3] == AwardTrack.objects.get(code="regular").label


def test_a_unit_submits_all_its_own_to_home_affairs(world, proposals, client_for):
    client = client_for(world.user("editor_a"))
    response = client.get(list_url("pdf"))
    assert response.status_code == 200
    text = flat(pdf_text(response.content))
    for expected in [
        NATIONAL_TITLE,
        "UBND TỈNH NINH BÌNH",
        "SỞ Y TẾ",
        "TỜ TRÌNH",
        subject(),
        flat(_("To: The Department of Home Affairs")),
        "(Kèm theo Tờ trình số",
        "của Sở Y tế)",
        "GIÁM ĐỐC",
        # Whatever became of them, the conferred one too.
        *DEPT_A_2025,
    ]:
        assert expected in text, expected
    assert is_draft(text)
    for absent in [
        flat(_("To: The Chair of the Provincial People's Committee")),
        "Phạm Thị Thu Hương",
        "Vũ Thị Đồng Ý",
        # Proposed by Home Affairs, not by the unit.
        "Hoàng Thị Tuyết",
        "Lã Văn Hòa",
        "Trần Năm Trước",
    ]:
        assert absent not in text, absent
    xlsx = client.get(list_url("xlsx"))
    assert f"to-trinh-khen-thuong-{YEAR}-{world.dept_a.code}".lower() in (
        xlsx["Content-Disposition"].lower()
    )
    table = xlsx_table(xlsx.content)
    assert table[0][3:5] == (_("Status"), _("Unit"))
    statuses = {row[1]: row[3] for row in xlsx_rows(xlsx.content)[1:]}
    P = AwardProposal.Status
    assert statuses == {
        "Đinh Thị Ngọc Lan": str(P.PROPOSED.label),
        "Khoa Nhi": str(P.AGREED.label),
        "Trần Văn Bị Loại": str(P.NOT_AGREED.label),
        "Cao Văn Đã Khen": str(P.CONFERRED.label),
    }


def test_a_unit_without_proposals_gets_a_letter_saying_so(world, proposals, client_for):
    client = client_for(world.user("commune_editor"))
    response = client.get(list_url("pdf"))
    assert response.status_code == 200
    text = flat(pdf_text(response.content))
    assert "ỦY BAN NHÂN DÂN XÃ GIA VÂN" in text
    assert flat(_("To: The Department of Home Affairs")) in text
    assert (
        flat(
            _("%(issuer)s has no proposal for commendation to submit for %(year)s.")
            % {"issuer": "Ủy ban nhân dân xã Gia Vân", "year": YEAR}
        )
        in text
    )
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in text
    assert "Lã Văn Hòa" not in text
    assert "Phụ lục" not in text
    # Its workbook still says which document it is, without a table.
    xlsx = client.get(list_url("xlsx")).content
    assert xlsx_table(xlsx) == []
    assert xlsx_particulars(xlsx)[particular("Issued by")] == "ỦY BAN NHÂN DÂN – XÃ GIA VÂN"


def test_the_year_filter(world, proposals, client_for):
    assert names_in_xlsx(client_for(world.user("editor_a")).get(list_url(year=2024))) == [
        "Trần Năm Trước"
    ]
    assert names_in_xlsx(client_for(world.user("home_affairs")).get(list_url(year=2024))) == [
        "Trần Năm Trước"
    ]
    text = flat(pdf_text(client_for(world.user("home_affairs")).get(list_url("pdf", 2024)).content))
    assert "Trần Năm Trước" in text and subject(2024) in text
    assert "Khoa Nhi" not in text


@pytest.mark.parametrize("year", ["abc", "1800", "99999", "", "2025.5"])
def test_a_bad_year_falls_back_to_this_year(world, proposals, client_for, year):
    client = client_for(world.user("home_affairs"))
    this_year = timezone.localdate().year
    response = client.get(list_url(year=year))
    assert response.status_code == 200
    assert f"to-trinh-khen-thuong-{this_year}-du-thao" in response["Content-Disposition"]
    expected = AGREED_2025 if this_year == YEAR else []
    assert sorted(names_in_xlsx(response)) == sorted(expected)
    pdf = client.get(list_url("pdf", year))
    assert pdf.status_code == 200
    assert subject(this_year) in flat(pdf_text(pdf.content))


def test_without_a_year_this_year_is_printed(world, proposals, client_for):
    client = client_for(world.user("home_affairs"))
    response = client.get(reverse("reports:document_proposal_list"), {"format": "xlsx"})
    assert response.status_code == 200
    this_year = timezone.localdate().year
    assert f"to-trinh-khen-thuong-{this_year}-du-thao" in response["Content-Disposition"]


@pytest.mark.parametrize("fmt", ["odt", "doc", "csv"])
def test_an_unknown_format_is_404(world, client_for, fmt):
    response = client_for(world.user("home_affairs")).get(list_url(fmt))
    assert response.status_code == 404


def test_the_submission_comes_as_docx_to_edit(world, proposals, client_for):
    response = client_for(world.user("home_affairs")).get(list_url("docx"))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    text = docx_text(response.content)
    assert "TỜ TRÌNH" in text and "Vũ Thị Đồng Ý" in text
    assert "Đinh Thị Ngọc Lan" not in text
