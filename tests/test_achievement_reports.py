"""Achievement reports in the official forms (Decree 98/2023 Mẫu 02 and 03, the household's
on Mẫu 03; Decree 152/2025 from 1/7/2025), prefilled from the exemplar and its earlier
years, issued by its unit as PDF and DOCX; the signed scan uploaded back on the proposal."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from registry.enums import SubjectKind
from reports import achievement, issuing
from reports.models import AwardProposal, IssuedDocument, ProposalFile, Signer
from tests.factories.exemplars import ExemplarFactory
from tests.test_awards import PROVINCIAL_MERIT, accepted, propose
from tests.test_documents import DOCX_CONTENT_TYPE, docx_text
from tests.test_uploads import minimal_pdf

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("kind", "day", "number", "decree", "about"),
    [
        (SubjectKind.COLLECTIVE, datetime.date(2024, 5, 2), "Mẫu số 02", "98/2023", "ĐẶC ĐIỂM"),
        (SubjectKind.INDIVIDUAL, datetime.date(2025, 6, 30), "Mẫu số 03", "98/2023", "LÝ LỊCH"),
        (SubjectKind.INDIVIDUAL, datetime.date(2025, 7, 1), "", "152/2025", "LÝ LỊCH"),
        (SubjectKind.HOUSEHOLD, datetime.date(2024, 5, 2), "Mẫu số 03", "98/2023", "HỘ GIA"),
    ],
)
def test_the_form_is_the_one_in_force_on_the_reports_date(kind, day, number, decree, about):
    form = achievement.form_for(kind, day)
    assert (form.number, decree in form.source, about in form.about) == (number, True, True)
    assert form.checked


@pytest.fixture
def history(world):
    """An individual of Sở Y tế in 2024 (conferred a Bằng khen) and 2025; the same name in
    another unit, which is another person."""
    earlier = accepted(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan", year=2024)
    earlier.achievements = "Năm 2024: sáng kiến sổ theo dõi điện tử."
    earlier.save()
    conferred = propose(
        earlier, PROVINCIAL_MERIT, by=world.user("editor_a"), unit=world.dept_a, year=2024
    )
    AwardProposal.objects.filter(pk=conferred.pk).update(
        status=AwardProposal.Status.CONFERRED,
        decision_number="1234/QĐ-UBND",
        decision_date=datetime.date(2025, 3, 5),
    )
    current = accepted(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan", year=2025)
    other = accepted(unit=world.dept_b, full_name="Đinh Thị Ngọc Lan", year=2024)
    propose(other, PROVINCIAL_MERIT, by=world.user("editor_b"), unit=world.dept_b, year=2024)
    AwardProposal.objects.filter(exemplar=other).update(
        status=AwardProposal.Status.CONFERRED, decision_number="9999/QĐ-UBND"
    )
    proposal = propose(current, PROVINCIAL_MERIT, by=world.user("editor_a"), unit=world.dept_a)
    return {"current": current, "proposal": proposal}


def test_the_report_is_prefilled_from_the_exemplar_and_its_earlier_years(world, history):
    with translation.override("vi"):
        document = achievement.achievement_report(
            exemplar=history["current"], proposal=history["proposal"], personal_data=False
        )
    text = document.text()
    for expected in (
        "I. SƠ LƯỢC LÝ LỊCH",
        "Đinh Thị Ngọc Lan",
        "Điều dưỡng trưởng",
        world.dept_a.name,
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "Năm 2024: sáng kiến sổ theo dõi điện tử.",
        "Minh chứng cho tiêu chuẩn 1",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
        "1234/QĐ-UBND",
        "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG",
        "XÁC NHẬN, ĐỀ NGHỊ",
        history["proposal"].award.name,
    ):
        assert expected in text, expected
    assert "9999/QĐ-UBND" not in text  # another unit's person of the same name
    assert "1985" not in text  # the year of birth is personal data
    assert document.signature.lines[0] == "XÁC NHẬN, ĐỀ NGHỊ"


def test_the_award_the_report_is_written_for_is_not_among_those_already_held(world, history):
    proposal = history["proposal"]
    AwardProposal.objects.filter(pk=proposal.pk).update(
        status=AwardProposal.Status.CONFERRED, decision_number="5555/QĐ-UBND"
    )
    proposal.refresh_from_db()
    with translation.override("vi"):
        text = achievement.achievement_report(
            exemplar=history["current"], proposal=proposal, personal_data=False
        ).text()
        alone = achievement.achievement_report(
            exemplar=history["current"], personal_data=False
        ).text()
    assert "1234/QĐ-UBND" in text and "5555/QĐ-UBND" not in text
    assert "5555/QĐ-UBND" in alone  # without a proposal, every award held is listed


def test_a_collective_and_a_household_report_on_their_own_forms(world):
    collective = ExemplarFactory(
        unit=world.dept_a,
        subject_kind=SubjectKind.COLLECTIVE,
        full_name="",
        collective_name="Khoa Hồi sức tích cực",
        head_name="Trần Văn Minh",
        member_count=24,
    )
    household = ExemplarFactory(
        unit=world.commune_a,
        subject_kind=SubjectKind.HOUSEHOLD,
        full_name="",
        household_head="Lã Văn Hòa",
        household_members=5,
    )
    first = achievement.achievement_report(exemplar=collective, personal_data=False).text()
    second = achievement.achievement_report(exemplar=household, personal_data=False).text()
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in first and "Khoa Hồi sức tích cực" in first
    assert "I. SƠ LƯỢC VỀ HỘ GIA ĐÌNH" in second and "Lã Văn Hòa" in second
    assert "hộ gia đình" in second


def report_url(exemplar, fmt, proposal=None):
    url = reverse("reports:document_achievement_report", kwargs={"code": exemplar.code})
    query = f"format={fmt}" + (f"&proposal={proposal.pk}" if proposal else "")
    return f"{url}?{query}"


def test_the_unit_downloads_the_pdf_and_the_docx_to_edit(world, client_for, history):
    client = client_for(world.user("editor_a"))
    current, proposal = history["current"], history["proposal"]
    pdf = client.get(report_url(current, "pdf", proposal))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    editable = client.get(report_url(current, "docx", proposal))
    assert editable["Content-Type"] == DOCX_CONTENT_TYPE
    text = docx_text(editable.content)
    assert "Đinh Thị Ngọc Lan" in text and proposal.award.name in text


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("editor_a", 200),
        ("head_a", 200),
        ("editor_b", 404),
        ("commune_editor", 404),
        ("home_affairs", 200),
        ("leader", 200),
        ("media", 404),
    ],
)
def test_who_may_print_the_report(world, client_for, history, persona, expected):
    response = client_for(world.user(persona)).get(report_url(history["current"], "xlsx"))
    assert response.status_code == expected


def test_a_proposal_of_another_exemplar_is_not_taken_into_the_report(world, client_for, history):
    other = AwardProposal.objects.exclude(exemplar__unit=world.dept_a).get()
    client = client_for(world.user("home_affairs"))
    named = client.get(report_url(history["current"], "docx", other))
    plain = client.get(report_url(history["current"], "docx"))
    assert named.status_code == 200
    assert docx_text(named.content) == docx_text(plain.content)


def test_the_unit_issues_the_report_with_its_number(world, history):
    signer = Signer.objects.create(
        unit=world.dept_a, full_name="Nguyễn Văn Hùng", position="Giám đốc"
    )
    issued = issuing.issue(
        kind=IssuedDocument.Kind.ACHIEVEMENT_REPORT,
        params={"exemplar": history["current"].code, "proposal": history["proposal"].pk},
        signer=signer,
        day=datetime.date(2025, 11, 20),
        user=world.user("head_a"),
    )
    assert issued.status == IssuedDocument.Status.READY and issued.unit == world.dept_a
    assert issued.number_text.endswith("/BC-SYT") and issued.docx and issued.pdf


def signed_scan():
    return SimpleUploadedFile("bao-cao-ky.pdf", minimal_pdf(), content_type="application/pdf")


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("editor_a", 302),
        ("head_a", 302),
        ("home_affairs", 302),
        ("leader", 403),
        ("editor_b", 404),
        ("commune_editor", 404),
        ("district_reviewer", 404),
        ("media", 404),
    ],
)
def test_who_uploads_the_signed_report(world, client_for, history, persona, expected):
    proposal = history["proposal"]
    client = client_for(world.user(persona))
    url = reverse("reports:proposal_file_upload", kwargs={"pk": proposal.pk})
    response = client.post(url, {"file": signed_scan(), "caption": "Bản ký"})
    assert response.status_code == expected
    assert ProposalFile.objects.filter(proposal=proposal).exists() is (expected == 302)


def test_the_proposal_page_says_whether_the_signed_report_is_there(world, client_for, history):
    proposal = history["proposal"]
    client = client_for(world.user("editor_a"))
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "signed-report" in page and "text-bg-warning" in page
    assert (
        reverse("reports:document_achievement_report", kwargs={"code": proposal.exemplar.code})
        in page
    )
    url = reverse("reports:proposal_file_upload", kwargs={"pk": proposal.pk})
    client.post(url, {"file": signed_scan(), "caption": ""})
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "text-bg-success" in page and "bao-cao-ky.pdf" in page


def test_a_refused_scan_keeps_the_proposal_and_says_why(world, client_for, history):
    proposal = history["proposal"]
    client = client_for(world.user("editor_a"))
    bad = SimpleUploadedFile("bao-cao.pdf", b"not a pdf", content_type="application/pdf")
    url = reverse("reports:proposal_file_upload", kwargs={"pk": proposal.pk})
    response = client.post(url, {"file": bad, "caption": ""})
    assert response.status_code == 200
    assert not ProposalFile.objects.exists()
    assert response.context["upload_form"].errors


@pytest.mark.parametrize(("persona", "shown"), [("editor_a", True), ("editor_b", False)])
def test_the_exemplars_page_offers_the_report_to_who_may_print(
    world, client_for, history, persona, shown
):
    exemplar = history["current"]
    page = client_for(world.user(persona)).get(exemplar.get_absolute_url())
    url = reverse("reports:document_achievement_report", kwargs={"code": exemplar.code})
    assert (url in page.content.decode()) is shown
