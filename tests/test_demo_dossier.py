"""The demo's dossiers (``reports.demo_dossier``, loaded after the demo): Đinh Thị Ngọc
Lan's is complete (the signed letter and report, the council's issued minutes), Phạm Thị Thu
Hương's lacks the initiative's certification, and Trường Tiểu học Ninh Khánh's, without the
council's minutes, is not agreed with the missing part named."""

import io
import zipfile

import pytest
from django.test import override_settings
from django.urls import reverse

from registry.models import User
from reports import demo_dossier, dossier
from reports.models import AwardProposal, IssuedDocument, ProposalFile
from tests.conftest import the_demo

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker, demo_media):
    with override_settings(MEDIA_ROOT=demo_media), the_demo(django_db_blocker):
        with django_db_blocker.unblock():
            demo_dossier.load(User.objects.get(username=demo_dossier.HOME_AFFAIRS))
        yield


@pytest.fixture(autouse=True)
def the_demos_media(media_root, settings, demo_media):
    """The files the demo stored, which each test reads."""
    settings.MEDIA_ROOT = demo_media


def proposal_of(name, **more):
    proposals = AwardProposal.objects.select_related("award", "exemplar")
    return proposals.get(exemplar__full_name=name, **more)


def ninh_khanh():
    return AwardProposal.objects.get(
        exemplar__collective_name__startswith="Trường Tiểu học Ninh Khánh"
    )


def test_lans_dossier_is_complete(db):
    lan = proposal_of("Đinh Thị Ngọc Lan")
    checklist = dossier.checklist(lan)
    assert checklist.complete and checklist.present_required == 3
    scans = {row.part.code: [s.original_name for s in row.scans] for row in checklist.rows}
    assert scans["to-trinh"] == ["to-trinh-so-y-te-ban-ky.pdf"]
    assert scans["bao-cao-ca-nhan"] == ["bao-cao-thanh-tich-ban-ky.pdf"]
    minutes = checklist.row_of(checklist.rows[2].part)
    assert [d.kind for d in minutes.issued] == [IssuedDocument.Kind.COUNCIL_MINUTES]
    for scan in ProposalFile.objects.filter(proposal=lan):
        assert scan.file.open("rb").read().startswith(b"%PDF")


def test_huongs_dossier_lacks_the_initiatives_certification(db):
    # Her proposal of the demo's table (the history's demo proposes her for another award).
    checklist = dossier.checklist(
        proposal_of("Phạm Thị Thu Hương", award__code="chien-si-thi-dua-cap-tinh")
    )
    assert [row.part.code for row in checklist.missing] == [
        "to-trinh",
        "bao-cao-ca-nhan",
        "chung-nhan-sang-kien",
    ]
    assert checklist.row_of(checklist.rows[2].part).present  # the council's minutes


def test_a_proposal_is_refused_for_the_missing_minutes(db, client):
    proposal = ninh_khanh()
    assert proposal.status == AwardProposal.Status.NOT_AGREED
    checklist = dossier.checklist(proposal)
    assert [row.part.code for row in checklist.missing] == ["bien-ban-xet-khen-thuong"]
    assert "Biên bản xét khen thưởng" in proposal.appraisal_notes
    assert proposal.history.filter(status=AwardProposal.Status.NOT_AGREED).exists()
    client.force_login(User.objects.get(username="canbo.sgddt"))
    response = client.get(reverse("reports:proposal_dossier_download", args=[proposal.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert names[0] == "00-Muc-luc.txt"
    assert names[1].startswith("01-To-trinh-") and names[2].startswith("02-Bao-cao-thanh-tich-")
    assert not any(name.startswith("03-") for name in names)
    index = archive.read("00-Muc-luc.txt").decode("utf-8-sig")
    assert "03. Biên bản xét khen thưởng" in index


def test_loading_again_changes_nothing(db):
    home_affairs = User.objects.get(username=demo_dossier.HOME_AFFAIRS)
    assert demo_dossier.load(home_affairs) == 0
