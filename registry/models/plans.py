"""The province's plan (kế hoạch) that the portal serves, as a record.

A plan covers a period of years and sets what applies in them: the criteria catalogue, the
quota rules (``QuotaRule.plan``), the yearly deadline for sending exemplars, the regulations
units must send (``campaigns.RegulationRequirement.plan``) and how a reform year's quotas are
counted. Nothing of a plan applies outside its period: a year no plan covers has no quota,
no deadline and no catalogue, and the portal says so.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from exemplar_portal.base.dates import short_date
from exemplar_portal.base.records import WithPage

from .. import rules as perms
from .units import YEAR_VALIDATORS

MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]
DAY_VALIDATORS = [MinValueValidator(1), MaxValueValidator(31)]


class PlanQuerySet(models.QuerySet):
    def in_force(self, year: int):
        return self.filter(period_from__lte=year, period_to__gte=year)


class Plan(WithPage, RulesModel):
    class QuotaBasis(models.TextChoices):
        REFERENCE_DATE = "reference_date", _("Units in force on the reference day of the year")
        PART_OF_YEAR = "part_of_year", _("Units in force for any part of the year")

    title = models.CharField(
        _("subject"),
        max_length=300,
        help_text=_(
            'As cited after "về": "tuyên truyền gương điển hình tiên tiến giai đoạn 2023 - 2025".'
        ),
    )
    number = models.CharField(
        _("number"), max_length=40, blank=True, help_text=_('As registered: "24/KH-UBND".')
    )
    signed_on = models.DateField(_("date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=200, default="Ủy ban nhân dân tỉnh")
    period_from = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    period_to = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    catalogue = models.ForeignKey(
        "CatalogueVersion",
        verbose_name=_("criteria catalogue"),
        related_name="plans",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("The published wording of the criteria that exemplars of its years meet."),
    )
    deadline_month = models.PositiveSmallIntegerField(
        _("deadline month"), null=True, blank=True, validators=MONTH_VALIDATORS
    )
    deadline_day = models.PositiveSmallIntegerField(
        _("deadline day"),
        null=True,
        blank=True,
        validators=DAY_VALIDATORS,
        help_text=_(
            "The day of each year by which units send their exemplars to Home Affairs; "
            "empty when the plan sets none."
        ),
    )
    quota_basis = models.CharField(
        _("who owes a quota in a year"),
        max_length=16,
        choices=QuotaBasis.choices,
        default=QuotaBasis.REFERENCE_DATE,
        help_text=_(
            "Reference day: the units in force on that day of the year owe its quota, and a "
            "successor counts what its predecessors achieved that year. Part of the year: "
            "every unit in force some day of the year owes it, unless a successor that took "
            "over its work is also in force that year."
        ),
    )
    reference_month = models.PositiveSmallIntegerField(
        _("reference month"), default=12, validators=MONTH_VALIDATORS
    )
    reference_day = models.PositiveSmallIntegerField(
        _("reference day"), default=31, validators=DAY_VALIDATORS
    )
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("A draft or example, not a plan the province issued; documents say so."),
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()
    page_url = "registry:plan_detail"

    class Meta:
        ordering = ["-period_from"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        rules_permissions = {
            "view": perms.is_authenticated,
            "add": perms.can_manage_plans,
            "change": perms.can_manage_plans,
            "delete": perms.is_administrator,
        }

    def __str__(self):
        return f"{self.citation}"

    def clean(self):
        super().clean()
        errors = {}
        if self.period_from and self.period_to and self.period_to < self.period_from:
            errors["period_to"] = _("The last year comes before the first.")
        if (self.deadline_month is None) != (self.deadline_day is None):
            errors["deadline_day"] = _("Give both the day and the month, or neither.")
        for month, day, field in (
            (self.deadline_month, self.deadline_day, "deadline_day"),
            (self.reference_month, self.reference_day, "reference_day"),
        ):
            if month and day:
                try:
                    # 2001 is not a leap year: the day must exist in every year, so no 29/02.
                    datetime.date(2001, month, day)
                except ValueError:
                    errors[field] = _("This day does not exist in that month of every year.")
        if self.catalogue_id and not self.catalogue.published:
            errors["catalogue"] = _("Choose a published catalogue version.")
        if errors:
            raise ValidationError(errors)
        if self.period_from and self.period_to:
            overlapping = (
                Plan.objects.exclude(pk=self.pk)
                .filter(Q(period_from__lte=self.period_to), Q(period_to__gte=self.period_from))
                .first()
            )
            if overlapping is not None:
                raise ValidationError(
                    {
                        "period_from": _(
                            "%(plan)s already covers some of these years: one plan applies "
                            "to a year."
                        )
                        % {"plan": overlapping.short_label}
                    }
                )

    @property
    def period_label(self) -> str:
        return f"{self.period_from} - {self.period_to}"

    @property
    def short_label(self) -> str:
        """ "Kế hoạch 24/KH-UBND (2023 - 2025)", or by its period when it has no number."""
        if self.number:
            return _("Plan %(number)s (%(period)s)") % {
                "number": self.number,
                "period": self.period_label,
            }
        return _("Plan %(period)s") % {"period": self.period_label}

    @property
    def citation(self) -> str:
        """ "Kế hoạch số 24/KH-UBND ngày 15/02/2023 của Ủy ban nhân dân tỉnh về …": the plan as
        a document cites it; without a registered number, by its issuer and subject."""
        parts = ["Kế hoạch"]
        if self.number:
            parts.append(f"số {self.number}")
        if self.signed_on:
            parts.append(f"ngày {short_date(self.signed_on)}")
        parts.append(f"của {self.issuer} về {self.title}")
        return " ".join(parts)

    @property
    def years(self) -> range:
        return range(self.period_from, self.period_to + 1)

    def covers(self, year: int) -> bool:
        return self.period_from <= year <= self.period_to

    def deadline_for(self, year: int) -> datetime.date | None:
        """The day of ``year`` by which units send their exemplars (None when none is set)."""
        if self.deadline_month and self.deadline_day:
            return datetime.date(year, self.deadline_month, self.deadline_day)
        return None

    def reference_date(self, year: int) -> datetime.date:
        return datetime.date(year, self.reference_month, self.reference_day)

    def rule_for(self, kind_id: int):
        return next((rule for rule in self.quota_rules.all() if rule.unit_kind_id == kind_id), None)


def plan_in_force(year: int) -> Plan | None:
    return (
        Plan.objects.in_force(year)
        .select_related("catalogue")
        .prefetch_related("quota_rules__unit_kind")
        .order_by("-period_from")
        .first()
    )
