"""The province's plan (kế hoạch) that the portal serves, as a record: what documents cite.

A plan covers a period of years; documents of a year cite the plan in force that year, and
say nothing of a plan when none covers it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from .. import rules as perms
from .units import YEAR_VALIDATORS


class PlanQuerySet(models.QuerySet):
    def in_force(self, year: int):
        return self.filter(period_from__lte=year, period_to__gte=year)


class Plan(RulesModel):
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
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-period_from"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        rules_permissions = perms.administered()

    def __str__(self):
        return f"{self.citation}"

    def clean(self):
        super().clean()
        if self.period_from and self.period_to and self.period_to < self.period_from:
            raise ValidationError({"period_to": _("The last year comes before the first.")})

    @property
    def citation(self) -> str:
        """ "Kế hoạch số 24/KH-UBND ngày 15/02/2023 của Ủy ban nhân dân tỉnh về …": the plan as
        a document cites it; without a registered number, by its issuer and subject."""
        from reports.layout import short_date

        parts = ["Kế hoạch"]
        if self.number:
            parts.append(f"số {self.number}")
        if self.signed_on:
            parts.append(f"ngày {short_date(self.signed_on)}")
        parts.append(f"của {self.issuer} về {self.title}")
        return " ".join(parts)


def plan_in_force(year: int) -> Plan | None:
    return Plan.objects.in_force(year).order_by("-period_from").first()
