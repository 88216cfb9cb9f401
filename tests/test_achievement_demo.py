"""The demo's achievement report: Sở Y tế issued Đinh Thị Ngọc Lan's report in the official
form for her certificate of merit and uploaded its signed copy back on the proposal."""

import pytest

from reports.models import AwardProposal, IssuedDocument, ProposalFile
from tests.conftest import the_demo

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with the_demo(django_db_blocker):
        yield


def test_the_report_is_issued_and_its_signed_copy_is_on_the_proposal(db):
    issued = IssuedDocument.objects.get(
        kind=IssuedDocument.Kind.ACHIEVEMENT_REPORT, unit__code="37-SYT"
    )
    assert issued.unit.code == "37-SYT" and issued.status == IssuedDocument.Status.READY
    proposal = AwardProposal.objects.get(pk=issued.params["proposal"])
    assert proposal.exemplar.full_name == "Đinh Thị Ngọc Lan"
    scan = ProposalFile.objects.get(proposal=proposal, part__code="bao-cao-ca-nhan")
    assert scan.original_name == "bao-cao-thanh-tich-ban-ky.pdf" and scan.size > 0
