"""The factories of tests/factories make valid records of the world's units and people, so
that a test that uses them states only what it is about."""

import pytest

from registry.enums import ExemplarStatus, Role
from tests.factories import PlanFactory, QuotaRuleFactory, UnitSuccessionFactory, kind
from tests.factories.campaigns import (
    BudgetEstimateFactory,
    BudgetSpendingFactory,
    CampaignFactory,
    ColumnFactory,
    ContestEntryFactory,
    ContestFactory,
    ContestRoundFactory,
    CoverageFactory,
    EventFactory,
    InspectionFactory,
    InspectionPlanFactory,
    MediaOutletFactory,
)
from tests.factories.exemplars import ExemplarFactory
from tests.factories.reports import (
    AwardProposalFactory,
    MediaIntroductionFactory,
    SignerFactory,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def lan(world):
    return ExemplarFactory(
        unit=world.dept_a, full_name="Đinh Thị Ngọc Lan", status=ExemplarStatus.ACCEPTED
    )


def valid(record):
    record.full_clean()
    return record


def test_every_factory_makes_a_valid_record_of_the_world(world, lan):
    records = [
        CampaignFactory(),
        CampaignFactory(),
        ColumnFactory(),
        ContestRoundFactory(),
        ContestEntryFactory(exemplars=[lan]),
        InspectionFactory(unit=world.dept_a, done=True),
        MediaIntroductionFactory(exemplar=lan),
        AwardProposalFactory(exemplar=lan),
        SignerFactory(unit=world.dept_a),
        PlanFactory(period_from=2031, period_to=2035),
        QuotaRuleFactory(plan=PlanFactory(period_from=2036, period_to=2040)),
        BudgetEstimateFactory(unit=world.dept_a),
        BudgetSpendingFactory(unit=world.dept_a, item="khen-thuong"),
        UnitSuccessionFactory(successor=world.commune_a),
    ]
    for record in records:
        valid(record)


def test_the_defaults_are_the_worlds_units_and_people(world, lan):
    outlet = MediaOutletFactory()
    assert outlet.unit == world.press and MediaOutletFactory() == outlet
    assert EventFactory().organiser == world.home_affairs_unit
    assert ContestFactory().organiser == world.home_affairs_unit
    assert InspectionPlanFactory().lead_unit == world.home_affairs_unit
    assert InspectionFactory(unit=world.dept_b).team_leader == world.user("home_affairs")
    proposal = AwardProposalFactory(exemplar=lan)
    assert proposal.proposing_unit == world.dept_a
    assert proposal.created_by == world.user("editor_a")
    assert BudgetSpendingFactory(unit=world.commune_a).recorded_by == world.user("commune_editor")


def test_records_with_lists_are_saved_as_their_forms_save_them(world, lan):
    item = CoverageFactory(exemplars=[lan])
    assert item.recorded_by == world.user("media")
    assert list(item.exemplars.all()) == [lan]
    assert [(h.history_type, h.history_user) for h in item.history.all()] == [
        ("+", world.user("media"))
    ]
    event = EventFactory(exemplars=[lan], participating_units=[world.dept_a])
    assert list(event.participating_units.all()) == [world.dept_a]
    assert event.history.get().history_user == world.user("home_affairs")


def test_a_plan_comes_with_the_quotas_it_is_given(db):
    plan = valid(PlanFactory(quotas={"commune": 2, "department": 1}))
    assert plan.title.endswith("giai đoạn 2026 - 2030")
    assert {(r.unit_kind.code, r.minimum) for r in plan.quota_rules.all()} == {
        ("commune", 2),
        ("department", 1),
    }
    assert QuotaRuleFactory(plan=plan, unit_kind=kind("district")).minimum == 1


def test_a_user_is_made_when_the_world_has_none_of_the_role(db):
    event = EventFactory()
    assert event.recorded_by.role == Role.HOME_AFFAIRS
    assert event.organiser.code == "37-SNV" == event.recorded_by.unit.code
