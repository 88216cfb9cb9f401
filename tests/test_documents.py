"""Printable documents (PDF and xlsx) per Decree 30/2020/NĐ-CP: their text, their tables,
who may print which, and the fetcher that loads nothing a document may not load."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from registry import services
from registry.enums import ExemplarStatus, SubjectKind
from reports import documents
from reports.pdf import BASE_URL, RestrictedFetcher, render_pdf
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration

YEAR = 2025
HOSTILE = (
    'Tận tụy với người bệnh. <img src="file:///etc/passwd">'
    '<link rel="stylesheet" href="http://example.com/x.css">'
    '<span style="background: url(file:///etc/shadow)">x</span>'
    '<img src="/static/../../etc/passwd">'
)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def xlsx_rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows(values_only=True))


def jpeg(colour=(180, 40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), colour).save(buffer, "JPEG")
    return SimpleUploadedFile("chan-dung.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def exemplars(world):
    unit = world.dept_a
    make = ExemplarFactory
    return {
        "accepted": make(
            unit=unit,
            year=YEAR,
            full_name="Nguyễn Thị Hạnh",
            status=ExemplarStatus.ACCEPTED,
            achievements=HOSTILE,
        ),
        "collective": make(
            unit=unit,
            year=YEAR,
            subject_kind=SubjectKind.COLLECTIVE,
            full_name="",
            collective_name="Khoa Hồi sức tích cực",
            head_name="Phạm Văn Long",
            member_count=24,
            status=ExemplarStatus.UNDER_REVIEW,
        ),
        "draft": make(unit=unit, year=YEAR, full_name="Lê Văn Nháp", status=ExemplarStatus.DRAFT),
        "other_year": make(
            unit=unit, year=YEAR - 1, full_name="Trần Năm Trước", status=ExemplarStatus.ACCEPTED
        ),
        "other_unit": make(
            unit=world.dept_b,
            year=YEAR,
            full_name="Hoàng Đơn Vị Khác",
            status=ExemplarStatus.ACCEPTED,
        ),
    }


def unit_url(unit, fmt="pdf"):
    url = reverse("reports:document_unit_exemplars", kwargs={"code": unit.code})
    return f"{url}?year={YEAR}&format={fmt}"


def profile_url(exemplar, fmt="pdf"):
    url = reverse("reports:document_exemplar_profile", kwargs={"code": exemplar.code})
    return f"{url}?format={fmt}"


def quota_url(fmt="pdf"):
    return f"{reverse('reports:document_quota_compliance')}?year={YEAR}&format={fmt}"


def test_unit_list_pdf_has_the_decree_heading_and_the_units_exemplars(world, client_for, exemplars):
    response = client_for(world.user("editor_a")).get(unit_url(world.dept_a))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = flat(pdf_text(response.content))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND TỈNH NINH BÌNH",
        "SỞ Y TẾ",
        flat(_("LIST OF ADVANCED EXEMPLARS")),
        "Nguyễn Thị Hạnh",
        "Khoa Hồi sức tích cực",
    ):
        assert expected in text, expected
    for absent in ("Lê Văn Nháp", "Trần Năm Trước", "Hoàng Đơn Vị Khác"):
        assert absent not in text


def test_unit_list_xlsx_is_the_same_table(world, client_for, exemplars):
    response = client_for(world.user("editor_a")).get(unit_url(world.dept_a, "xlsx"))
    assert response.status_code == 200
    rows = xlsx_rows(response.content)
    assert rows[0][0] == _("No.")
    names = [row[1] for row in rows[1:]]
    # Collectives first, then individuals (the order of subject kinds).
    assert names == ["Khoa Hồi sức tích cực", "Nguyễn Thị Hạnh"]
    assert [row[0] for row in rows[1:]] == [1, 2]


def test_profile_pdf_embeds_the_authorised_photo_only(world, client_for, exemplars):
    exemplar = exemplars["accepted"]
    services.attachment_add(
        exemplar=exemplar, upload=jpeg(), caption="Chân dung", by=world.user("editor_a")
    )
    fetcher = RestrictedFetcher(attachment_ids=[exemplar.attachments.get().pk])
    document = documents.exemplar_profile(exemplar=exemplar, personal_data=True)
    document.extra["photo_url"] = f"portal-attachment:{document.extra['photo'].pk}"
    content = render_pdf(
        "reports/pdf/exemplar_profile.html",
        {"document": document, "national_title": documents.NATIONAL_TITLE, **document.extra},
        fetcher=fetcher,
    )
    assert f"portal-attachment:{exemplar.attachments.get().pk}" in fetcher.served
    reader = PdfReader(io.BytesIO(content))
    assert any(page.images for page in reader.pages)
    # The hostile achievement text is escaped, and the fetcher refuses what it names anyway.
    text = flat(pdf_text(content))
    assert "Tận tụy với người bệnh." in text
    # Through the page too: the view authorises the exemplar's first photo.
    response = client_for(world.user("editor_a")).get(profile_url(exemplar))
    assert any(page.images for page in PdfReader(io.BytesIO(response.content)).pages)
    assert not any("passwd" in url or "example.com" in url for url in fetcher.served)


def test_profile_hides_personal_data_from_those_not_allowed(world, client_for, exemplars):
    exemplar = exemplars["accepted"]
    exemplar.contact_phone = "0229 3871 999"
    exemplar.save()
    own = pdf_text(client_for(world.user("editor_a")).get(profile_url(exemplar)).content)
    assert "0229 3871 999" in flat(own)
    leader = pdf_text(client_for(world.user("leader")).get(profile_url(exemplar)).content)
    assert "0229 3871 999" not in flat(leader)
    assert "Nguyễn Thị Hạnh" in flat(leader)


def test_quota_report_names_the_units_behind(world, client_for, exemplars):
    response = client_for(world.user("home_affairs")).get(quota_url())
    assert response.status_code == 200
    text = flat(pdf_text(response.content))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "SỞ NỘI VỤ" in text
    assert flat(_("REPORT ON QUOTA COMPLIANCE")) in text
    # Sở Y tế has an accepted exemplar (minimum 1); Sở Giáo dục too; Sở Nội vụ has none.
    assert "Sở Nội vụ" in text
    assert "Sở Y tế" not in text
    xlsx = client_for(world.user("home_affairs")).get(quota_url("xlsx"))
    names = {row[1] for row in xlsx_rows(xlsx.content)[1:]}
    assert "Sở Nội vụ" in names
    assert "Sở Y tế" not in names and "Sở Giáo dục và Đào tạo" not in names


@pytest.mark.parametrize(
    ("persona", "unit", "expected"),
    [
        ("editor_a", "dept_a", 200),
        ("head_a", "dept_a", 200),
        ("editor_b", "dept_a", 404),
        ("commune_editor", "commune_a", 200),
        ("commune_editor", "commune_b", 404),
        ("district_reviewer", "commune_a", 200),
        ("district_reviewer", "commune_b", 404),
        ("media", "dept_a", 404),
        ("home_affairs", "dept_a", 200),
        ("leader", "commune_b", 200),
        ("administrator", "dept_b", 200),
    ],
)
def test_who_may_print_a_units_list(world, client_for, persona, unit, expected):
    response = client_for(world.user(persona)).get(unit_url(getattr(world, unit), "xlsx"))
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("editor_a", 200),
        ("editor_b", 404),
        ("commune_editor", 404),
        ("district_reviewer", 404),
        ("home_affairs", 200),
        ("leader", 200),
        ("administrator", 200),
    ],
)
def test_who_may_print_a_profile(world, client_for, exemplars, persona, expected):
    response = client_for(world.user(persona)).get(profile_url(exemplars["accepted"], "xlsx"))
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("editor_a", 403),
        ("head_a", 403),
        ("commune_editor", 403),
        ("district_reviewer", 403),
        ("media", 403),
        ("home_affairs", 200),
        ("leader", 200),
        ("administrator", 200),
    ],
)
def test_who_may_print_the_quota_report(world, client_for, persona, expected):
    response = client_for(world.user(persona)).get(quota_url("xlsx"))
    assert response.status_code == expected


def test_anonymous_users_are_sent_to_sign_in(world, client, exemplars):
    for url in (quota_url(), unit_url(world.dept_a), profile_url(exemplars["accepted"])):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response["Location"] or "dang-nhap" in response["Location"]


def test_an_unknown_format_is_404(world, client_for):
    response = client_for(world.user("home_affairs")).get(quota_url("docx"))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/x.css",
        "https://example.com/static/css/pdf.css",
        BASE_URL + "static/../../etc/passwd",
        BASE_URL + "static/%2e%2e/%2e%2e/etc/passwd",
        BASE_URL + "static/css/../../../etc/passwd",
        BASE_URL + "media/attachments/2025/x.jpg",
        "portal-attachment:999",
        "portal-attachment:../../etc/passwd",
        "data:text/css,body{}",
    ],
)
def test_the_fetcher_refuses_everything_else(db, url):
    fetcher = RestrictedFetcher(attachment_ids=[1])
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_fetcher_serves_the_projects_stylesheet(db):
    fetcher = RestrictedFetcher()
    response = fetcher.fetch(BASE_URL + "static/css/pdf.css")
    assert b"@page" in response.read()


def test_hostile_html_still_renders_and_nothing_is_fetched(world, exemplars, settings):
    """The fetcher holds on its own, even for markup that escaped autoescaping."""
    fetcher = RestrictedFetcher()
    from django.template import engines

    template = engines["django"].from_string(
        '<link rel="stylesheet" href="/static/css/pdf.css">'
        '<link rel="stylesheet" href="http://example.com/x.css">'
        '<p style="background: url(file:///etc/hostname)">Xin chào</p>'
        '<img src="file:///etc/passwd"><img src="/static/../../etc/passwd">'
    )
    from reports.pdf import HTML

    content = HTML(string=template.render({}), base_url=BASE_URL, url_fetcher=fetcher).write_pdf()
    assert "Xin chào" in pdf_text(content)
    assert fetcher.served == [BASE_URL + "static/css/pdf.css"]
    assert "http://example.com/x.css" in fetcher.refused
    assert "file:///etc/passwd" in fetcher.refused
    assert "file:///etc/hostname" in fetcher.refused
    assert any("etc/passwd" in url and url.startswith(BASE_URL) for url in fetcher.refused)


def test_the_photo_of_an_exemplar_not_authorised_is_refused(world, exemplars):
    mine = exemplars["accepted"]
    services.attachment_add(exemplar=mine, upload=jpeg(), caption="", by=world.user("editor_a"))
    fetcher = RestrictedFetcher(attachment_ids=[])
    with pytest.raises(ValueError):
        fetcher.fetch(f"portal-attachment:{mine.attachments.get().pk}")


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("editor_a", True), ("editor_b", False), ("home_affairs", True)],
)
def test_the_buttons_show_only_to_those_who_may_print(world, exemplars, rf, persona, shown):
    from django.template.loader import render_to_string

    user = world.user(persona)
    request = rf.get("/")
    request.user = user
    context = {"user": user, "unit": world.dept_a, "year": YEAR}
    unit_html = render_to_string("reports/document_buttons_unit.html", context, request)
    profile_html = render_to_string(
        "reports/document_buttons_exemplar.html",
        {"user": user, "exemplar": exemplars["accepted"]},
        request,
    )
    quota_html = render_to_string("reports/document_buttons_quota.html", context, request)
    assert (unit_url(world.dept_a).split("?")[0] in unit_html) is shown
    assert (profile_url(exemplars["accepted"]).split("?")[0] in profile_html) is shown
    assert (quota_url().split("?")[0] in quota_html) is (persona == "home_affairs")


def test_rendering_pdfs_does_not_loosen_the_upload_checks():
    """WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES when imported; the portal undoes it,
    so a truncated photo is still refused in a process that renders PDFs."""
    from PIL import ImageFile

    import reports.pdf  # noqa: F401

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
