"""Budgets of the plan's activities (plan V): each unit's yearly estimate and actual spending."""

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exemplar_portal.base.records import by_user
from registry.models import ValidityPeriod
from registry.models.records import UnitScopedQuerySet, unit_link


class BudgetItem(ValidityPeriod):
    """An activity budgets are estimated for (propaganda, conferences, commendation…); data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("budget item")
        verbose_name_plural = _("budget items")

    def __str__(self):
        return self.name


class BudgetQuerySet(UnitScopedQuerySet):
    reads_all = "campaigns.view_budget_totals"


class BudgetEstimate(models.Model):
    """A unit's estimate for one item in one year."""

    unit = unit_link("budget_estimates")
    year = models.PositiveSmallIntegerField(_("year"))
    item = models.ForeignKey(
        BudgetItem, verbose_name=_("item"), related_name="estimates", on_delete=models.PROTECT
    )
    amount = models.DecimalField(
        _("estimate (VND)"),
        max_digits=15,
        decimal_places=0,
        validators=[MinValueValidator(0)],
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_by = by_user(_("updated by"), editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()
    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "unit__name", "item__order"]
        verbose_name = _("budget estimate")
        verbose_name_plural = _("budget estimates")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "item"], name="one_estimate_per_unit_year_item"
            )
        ]

    def __str__(self):
        return f"{self.unit} · {self.year} · {self.item}"


class BudgetSpending(models.Model):
    """Money actually spent on an item, recorded against the unit's estimate for the year."""

    unit = unit_link("budget_spending")
    year = models.PositiveSmallIntegerField(_("year"))
    item = models.ForeignKey(
        BudgetItem, verbose_name=_("item"), related_name="spending", on_delete=models.PROTECT
    )
    spent_on = models.DateField(_("date"))
    amount = models.DecimalField(
        _("amount (VND)"),
        max_digits=15,
        decimal_places=0,
        validators=[MinValueValidator(1)],
    )
    description = models.CharField(_("what it paid for"), max_length=300)
    voucher = models.CharField(_("voucher"), max_length=100, blank=True)
    recorded_by = by_user(_("recorded by"), editable=False)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()
    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["-spent_on", "-pk"]
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self):
        return f"{self.unit} · {self.spent_on:%d/%m/%Y} · {self.amount}"

    def get_absolute_url(self):
        """The unit's budget of the year, which lists its spending."""
        return reverse("campaigns:budget_unit", args=[self.unit.code, self.year])
