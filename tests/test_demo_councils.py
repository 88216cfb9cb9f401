"""The demo's provincial council: its meeting of December 2025 voted on the year's
proposals, with one recusal, and its minutes build."""

import pytest

from reports import councils, issuing
from reports.models import Council, IssuedDocument, Meeting
from tests.conftest import the_demo

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with the_demo(django_db_blocker):
        yield


def test_the_provincial_council_met_with_votes_and_one_recusal(db):
    council = Council.objects.get(unit__code="37")
    meeting = Meeting.objects.get(council=council)
    assert meeting.recusals.count() == 1
    results = {p.exemplar.unit.code: councils.outcome(meeting, p) for p in meeting.proposals.all()}
    assert set(results) == {"37-SYT", "37-SGDDT"}
    assert results["37-SYT"].recused == 1 and results["37-SYT"].passed
    assert all(result.has_quorum for result in results.values())
    document = issuing.build(
        IssuedDocument.Kind.COUNCIL_MINUTES, {"meeting": meeting.pk}, user=None
    )
    assert council.name.upper() == document.issuer
