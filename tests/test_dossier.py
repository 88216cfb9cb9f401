"""A proposal's dossier (Law 2022 Art. 84): the parts its award form requires of the
exemplar's subject, present through a signed scan or an issued document, missing ones
flagged on the dossier, the proposal and the appraisal, the one-click return for them, the
zip as a receiving office files it, who may do what, refused uploads and the files of
before."""

import datetime
import io
import zipfile
from importlib import import_module

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from exemplar_portal.base.text import ascii_name
from registry.enums import SubjectKind
from reports import dossier, issuing
from reports.models import AwardProposal, DossierPart, IssuedDocument, ProposalFile
from tests.factories.reports import SignerFactory
from tests.personas import PERSONAS
from tests.test_awards import PROVINCIAL_FIGHTER, PROVINCIAL_MERIT, accepted, propose
from tests.test_councils import council_of, meeting_of
from tests.test_uploads import minimal_pdf

pytestmark = pytest.mark.integration

Kind = IssuedDocument.Kind
Status = AwardProposal.Status
NATIONAL_FIGHTER = "chien-si-thi-dua-toan-quoc"
STATE_AWARD = "huan-chuong-lao-dong-hang-ba"
GRASSROOTS_FIGHTER_2003 = "chien-si-thi-dua-co-so-2003"


def pdf(name="ban-ky.pdf"):
    return SimpleUploadedFile(name, minimal_pdf(), content_type="application/pdf")


def in_vietnamese(message: str, **params) -> str:
    """A message as the portal writes it in Vietnamese (the catalogue's, once translated)."""
    with translation.override("vi"):
        text = gettext(message)
    return text % params if params else text


def codes(checklist):
    return [(row.part.code, row.required) for row in checklist.rows]


@pytest.fixture
def lan(world):
    """Sở Y tế proposes its individual Đinh Thị Ngọc Lan for the provincial chair's
    certificate of merit of 2025."""
    exemplar = accepted(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan", year=2025)
    return propose(exemplar, PROVINCIAL_MERIT, by=world.user("editor_a"), unit=world.dept_a)


def upload(client, proposal, part, *files, caption=""):
    url = reverse("reports:proposal_dossier_upload", args=[proposal.pk])
    return client.post(url, {"part": part, "file": list(files) or [pdf()], "caption": caption})


# The checklist ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("award", "kind", "expected"),
    [
        (
            PROVINCIAL_MERIT,
            SubjectKind.INDIVIDUAL,
            [
                ("to-trinh", True),
                ("bao-cao-ca-nhan", True),
                ("bien-ban-xet-khen-thuong", True),
                ("chung-nhan-thanh-tich", False),
            ],
        ),
        (
            PROVINCIAL_MERIT,
            SubjectKind.COLLECTIVE,
            [
                ("to-trinh", True),
                ("bao-cao-tap-the", True),
                ("bien-ban-xet-khen-thuong", True),
                ("chung-nhan-thanh-tich", False),
            ],
        ),
        (
            PROVINCIAL_MERIT,
            SubjectKind.HOUSEHOLD,
            [
                ("to-trinh", True),
                ("bao-cao-ho-gia-dinh", True),
                ("bien-ban-xet-khen-thuong", True),
                ("chung-nhan-thanh-tich", False),
            ],
        ),
        (
            PROVINCIAL_FIGHTER,
            SubjectKind.INDIVIDUAL,
            [
                ("to-trinh", True),
                ("bao-cao-ca-nhan", True),
                ("bien-ban-binh-xet", True),
                ("chung-nhan-sang-kien", True),
            ],
        ),
        (
            GRASSROOTS_FIGHTER_2003,
            SubjectKind.INDIVIDUAL,
            [("bao-cao-ca-nhan-2017", True), ("chung-nhan-sang-kien-2017", True)],
        ),
    ],
)
def test_the_checklist_is_the_awards_parts_for_the_subject(world, award, kind, expected):
    exemplar = accepted(unit=world.dept_a, subject_kind=kind, year=2025)
    proposal = propose(exemplar, award, by=world.user("editor_a"), unit=world.dept_a)
    checklist = dossier.checklist(proposal)
    assert codes(checklist) == expected
    assert [row.number for row in checklist.in_filing_order()] == [
        f"{n:02d}" for n in range(1, len(expected) + 1)
    ]
    assert checklist.present_required == 0
    assert len(checklist.missing) == sum(required for _code, required in expected)


@pytest.mark.parametrize("award", [NATIONAL_FIGHTER, STATE_AWARD])
def test_a_dossier_sent_up_opens_with_form_01(world, award):
    exemplar = accepted(unit=world.dept_a, year=2025)
    proposal = propose(exemplar, award, by=world.user("editor_a"), unit=world.dept_a)
    first = dossier.checklist(proposal).rows[0].part
    assert first.code == "to-trinh-mau-01" and first.official_form == "Mẫu số 01"
    assert "to-trinh" not in [code for code, _ in codes(dossier.checklist(proposal))]


# Present: scans and issued documents ----------------------------------------------------------


def test_a_scan_makes_its_part_present_and_a_new_one_replaces_it(world, client_for, lan):
    client = client_for(world.user("editor_a"))
    response = upload(client, lan, "to-trinh", pdf("to-trinh-ky.pdf"), caption="Bản ký")
    assert response.status_code == 302 and response.url.endswith("#part-to-trinh")
    checklist = dossier.checklist(lan)
    letter = checklist.row_of(DossierPart.objects.get(code="to-trinh"))
    assert letter.present and [s.original_name for s in letter.scans] == ["to-trinh-ky.pdf"]
    assert checklist.present_required == 1 and len(checklist.missing) == 2
    first = letter.scans[0]
    assert upload(client, lan, "to-trinh", pdf("to-trinh-ky-lan-2.pdf")).status_code == 302
    letter = dossier.checklist(lan).row_of(first.part)
    assert [s.original_name for s in letter.scans] == ["to-trinh-ky-lan-2.pdf"]
    first = ProposalFile.all_objects.get(pk=first.pk)
    assert first.deleted_at is not None and first.deleted_by == world.user("editor_a")
    notes = [entry.history_change_reason for entry in lan.history.all()]
    assert any("to-trinh-ky-lan-2.pdf" in (note or "") for note in notes)


def test_a_proof_keeps_every_scan(world, client_for, lan):
    client = client_for(world.user("head_a"))
    part = "chung-nhan-thanh-tich"
    assert upload(client, lan, part, pdf("chung-nhan-1.pdf"), pdf("chung-nhan-2.pdf")).status_code
    assert upload(client, lan, part, pdf("chung-nhan-3.pdf")).status_code == 302
    row = dossier.checklist(lan).row_of(DossierPart.objects.get(code=part))
    assert {s.original_name for s in row.scans} == {f"chung-nhan-{n}.pdf" for n in (1, 2, 3)}
    assert not row.required and row.present


def test_the_proposal_pages_upload_is_the_achievement_report(world, client_for, lan):
    client = client_for(world.user("editor_a"))
    url = reverse("reports:proposal_file_upload", kwargs={"pk": lan.pk})
    assert client.post(url, {"file": pdf(), "caption": ""}).status_code == 302
    assert ProposalFile.objects.get(proposal=lan).part.code == "bao-cao-ca-nhan"
    assert dossier.checklist(lan).present_required == 1


def issue(kind, params, unit, user, day=datetime.date(2025, 12, 20)):
    signer = SignerFactory(unit=unit)
    issued = issuing.issue(kind=kind, params=params, signer=signer, day=day, user=user)
    assert issued.status == IssuedDocument.Status.READY
    return issued


def test_the_issued_minutes_of_a_meeting_that_considered_it_stand_for_the_minutes(world, lan):
    council = council_of(world.province, members=4)
    other = propose(
        accepted(unit=world.dept_a, year=2025),
        PROVINCIAL_MERIT,
        by=world.user("editor_a"),
        unit=world.dept_a,
    )
    meeting, _members = meeting_of(council, present=4, proposal=other)
    params = {"meeting": meeting.pk}
    minutes = issue(Kind.COUNCIL_MINUTES, params, world.province, world.user("home_affairs"))
    part = DossierPart.objects.get(code="bien-ban-xet-khen-thuong")
    # The meeting did not consider Lan's proposal: its minutes are not hers.
    assert not dossier.checklist(lan).row_of(part).present
    assert dossier.checklist(other).row_of(part).issued == [minutes]
    meeting.proposals.add(lan)
    row = dossier.checklist(lan).row_of(part)
    assert row.present and row.issued == [minutes] and not row.scans


def test_the_units_issued_letter_that_lists_the_proposal_stands_for_the_letter(world, lan):
    part = DossierPart.objects.get(code="to-trinh")
    params = {"unit": world.dept_a.code, "year": 2025}
    letter = issue(Kind.PROPOSALS_TO_HOME_AFFAIRS, params, world.dept_a, world.user("head_a"))
    assert (
        lan.exemplar.subject_name
        in issuing.build(Kind.PROPOSALS_TO_HOME_AFFAIRS, params, user=None).text()
    )
    assert dossier.checklist(lan).row_of(part).issued == [letter]
    # A proposal made after the letter is not in its list; nor is another year's.
    later = propose(
        accepted(unit=world.dept_a, year=2025),
        PROVINCIAL_MERIT,
        by=world.user("editor_a"),
        unit=world.dept_a,
    )
    AwardProposal.objects.filter(pk=later.pk).update(
        created_at=letter.issued_at + datetime.timedelta(minutes=1)
    )
    later.refresh_from_db()
    assert not dossier.checklist(later).row_of(part).present
    older = propose(
        lan.exemplar, PROVINCIAL_MERIT, by=world.user("editor_a"), unit=world.dept_a, year=2024
    )
    assert not dossier.checklist(older).row_of(part).present


def test_home_affairs_letter_to_the_chair_stands_for_its_own_agreed_proposal(world):
    exemplar = accepted(unit=world.commune_a, year=2025)
    ha = world.home_affairs_unit
    proposal = propose(exemplar, PROVINCIAL_MERIT, by=world.user("home_affairs"), unit=ha)
    part = DossierPart.objects.get(code="to-trinh")
    before = issue(Kind.PROPOSALS_TO_PROVINCE, {"year": 2025}, ha, world.user("home_affairs"))
    assert not dossier.checklist(proposal).row_of(part).present  # not agreed then
    proposal.status = Status.AGREED
    proposal.save()
    after = issue(Kind.PROPOSALS_TO_PROVINCE, {"year": 2025}, ha, world.user("home_affairs"))
    assert dossier.checklist(proposal).row_of(part).issued == [after]
    assert before.pk != after.pk


# Missing parts on the pages, and the one-click return -----------------------------------------


def test_the_missing_parts_are_flagged_on_every_page(world, client_for, lan):
    upload(client_for(world.user("editor_a")), lan, "bao-cao-ca-nhan")
    client = client_for(world.user("home_affairs"))
    page = client.get(reverse("reports:proposal_dossier", args=[lan.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert page.context["dossier"].present_required == 1
    assert 'id="dossier-missing"' in text and "text-bg-warning" in text
    for name in ("Tờ trình đề nghị khen thưởng", "Biên bản xét khen thưởng"):
        assert name in text
    assert (
        in_vietnamese("%(present)s of %(required)s required parts present.", present=1, required=3)
        in text
    )
    for url in (lan.get_absolute_url(), reverse("reports:proposal_appraise", args=[lan.pk])):
        text = client.get(url).content.decode()
        assert 'id="dossier-summary"' in text and "Biên bản xét khen thưởng" in text
        assert reverse("reports:proposal_dossier", args=[lan.pk]) in text


def test_one_click_returns_the_proposal_naming_the_missing_parts(world, client_for, lan):
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:proposal_appraise", args=[lan.pk])
    page = client.get(url)
    assert [outcome for outcome, *_ in page.context["missing_reasons"]] == [
        Status.NEEDS_MORE,
        Status.NOT_AGREED,
    ]
    assert client.post(url, {"outcome": Status.NEEDS_MORE, "missing_parts": "1"}).status_code == 302
    lan.refresh_from_db()
    assert lan.status == Status.NEEDS_MORE
    for name in ("Tờ trình đề nghị khen thưởng", "Báo cáo thành tích của cá nhân", "Biên bản"):
        assert name in lan.appraisal_notes
    assert "Điều 84" in lan.appraisal_notes
    client.post(url, {"outcome": Status.NOT_AGREED, "missing_parts": "1", "notes": "bỏ qua"})
    lan.refresh_from_db()
    assert lan.status == Status.NOT_AGREED and "bỏ qua" not in lan.appraisal_notes
    assert "Biên bản xét khen thưởng" in lan.appraisal_notes


def test_agreeing_is_not_blocked_by_missing_parts(world, client_for, lan):
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:proposal_appraise", args=[lan.pk])
    assert client.post(url, {"outcome": Status.AGREED, "notes": ""}).status_code == 302
    lan.refresh_from_db()
    assert lan.status == Status.AGREED and dossier.checklist(lan).missing


def test_a_complete_dossier_offers_no_return(world, client_for, lan):
    client = client_for(world.user("editor_a"))
    for code in ("to-trinh", "bao-cao-ca-nhan", "bien-ban-xet-khen-thuong"):
        upload(client, lan, code)
    assert dossier.checklist(lan).complete
    page = client_for(world.user("home_affairs")).get(
        reverse("reports:proposal_appraise", args=[lan.pk])
    )
    assert page.context["missing_reasons"] == []
    assert 'id="missing-parts-return"' not in page.content.decode()


# The zip --------------------------------------------------------------------------------------


def opened(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_zip_is_named_and_ordered_as_the_office_files_it(world, client_for, lan):
    editor = client_for(world.user("editor_a"))
    upload(editor, lan, "chung-nhan-thanh-tich", pdf("a.pdf"), pdf("b.pdf"))
    upload(editor, lan, "bao-cao-ca-nhan", pdf("bao-cao-ky.pdf"))
    params = {"unit": world.dept_a.code, "year": 2025}
    letter = issue(Kind.PROPOSALS_TO_HOME_AFFAIRS, params, world.dept_a, world.user("head_a"))
    response = editor.get(reverse("reports:proposal_dossier_download", args=[lan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    name = "HoSo-KhenThuong-2025-bang-khen-chu-tich-ubnd-tinh-Dinh-Thi-Ngoc-Lan.zip"
    assert name in response["Content-Disposition"]
    archive = opened(response)
    number = ascii_name(letter.number_text)
    assert archive.namelist() == [
        "00-Muc-luc.txt",
        f"01-To-trinh-{number}.pdf",
        f"01-To-trinh-{number}-Danh-sach.xlsx",
        "02-Bao-cao-thanh-tich-Dinh-Thi-Ngoc-Lan.pdf",
        "04-Chung-nhan-thanh-tich-1.pdf",
        "04-Chung-nhan-thanh-tich-2.pdf",
    ]
    assert all(name.isascii() for name in archive.namelist())
    assert archive.read(f"01-To-trinh-{number}.pdf") == letter.pdf.open("rb").read()
    assert archive.read("02-Bao-cao-thanh-tich-Dinh-Thi-Ngoc-Lan.pdf") == minimal_pdf()
    index = archive.read("00-Muc-luc.txt").decode("utf-8-sig")
    lines = index.split("\r\n")
    assert lines[0] == in_vietnamese("DOSSIER OF A PROPOSAL FOR COMMENDATION")
    assert (
        in_vietnamese("%(present)s of %(required)s required parts present.", present=2, required=3)
        in index
    )
    minutes = next(i for i, line in enumerate(lines) if line.startswith("03. Biên bản"))
    assert in_vietnamese("MISSING: required and not yet in the dossier") in lines[minutes + 1]
    assert index.index("01. Tờ trình") < index.index("02. Báo cáo") < index.index("03. Biên bản")
    assert index.index("03. Biên bản") < index.index("04. Chứng nhận")
    assert letter.number_text in index and "bao-cao-ky.pdf" in index


@pytest.mark.slow
def test_without_a_signed_report_the_zip_holds_its_draft(world, client_for, lan):
    response = client_for(world.user("editor_a")).get(
        reverse("reports:proposal_dossier_download", args=[lan.pk])
    )
    archive = opened(response)
    assert archive.namelist() == [
        "00-Muc-luc.txt",
        "02-Bao-cao-thanh-tich-Dinh-Thi-Ngoc-Lan-DU-THAO.pdf",
        "02-Bao-cao-thanh-tich-Dinh-Thi-Ngoc-Lan-DU-THAO.docx",
    ]
    assert archive.read(archive.namelist()[1]).startswith(b"%PDF")
    assert archive.read(archive.namelist()[2]).startswith(b"PK")
    index = archive.read("00-Muc-luc.txt").decode("utf-8-sig")
    assert index.count(in_vietnamese("MISSING: required and not yet in the dossier")) == 3
    assert in_vietnamese("draft generated by the portal, not signed") in index


def test_minutes_outside_the_readers_reach_are_named_not_included(world, client_for, lan):
    council = council_of(world.province, members=4)
    meeting, _members = meeting_of(council, present=4, proposal=lan)
    minutes = issue(
        Kind.COUNCIL_MINUTES, {"meeting": meeting.pk}, world.province, world.user("home_affairs")
    )
    upload(client_for(world.user("editor_a")), lan, "bao-cao-ca-nhan")
    url = reverse("reports:proposal_dossier_download", args=[lan.pk])
    number = ascii_name(minutes.number_text)
    unit_zip = opened(client_for(world.user("editor_a")).get(url))
    assert f"03-Bien-ban-hoi-dong-{number}.pdf" not in unit_zip.namelist()
    index = unit_zip.read("00-Muc-luc.txt").decode("utf-8-sig")
    what = in_vietnamese(
        "issued document no. %(number)s of %(date)s, %(unit)s",
        number=minutes.number_text,
        date=minutes.issued_on.strftime("%d/%m/%Y"),
        unit=world.province.name,
    )
    note = in_vietnamese(
        "%(what)s: kept in its register, outside your reach, so not included", what=what
    )
    assert note in index
    home_affairs_zip = opened(client_for(world.user("home_affairs")).get(url))
    assert f"03-Bien-ban-hoi-dong-{number}.pdf" in home_affairs_zip.namelist()
    page = client_for(world.user("editor_a")).get(
        reverse("reports:proposal_dossier", args=[lan.pk])
    )
    assert minutes.get_absolute_url() not in page.content.decode()


# Who may do what --------------------------------------------------------------------------------

READS_DEPT_A = {"editor_a", "head_a", "home_affairs", "leader", "administrator"}
UPLOADS_DEPT_A = {"editor_a", "head_a", "home_affairs"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reads_uploads_and_downloads_a_units_dossier(world, client_for, lan, persona):
    upload(client_for(world.user("editor_a")), lan, "bao-cao-ca-nhan")
    scan = ProposalFile.objects.get(proposal=lan)
    client = client_for(world.user(persona))
    reads = 200 if persona in READS_DEPT_A else 404
    page = client.get(reverse("reports:proposal_dossier", args=[lan.pk]))
    assert page.status_code == reads
    if reads == 200:
        shown = page.content.decode()
        assert ("/ho-so/tai-len/" in shown) is (persona in UPLOADS_DEPT_A)
    zipped = client.get(reverse("reports:proposal_dossier_download", args=[lan.pk]))
    assert zipped.status_code == reads
    expected = 302 if persona in UPLOADS_DEPT_A else 403 if reads == 200 else 404
    assert upload(client, lan, "to-trinh").status_code == expected
    assert ProposalFile.objects.filter(proposal=lan, part__code="to-trinh").exists() is (
        expected == 302
    )
    remove = reverse("reports:proposal_dossier_remove", args=[lan.pk, scan.pk])
    assert client.get(remove).status_code == (200 if expected == 302 else expected)


def test_another_units_dossier_is_out_of_reach(world, client_for):
    exemplar = accepted(unit=world.dept_b, year=2025)
    proposal = propose(exemplar, PROVINCIAL_MERIT, by=world.user("editor_b"), unit=world.dept_b)
    client = client_for(world.user("editor_a"))
    for name in ("proposal_dossier", "proposal_dossier_download"):
        assert client.get(reverse(f"reports:{name}", args=[proposal.pk])).status_code == 404
    assert upload(client, proposal, "to-trinh").status_code == 404
    assert not ProposalFile.objects.exists()


def test_removing_a_scan_asks_first_and_keeps_it(world, client_for, lan):
    client = client_for(world.user("editor_a"))
    upload(client, lan, "to-trinh", pdf("to-trinh-ky.pdf"))
    scan = ProposalFile.objects.get(proposal=lan)
    url = reverse("reports:proposal_dossier_remove", args=[lan.pk, scan.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "to-trinh-ky.pdf" in confirm.content.decode()
    assert ProposalFile.objects.filter(pk=scan.pk).exists()
    response = client.post(url)
    assert response.url == reverse("reports:proposal_dossier", args=[lan.pk])
    scan = ProposalFile.all_objects.get(pk=scan.pk)
    assert scan.deleted_at is not None and scan.file.storage.exists(scan.file.name)
    assert not dossier.checklist(lan).row_of(scan.part).present


# Bad input -------------------------------------------------------------------------------------


def test_a_file_of_the_wrong_type_is_refused_and_nothing_saved(world, client_for, lan):
    client = client_for(world.user("editor_a"))
    bad = SimpleUploadedFile(
        "to-trinh.pdf", b"<html>not a pdf</html>", content_type="application/pdf"
    )
    response = upload(client, lan, "to-trinh", bad, caption="Bản ký tờ trình")
    assert response.status_code == 200 and not ProposalFile.objects.exists()
    row = response.context["dossier"].row_of(DossierPart.objects.get(code="to-trinh"))
    assert row.form.is_bound and row.form.errors["file"]
    assert "Bản ký tờ trình" in response.content.decode()  # what was typed is kept


def test_an_oversize_file_is_refused(world, client_for, lan, settings):
    settings.PORTAL = {**settings.PORTAL, "MAX_UPLOAD_BYTES": 100}
    response = upload(client_for(world.user("editor_a")), lan, "to-trinh")
    assert response.status_code == 200 and not ProposalFile.objects.exists()
    row = response.context["dossier"].row_of(DossierPart.objects.get(code="to-trinh"))
    assert any("100" in error for error in row.form.errors["file"])


@pytest.mark.parametrize("part", ["chung-nhan-sang-kien", "bao-cao-tap-the", "khong-co", ""])
def test_a_part_not_in_this_dossier_is_refused(world, client_for, lan, part):
    response = upload(client_for(world.user("editor_a")), lan, part)
    assert response.status_code == 200 and not ProposalFile.objects.exists()
    form = response.context["misplaced_form"]
    assert form.non_field_errors() and "Bằng khen" in form.non_field_errors()[0]
    assert 'id="dossier-upload-error"' in response.content.decode()


def test_a_part_that_is_one_document_takes_one_file(world, client_for, lan):
    response = upload(
        client_for(world.user("editor_a")), lan, "to-trinh", pdf("a.pdf"), pdf("b.pdf")
    )
    assert response.status_code == 200 and not ProposalFile.objects.exists()


def test_the_service_refuses_a_part_of_another_award(world, lan):
    from exemplar_portal.base.uploads import UploadRejected

    with pytest.raises(UploadRejected):
        dossier.add_files(
            proposal=lan,
            part=DossierPart.objects.get(code="chung-nhan-sang-kien"),
            uploads=[pdf()],
            caption="",
            by=world.user("editor_a"),
        )
    assert not ProposalFile.objects.exists()


# The files of before ---------------------------------------------------------------------------


def test_the_migration_files_earlier_scans_as_the_achievement_report(world, lan):
    from django.apps import apps

    from registry import attachments

    collective = propose(
        accepted(unit=world.dept_a, subject_kind=SubjectKind.COLLECTIVE, year=2025),
        PROVINCIAL_MERIT,
        by=world.user("editor_a"),
        unit=world.dept_a,
    )
    old_law = propose(
        accepted(unit=world.dept_a, year=2023),
        GRASSROOTS_FIGHTER_2003,
        by=world.user("editor_a"),
        unit=world.dept_a,
        year=2023,
    )
    for proposal in (lan, collective, old_law):
        attachments.add(
            ProposalFile, proposal, uploads=[pdf()], caption="", by=world.user("editor_a")
        )
    removed = ProposalFile.objects.get(proposal=lan)
    attachments.remove(attachment=removed, by=world.user("editor_a"))
    ProposalFile.all_objects.update(part=None)
    import_module("reports.migrations.0020_proposal_file_part_data").file_reports(apps, None)
    parts = dict(ProposalFile.all_objects.values_list("proposal_id", "part__code"))
    assert parts == {
        lan.pk: "bao-cao-ca-nhan",
        collective.pk: "bao-cao-tap-the",
        old_law.pk: "bao-cao-ca-nhan-2017",
    }


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Đinh Thị Ngọc Lan", 60, "Dinh-Thi-Ngoc-Lan"),
        ("05/TTr-SYT", 60, "05-TTr-SYT"),
        ("01/BB-HĐTĐKT", 60, "01-BB-HDTDKT"),
        (
            "Trường Tiểu học Ninh Khánh, thành phố Ninh Bình",
            40,
            "Truong-Tieu-hoc-Ninh-Khanh-thanh-pho",
        ),
        ("Ủy ban", 3, "Uy"),
        ("", 60, ""),
    ],
)
def test_names_in_the_zip_are_ascii(text, limit, expected):
    assert ascii_name(text, limit) == expected


def test_the_proposal_page_shows_the_signed_report_only(world, client_for, lan):
    client = client_for(world.user("editor_a"))
    upload(client, lan, "to-trinh", pdf("to-trinh-ky.pdf"))
    page = client.get(lan.get_absolute_url())
    assert page.context["documents"] == [] and "text-bg-warning" in page.content.decode()
    upload(client, lan, "bao-cao-ca-nhan", pdf("bao-cao-ky.pdf"))
    page = client.get(lan.get_absolute_url())
    assert [row.original_name for row in page.context["documents"]] == ["bao-cao-ky.pdf"]
