"""The demo province of ``manage.py load_demo`` (``registry.demo_province``): four years of
records of the real units, built through the workflow, the same on every load.

The province is loaded once for this module, at a smaller scale (a seeded share of the
units, the walk-through's always), inside a transaction rolled back at the end; the plan of
the full province is checked without writing it.
"""

import datetime
import re
import uuid
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from registry import demo_province
from registry.data import demo_texts
from registry.enums import ExemplarStatus as S
from reports import demo_province as spreading

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SCALE = 0.1
DEMO_DAY = demo_province.DEMO_DAY


def _counts():
    from campaigns.models import Coverage
    from registry.models import Exemplar, FollowUp, NurturingNote, Transition, User
    from reports.models import AwardProposal, MediaIntroduction

    return {
        "exemplars": Exemplar.objects.count(),
        "transitions": Transition.objects.count(),
        "follow_ups": FollowUp.objects.count(),
        "notes": NurturingNote.objects.count(),
        "coverage": Coverage.objects.count(),
        "proposals": AwardProposal.objects.count(),
        "introductions": MediaIntroduction.objects.count(),
        "users": User.objects.count(),
    }


@pytest.fixture(scope="module")
def province(django_db_setup, django_db_blocker):
    """Units, outlets and the demo at ``SCALE``, loaded once; with the province's plan."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEMO_PROVINCE_SCALE=SCALE):
            for command in ("load_units", "load_outlets", "load_demo"):
                call_command(command, stdout=StringIO())
        records = demo_province.plan(SCALE)
        yield {"records": records, "counts": _counts()}
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def full_plan(province, django_db_blocker):
    """The records of the whole province, as planned (nothing written)."""
    with django_db_blocker.unblock():
        return demo_province.plan(1.0)


def _province_exemplars(records):
    from registry.models import Exemplar

    tokens = [uuid.uuid5(uuid.NAMESPACE_URL, record.token) for record in records]
    return Exemplar.objects.filter(creation_token__in=tokens).select_related("unit")


def test_the_province_is_built_and_a_second_load_changes_nothing(province, db):
    records = province["records"]
    assert _province_exemplars(records).count() == len(records) > 40
    with override_settings(DEMO_PROVINCE_SCALE=SCALE):
        call_command("load_demo", stdout=StringIO())
    assert _counts() == province["counts"]
    assert demo_province.load(records=records) == 0
    assert spreading.spread(records) == 0


def test_the_walk_through_accounts_and_records_are_kept(province, db):
    from registry.demo import ACCOUNTS, DEMO_PASSWORD
    from registry.models import Exemplar, User

    for account in ACCOUNTS:
        assert User.objects.get(username=account.username).check_password(DEMO_PASSWORD)
    for token in ("lan-syt", "huong-sgddt", "hoa-giavan", "toan-giavan", "mai-syt"):
        creation_token = uuid.uuid5(uuid.NAMESPACE_URL, f"demo-exemplar-{token}")
        assert Exemplar.objects.filter(creation_token=creation_token).exists(), token
    # The staff the province adds cannot sign in.
    added = User.objects.exclude(username__in=[a.username for a in ACCOUNTS])
    assert added.exists()
    assert not any(user.has_usable_password() for user in added.filter(is_superuser=False))


def test_every_year_status_field_and_subject_kind_is_planned_in_proportion(full_plan, db):
    from registry.models import Field

    years = Counter(r.year for r in full_plan)
    assert set(years) == {2023, 2024, 2025, 2026}
    assert 400 <= len(full_plan) <= 1000
    assert all(years[y] >= 60 for y in years)
    assert {r.field_code for r in full_plan} == set(Field.objects.values_list("code", flat=True))
    kinds = Counter(r.subject_kind for r in full_plan)
    assert set(kinds) == {"individual", "collective", "household"}
    assert kinds["household"] >= 0.08 * len(full_plan)
    outcomes = Counter(r.outcome for r in full_plan)
    accepted = sum(n for o, n in outcomes.items() if o.startswith("accepted"))
    assert 0.6 <= accepted / len(full_plan) <= 0.9
    for outcome in ("refused", "draft", "returned", "under_review", "accepted_after_return"):
        assert outcomes[outcome] >= 5, outcome
    assert outcomes["accepted_after_district_return"] >= 1
    # Records under review or returned and not yet sent again are of the demo's own year.
    assert {r.year for r in full_plan if r.outcome in ("under_review", "returned")} == {2026}


def test_records_are_only_of_years_their_unit_existed(province, db):
    from registry.models import Exemplar

    exemplars = list(Exemplar.objects.select_related("unit"))
    assert exemplars
    for exemplar in exemplars:
        assert exemplar.unit.is_active_in(exemplar.year), (exemplar.unit, exemplar.year)
    for exemplar in _province_exemplars(province["records"]):
        created = exemplar.created_at.date()
        assert created.year == exemplar.year
        unit = exemplar.unit
        assert unit.valid_from is None or created >= unit.valid_from
        assert unit.valid_until is None or created <= unit.valid_until


def test_most_units_meet_their_quota_and_some_are_behind(province, db):
    from registry.quotas import standing

    every, behind_total = [], 0
    for year in (2023, 2024, 2025, 2026):
        # The units of the smaller province (the others have no records of their own).
        rows = [
            row
            for row in standing(year, today=DEMO_DAY).rows
            if demo_province.in_sample(row.unit, SCALE)
        ]
        assert len(rows) >= 3, year
        behind = [row for row in rows if row.behind]
        assert len(behind) <= 0.5 * len(rows), year
        every.extend(rows)
        behind_total += len(behind)
    assert 0 < behind_total < 0.35 * len(every)


def test_returned_and_refused_records_carry_the_reason_and_resent_ones_are_fixed(province, db):
    from registry.models import Transition

    records = province["records"]
    exemplars = _province_exemplars(records)
    steps = Transition.objects.filter(exemplar__in=exemplars)
    reasons = steps.filter(action__in=["return", "refuse"])
    assert reasons.exists()
    assert all(len(step.comment) > 20 for step in reasons)
    resent = {
        step.exemplar_id
        for step in steps.filter(action="return")
        if steps.filter(exemplar_id=step.exemplar_id, action="submit", at__gt=step.at).exists()
    }
    assert resent
    for exemplar in exemplars.filter(pk__in=resent):
        # The correction asked for is in the record sent again.
        assert exemplar.history.count() >= 3


def test_every_sent_record_has_its_steps_in_order_and_in_its_years(province, db):
    from registry.models import Transition

    exemplars = _province_exemplars(province["records"])
    for exemplar in exemplars.exclude(status=S.DRAFT):
        steps = list(Transition.objects.filter(exemplar=exemplar).order_by("pk"))
        assert steps, exemplar
        assert all(step.by_id for step in steps)
        moments = [step.at for step in steps]
        assert moments == sorted(moments)
        assert moments[0] >= exemplar.created_at
        assert moments[-1].date() <= DEMO_DAY
        assert exemplar.status_changed_at == moments[-1]
    assert not Transition.objects.filter(exemplar__in=exemplars.filter(status=S.DRAFT)).exists()


def test_follow_ups_notes_coverage_and_proposals_are_there(province, db):
    from campaigns.models import Coverage
    from registry.models import FollowUp, NurturingNote
    from reports.models import AwardProposal

    exemplars = _province_exemplars(province["records"])
    assert FollowUp.objects.filter(exemplar__in=exemplars).exists()
    assert NurturingNote.objects.filter(exemplar__in=exemplars).exists()
    assert Coverage.objects.filter(exemplars__in=exemplars).exists()
    proposals = AwardProposal.objects.filter(exemplar__in=exemplars)
    assert proposals.exists()
    for proposal in proposals:
        assert proposal.award.is_active_in(proposal.year)
        assert proposal.created_at.date() <= DEMO_DAY
        if proposal.status == AwardProposal.Status.CONFERRED:
            assert proposal.decision_number and proposal.decision_date


def test_the_departments_heads_sign_off_what_they_send(province, full_plan, db):
    """The demo has the departments' heads sign off (issue 14, item 18): their records pass
    through the head, some wait for the head, one was returned by the head, and the unit's
    report carries the day of each sign-off."""
    from registry.enums import Role
    from registry.models import Exemplar, Transition, UnitKind
    from reports import documents

    assert UnitKind.objects.get(code="department").requires_head_signoff
    assert not UnitKind.objects.get(code="commune").requires_head_signoff
    exemplars = _province_exemplars(province["records"])
    departments = exemplars.filter(unit__kind__code="department")
    sent_on = departments.exclude(status__in=S.within_unit())
    assert sent_on.exists()
    for exemplar in sent_on:
        steps = list(exemplar.transitions.select_related("by"))
        approvals = [step for step in steps if step.action == "head_approve"]
        assert approvals, exemplar
        assert all(
            step.by.role == Role.UNIT_HEAD and step.by.unit_id == exemplar.unit_id
            for step in approvals
        )
    # Others do not sign off: their records go straight on.
    others = exemplars.exclude(unit__kind__code="department")
    assert not Transition.objects.filter(exemplar__in=others, action="head_approve").exists()
    # Some records were sent back by the head once before they went on.
    assert Transition.objects.filter(exemplar__in=departments, action="head_return").count() >= 2
    # One record the head sent back waits for its editor, with the head's reason.
    (returned,) = exemplars.filter(status=S.RETURNED_BY_HEAD)
    assert returned.unit.code == demo_province.HEAD_RETURNED_UNIT
    assert len(returned.transitions.last().comment) > 20
    # Records waiting for the head: the walk-through's and, across the province, some more.
    waiting_token = uuid.uuid5(uuid.NAMESPACE_URL, "demo-exemplar-hstc-syt")
    assert Exemplar.objects.get(creation_token=waiting_token).status == S.AWAITING_HEAD
    outcomes = Counter(r.outcome for r in full_plan)
    assert outcomes["awaiting_head"] >= 3
    assert outcomes["returned_by_head"] == 1
    assert outcomes["accepted_after_head_return"] >= 3
    assert {r.year for r in full_plan if r.outcome in ("awaiting_head", "returned_by_head")} == {
        2026
    }
    # The unit's report of a year carries the day each record was signed off.
    unit = sent_on.filter(year=2025).first().unit
    document = documents.unit_exemplars(unit=unit, year=2025)
    table = document.annexes[0].blocks[0]
    days = [row[-1] for row in table.rows if isinstance(row, list)]
    assert days and all(re.fullmatch(r"\d\d/\d\d/20\d\d", day) for day in days), days


def test_texts_fit_the_person_and_show_no_marks(full_plan, db):
    marks = re.compile(r"@[a-z_]|\{|\}|\[|\]")
    for record in full_plan:
        for text in (record.values["achievements"], record.values["new_model"]):
            assert not marks.search(text), text
    # A village elder is never credited with a working life's titles or a youth union's work.
    elders = [
        r
        for r in full_plan
        if r.subject_kind == "individual" and r.year - r.values["birth_year"] >= 66
    ]
    assert elders
    for record in elders:
        text = record.values["achievements"]
        assert "Tuổi trẻ" not in text and "Chiến sĩ thi đua" not in text
        assert "đoàn viên trồng" not in text
    # Achievements hardly ever repeat word for word.
    achievements = Counter(r.values["achievements"] for r in full_plan)
    assert sum(n - 1 for n in achievements.values()) <= 0.01 * len(full_plan)


@pytest.mark.unit
def test_every_persona_has_its_own_results_and_an_initiative():
    for (field_code, level), profile in demo_texts.PROFILES.items():
        for position, workplace, *_rest in profile.people:
            persona = demo_province.persona_tags(f"{position} | {workplace}")
            results = demo_province.belonging(profile.results["individual"], persona)
            assert len(results) >= 2, (field_code, level, position)
            assert demo_province.belonging(profile.models, persona, key=lambda m: m[0])
        for name, *_rest in profile.collectives:
            persona = demo_province.persona_tags(name)
            results = demo_province.belonging(profile.results["collective"], persona)
            assert len(results) >= 2, (field_code, level, name)


@pytest.mark.unit
def test_the_dates_of_a_plan_never_pass_the_demo_day():
    assert datetime.date(2027, 1, 1) > DEMO_DAY
    assert demo_province.workday(datetime.date(2026, 11, 28)) == datetime.date(2026, 11, 30)
