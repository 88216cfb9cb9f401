"""Award decisions: the proposals conferred under one number, date and level share one
decision; its page lists the awards the reader reaches with their cash, and the total."""

import datetime

import pytest
from django.urls import reverse

from reports.awards import proposal_appraise, proposal_confer
from reports.models import AwardDecision, AwardProposal
from tests.test_awards import PROVINCIAL_FIGHTER, PROVINCIAL_MERIT, accepted, propose

pytestmark = pytest.mark.integration

DECISION = {
    "decision_number": "2968/QĐ-UBND",
    "decision_date": datetime.date(2025, 12, 26),
    "decision_signer": "Phạm Quang Ngọc – Chủ tịch UBND tỉnh Ninh Bình",
}


def conferred(proposal, by, **decision):
    proposal_appraise(proposal=proposal, by=by, outcome="agreed")
    return proposal_confer(proposal=proposal, by=by, decision={**DECISION, **decision})


@pytest.fixture
def decided(world):
    """Two provincial awards under 2968/QĐ-UBND (Sở Y tế's, Sở GD-ĐT's), one under
    another number, one proposal only agreed."""
    home_affairs = world.user("home_affairs")
    lan = accepted(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan")
    huong = accepted(unit=world.dept_b, full_name="Phạm Thị Thu Hương")
    minh = accepted(unit=world.dept_a, full_name="Vũ Văn Minh")
    son = accepted(unit=world.dept_a, full_name="Hoàng Văn Sơn")
    editor_a, editor_b = world.user("editor_a"), world.user("editor_b")
    proposals = {
        "lan": propose(lan, PROVINCIAL_MERIT, by=editor_a, unit=world.dept_a),
        "huong": propose(huong, PROVINCIAL_FIGHTER, by=editor_b, unit=world.dept_b),
        "minh": propose(minh, PROVINCIAL_MERIT, by=editor_a, unit=world.dept_a),
        "son": propose(son, PROVINCIAL_MERIT, by=editor_a, unit=world.dept_a),
    }
    conferred(proposals["lan"], home_affairs)
    conferred(proposals["huong"], home_affairs, decision_number=" 2968/QĐ-UBND ")
    conferred(proposals["minh"], home_affairs, decision_number="3015/QĐ-UBND")
    proposal_appraise(proposal=proposals["son"], by=home_affairs, outcome="agreed")
    return proposals


def test_awards_under_one_number_and_date_share_one_decision(world, decided):
    lan, huong, minh, son = (decided[k] for k in ("lan", "huong", "minh", "son"))
    for proposal in decided.values():
        proposal.refresh_from_db()
    assert lan.decision_id and lan.decision_id == huong.decision_id
    assert minh.decision_id not in (None, lan.decision_id)
    assert son.decision_id is None
    decision = lan.decision
    assert (decision.number, decision.date, decision.level) == (
        "2968/QĐ-UBND",
        datetime.date(2025, 12, 26),
        "province",
    )
    assert decision.created_by == world.user("home_affairs")
    assert AwardDecision.objects.count() == 2


def test_the_same_number_on_another_day_is_another_decision(world, decided):
    home_affairs = world.user("home_affairs")
    other = propose(
        accepted(unit=world.dept_a, full_name="Lê Thị Hoa"),
        PROVINCIAL_MERIT,
        by=home_affairs,
        unit=world.dept_a,
    )
    conferred(other, home_affairs, decision_date=datetime.date(2025, 12, 27))
    assert other.decision_id != AwardProposal.objects.get(pk=decided["lan"].pk).decision_id


def test_a_decision_page_lists_the_awards_within_reach_and_their_cash(world, client_for, decided):
    decision = AwardProposal.objects.get(pk=decided["lan"].pk).decision
    url = decision.get_absolute_url()
    # Home Affairs reads both awards: Bằng khen 1.5 × (ND 152/2025 Art. 54(1)(b)) and CSTĐ
    # cấp tỉnh 3.0 × the base salary of 26/12/2025 (2,340,000 from 1/7/2024).
    page = client_for(world.user("home_affairs")).get(url)
    assert page.status_code == 200
    amounts = {p.exemplar.full_name: amount for p, amount in page.context["awards"]}
    assert amounts == {"Đinh Thị Ngọc Lan": 3_510_000, "Phạm Thị Thu Hương": 7_020_000}
    assert page.context["total"] == 10_530_000
    # Sở Y tế's editor reads the decision, and only its own unit's award on it.
    page = client_for(world.user("editor_a")).get(url)
    assert page.status_code == 200
    assert [p.exemplar.full_name for p, _a in page.context["awards"]] == ["Đinh Thị Ngọc Lan"]
    assert page.context["total"] == 3_510_000


@pytest.mark.parametrize(
    "persona, sees",
    [
        ("home_affairs", {"2968/QĐ-UBND", "3015/QĐ-UBND"}),
        ("leader", {"2968/QĐ-UBND", "3015/QĐ-UBND"}),
        ("administrator", {"2968/QĐ-UBND", "3015/QĐ-UBND"}),
        ("editor_a", {"2968/QĐ-UBND", "3015/QĐ-UBND"}),
        ("head_a", {"2968/QĐ-UBND", "3015/QĐ-UBND"}),
        ("editor_b", {"2968/QĐ-UBND"}),
        ("commune_editor", set()),
        ("media", set()),
    ],
)
def test_the_list_shows_the_decisions_of_awards_within_reach(
    world, client_for, decided, persona, sees
):
    client = client_for(world.user(persona))
    response = client.get(reverse("reports:decision_list"))
    assert response.status_code == 200
    assert {d.number for d in response.context["decisions"]} == sees
    other = AwardDecision.objects.get(number="3015/QĐ-UBND")
    expected = 200 if other.number in sees else 404
    assert client.get(other.get_absolute_url()).status_code == expected


def test_the_list_filters_and_searches(world, client_for, decided):
    client = client_for(world.user("home_affairs"))

    def shown(**params):
        response = client.get(reverse("reports:decision_list"), params)
        return {d.number for d in response.context["decisions"]}

    assert shown(q="3015") == {"3015/QĐ-UBND"}
    assert shown(year=2025) == {"2968/QĐ-UBND", "3015/QĐ-UBND"}
    assert shown(year=2024) == set()
    assert shown(level="commune") == set()
    response = client.get(reverse("reports:decision_list"), {"year": "năm ngoái"})
    assert response.status_code == 200 and "year" in response.context["filter_form"].errors


def test_the_pages_ask_for_a_login(client, decided):
    decision = AwardDecision.objects.first()
    for url in (reverse("reports:decision_list"), decision.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_proposal_links_to_its_decision(world, client_for, decided):
    proposal = AwardProposal.objects.get(pk=decided["lan"].pk)
    page = client_for(world.user("editor_a")).get(proposal.get_absolute_url()).content.decode()
    assert proposal.decision.get_absolute_url() in page
