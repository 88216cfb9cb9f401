"""From a unit's proposal to a printed certificate: Sở Y tế proposes its exemplar for the
provincial chair's Bằng khen and sees the award's conditions judged from her history, makes
the proposal public and uploads its signed submission letter; Home Affairs holds the
provincial council's meeting (one member recused), agrees and records the chair's decision,
downloads the dossier as the receiving office files it, and prints the certificate on the
office's blank; the decision's page reads on a phone.

Fields are found by their ids (the labels follow the translations of the interface)."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from reports import councils, demo_certificates
from reports.models import (
    AwardForm,
    AwardProposal,
    CertificatePrint,
    Council,
    CouncilMember,
    Meeting,
    PriorAward,
    TaskRating,
)
from tests.test_awards import PROVINCIAL_MERIT, accepted
from tests.test_uploads import minimal_pdf

pytestmark = [pytest.mark.browser, pytest.mark.slow]

GRASSROOTS_FIGHTER = "chien-si-thi-dua-co-so"
LETTER = "to-trinh-so-y-te-ban-ky.pdf"


def council_of_the_province(world):
    council = Council.objects.create(
        unit=world.province,
        name="Hội đồng Thi đua - Khen thưởng tỉnh Ninh Bình",
        created_by=world.user("home_affairs"),
    )
    R = CouncilMember.Role
    members = [
        ("Nguyễn Minh Quang", R.CHAIR),
        ("Nguyễn Văn Thành", R.STANDING),
        ("Phạm Quốc Hùng", R.MEMBER),
        ("Bùi Thị Lan Anh", R.SECRETARY),
    ]
    return [
        CouncilMember.objects.create(council=council, full_name=name, role=role)
        for name, role in members
    ]


def test_from_a_units_proposal_to_a_printed_certificate(
    page: Page, world, login, axe_check, tmp_path
):
    editor, home_affairs = world.user("editor_a"), world.user("home_affairs")
    lan = accepted(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan", position="Điều dưỡng")
    # Her history: Chiến sĩ thi đua cơ sở in 2024 and 2025 (Art. 74(1)(d): twice in a row).
    for year in (2024, 2025):
        PriorAward.objects.create(
            exemplar=lan,
            award=AwardForm.objects.get(code=GRASSROOTS_FIGHTER),
            year=year,
            document_number=f"{year - 2000 + 100}/QĐ-SYT",
            document_issuer="Sở Y tế",
            recorded_by=editor,
        )
        TaskRating.objects.create(
            exemplar=lan,
            year=year,
            rating=TaskRating.Rating.EXCELLENT,
            recorded_by=editor,
        )
    members = council_of_the_province(world)
    council = members[0].council
    demo_certificates.load_blanks(home_affairs)
    letter = tmp_path / LETTER
    letter.write_bytes(minimal_pdf())

    # The unit proposes; the conditions are judged as the form is filled in.
    login(editor)
    page.goto(reverse("reports:proposal_create") + f"?exemplar={lan.code}")
    award = AwardForm.objects.get(code=PROVINCIAL_MERIT)
    page.locator("#id_award").select_option(str(award.pk))
    page.locator("#id_year").fill("2025")
    page.locator("#id_year").dispatch_event("change")
    expect(page.locator("#proposal-conditions")).to_contain_text("Chiến sĩ thi đua cơ sở")
    page.locator("#id_reasons").fill(
        "Hai năm liền đạt danh hiệu Chiến sĩ thi đua cơ sở; sáng kiến chăm sóc người bệnh sau "
        "phẫu thuật được áp dụng tại Bệnh viện Đa khoa tỉnh."
    )
    axe_check(page)
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("main .messages .alert-success")).to_be_visible()
    proposal = AwardProposal.objects.get(exemplar=lan)
    assert proposal.status == AwardProposal.Status.PROPOSED
    expect(page.locator("#conditions")).to_be_visible()

    # It is made public, and the signed submission letter goes into the dossier.
    page.goto(reverse("reports:proposal_disclosure", args=[proposal.pk]))
    page.locator("#id_starts_on").fill("24/11/2025")
    page.locator("#id_ends_on").fill("05/12/2025")
    page.locator("#id_where").fill("Cổng thông tin điện tử Sở Y tế")
    page.locator("form.card button[type=submit]").click()
    expect(page.get_by_text("Cổng thông tin điện tử Sở Y tế")).to_be_visible()
    page.goto(reverse("reports:proposal_dossier", args=[proposal.pk]))
    axe_check(page)
    page.locator("#part-to-trinh-file").set_input_files(letter)
    page.locator("form:has(#part-to-trinh-file) button[type=submit]").click()
    expect(page.locator("main .messages .alert-success")).to_be_visible()
    assert proposal.files.get().part.code == "to-trinh"

    # Home Affairs: the council's meeting, the ballot with one recusal.
    page.context.clear_cookies()
    login(home_affairs, check=False)
    page.goto(reverse("reports:meeting_create") + f"?council={council.pk}")
    page.locator("#id_date").fill("18/12/2025")
    page.locator("#id_place").fill("Phòng họp số 1, trụ sở Ủy ban nhân dân tỉnh")
    page.locator("form.card button[type=submit]").click()
    meeting = Meeting.objects.get()
    page.locator("#id_chair").select_option(str(members[0].pk))
    page.locator("#id_secretary").select_option(str(members[3].pk))
    for member in members:
        page.locator(f"input[name=present][value='{member.pk}']").check()
    page.locator(f"input[name=proposals][value='{proposal.pk}']").check()
    page.locator("form.card button[type=submit]").click()
    page.goto(reverse("reports:meeting_ballot", args=[meeting.pk, proposal.pk]))
    for member in (members[0], members[1], members[3]):
        page.locator(f"#id_vote_{member.pk}").select_option("agree")
    page.locator(f"#id_vote_{members[2].pk}").select_option(councils.RECUSED)
    page.locator(f"#id_reason_{members[2].pk}").fill("Thủ trưởng đơn vị của ứng viên")
    page.locator("form.card button[type=submit]").click()
    expect(page.get_by_text("Thủ trưởng đơn vị của ứng viên", exact=False)).to_be_visible()
    assert councils.outcome(meeting, proposal).passed

    # Agreed, then the chair's decision.
    page.goto(reverse("reports:proposal_appraise", args=[proposal.pk]))
    page.locator("#id_outcome").select_option("agreed")
    page.locator("main form button[type=submit]").last.click()
    page.goto(reverse("reports:proposal_decide", args=[proposal.pk]))
    page.locator("#id_decision_number").fill("3120/QĐ-UBND")
    page.locator("#id_decision_date").fill("26/12/2025")
    page.locator("#id_decision_signer").fill("Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình")
    axe_check(page)
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("main .messages .alert-success")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.status == AwardProposal.Status.CONFERRED
    assert proposal.decision.date == datetime.date(2025, 12, 26)

    # The dossier as the receiving office files it.
    page.goto(reverse("reports:proposal_dossier", args=[proposal.pk]))
    with page.expect_download() as download:
        page.locator(
            f"a[href='{reverse('reports:proposal_dossier_download', args=[proposal.pk])}']"
        ).first.click()
    assert download.value.suggested_filename.startswith("HoSo-KhenThuong-2025-")
    names = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes())).namelist()
    assert names[0] == "00-Muc-luc.txt"
    assert any(name.startswith("01-To-trinh") and name.endswith(".pdf") for name in names)

    # The certificate on the office's blank, from the decision's page.
    page.goto(proposal.decision.get_absolute_url())
    axe_check(page)
    page.locator(
        f"a[href='{reverse('reports:decision_certificates', args=[proposal.decision.pk])}']"
    ).first.click()
    axe_check(page)
    page.locator("#id_signer_name").fill("Nguyễn Minh Quang")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("main .messages .alert-success")).to_be_visible()
    run = CertificatePrint.objects.get()
    assert run.entries.get().proposal_id == proposal.pk
    pdf = page.request.get(reverse("reports:certificateprint_pdf", args=[run.pk]))
    assert pdf.ok and pdf.body().startswith(b"%PDF")

    # The decision's page on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(proposal.decision.get_absolute_url())
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
