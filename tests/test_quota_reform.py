"""Quotas in a year of reform, as a person computes them by hand (``registry.quotas``).

The province of ``tests/reform.py``: departments merged on 1/3/2025, a district and its
communes ended on 30/6/2025, new communes from 1/7/2025. Each test states the hand
computation it holds.
"""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from registry import quotas
from registry.enums import ExemplarStatus as S
from registry.models import Plan, QuotaRule
from tests.factories import kind
from tests.reform import build_reform, exemplar

pytestmark = pytest.mark.django_db

ACCEPTED, SENT = S.ACCEPTED, S.UNDER_REVIEW
TODAY = datetime.date(2026, 12, 3)


@pytest.fixture
def reform():
    r = build_reform()
    # 2024: the district registered 3 of its own and endorsed 2 of Xã Gia Vân cũ.
    for _ in range(3):
        exemplar(r.district, 2024, ACCEPTED)
    for _ in range(2):
        exemplar(r.old_a, 2024, ACCEPTED, endorsed_by=r.district)
    # 2025: Sở Kế hoạch 1 accepted before the merger, Sở Tài chính cũ 1 sent; the old
    # communes' two accepted (endorsed by the district), Xã Gia Lạc cũ 1 accepted; the district
    # 2 of its own; nothing from Sở Y tế or Xã Gia Hưng.
    exemplar(r.dept_a, 2025, ACCEPTED)
    exemplar(r.dept_b, 2025, SENT)
    exemplar(r.old_a, 2025, ACCEPTED, endorsed_by=r.district)
    exemplar(r.old_b, 2025, ACCEPTED, endorsed_by=r.district)
    exemplar(r.old_c, 2025, ACCEPTED, endorsed_by=r.district)
    exemplar(r.district, 2025, ACCEPTED)
    exemplar(r.district, 2025, ACCEPTED)
    return r


def table(year):
    return {
        row.unit.code: (row.minimum, row.accepted, row.submitted, row.met)
        for row in quotas.standing(year, today=TODAY).rows
    }


def test_2025_on_the_reference_day_each_obligation_once(reform):
    # Units in force on 31/12/2025: Sở Y tế, Sở Tài chính (merged), Xã Gia Vân, Xã Gia Hưng.
    # Sở Tài chính: 1 accepted (Sở Kế hoạch's) + 1 sent (Sở Tài chính cũ's) → 1/1, met.
    # Xã Gia Vân: the 2 accepted of its two predecessors → 2/2, met.
    # The district and the old communes owe nothing in 2025; Xã Gia Lạc cũ left no successor.
    assert table(2025) == {
        "99-SYT": (1, 0, 0, False),
        "99-STC": (1, 1, 2, True),
        "99-14488": (2, 2, 2, True),
        "99-14482": (2, 0, 0, False),
    }


def test_2025_names_whose_results_a_successor_counts(reform):
    rows = quotas.standing(2025, today=TODAY).by_unit()
    assert [u.code for u in rows[reform.new_a.pk].predecessors] == ["99-GIATHANH", "99-GIAVAN"]
    assert rows[reform.new_a.pk].inherited.accepted == 2
    assert rows[reform.new_a.pk].own.accepted == 0
    assert [u.code for u in rows[reform.dept_m.pk].predecessors] == ["99-SKHDT", "99-STC-CU"]


def test_2025_what_counts_for_no_unit_is_reported_not_dropped(reform):
    # Xã Gia Lạc cũ (1 accepted) and the district (2 accepted) ended with no successor.
    unattributed = {
        unit.code: (tally.accepted, tally.submitted)
        for unit, tally in quotas.standing(2025, today=TODAY).unattributed
    }
    assert unattributed == {"99-GIALAC": (1, 1), "99-373": (2, 2)}


def test_2024_the_district_counts_its_own_and_what_it_endorsed(reform):
    # On 31/12/2024: 3 departments (Sở Y tế, Sở Kế hoạch, Sở Tài chính cũ), the district,
    # 3 old communes. The district: 3 own + 2 endorsed = 5/5. Xã Gia Vân cũ: 2/2.
    assert table(2024) == {
        "99-SYT": (1, 0, 0, False),
        "99-SKHDT": (1, 0, 0, False),
        "99-STC-CU": (1, 0, 0, False),
        "99-373": (5, 5, 5, True),
        "99-GIATHANH": (2, 0, 0, False),
        "99-GIALAC": (2, 0, 0, False),
        "99-GIAVAN": (2, 2, 2, True),
    }


def test_endorsed_exemplars_count_only_where_the_plan_says_so(reform):
    QuotaRule.objects.filter(plan=reform.plan, unit_kind=kind("district")).update(
        counts_endorsed=False
    )
    assert table(2024)["99-373"] == (5, 3, 3, False)


def test_2025_for_any_part_of_the_year(reform):
    # Part of the year: Sở Kế hoạch and Sở Tài chính cũ pass their obligation to Sở Tài chính,
    # the two old communes to Xã Gia Vân; the district and Xã Gia Lạc cũ (no successor) owe
    # theirs: the district 2 own + 3 endorsed = 5/5, Xã Gia Lạc cũ 1/2.
    Plan.objects.filter(pk=reform.plan.pk).update(quota_basis=Plan.QuotaBasis.PART_OF_YEAR)
    assert table(2025) == {
        "99-SYT": (1, 0, 0, False),
        "99-STC": (1, 1, 2, True),
        "99-373": (5, 5, 5, True),
        "99-GIALAC": (2, 1, 1, False),
        "99-14488": (2, 2, 2, True),
        "99-14482": (2, 0, 0, False),
    }
    assert quotas.standing(2025, today=TODAY).unattributed == []


def test_a_year_no_plan_covers_has_no_obligation(reform):
    standing = quotas.standing(2026, today=TODAY)
    assert standing.plan is None
    assert standing.rows == []
    progress = quotas.progress(unit=reform.new_a, year=2026, today=TODAY)
    assert progress.minimum is None and not progress.behind and not progress.overdue


def test_the_deadline_is_the_plans_and_none_means_never_overdue(reform):
    row = quotas.standing(2025, today=TODAY).by_unit()[reform.new_b.pk]
    assert row.deadline is None and row.behind and not row.overdue
    Plan.objects.filter(pk=reform.plan.pk).update(deadline_day=30, deadline_month=11)
    row = quotas.standing(2025, today=TODAY).by_unit()[reform.new_b.pk]
    assert row.deadline == datetime.date(2025, 11, 30) and row.overdue


def test_a_later_plan_applies_its_own_rules(reform):
    later = Plan.objects.create(
        title="tuyên truyền gương điển hình tiên tiến giai đoạn 2026 - 2030",
        period_from=2026,
        period_to=2030,
        illustrative=True,
    )
    QuotaRule.objects.create(plan=later, unit_kind=kind("commune"), minimum=3)
    assert table(2026) == {"99-14488": (3, 0, 0, False), "99-14482": (3, 0, 0, False)}


def test_quota_standing_command_lists_each_obligation_once(reform):
    out = StringIO()
    call_command("quota_standing", "--year", "2025", "--json", stdout=out)
    data = json.loads(out.getvalue())
    codes = [row["code"] for row in data["obligations"]]
    assert sorted(codes) == ["99-14482", "99-14488", "99-STC", "99-SYT"]
    assert len(codes) == len(set(codes))
    merged = next(row for row in data["obligations"] if row["code"] == "99-STC")
    assert merged["inherited_from"] == ["99-SKHDT", "99-STC-CU"]
    assert (data["met"], data["behind"]) == (2, 2)


def test_quota_standing_command_says_when_no_plan_covers_the_year(reform):
    out = StringIO()
    call_command("quota_standing", "--year", "2027", stdout=out)
    assert "2027" in out.getvalue()
    out = StringIO()
    call_command("quota_standing", "--year", "2027", "--json", stdout=out)
    assert json.loads(out.getvalue())["obligations"] == []


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-02-28", {"99-SKHDT", "99-STC-CU", "99-SYT"}),
        ("01/03/2025", {"99-STC", "99-SYT"}),
    ],
)
def test_units_at_lists_the_units_in_force_on_a_day(reform, day, expected):
    out = StringIO()
    call_command("units_at", day, "--kind", "department", "--json", stdout=out)
    assert {unit["code"] for unit in json.loads(out.getvalue())["units"]} == expected


def test_units_at_before_and_after_the_two_levels(reform):
    out = StringIO()
    call_command("units_at", "2025-06-30", "--kind", "commune", "--json", stdout=out)
    before = {unit["code"] for unit in json.loads(out.getvalue())["units"]}
    out = StringIO()
    call_command("units_at", "2025-07-01", "--kind", "commune", "--json", stdout=out)
    after = {unit["code"] for unit in json.loads(out.getvalue())["units"]}
    assert before == {"99-GIAVAN", "99-GIATHANH", "99-GIALAC"}
    assert after == {"99-14488", "99-14482"}


def test_units_at_refuses_a_bad_date_or_kind(reform):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("units_at", "31/02/2025")
    with pytest.raises(CommandError):
        call_command("units_at", "2025-07-01", "--kind", "huyen")


def test_a_record_the_ended_district_endorsed_stays_its_endorsement_when_sent_again(reform):
    from unittest import mock

    from registry import workflow

    # Endorsed by the district in 2024, returned by Home Affairs after the reform, sent again
    # by the commune that carries on: it goes to Home Affairs and still counts for 2024.
    record = exemplar(reform.old_a, 2024, S.RETURNED, endorsed_by=reform.district)
    before = table(2024)["99-373"]
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2025, 8, 1)):
        record = workflow.submit(exemplar=record, by=reform.new_a.users.first())
    assert record.status == S.UNDER_REVIEW
    assert record.reviewer_unit == reform.district
    type(record).objects.filter(pk=record.pk).update(status=S.ACCEPTED)
    after = table(2024)["99-373"]
    assert after[1] == before[1] + 1


@pytest.mark.parametrize("basis", list(Plan.QuotaBasis))
def test_a_units_own_progress_is_its_row_of_the_whole_standing(reform, basis):
    # A unit's page works out only the rows around the unit (``progress``); whatever the
    # unit's place in the reform, what it shows is the province-wide row, field by field.
    Plan.objects.update(quota_basis=basis)
    from registry.models import Unit

    def seen(row):
        return (
            row.unit.pk,
            row.minimum,
            row.own,
            row.inherited,
            row.endorsed,
            [u.pk for u in row.predecessors],
            row.area.pk if row.area else None,
            row.counted_for.pk if row.counted_for else None,
        )

    compared = 0
    for year in (2024, 2025, 2026):
        whole = quotas.standing(year, today=TODAY).by_unit()
        for unit in Unit.objects.all():
            own = quotas.progress(unit=unit, year=year, today=TODAY)
            if unit.pk in whole:
                assert seen(own) == seen(whole[unit.pk]), (year, unit.code)
                compared += 1
            else:
                assert own.minimum is None, (year, unit.code)
    assert compared >= 10
