"""A small province through the 2025 reform, dated as it happened, for the tests of quotas,
the review chain and the period review.

    province 99 ("Tỉnh Thử nghiệm")
    ├── Sở Y tế thử nghiệm (dept_x) ................... always
    ├── Sở Kế hoạch (dept_a) ─┐ until 28/2/2025
    ├── Sở Tài chính cũ (dept_b) ┴→ Sở Tài chính (dept_m) from 1/3/2025 (merger)
    ├── Huyện Gia Viễn thử nghiệm (district) .......... until 30/6/2025, no successor
    │   ├── Xã Gia Vân cũ (old_a) ─┐ until 30/6/2025
    │   ├── Xã Gia Thanh cũ (old_b) ┴→ Xã Gia Vân (new_a) from 1/7/2025 (merger)
    │   └── Xã Gia Lạc cũ (old_c) ...... until 30/6/2025, no successor
    └── Xã Gia Hưng (new_b) ............................ from 1/7/2025

The plan of 2023-2025 sets department 1, district 5 (counting what it endorsed), commune 2,
reference day 31/12, no deadline. Units use codes starting with "99" so they never meet the
units other tests build.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from registry.enums import ExemplarStatus as S
from registry.models import Plan, QuotaRule, Transition, Unit, UnitSuccession
from tests.factories import UnitFactory, UserFactory, kind
from tests.factories.exemplars import ExemplarFactory

MERGED = datetime.date(2025, 3, 1)
TWO_LEVELS = datetime.date(2025, 7, 1)
LAST_DISTRICT_DAY = datetime.date(2025, 6, 30)


@dataclass
class Reform:
    plan: Plan
    province: Unit
    dept_x: Unit
    dept_a: Unit
    dept_b: Unit
    dept_m: Unit
    district: Unit
    old_a: Unit
    old_b: Unit
    old_c: Unit
    new_a: Unit
    new_b: Unit


def plan_2023_2025() -> Plan:
    """The seeded 2023-2025 plan, with the quotas of the plan (section VI.7-VI.8)."""
    plan = Plan.objects.get(period_from=2023, period_to=2025)
    rules = {"department": (1, False), "district": (5, True), "commune": (2, False)}
    for code, (minimum, endorsed) in rules.items():
        QuotaRule.objects.update_or_create(
            plan=plan,
            unit_kind=kind(code),
            defaults={"minimum": minimum, "counts_endorsed": endorsed},
        )
    QuotaRule.objects.filter(plan=plan).exclude(unit_kind__code__in=rules).delete()
    return plan


def _link(predecessor, successor, day, *, takes_over=True, how="merger"):
    UnitSuccession.objects.create(
        predecessor=predecessor,
        successor=successor,
        kind=how,
        effective_on=day,
        legal_basis="Nghị quyết số 1674/NQ-UBTVQH15",
        takes_over_work=takes_over,
    )


def build_reform() -> Reform:
    plan = plan_2023_2025()
    province = UnitFactory(code="99", name="Tỉnh Thử nghiệm", kind=kind("province"))
    before_merger = MERGED - datetime.timedelta(days=1)
    dept_x = UnitFactory(code="99-SYT", name="Sở Y tế thử nghiệm", parent=province)
    dept_a = UnitFactory(
        code="99-SKHDT", name="Sở Kế hoạch thử nghiệm", parent=province, valid_until=before_merger
    )
    dept_b = UnitFactory(
        code="99-STC-CU", name="Sở Tài chính cũ", parent=province, valid_until=before_merger
    )
    dept_m = UnitFactory(
        code="99-STC", name="Sở Tài chính thử nghiệm", parent=province, valid_from=MERGED
    )
    district = UnitFactory(
        code="99-373",
        name="Huyện Gia Viễn thử nghiệm",
        kind=kind("district"),
        parent=province,
        valid_until=LAST_DISTRICT_DAY,
    )

    def commune(code, name, parent, **dates):
        return UnitFactory(code=code, name=name, kind=kind("commune"), parent=parent, **dates)

    old_a = commune("99-GIAVAN", "Xã Gia Vân cũ", district, valid_until=LAST_DISTRICT_DAY)
    old_b = commune("99-GIATHANH", "Xã Gia Thanh cũ", district, valid_until=LAST_DISTRICT_DAY)
    old_c = commune("99-GIALAC", "Xã Gia Lạc cũ", district, valid_until=LAST_DISTRICT_DAY)
    new_a = commune("99-14488", "Xã Gia Vân", province, valid_from=TWO_LEVELS)
    new_b = commune("99-14482", "Xã Gia Hưng", province, valid_from=TWO_LEVELS)
    _link(dept_a, dept_m, MERGED)
    _link(dept_b, dept_m, MERGED)
    _link(old_a, new_a, TWO_LEVELS)
    _link(old_b, new_a, TWO_LEVELS)
    for unit in (dept_x, dept_a, dept_b, dept_m, district, old_a, old_b, old_c, new_a, new_b):
        UserFactory(username=f"cb-{unit.code.lower()}", unit=unit)
    return Reform(
        plan, province, dept_x, dept_a, dept_b, dept_m, district, old_a, old_b, old_c, new_a, new_b
    )


def exemplar(unit, year, status, *, endorsed_by=None):
    """An exemplar of ``unit`` in ``status``; ``endorsed_by`` (a district) records the
    endorsement step and the first reviewer, as the workflow would have."""
    item = ExemplarFactory(unit=unit, year=year)
    fields = {"status": status, "status_changed_at": timezone.now()}
    if endorsed_by is not None:
        fields["reviewer_unit"] = endorsed_by
        Transition.objects.create(
            exemplar=item,
            action="endorse",
            from_status=S.SUBMITTED_TO_DISTRICT,
            to_status=S.UNDER_REVIEW,
            by=endorsed_by.users.first(),
        )
    type(item).objects.filter(pk=item.pk).update(**fields)
    item.refresh_from_db()
    return item
