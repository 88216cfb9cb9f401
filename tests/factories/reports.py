"""Factories of the reports' records: commendation proposals, introductions to the media
and the people who sign documents."""

import datetime

import factory

from registry.enums import Role
from reports.models import AwardForm, AwardProposal, Fund, MediaIntroduction, Signer
from tests.factories.campaigns import MediaOutletFactory
from tests.factories.registry import someone

PROVINCIAL_MERIT = "bang-khen-chu-tich-ubnd-tinh"


class AwardProposalFactory(factory.django.DjangoModelFactory):
    """The exemplar's unit proposes it for the Provincial Chairperson's certificate of merit
    (``award="code"`` for another form) of 2025; its first editor recorded it."""

    class Meta:
        model = AwardProposal

    exemplar = None
    award = factory.LazyFunction(lambda: AwardForm.objects.get(code=PROVINCIAL_MERIT))
    year = 2025
    proposing_unit = factory.LazyAttribute(lambda o: o.exemplar.unit)
    reasons = "Thành tích xuất sắc trong năm."
    status = AwardProposal.Status.PROPOSED
    created_by = factory.LazyAttribute(lambda o: someone(Role.UNIT_EDITOR, unit=o.proposing_unit))

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        if isinstance(kwargs.get("award"), str):
            kwargs["award"] = AwardForm.objects.get(code=kwargs["award"])
        return kwargs


class MediaIntroductionFactory(factory.django.DjangoModelFactory):
    """Home Affairs introduces the exemplar to Báo Ninh Bình on 11 June 2025 (a routine
    introduction unless ``occasion`` says otherwise)."""

    class Meta:
        model = MediaIntroduction

    exemplar = None
    outlet = factory.SubFactory(MediaOutletFactory)
    date = datetime.date(2025, 6, 11)
    created_by = factory.LazyFunction(someone)


class SignerFactory(factory.django.DjangoModelFactory):
    """The unit's director, who signs as the head."""

    class Meta:
        model = Signer

    unit = None
    full_name = factory.Sequence(lambda n: f"Phạm Quốc Hùng {n}")
    position = "Giám đốc"


class FundFactory(factory.django.DjangoModelFactory):
    """The fund a unit keeps (``unit=``; the province's when it is the province), opened by
    one of its editors."""

    class Meta:
        model = Fund

    unit = None
    name = factory.LazyAttribute(lambda o: f"Quỹ thi đua, khen thưởng {o.unit.name}")
    created_by = factory.LazyAttribute(lambda o: someone(Role.UNIT_EDITOR, unit=o.unit))
