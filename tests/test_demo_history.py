"""The demo's histories of commendation (``reports.demo_history``): three 2025 proposals
judged against them, one met (a title of 2023 held under the old law counting), one needing
review, one not met and allowed by Home Affairs with a reason."""

import pytest
from django.db import transaction

from reports import demo_history
from reports.models import AwardProposal, ConditionCheck, Initiative, PriorAward, Verdict
from tests.conftest import the_demo

pytestmark = [pytest.mark.integration, pytest.mark.slow]
Status = AwardProposal.Status


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with the_demo(django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            demo_history.load()
        yield


def proposal_of(name, code):
    return AwardProposal.objects.get(exemplar__full_name=name, award__code=code, year=2025)


def test_a_proposal_met_from_three_years_of_history(db):
    proposal = proposal_of("Trần Thị Thu Hà", "chien-si-thi-dua-cap-tinh")
    assert (proposal.status, proposal.conditions) == (Status.PROPOSED, Verdict.MET)
    check = proposal.condition_checks.get()
    titles = check.data["groups"][0]["conditions"][0]
    assert {e["year"] for e in titles["evidence"]} == {2023, 2024, 2025}
    assert any("2003" not in e["label"] for e in titles["evidence"])
    # The initiative counted for the grassroots title of 2023 is used already.
    used = Initiative.objects.get(exemplar=proposal.exemplar, year=2023)
    assert used.used_for_prior.award.code == "chien-si-thi-dua-co-so-2003"


def test_a_proposal_missing_a_year_needs_review(db):
    proposal = proposal_of("Phạm Thị Thu Hương", "bang-khen-chu-tich-ubnd-tinh")
    assert (proposal.status, proposal.conditions) == (Status.PROPOSED, Verdict.REVIEW)


def test_a_proposal_not_met_is_allowed_by_home_affairs_with_a_reason(db):
    proposal = proposal_of("Bùi Thị Nhung", "chien-si-thi-dua-cap-tinh")
    assert (proposal.status, proposal.conditions) == (Status.PROPOSED, Verdict.NOT_MET)
    assert proposal.overridden_by.username == demo_history.HOME_AFFAIRS
    assert "Lao động tiên tiến" in proposal.override_reason
    statuses = list(proposal.history.order_by("history_date").values_list("status", flat=True))
    assert statuses == [Status.HELD, Status.PROPOSED]
    occasions = ConditionCheck.objects.filter(proposal=proposal).order_by("pk")
    assert [c.occasion for c in occasions] == ["sent", "overridden"]


def test_the_demo_loads_once(db):
    counts = (PriorAward.objects.count(), AwardProposal.objects.count())
    assert demo_history.load() == 0
    assert (PriorAward.objects.count(), AwardProposal.objects.count()) == counts
    assert PriorAward.objects.filter(source="imported").exists()
