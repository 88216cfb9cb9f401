"""Printable documents per Decree 30/2020/NĐ-CP (PDF, DOCX and xlsx drafts): their heading,
text and annexes, their tables, who may print which, the language they are written in, and
the fetcher that loads nothing a document may not load."""

import io
import re

import docx
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from registry import services
from registry.enums import ExemplarStatus, SubjectKind
from reports import documents, issuing
from reports.layout import DRAFT_MARK, MOTTO, NATIONAL_TITLE
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
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
STYLESHEET = BASE_URL + "static/css/pdf.css"
FONTS = BASE_URL + "static/fonts/"


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def docx_text(content: bytes) -> str:
    word = docx.Document(io.BytesIO(content))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def docx_images(content: bytes) -> list:
    word = docx.Document(io.BytesIO(content))
    return [part for part in word.part.package.parts if part.content_type.startswith("image/")]


def xlsx_sheet(content: bytes, sheet: str | None = None):
    """A sheet of the workbook, by title; the first one by default."""
    book = load_workbook(io.BytesIO(content))
    return book[sheet] if sheet else book.worksheets[0]


def header_row(worksheet) -> int | None:
    """The row of a sheet's table header: where its filter starts (None: no table)."""
    ref = worksheet.auto_filter.ref
    return int(re.match(r"[A-Z]+(\d+)", ref).group(1)) if ref else None


def xlsx_table(content: bytes, sheet: str | None = None) -> list[tuple]:
    """The table of a sheet from its header row down: group rows, data rows, totals row.
    Empty when the sheet has no table."""
    worksheet = xlsx_sheet(content, sheet)
    first = header_row(worksheet)
    if first is None:
        return []
    return list(worksheet.iter_rows(min_row=first, values_only=True))


def xlsx_rows(content: bytes, sheet: str | None = None) -> list[tuple]:
    """The header and the numbered rows of a table (without group and totals rows)."""
    table = xlsx_table(content, sheet)
    return table[:1] + [row for row in table[1:] if isinstance(row[0], int)]


def group_labels(table: list[tuple]) -> list[str]:
    """The labels of the rows that head a group: text in the first cell, nothing else."""
    return [
        row[0]
        for row in table[1:]
        if isinstance(row[0], str) and all(cell is None for cell in row[1:])
    ]


def xlsx_particulars(content: bytes) -> dict:
    """The document's particulars above the first sheet's table: label -> value."""
    worksheet = xlsx_sheet(content)
    last = (header_row(worksheet) or worksheet.max_row + 2) - 1
    rows = worksheet.iter_rows(max_row=last, max_col=2, values_only=True)
    return {label: value for label, value in rows if label is not None}


def particular(label: str) -> str:
    return pgettext("document particulars", label)


def is_draft(text: str) -> bool:
    """A draft is marked and its number is left blank ("Số:      /BC-SYT")."""
    return DRAFT_MARK in text and re.search(r"Số: /[A-Za-z]+-[A-Z]+", text) is not None


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


def kind_label(kind: SubjectKind) -> str:
    return str(kind.label)


def test_unit_report_pdf_has_the_decree_heading_the_narrative_and_the_list_as_annex(
    world, client_for, exemplars
):
    response = client_for(world.user("editor_a")).get(unit_url(world.dept_a))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "-du-thao.pdf" in response["Content-Disposition"]
    text = flat(pdf_text(response.content))
    collective, individual = kind_label(SubjectKind.COLLECTIVE), kind_label(SubjectKind.INDIVIDUAL)
    for expected in (
        NATIONAL_TITLE,
        MOTTO,
        "UBND TỈNH NINH BÌNH",
        "SỞ Y TẾ",
        "BÁO CÁO",
        flat(_("Advanced exemplars found and built in %(year)s") % {"year": YEAR}),
        flat(_("To: The Department of Home Affairs")),
        # The narrative counts what the annex lists: one collective, one individual, one of
        # them accepted.
        flat(
            ngettext(
                "In %(year)s %(unit)s found and put forward %(count)s advanced exemplar "
                "(%(kinds)s), of which %(accepted)s has been accepted by the Department "
                "of Home Affairs.",
                "In %(year)s %(unit)s found and put forward %(count)s advanced exemplars "
                "(%(kinds)s), of which %(accepted)s have been accepted by the Department "
                "of Home Affairs.",
                2,
            )
            % {
                "year": YEAR,
                "unit": "Sở Y tế",
                "count": 2,
                "kinds": f"1 {collective.lower()}, 1 {individual.lower()}",
                "accepted": 1,
            }
        ),
        "Nơi nhận:",
        "GIÁM ĐỐC",
        # The list is the annex, grouped by subject kind.
        "Phụ lục",
        flat(_("LIST OF ADVANCED EXEMPLARS OF %(year)s") % {"year": YEAR}),
        "(Kèm theo Báo cáo số",
        "của Sở Y tế)",
        f"{collective} (1) 1 Khoa Hồi sức tích cực",
        f"{individual} (1) 2 Nguyễn Thị Hạnh",
    ):
        assert expected in text, expected
    # Not issued yet: a draft, without number or day.
    assert is_draft(text)
    today = timezone.localdate()
    assert f"Ninh Bình, ngày tháng năm {today.year}" in text
    for absent in ("Lê Văn Nháp", "Trần Năm Trước", "Hoàng Đơn Vị Khác"):
        assert absent not in text


def test_unit_report_xlsx_is_the_annex_table_with_the_documents_particulars(
    world, client_for, exemplars
):
    response = client_for(world.user("editor_a")).get(unit_url(world.dept_a, "xlsx"))
    assert response.status_code == 200
    assert "-du-thao.xlsx" in response["Content-Disposition"]
    subject = _("Advanced exemplars found and built in %(year)s") % {"year": YEAR}
    particulars = xlsx_particulars(response.content)
    assert particulars[particular("Issued by")] == "SỞ Y TẾ"
    assert particulars[particular("Document")] == f"BÁO CÁO: {subject}"
    number = particulars[particular("Number")]
    assert number.strip().startswith("/BC-SYT")  # a draft: no number yet
    assert particular("Draft") in number
    assert particulars[particular("Date")].date() == timezone.localdate()
    sheet = xlsx_sheet(response.content)
    assert sheet.title == _("Exemplars")
    first = header_row(sheet)
    assert first == len(particulars) + 2
    assert sheet.freeze_panes == f"A{first + 1}"
    table = xlsx_table(response.content)
    assert table[0][:2] == (_("No."), _("Name"))
    # Collectives first, then individuals (the order of subject kinds), numbered throughout.
    assert group_labels(table) == [
        f"{kind_label(SubjectKind.COLLECTIVE)} (1)",
        f"{kind_label(SubjectKind.INDIVIDUAL)} (1)",
    ]
    rows = xlsx_rows(response.content)[1:]
    assert [row[1] for row in rows] == ["Khoa Hồi sức tích cực", "Nguyễn Thị Hạnh"]
    assert [row[0] for row in rows] == [1, 2]
    assert rows[1][-1] == str(ExemplarStatus.ACCEPTED.label)


def test_a_unit_without_exemplars_reports_so_without_an_annex(world, client_for, exemplars):
    response = client_for(world.user("commune_editor")).get(unit_url(world.commune_a))
    text = flat(pdf_text(response.content))
    # A People's Committee heads with its own name and signs on behalf of the collective.
    assert "ỦY BAN NHÂN DÂN XÃ GIA VÂN" in text
    assert "UBND TỈNH NINH BÌNH" not in text
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in text
    assert (
        flat(
            _("In %(year)s %(unit)s has put forward no advanced exemplar yet.")
            % {"year": YEAR, "unit": "Ủy ban nhân dân xã Gia Vân"}
        )
        in text
    )
    assert "Phụ lục" not in text
    assert "Nguyễn Thị Hạnh" not in text


def profile_document(exemplar, *, personal_data=True):
    with translation.override("vi"):
        return documents.exemplar_profile(exemplar=exemplar, personal_data=personal_data)


def test_profile_pdf_embeds_the_authorised_photo_only(world, client_for, exemplars):
    exemplar = exemplars["accepted"]
    services.attachment_add(
        exemplar=exemplar, upload=jpeg(), caption="Chân dung", by=world.user("editor_a")
    )
    photo = exemplar.attachments.get()
    document = profile_document(exemplar)
    # The document names its photo and authorises that one only.
    assert document.attachment_ids == [photo.pk]
    context = issuing.pdf_context(document)

    allowed = RestrictedFetcher(attachment_ids=document.attachment_ids)
    content = render_pdf(issuing.PDF_TEMPLATE, context, fetcher=allowed)
    assert f"portal-attachment:{photo.pk}" in allowed.served
    assert any(page.images for page in PdfReader(io.BytesIO(content)).pages)
    # The hostile achievement text is escaped, and the fetcher refuses what it names anyway.
    text = flat(pdf_text(content))
    assert "Tận tụy với người bệnh." in text
    assert not any("passwd" in url or "example.com" in url for url in allowed.served)

    # Without the authorisation the photo is refused and the document still renders.
    refused = RestrictedFetcher(attachment_ids=[])
    content = render_pdf(issuing.PDF_TEMPLATE, context, fetcher=refused)
    assert f"portal-attachment:{photo.pk}" in refused.refused
    assert not any(page.images for page in PdfReader(io.BytesIO(content)).pages)
    assert "Nguyễn Thị Hạnh" in flat(pdf_text(content))

    # Through the page too: the view authorises the exemplar's first photo, in the PDF and
    # in the DOCX.
    client = client_for(world.user("editor_a"))
    response = client.get(profile_url(exemplar))
    assert any(page.images for page in PdfReader(io.BytesIO(response.content)).pages)
    assert docx_images(client.get(profile_url(exemplar, "docx")).content)


def test_profile_hides_personal_data_from_those_not_allowed(world, client_for, exemplars):
    exemplar = exemplars["accepted"]
    exemplar.contact_phone = "0229 3871 999"
    exemplar.save()
    own = client_for(world.user("editor_a"))
    assert "0229 3871 999" in flat(pdf_text(own.get(profile_url(exemplar)).content))
    assert "0229 3871 999" in docx_text(own.get(profile_url(exemplar, "docx")).content)
    leader = client_for(world.user("leader"))
    text = flat(pdf_text(leader.get(profile_url(exemplar)).content))
    assert "0229 3871 999" not in text
    assert "Nguyễn Thị Hạnh" in text
    assert "0229 3871 999" not in docx_text(leader.get(profile_url(exemplar, "docx")).content)


def test_quota_report_names_the_units_behind_in_its_annex(world, client_for, exemplars):
    client = client_for(world.user("home_affairs"))
    response = client.get(quota_url())
    assert response.status_code == 200
    text = flat(pdf_text(response.content))
    for expected in (
        NATIONAL_TITLE,
        "UBND TỈNH NINH BÌNH",
        "SỞ NỘI VỤ",
        "BÁO CÁO",
        flat(_("Quota compliance in finding advanced exemplars, %(year)s") % {"year": YEAR}),
        "Phụ lục",
        flat(_("UNITS BEHIND THEIR QUOTA IN %(year)s") % {"year": YEAR}),
        "(Kèm theo Báo cáo số",
        "của Sở Nội vụ)",
        # Sở Nội vụ has no exemplar: minimum 1, sent up 0, accepted 0, missing 1.
        "Sở Nội vụ 1 0 0 1",
    ):
        assert expected in text, expected
    assert is_draft(text)
    # Sở Y tế has an accepted exemplar (minimum 1); Sở Giáo dục too.
    assert "Sở Y tế" not in text and "Sở Giáo dục và Đào tạo" not in text
    xlsx = client.get(quota_url("xlsx")).content
    behind = xlsx_rows(xlsx, _("Units behind quota"))
    names = [row[1] for row in behind[1:]]
    assert "Sở Nội vụ" in names
    assert "Sở Y tế" not in names and "Sở Giáo dục và Đào tạo" not in names
    # Grouped by unit kind, the totals row last.
    table = xlsx_table(xlsx, _("Units behind quota"))
    assert f"{world.dept_a.kind.name} (2)" in group_labels(table)
    assert _("Total") in table[-1]
    # The summary by unit kind opens the workbook, under the particulars.
    summary = xlsx_rows(xlsx)
    assert summary[0][1] == _("Unit kind")
    by_kind = {row[1]: row[2:] for row in summary[1:]}
    # Four departments with a quota, two of them met it (Sở Y tế, Sở Giáo dục).
    assert by_kind[world.dept_a.kind.name] == (4, 2, 2)


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


@pytest.mark.parametrize("fmt", ["odt", "html", "csv", "PDF", ""])
def test_an_unknown_format_is_404(world, client_for, fmt):
    response = client_for(world.user("home_affairs")).get(quota_url(fmt))
    assert response.status_code == 404


def test_each_draft_comes_as_pdf_docx_and_xlsx(world, client_for, exemplars):
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:document_quota_compliance")
    default = client.get(url, {"year": YEAR})
    assert default["Content-Type"] == "application/pdf"
    assert default.content.startswith(b"%PDF")
    editable = client.get(quota_url("docx"))
    assert editable.status_code == 200
    assert editable["Content-Type"] == DOCX_CONTENT_TYPE
    assert "attachment" in editable["Content-Disposition"]
    assert "-du-thao.docx" in editable["Content-Disposition"]
    text = docx_text(editable.content)
    assert NATIONAL_TITLE in text and "SỞ NỘI VỤ" in text and "Sở Nội vụ" in text
    assert DRAFT_MARK in text


def test_documents_are_in_vietnamese_whatever_the_readers_language(world, client_for, exemplars):
    client = client_for(world.user("editor_a"))
    vietnamese_pdf = flat(pdf_text(client.get(unit_url(world.dept_a)).content))
    vietnamese_xlsx = xlsx_table(client.get(unit_url(world.dept_a, "xlsx")).content)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # The interface is in English for this reader…
    page = client.get(reverse("registry:unit_detail", kwargs={"code": world.dept_a.code}))
    assert page.status_code == 200 and '<html lang="en"' in page.content.decode()
    # …but the documents are the Vietnamese ones.
    english_pdf = flat(pdf_text(client.get(unit_url(world.dept_a)).content))
    english_xlsx = xlsx_table(client.get(unit_url(world.dept_a, "xlsx")).content)
    assert english_pdf == vietnamese_pdf
    assert english_xlsx == vietnamese_xlsx
    # (The request left English active in this thread: name each language.)
    with translation.override("vi"):
        vietnamese_header = _("No.")
    with translation.override("en"):
        english_header = _("No.")
    assert english_xlsx[0][0] == vietnamese_header != english_header


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
    # The stylesheet, then the fonts it names (shipped under static/fonts), nothing else.
    assert fetcher.served[0] == STYLESHEET
    assert FONTS + "LiberationSerif-Regular.ttf" in fetcher.served
    assert all(url.startswith(FONTS) and url.endswith(".ttf") for url in fetcher.served[1:])
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
