"""The emulation and commendation fund (quỹ thi đua, khen thưởng): a ledger of what comes in
and what goes out, kept by each level that confers awards: the province's fund (kept by Home
Affairs) and a unit's own fund where the unit keeps one.

What comes in (the law names its sources: the state budget, contributions of organisations
and individuals at home and abroad, other lawful income) and what goes out (the cash and
gifts that go with awards, the certificates, frames, flags and badges, the organising of
emulation movements) are the entry's ``kind``; docs/award-law.md says which articles this
rests on and what is still to be read in an official text.

The cash of a decision's awards is never typed: ``reports.fund.record_payouts`` computes it
from each award's multiple and the base salary in force on the decision's day
(``award_law.cash_amount``), as one entry per decision with one line per award
(``FundPayout``), once per decision.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exemplar_portal.base.records import Searchable, WithPage, by_user
from registry.enums import SubjectKind
from registry.models.records import UnitScopedQuerySet, unit_link
from registry.models.units import YEAR_VALIDATORS
from registry.rules import is_media

from .awards import AwardForm, AwardProposal
from .decisions import AwardDecision


class FundQuerySet(UnitScopedQuerySet):
    """The funds of the units the user reaches (the province's: those who read every unit);
    media staff read none."""

    def scope(self, user, action):
        return Q(pk__in=[]) if is_media(user) else super().scope(user, action)


class Fund(WithPage, models.Model):
    """A fund kept by a unit: the province's (its unit is the province) or a unit's own."""

    unit = unit_link("funds", _("fund of"))
    name = models.CharField(_("name"), max_length=200)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive fund is kept for reading only.")
    )
    created_by = by_user(_("created by"), editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    objects = FundQuerySet.as_manager()
    history = HistoricalRecords()
    # A fund's page is its ledger.
    page_url = "reports:fund_entry_list"

    class Meta:
        ordering = ["unit__name", "name"]
        verbose_name = _("emulation and commendation fund")
        verbose_name_plural = _("emulation and commendation funds")
        constraints = [
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(active=True),
                name="fund_one_active_per_unit",
                violation_error_message=_("This unit already keeps an active fund."),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_provincial(self) -> bool:
        """The province's fund: the fund of the unit at the top of the tree."""
        return self.unit.parent_id is None

    def balance(self) -> int:
        return self.entries.balance()


INCOME = ("budget", "contribution", "carried_over", "other_income")


def signed_amount():
    """An entry's amount as it counts in the balance: income up, spending down."""
    return Case(When(kind__in=INCOME, then=F("amount")), default=-F("amount"))


class FundEntryQuerySet(FundQuerySet):
    unit_paths = ("fund__unit",)

    def balance(self) -> int:
        """Income less spending of these entries (0 for none)."""
        return self.aggregate(total=Coalesce(Sum(signed_amount()), Value(0)))["total"]


class FundEntry(WithPage, Searchable, models.Model):
    """One line of a fund's ledger: money in or out, with the document it rests on."""

    class Kind(models.TextChoices):
        BUDGET = "budget", _("State budget allocation")
        CONTRIBUTION = "contribution", _("Contributions of organisations and individuals")
        CARRIED_OVER = "carried_over", _("Balance carried over from the previous year")
        OTHER_INCOME = "other_income", _("Other lawful income")
        AWARD_PAYOUT = "award_payout", _("Cash of the awards of a decision")
        PRINTING = "printing", _("Certificates, frames, flags and badges")
        MOVEMENTS = "movements", _("Organising and directing emulation movements")
        OTHER_SPENDING = "other_spending", _("Other spending")

        @classmethod
        def income(cls) -> list:
            return [kind for kind in cls if kind in INCOME]

        @classmethod
        def spending(cls) -> list:
            return [kind for kind in cls if kind not in INCOME]

        @classmethod
        def typed(cls) -> list:
            """The kinds recorded by hand: a decision's cash is computed, never typed."""
            return [kind for kind in cls if kind != cls.AWARD_PAYOUT]

    fund = models.ForeignKey(
        Fund, verbose_name=_("fund"), related_name="entries", on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(
        _("budget year"),
        validators=YEAR_VALIDATORS,
        help_text=_("The year whose accounts it is in."),
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    amount = models.PositiveBigIntegerField(
        _("amount (đồng)"),
        validators=[MinValueValidator(1, message=_("The amount must be above 0 đồng."))],
    )
    description = models.CharField(_("description"), max_length=300)
    document_number = models.CharField(
        _("document number"),
        max_length=60,
        blank=True,
        help_text=_("The decision, voucher or letter it rests on, e.g. 125/QĐ-UBND."),
    )
    document_date = models.DateField(_("document date"), null=True, blank=True)
    decision = models.OneToOneField(
        AwardDecision,
        verbose_name=_("award decision"),
        related_name="payout",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
    )
    recorded_by = by_user(_("recorded by"), editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    objects = FundEntryQuerySet.as_manager()
    history = HistoricalRecords()
    page_url = "reports:fund_entry_detail"
    searched_fields = ("description", "document_number")

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("fund entry")
        verbose_name_plural = _("fund entries")
        indexes = [models.Index(fields=["fund", "year"])]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} · {self.description}"

    @property
    def is_income(self) -> bool:
        return self.kind in INCOME

    @property
    def is_payout(self) -> bool:
        """A decision's cash, computed: removed and recorded again, never edited."""
        return self.kind == self.Kind.AWARD_PAYOUT

    @property
    def signed(self) -> int:
        return self.amount if self.is_income else -self.amount

    def clean(self):
        super().clean()
        errors = {}
        if self.date and self.year and self.date.year != self.year:
            errors["date"] = _("The date falls outside the budget year %(year)s.") % {
                "year": self.year
            }
        if self.fund_id and self.year and self.kind:
            problem = self._carry_over_problem()
            if problem:
                errors["kind" if self.kind == self.Kind.CARRIED_OVER else "year"] = problem
        if errors:
            raise ValidationError(errors)

    def _carry_over_problem(self) -> str:
        """A balance carried over opens the ledger: the first year the portal holds. Later
        years carry the balance over from the ledger itself."""
        others = FundEntry.objects.filter(fund_id=self.fund_id).exclude(pk=self.pk)
        if self.kind == self.Kind.CARRIED_OVER:
            if others.filter(year__lt=self.year).exists():
                return _("The ledger holds earlier years: their balance is carried over by itself.")
            if others.filter(year=self.year, kind=self.Kind.CARRIED_OVER).exists():
                return _("A balance is already carried over into %(year)s.") % {"year": self.year}
        elif others.filter(year__gt=self.year, kind=self.Kind.CARRIED_OVER).exists():
            return _(
                "The ledger opens later with the balance carried over from before: record "
                "an earlier year's money in that balance."
            )
        return ""


class FundPayout(models.Model):
    """One award's cash in the entry of its decision: the multiple and the base salary in
    force on the decision's day, and the amount they give (rounded up to 10,000 đồng)."""

    entry = models.ForeignKey(
        FundEntry, verbose_name=_("fund entry"), related_name="payouts", on_delete=models.CASCADE
    )
    proposal = models.OneToOneField(
        AwardProposal,
        verbose_name=_("award proposal"),
        related_name="payout",
        on_delete=models.PROTECT,
    )
    award = models.ForeignKey(
        AwardForm, verbose_name=_("award form"), related_name="+", on_delete=models.PROTECT
    )
    subject_kind = models.CharField(_("subject kind"), max_length=16, choices=SubjectKind.choices)
    multiple = models.DecimalField(_("multiple of the base salary"), max_digits=5, decimal_places=2)
    base_salary = models.PositiveIntegerField(_("base salary (đồng)"))
    amount = models.PositiveBigIntegerField(_("amount (đồng)"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["entry", "pk"]
        verbose_name = _("award's cash")
        verbose_name_plural = _("awards' cash")

    def __str__(self):
        return f"{self.award} – {self.proposal.exemplar}: {self.amount}"
