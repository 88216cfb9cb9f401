"""The documents of issue 6: the consolidated report of a published version (rendered once
by the worker, its progress, its failures, its text per Decree 30), its xlsx, hostile text
in it, and the commendation proposal list with its submission letter."""

import datetime
import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from pypdf import PdfReader

from registry.enums import ExemplarStatus as S
from registry.enums import SubjectKind
from registry.models import Exemplar
from reports import consolidation as consolidating
from reports import rendering
from reports.models import AwardProposal, DocumentRender
from reports.pdf import BASE_URL, RestrictedFetcher
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
from tests.test_documents import flat, pdf_text, xlsx_rows

# Fixtures shared with tests/test_consolidation.py, found by pytest under these names.
SHARED_FIXTURES = [movement, records]

pytestmark = pytest.mark.integration

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NUMBER = "25/BC-SNV"


@pytest.fixture
def published(world, records):
    """The consolidation of 2025, published by Home Affairs as version 1."""
    by = world.user("home_affairs")
    consolidation = consolidating.create(year=YEAR, campaign=None, by=by)
    version = consolidating.publish(consolidation=consolidation, by=by, document_number=NUMBER)
    return version


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
        assert "bao-cao-tong-hop-2025-v1" in download["Content-Disposition"]

    def test_the_pdf_reads_as_the_decree_30_report(
        self, world, published, records, client_for, django_capture_on_commit_callbacks
    ):
        # Records change after publishing: the PDF is of the version, not of the records.
        Exemplar.objects.filter(pk=records["lan"].pk).update(full_name="Tên Đã Đổi Sau Công Bố")
        exemplar(world.dept_b, full_name="Ngô Văn Công Nhận Muộn")
        client = client_for(world.user("leader"))
        start_render(client, published, django_capture_on_commit_callbacks)
        text = flat(pdf_text(downloaded(client.get(pdf_url(published)))))
        for expected in [
            NATIONAL_TITLE,
            MOTTO,
            "UBND TỈNH NINH BÌNH",
            "SỞ NỘI VỤ",
            f"Số: {NUMBER}",
            "BÁO CÁO TỔNG HỢP",
            "điển hình tiên tiến năm 2025",
            "Phiên bản 1, công bố ngày",
            "I. Kết quả chung",
            # The totals, with their counts.
            "Điển hình được công nhận 5",
            "Điển hình đã gửi lên (đã gửi hoặc được công nhận) 7",
            "Đơn vị có điển hình được công nhận 4",
            "Đơn vị đạt chỉ tiêu 3",
            "Đơn vị chưa đạt chỉ tiêu 5",
            "Đề xuất khen thưởng 2",
            "Được khen thưởng 1",
            # The dimensions.
            "Sở, ban, ngành 3",
            "Các sở, ban, ngành, đoàn thể cấp tỉnh 3",
            "Huyện Gia Viễn 2",
            "Tập thể 1",
            "Cá nhân 3",
            "Hộ gia đình 1",
            f"{MOVEMENT} 2",
            "Không thuộc phong trào, cuộc vận động nào 3",
            # Quota, introductions, proposals, coverage.
            "5 đơn vị chưa đạt chỉ tiêu: Báo và Phát thanh, Truyền hình Ninh Bình, Sở Nội vụ, "
            "Huyện Gia Viễn, Huyện Kim Sơn, Xã Kim Chính.",
            "Người điều dưỡng tận tâm",
            "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "1234/QĐ-UBND 20/12/2025",
            "Người giữ nhịp tim cho bệnh nhân nặng",
            # The annex: the accepted exemplars as published, by subject kind.
            "PHỤ LỤC",
            "Tập thể (1) 1 Khoa Hồi sức tích cực",
            "Cá nhân (3) 2 Phạm Thị Thu Hương",
            "Hộ gia đình (1) 5 Lã Văn Hòa",
            "Đinh Thị Ngọc Lan",
            "Khoa Hồi sức tích cực",
            "Phạm Thị Thu Hương",
            "Lã Văn Hòa",
            "Hà Văn Huyện",
            "Nơi nhận:",
            "GIÁM ĐỐC",
        ]:
            assert expected in text, expected
        for absent in [
            "Tên Đã Đổi Sau Công Bố",
            "Ngô Văn Công Nhận Muộn",
            "Lê Văn Nháp",
            "Trần Năm Trước",
            "Vũ Văn Chờ",
            "Bùi Thị Trình",
        ]:
            assert absent not in text, absent
        # The place and date are those of publishing.
        day = timezone.localtime(published.published_at).date()
        assert f"Ninh Bình, ngày {day.day:02d} tháng" in text

    def test_a_campaign_version_counts_the_campaign_only(
        self, world, records, movement, client_for, django_capture_on_commit_callbacks
    ):
        by = world.user("home_affairs")
        consolidation = consolidating.create(year=YEAR, campaign=movement, by=by)
        version = consolidating.publish(consolidation=consolidation, by=by)
        client = client_for(by)
        start_render(client, version, django_capture_on_commit_callbacks)
        text = flat(pdf_text(downloaded(client.get(pdf_url(version)))))
        assert f"điển hình tiên tiến năm 2025 – {MOVEMENT}" in text
        assert "Điển hình được công nhận 2" in text
        assert "Đinh Thị Ngọc Lan" in text and "Phạm Thị Thu Hương" in text
        assert "Khoa Hồi sức tích cực" not in text and "Lã Văn Hòa" not in text
        # No number registered yet: the office writes it by hand.
        assert NUMBER not in text

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

        # Not ready: the download sends back to the version page.
        response = client.get(pdf_url(published))
        assert response.status_code == 302
        assert response["Location"] == published.get_absolute_url()
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
        second = consolidating.publish(consolidation=consolidation, by=by, document_number="3/BC")
        start_render(client, second, django_capture_on_commit_callbacks)
        assert DocumentRender.objects.count() == 2
        first_text = flat(pdf_text(downloaded(client.get(pdf_url(published)))))
        second_text = flat(pdf_text(downloaded(client.get(pdf_url(second)))))
        assert "Khoa Hồi sức tích cực" in first_text and f"Số: {NUMBER}" in first_text
        assert "Khoa Hồi sức tích cực" not in second_text and "Số: 3/BC" in second_text
        assert "Phiên bản 2" in second_text

    def test_each_language_has_its_own_file_with_the_national_title_in_vietnamese(
        self, world, published, client_for, django_capture_on_commit_callbacks
    ):
        client = client_for(world.user("home_affairs"))
        start_render(client, published, django_capture_on_commit_callbacks)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        start_render(client, published, django_capture_on_commit_callbacks)
        renders = dict(DocumentRender.objects.values_list("language", "status"))
        assert renders == {"vi": "done", "en": "done"}
        text = flat(pdf_text(downloaded(client.get(pdf_url(published)))))
        assert "CONSOLIDATED REPORT" in text and "BÁO CÁO TỔNG HỢP" not in text
        assert NATIONAL_TITLE in text and MOTTO in text
        assert "Đinh Thị Ngọc Lan" in text


class TestVersionXlsx:
    def test_sheets_and_rows(self, world, published, client_for):
        response = client_for(world.user("administrator")).get(xlsx_url(published))
        assert response.status_code == 200
        assert "bao-cao-tong-hop-2025-v1" in response["Content-Disposition"]
        workbook = load_workbook(io.BytesIO(response.content))
        sheets = {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}
        titles = [sheet.title for sheet in workbook]
        expected_titles = [
            _("CONSOLIDATED REPORT"),
            _("Summary"),
            *consolidating.dimension_labels().values(),
            _("By unit"),
            _("Quota compliance"),
            _("Introductions to the media"),
            _("Commendation proposals"),
            _("Coverage published"),
        ]
        assert titles == [str(title)[:31] for title in expected_titles]
        assert titles[:3] == ["BÁO CÁO TỔNG HỢP", "Tổng hợp", "Theo loại đơn vị"]

        main = sheets["BÁO CÁO TỔNG HỢP"]
        assert main[0][:2] == ("STT", "Tên")
        # Collectives, then individuals, then households; numbered throughout.
        assert [row[1] for row in main[1:]] == [
            "Khoa Hồi sức tích cực",
            "Phạm Thị Thu Hương",
            "Đinh Thị Ngọc Lan",
            "Hà Văn Huyện",
            "Lã Văn Hòa",
        ]
        assert [row[0] for row in main[1:]] == [1, 2, 3, 4, 5]
        assert [row[2] for row in main[1:]] == [
            "Tập thể",
            "Cá nhân",
            "Cá nhân",
            "Cá nhân",
            "Hộ gia đình",
        ]

        summary = dict(sheets["Tổng hợp"][1:])
        assert summary["Điển hình được công nhận"] == 5
        assert summary["Đơn vị đạt chỉ tiêu"] == 3
        assert summary["Đơn vị chưa đạt chỉ tiêu"] == 5
        assert summary["Tin, bài đã đăng, phát"] == 2
        assert sheets["Theo loại đơn vị"][1:] == [
            ("Sở, ban, ngành", 3),
            ("Huyện, thành phố thuộc tỉnh", 1),
            ("Xã, phường, đặc khu", 1),
        ]
        quota = {row[1]: row for row in sheets["Thực hiện chỉ tiêu"][1:]}
        assert len(quota) == 8
        assert quota["Sở Y tế"][4:] == (1, 2, "Đạt")
        assert quota["Xã Gia Vân"][3:] == ("Huyện Gia Viễn", 1, 1, "Đạt")
        assert quota["Huyện Gia Viễn"][4:] == (5, 1, "Chưa đạt")
        proposals = sheets["Đề xuất khen thưởng"][1:]
        assert [(row[1], row[5]) for row in proposals] == [
            ("Phạm Thị Thu Hương", "Chờ thẩm định"),
            ("Đinh Thị Ngọc Lan", "Đã khen thưởng"),
        ]
        assert proposals[1][6] == "1234/QĐ-UBND 20/12/2025"
        coverage = sheets["Tin, bài đã đăng, phát"][1:]
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
        assert len(xlsx_rows(client.get(live_url).content)) == 1 + 5
        exemplar(world.dept_b, full_name="Ngô Văn Công Nhận Muộn")
        response = client.get(live_url)
        assert "bao-cao-tong-hop-2025-du-thao" in response["Content-Disposition"]
        names = [row[1] for row in xlsx_rows(response.content)[1:]]
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
    # Only the project's stylesheet was asked for; the markup was text, never fetched.
    assert asked == [BASE_URL + "static/css/pdf.css"]
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
    """Proposals of 2025: Sở Y tế proposes Lan (awaiting appraisal), Khoa Hồi sức (agreed),
    Bị Loại (not agreed) and Đã Khen (conferred); Sở GD-ĐT proposes Hương (needs more); Home
    Affairs proposes Hòa of Xã Gia Vân and Tuyết of Sở Y tế. Sở Y tế also proposed Năm Trước
    for 2024."""
    P = AwardProposal.Status
    editor_a, home_affairs = world.user("editor_a"), world.user("home_affairs")
    a, snv = world.dept_a, world.home_affairs_unit
    made = {
        "lan": exemplar(a, full_name="Đinh Thị Ngọc Lan"),
        "khoa": exemplar(
            a, subject_kind=SubjectKind.COLLECTIVE, full_name="", collective_name="Khoa Nhi"
        ),
        "bi_loai": exemplar(a, full_name="Trần Văn Bị Loại"),
        "da_khen": exemplar(a, full_name="Cao Văn Đã Khen"),
        "huong": exemplar(world.dept_b, full_name="Phạm Thị Thu Hương"),
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
    propose(
        made["huong"],
        PROVINCIAL_FIGHTER,
        unit=world.dept_b,
        by=world.user("editor_b"),
        status=P.NEEDS_MORE,
    )
    propose(made["hoa"], PROVINCIAL_MERIT, unit=snv, by=home_affairs)
    propose(made["tuyet"], PROVINCIAL_FIGHTER, unit=snv, by=home_affairs)
    propose(made["old"], PROVINCIAL_MERIT, unit=a, by=editor_a, year=2024)
    return made


ALL_2025 = ["Đinh Thị Ngọc Lan", "Khoa Nhi", "Phạm Thị Thu Hương", "Lã Văn Hòa", "Hoàng Thị Tuyết"]
DEPT_A_2025 = ["Đinh Thị Ngọc Lan", "Khoa Nhi"]
NEVER = ["Trần Văn Bị Loại", "Cao Văn Đã Khen"]


def list_url(fmt="xlsx", year=YEAR):
    return f"{reverse('reports:document_proposal_list')}?year={year}&format={fmt}"


def names_in_xlsx(response):
    assert response.status_code == 200
    rows = xlsx_rows(response.content)
    assert rows[0][:2] == ("STT", "Tên")
    assert [row[0] for row in rows[1:]] == list(range(1, len(rows)))
    return [row[1] for row in rows[1:]]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("editor_a", DEPT_A_2025),
        ("head_a", DEPT_A_2025),
        ("editor_b", ["Phạm Thị Thu Hương"]),
        ("commune_editor", []),
        ("home_affairs", ALL_2025),
        ("leader", ALL_2025),
        ("administrator", ALL_2025),
    ],
)
def test_who_gets_which_proposals(world, proposals, client_for, persona, expected):
    response = client_for(world.user(persona)).get(list_url())
    assert sorted(names_in_xlsx(response)) == sorted(expected)


@pytest.mark.parametrize("persona", ["media", "district_reviewer"])
def test_those_who_neither_propose_nor_read_all_get_403(world, proposals, client_for, persona):
    client = client_for(world.user(persona))
    assert client.get(list_url("xlsx")).status_code == 403
    assert client.get(list_url("pdf")).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(world, client):
    response = client.get(list_url("pdf"))
    assert response.status_code == 302
    assert "login" in response["Location"] or "dang-nhap" in response["Location"]


def test_home_affairs_submits_to_the_provincial_chair(world, proposals, client_for):
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
        "Về việc đề nghị khen thưởng điển hình tiên tiến năm 2025",
        "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh",
        "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "Chiến sĩ thi đua cấp tỉnh",
        "Tập thể lao động xuất sắc",
        "GIÁM ĐỐC",
        *ALL_2025,
    ]:
        assert expected in text, expected
    for absent in [*NEVER, "Trần Năm Trước", "Sở Nội vụ (Ban Thi đua - Khen thưởng)"]:
        assert absent not in text, absent
    # The xlsx is the same table, in the same order.
    xlsx = names_in_xlsx(client.get(list_url("xlsx")))
    assert sorted(xlsx) == sorted(ALL_2025)
    positions = [text.index(name) for name in xlsx]
    assert positions == sorted(positions)


def test_rows_are_grouped_by_award(world, proposals, client_for):
    rows = xlsx_rows(client_for(world.user("home_affairs")).get(list_url()).content)[1:]
    awards = [row[4] for row in rows]
    # Each award's proposals come together.
    seen = []
    for award in awards:
        if not seen or seen[-1] != award:
            assert award not in seen, awards
            seen.append(award)
    assert sorted(seen) == sorted(
        [
            "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "Chiến sĩ thi đua cấp tỉnh",
            "Tập thể lao động xuất sắc",
        ]
    )
    by_name = {row[1]: row for row in rows}
    assert by_name["Hoàng Thị Tuyết"][6] == "Sở Nội vụ"
    assert by_name["Đinh Thị Ngọc Lan"][6] == "Sở Y tế"


def test_a_unit_submits_its_own_to_home_affairs(world, proposals, client_for):
    client = client_for(world.user("editor_a"))
    response = client.get(list_url("pdf"))
    assert response.status_code == 200
    text = flat(pdf_text(response.content))
    for expected in [
        NATIONAL_TITLE,
        "SỞ Y TẾ",
        "TỜ TRÌNH",
        "Kính gửi: Sở Nội vụ (Ban Thi đua - Khen thưởng)",
        "THỦ TRƯỞNG ĐƠN VỊ",
        *DEPT_A_2025,
    ]:
        assert expected in text, expected
    for absent in [
        "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh",
        "Phạm Thị Thu Hương",
        "Hoàng Thị Tuyết",
        "Lã Văn Hòa",
        *NEVER,
    ]:
        assert absent not in text, absent
    assert f"to-trinh-de-nghi-khen-thuong-{YEAR}-{world.dept_a.code}".lower() in (
        client.get(list_url("xlsx"))["Content-Disposition"].lower()
    )


def test_a_unit_without_proposals_gets_a_letter_saying_so(world, proposals, client_for):
    response = client_for(world.user("commune_editor")).get(list_url("pdf"))
    assert response.status_code == 200
    text = flat(pdf_text(response.content))
    assert "Kính gửi: Sở Nội vụ (Ban Thi đua - Khen thưởng)" in text
    assert "Lã Văn Hòa" not in text
    assert "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG" not in text


def test_the_year_filter(world, proposals, client_for):
    assert names_in_xlsx(client_for(world.user("editor_a")).get(list_url(year=2024))) == [
        "Trần Năm Trước"
    ]
    assert names_in_xlsx(client_for(world.user("home_affairs")).get(list_url(year=2024))) == [
        "Trần Năm Trước"
    ]
    text = flat(pdf_text(client_for(world.user("home_affairs")).get(list_url("pdf", 2024)).content))
    assert "Trần Năm Trước" in text and "năm 2024" in text
    assert "Đinh Thị Ngọc Lan" not in text


@pytest.mark.parametrize("year", ["abc", "1800", "99999", "", "2025.5"])
def test_a_bad_year_falls_back_to_this_year(world, proposals, client_for, year):
    client = client_for(world.user("home_affairs"))
    this_year = timezone.localdate().year
    response = client.get(list_url(year=year))
    assert response.status_code == 200
    assert f"to-trinh-de-nghi-khen-thuong-{this_year}" in response["Content-Disposition"]
    expected = ALL_2025 if this_year == YEAR else []
    assert sorted(names_in_xlsx(response)) == sorted(expected)
    pdf = client.get(list_url("pdf", year))
    assert pdf.status_code == 200
    assert f"năm {this_year}" in flat(pdf_text(pdf.content))


def test_without_a_year_this_year_is_printed(world, proposals, client_for):
    client = client_for(world.user("home_affairs"))
    response = client.get(reverse("reports:document_proposal_list"), {"format": "xlsx"})
    assert response.status_code == 200
    this_year = timezone.localdate().year
    assert f"to-trinh-de-nghi-khen-thuong-{this_year}" in response["Content-Disposition"]


def test_an_unknown_format_is_404(world, client_for):
    response = client_for(world.user("home_affairs")).get(list_url("docx"))
    assert response.status_code == 404
