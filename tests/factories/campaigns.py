"""Factories of the records of movements, events, the press, contests and inspections.

Units and users not given are the world's (``tests/personas.py``) when it is built: Sở Nội
vụ organises and inspects, the provincial press runs the outlets, and the first Home
Affairs or media user records.
"""

import datetime
from decimal import Decimal

import factory

from campaigns.models import (
    BudgetEstimate,
    BudgetItem,
    BudgetSpending,
    Column,
    Contest,
    ContestEntry,
    ContestRound,
    Coverage,
    Event,
    Inspection,
    InspectionPlan,
    MediaOutlet,
)
from registry.enums import Role
from registry.models import Campaign
from tests.factories.registry import UnitFactory, home_affairs_unit, someone


class CampaignFactory(factory.django.DjangoModelFactory):
    """A movement the province launched in 2024."""

    class Meta:
        model = Campaign

    code = factory.Sequence(lambda n: f"phong-trao-{n}")
    name = factory.Sequence(lambda n: f"Phong trào thi đua số {n}")
    kind = Campaign.Kind.MOVEMENT
    launched_by = Campaign.LaunchedBy.PROVINCE
    level = Campaign.Level.PROVINCIAL
    valid_from = 2024


class MediaOutletFactory(factory.django.DjangoModelFactory):
    """Báo Ninh Bình, of the provincial press (an outlet's name is unique: asked again, the
    same outlet)."""

    class Meta:
        model = MediaOutlet
        django_get_or_create = ["name"]

    name = "Báo Ninh Bình"
    kind = MediaOutlet.Kind.NEWSPAPER
    unit = factory.LazyFunction(
        lambda: UnitFactory(code="37-BPTTH", name="Báo và Phát thanh, Truyền hình Ninh Bình")
    )


class ColumnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Column

    outlet = factory.SubFactory(MediaOutletFactory)
    name = factory.Sequence(lambda n: f"Gương sáng quanh ta {n}")
    kind = Column.Kind.COLUMN
    started_on = datetime.date(2024, 1, 1)


class SavedWithListsFactory(factory.django.DjangoModelFactory):
    """A record saved as its form saves it: the lists (``exemplars=[…]``) with the record,
    one history entry by ``recorded_by``."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        lists = {name: kwargs.pop(name) for name in cls._lists if name in kwargs}
        record = model_class(*args, **kwargs)
        record._history_user = record.recorded_by
        record.save_with_lists(**lists)
        return record


class CoverageFactory(SavedWithListsFactory):
    """An article of Báo Ninh Bình, recorded by the media; ``exemplars=[…]`` it is about."""

    _lists = ("exemplars",)

    class Meta:
        model = Coverage

    outlet = factory.SubFactory(MediaOutletFactory)
    kind = Coverage.Kind.ARTICLE
    published_on = datetime.date(2025, 6, 12)
    title = "Người thầy thuốc tận tụy với bệnh nhi"
    recorded_by = factory.LazyFunction(lambda: someone(Role.MEDIA))


class EventFactory(SavedWithListsFactory):
    """Sở Nội vụ's conference of 11 June 2025; ``exemplars=[…]`` and
    ``participating_units=[…]`` as the form sets them."""

    _lists = ("exemplars", "participating_units")

    class Meta:
        model = Event

    kind = Event.Kind.CONFERENCE
    title = "Hội nghị biểu dương điển hình tiên tiến"
    date = datetime.date(2025, 6, 11)
    place = "Trung tâm Hội nghị tỉnh Ninh Bình"
    organiser = factory.LazyFunction(home_affairs_unit)
    recorded_by = factory.LazyFunction(someone)


class ContestFactory(factory.django.DjangoModelFactory):
    """Sở Nội vụ's writing contest of 2025, open from April to September."""

    class Meta:
        model = Contest

    name = "Cuộc thi viết về gương điển hình tiên tiến năm 2025"
    kind = Contest.Kind.WRITING
    year = 2025
    organiser = factory.LazyFunction(home_affairs_unit)
    opens_on = datetime.date(2025, 4, 1)
    closes_on = datetime.date(2025, 9, 30)


class ContestEntryFactory(factory.django.DjangoModelFactory):
    """An article received on 1 June 2025; ``exemplars=[…]`` it portrays."""

    class Meta:
        model = ContestEntry
        skip_postgeneration_save = True

    contest = factory.SubFactory(ContestFactory)
    title = factory.Sequence(lambda n: f"Bài dự thi số {n}")
    kind = ContestEntry.Kind.ARTICLE
    authors = "Phạm Thu Trang"
    received_on = datetime.date(2025, 6, 1)
    recorded_by = factory.LazyFunction(someone)

    @factory.post_generation
    def exemplars(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.exemplars.set(extracted)


class ContestRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContestRound
        django_get_or_create = ["contest", "number"]

    contest = factory.SubFactory(ContestFactory)
    number = 1
    name = "Chung khảo"


class InspectionPlanFactory(factory.django.DjangoModelFactory):
    """Sở Nội vụ's plan of inspections of 2025."""

    class Meta:
        model = InspectionPlan

    year = 2025
    title = factory.LazyAttribute(
        lambda o: f"Kế hoạch kiểm tra công tác điển hình tiên tiến năm {o.year}"
    )
    lead_unit = factory.LazyFunction(home_affairs_unit)


class InspectionFactory(factory.django.DjangoModelFactory):
    """An inspection planned for 20 May 2025 (``done=True``: carried out that day), led by
    Home Affairs; ``team_members=[…]``."""

    class Meta:
        model = Inspection
        skip_postgeneration_save = True

    class Params:
        done = factory.Trait(
            carried_out_on=factory.SelfAttribute("scheduled_on"),
            status=Inspection.Status.DONE,
        )

    plan = factory.SubFactory(InspectionPlanFactory)
    unit = factory.SubFactory(UnitFactory)
    scheduled_on = datetime.date(2025, 5, 20)
    team_leader = factory.LazyFunction(someone)

    @factory.post_generation
    def team_members(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.team_members.set(extracted)


def budget_item(code: str = "tuyen-truyen") -> BudgetItem:
    """Budget items are reference data seeded by migration."""
    return BudgetItem.objects.get(code=code)


class _ItemByCode:
    """``item="code"`` names the budget item by its code."""

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        if isinstance(kwargs.get("item"), str):
            kwargs["item"] = budget_item(kwargs["item"])
        return kwargs


class BudgetEstimateFactory(_ItemByCode, factory.django.DjangoModelFactory):
    """A unit's estimate of 2025 for propaganda."""

    class Meta:
        model = BudgetEstimate

    unit = factory.SubFactory(UnitFactory)
    year = 2025
    item = factory.LazyFunction(budget_item)
    amount = Decimal(20_000_000)
    updated_by = factory.LazyAttribute(lambda o: someone(Role.UNIT_EDITOR, unit=o.unit))


class BudgetSpendingFactory(_ItemByCode, factory.django.DjangoModelFactory):
    """Money a unit spent on propaganda on 15 May 2025, for a conference honouring its
    exemplars."""

    class Meta:
        model = BudgetSpending

    unit = factory.SubFactory(UnitFactory)
    item = factory.LazyFunction(budget_item)
    spent_on = datetime.date(2025, 5, 15)
    year = factory.SelfAttribute("spent_on.year")
    amount = Decimal(5_000_000)
    description = "Chi hội nghị biểu dương"
    recorded_by = factory.LazyAttribute(lambda o: someone(Role.UNIT_EDITOR, unit=o.unit))
