"""What the law says of each award form: the legal documents, the tracks a proposal takes,
the cash it carries (a multiple of the base salary, both set by decree), the parts of its
dossier and the conditions a candidate meets.

All of it is reference data, seeded by a data migration from ``reports/data`` and kept by
administrators in the admin, since laws, decrees and the base salary change. Every row
names the document and the article it rests on. The conditions are held as data only:
evaluating them against a candidate's history is another step's work.
"""

import datetime
import math
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.enums import SubjectKind
from registry.models.units import EnglishNamed


class InForceQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date):
        """Rows in force on ``day`` (both ends included; an empty end is open)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )


class InForce(models.Model):
    """The days a row is in force, both included; empty means open-ended."""

    valid_from = models.DateField(_("effective from"), null=True, blank=True)
    valid_until = models.DateField(_("effective until"), null=True, blank=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The last day comes before the first.")})


class LegalSource(models.Model):
    """A row that rests on a legal document and one of its articles."""

    legal_document = models.ForeignKey(
        "reports.LegalDocument",
        verbose_name=_("legal document"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    article = models.CharField(
        _("article"), max_length=120, blank=True, help_text=_("For example Điều 24 khoản 1.")
    )

    class Meta:
        abstract = True

    @property
    def source(self) -> str:
        return ", ".join(part for part in (self.article, self.legal_document.citation) if part)


class LegalDocument(InForce):
    """A law, decree, circular or official letter the award forms rest on."""

    class Kind(models.TextChoices):
        LAW = "law", _("Law")
        DECREE = "decree", _("Decree")
        CIRCULAR = "circular", _("Circular")
        OFFICIAL_LETTER = "official_letter", _("Official letter")

    kind = models.CharField(_("kind of document"), max_length=16, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    issued_on = models.DateField(_("issued on"))
    url = models.URLField(_("official text"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "number"]
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    @property
    def citation(self) -> str:
        return f"{self.title} số {self.number}"


class AwardTrack(EnglishNamed):
    """A way an award is proposed (Law 2022, Art. 8): regular, ad hoc, thematic, long
    service, foreign, or sent up beyond the province."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sent_up = models.BooleanField(
        _("sent up beyond the province"),
        default=False,
        help_text=_("The dossier goes to the Prime Minister or the President."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("award track")
        verbose_name_plural = _("award tracks")


def regular_track():
    """The track a proposal takes unless it says otherwise."""
    return AwardTrack.objects.filter(code="regular").values_list("pk", flat=True).first()


class BaseSalary(LegalSource):
    """The base salary (mức lương cơ sở) from a day on, as a decree sets it."""

    amount = models.PositiveIntegerField(_("amount (đồng a month)"))
    valid_from = models.DateField(_("effective from"), unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")

    def __str__(self):
        return f"{self.amount:,} đ ({self.valid_from:%d/%m/%Y})".replace(",", ".")

    @classmethod
    def on(cls, day: datetime.date):
        """The base salary in force on ``day`` (None before the first one recorded)."""
        return cls.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


class CashRate(InForce, LegalSource):
    """The cash an award carries, as multiples of the base salary, while a decree is in
    force; a collective's or a household's where the text sets its own."""

    award = models.ForeignKey(
        "reports.AwardForm",
        verbose_name=_("award form"),
        related_name="cash_rates",
        on_delete=models.CASCADE,
    )
    multiple = models.DecimalField(_("multiple of the base salary"), max_digits=5, decimal_places=2)
    collective_multiple = models.DecimalField(
        _("multiple for a collective"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    household_multiple = models.DecimalField(
        _("multiple for a household"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["award", "-valid_from"]
        verbose_name = _("cash rate")
        verbose_name_plural = _("cash rates")

    def __str__(self):
        return f"{self.award} × {self.multiple}"

    def multiple_for(self, subject_kind: str) -> Decimal | None:
        own = {
            SubjectKind.COLLECTIVE: self.collective_multiple,
            SubjectKind.HOUSEHOLD: self.household_multiple,
        }.get(subject_kind)
        if own is not None:
            return own
        # The main multiple is an individual's wherever the form is also an individual's:
        # a collective's or a household's is then its own figure, never assumed from it.
        if subject_kind != SubjectKind.INDIVIDUAL and self.award.for_individuals:
            return None
        return self.multiple


def cash_amount(award, subject_kind: str, on_date: datetime.date) -> int | None:
    """The cash of ``award`` for a ``subject_kind`` decided on ``on_date``: its multiple in
    force that day times the base salary in force that day, rounded up to ten thousand
    đồng (ND 98/2023 Art. 53); None where either is not recorded."""
    rate = award.cash_rates.in_force_on(on_date).first()
    return cash_for(rate, subject_kind, BaseSalary.on(on_date))


def cash_for(rate, subject_kind: str, salary) -> int | None:
    """The cash a ``rate`` (a ``CashRate`` or None) gives a ``subject_kind`` at a base
    ``salary`` (a ``BaseSalary`` or None): rounded up to ten thousand đồng; None where the
    multiple or the salary is missing."""
    multiple = rate and rate.multiple_for(subject_kind)
    if multiple is None or salary is None:
        return None
    return math.ceil(multiple * salary.amount / 10_000) * 10_000


class DossierPart(LegalSource):
    """A document of a proposal's dossier (Law 2022 Art. 84), in its official form."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    official_form = models.CharField(
        _("official form"), max_length=60, blank=True, help_text=_("For example Mẫu số 02.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("dossier part")
        verbose_name_plural = _("dossier parts")

    def __str__(self):
        return f"{self.name} ({self.official_form})" if self.official_form else self.name


class AwardDossierPart(models.Model):
    """A part an award form's dossier holds, for the subjects it is required of."""

    award = models.ForeignKey(
        "reports.AwardForm",
        verbose_name=_("award form"),
        related_name="dossier",
        on_delete=models.CASCADE,
    )
    part = models.ForeignKey(DossierPart, verbose_name=_("dossier part"), on_delete=models.PROTECT)
    for_collectives = models.BooleanField(_("for collectives"), default=True)
    for_individuals = models.BooleanField(_("for individuals"), default=True)
    for_households = models.BooleanField(_("for households"), default=True)
    required = models.BooleanField(
        _("required"), default=True, help_text=_("Unchecked: only where the case calls for it.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("part of the dossier")
        verbose_name_plural = _("parts of the dossier")
        constraints = [
            models.UniqueConstraint(fields=["award", "part"], name="award_dossier_part_once")
        ]

    def __str__(self):
        return f"{self.award}: {self.part}"


class AwardCondition(LegalSource):
    """A condition of an award form as the law words it. The conditions of one group are
    alternatives (one of them suffices); every group must be met."""

    class Kind(models.TextChoices):
        CONSECUTIVE_TITLE = "consecutive_title", _("A title in consecutive years")
        INITIATIVES = "initiatives", _("Recognised initiatives")
        HOLDS_AWARD = "holds_award", _("Already holds an award")
        TASK_RATING = "task_rating", _("Task completion rating")
        TEXT_ONLY = "text_only", _("Judged by a person")

    class Level(models.TextChoices):
        GRASSROOTS = "grassroots", _("Grassroots")
        PROVINCE = "province", _("Ministry, sector or province")
        NATIONAL = "national", _("Nationwide")

    class Rating(models.TextChoices):
        GOOD = "good", _("Completes tasks well or better")
        EXCELLENT = "excellent", _("Completes tasks excellently")

    award = models.ForeignKey(
        "reports.AwardForm",
        verbose_name=_("award form"),
        related_name="conditions",
        on_delete=models.CASCADE,
    )
    group = models.PositiveSmallIntegerField(
        _("group"), default=1, help_text=_("Conditions of one group are alternatives.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.ForeignKey(
        "reports.AwardForm",
        verbose_name=_("title or award held"),
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    count = models.PositiveSmallIntegerField(_("how many"), null=True, blank=True)
    years = models.PositiveSmallIntegerField(_("in how many years"), null=True, blank=True)
    initiative_level = models.CharField(
        _("initiative level"), max_length=16, choices=Level.choices, blank=True
    )
    rating = models.CharField(_("rating"), max_length=16, choices=Rating.choices, blank=True)
    not_used_before = models.BooleanField(
        _("not used for another award"),
        default=False,
        help_text=_("An initiative counts for one award only."),
    )
    text = models.TextField(_("wording of the law"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["award", "group", "order", "pk"]
        verbose_name = _("award condition")
        verbose_name_plural = _("award conditions")

    def __str__(self):
        return f"{self.award} ({self.group}): {self.get_kind_display()}"
