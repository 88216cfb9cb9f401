import datetime

import factory

from registry.enums import Role
from registry.models import Plan, QuotaRule, Unit, UnitKind, UnitSuccession, User

TEST_PASSWORD = "Mat-khau-thu-nghiem-2026"
# The legal basis of the 2025 reform, which most successions of the tests cite.
REFORM_BASIS = "Nghị quyết số 1674/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"


def kind(code: str) -> UnitKind:
    """Unit kinds are reference data seeded by migration; tests use the real rows."""
    return UnitKind.objects.get(code=code)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"T-{n:04d}")
    name = factory.Sequence(lambda n: f"Sở thử nghiệm số {n}")
    short_name = factory.LazyAttribute(lambda o: o.name.split()[-1])
    kind = factory.LazyFunction(lambda: kind("department"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@ninhbinh.example")
    role = Role.UNIT_EDITOR
    unit = factory.SubFactory(UnitFactory)
    # Hashed before the user is written: one INSERT, not an INSERT and an UPDATE.
    password = factory.django.Password(TEST_PASSWORD)


def home_affairs_unit() -> Unit:
    """Sở Nội vụ: the world's (``tests/personas.py``) when it is built, else one of its own."""
    return UnitFactory(code="37-SNV", name="Sở Nội vụ")


def someone(role: str = Role.HOME_AFFAIRS, unit: Unit | None = None) -> User:
    """The first user of ``role`` (in ``unit`` if given), or a new one: who recorded a row
    when the test does not care."""
    users = User.objects.filter(role=role).order_by("pk")
    if unit is not None:
        users = users.filter(unit=unit)
    return users.first() or UserFactory(
        role=role, unit=unit or (home_affairs_unit() if role == Role.HOME_AFFAIRS else None)
    )


class PlanFactory(factory.django.DjangoModelFactory):
    """A plan after the seeded 2023-2025 one; ``quotas={"commune": 2}`` adds its quota rules."""

    class Meta:
        model = Plan
        skip_postgeneration_save = True

    period_from = 2026
    period_to = 2030
    title = factory.LazyAttribute(
        lambda o: (
            f"tuyên truyền gương điển hình tiên tiến giai đoạn {o.period_from} - {o.period_to}"
        )
    )

    @factory.post_generation
    def quotas(obj, create, extracted, **kwargs):
        for code, minimum in (extracted or {}).items():
            QuotaRuleFactory(plan=obj, unit_kind=kind(code), minimum=minimum)


class QuotaRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuotaRule

    plan = factory.SubFactory(PlanFactory)
    unit_kind = factory.LazyFunction(lambda: kind("commune"))
    minimum = 1


class UnitSuccessionFactory(factory.django.DjangoModelFactory):
    """``predecessor`` (by default a unit that ended the day before) went into ``successor``
    by merger on 1 July 2025, the reform's day."""

    class Meta:
        model = UnitSuccession

    effective_on = datetime.date(2025, 7, 1)
    predecessor = factory.SubFactory(
        UnitFactory,
        valid_until=factory.LazyAttribute(
            lambda o: o.factory_parent.effective_on - datetime.timedelta(days=1)
        ),
    )
    successor = factory.SubFactory(UnitFactory)
    kind = UnitSuccession.Kind.MERGER
    legal_basis = REFORM_BASIS
