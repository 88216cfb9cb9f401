"""The emulation and commendation fund: which fund pays a decision's awards, their cash, the
recording of it (once per decision), the ledger's running balance and the yearly summary.

Which fund pays: the level that decides pays from the fund it keeps. A decision of the
chairperson of the Provincial People's Committee is paid from the province's fund (the fund
of the unit at the top of the tree, kept by Home Affairs), and so are the state's awards the
province proposed (President, Prime Minister): the body that proposes them pays their cash;
a department's, a district's, a commune's or an armed force's decision from the fund of the
unit that proposed its awards; a ministry's award from the ministry's own fund, which the
portal does not keep. docs/award-law.md says what of this is still to be read in an
official text.

The cash of each award is ``award_law.cash_amount`` on the decision's day (its multiple in
force that day, times the base salary in force that day, rounded up to 10,000 đồng), never
typed. A decision is recorded whole or not at all: an award without a rate or a base salary
is named and nothing is written.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Sum, When
from django.utils.translation import gettext as _

from registry.enums import SubjectKind
from registry.models import Unit

from .models import (
    AwardDecision,
    AwardForm,
    AwardProposal,
    BaseSalary,
    Fund,
    FundEntry,
    FundPayout,
)
from .models.award_law import cash_for
from .models.fund import INCOME

Level = AwardForm.Level
Kind = FundEntry.Kind
# Levels whose cash the province's fund pays: its own chairperson's decisions, and the
# state's awards it proposed.
PROVINCE_PAYS = frozenset({Level.PROVINCE, Level.GOVERNMENT, Level.STATE})
# Levels whose cash the fund of the unit that proposed the awards pays.
UNIT_PAYS = frozenset({Level.DEPARTMENT, Level.DISTRICT, Level.COMMUNE, Level.ARMED_FORCES})


class NoFund(ValidationError):
    """No fund the portal keeps pays this decision."""


# Which fund pays --------------------------------------------------------------------------------


def province_unit() -> Unit | None:
    return Unit.objects.filter(parent__isnull=True).order_by("pk").first()


def paying_unit(decision: AwardDecision) -> Unit:
    """The unit whose fund pays ``decision``'s cash; ``NoFund`` says why none does."""
    if decision.level in PROVINCE_PAYS:
        unit = province_unit()
        if unit is None:
            raise NoFund(_("The province is not among the units."))
        return unit
    if decision.level not in UNIT_PAYS:
        raise NoFund(
            _(
                "A ministry's or a central body's award is paid from its own fund, which "
                "the portal does not keep."
            )
        )
    units = list(
        Unit.objects.filter(pk__in=decision.proposals.values("proposing_unit")).distinct()[:2]
    )
    if len(units) != 1:
        raise NoFund(
            _("The decision's awards are proposed by several units: each pays from its own fund.")
        )
    return units[0]


def paying_fund(decision: AwardDecision) -> Fund:
    """The active fund that pays ``decision``'s cash (``NoFund`` if none)."""
    unit = paying_unit(decision)
    fund = Fund.objects.select_related("unit").filter(unit=unit, active=True).first()
    if fund is None:
        raise NoFund(
            _("%(unit)s keeps no active fund: open it first, then record the payouts.")
            % {"unit": unit.name}
        )
    return fund


# The cash of a decision -----------------------------------------------------------------------


@dataclass
class Line:
    """One award of a decision with its cash: the multiple and the base salary in force on
    the decision's day; ``amount`` None where either is not recorded."""

    proposal: AwardProposal
    multiple: Decimal | None
    base_salary: int | None
    amount: int | None

    @property
    def award(self) -> AwardForm:
        return self.proposal.award

    @property
    def subject_kind(self) -> str:
        return self.proposal.exemplar.subject_kind

    def describe(self) -> str:
        """ "Bằng khen … – Nguyễn Văn A (Tập thể)"."""
        subject = SubjectKind(self.subject_kind).label
        return f"{self.award.name} – {self.proposal.exemplar.subject_name} ({subject})"


def lines_of(decision: AwardDecision) -> list[Line]:
    """Every award ``decision`` confers (not only those a reader reaches: the fund pays them
    all), in the order of the award forms, each with its cash on the decision's day."""
    day = decision.date
    salary = BaseSalary.on(day)
    proposals = (
        decision.proposals.select_related("award", "exemplar", "exemplar__unit")
        .prefetch_related("award__cash_rates")
        .order_by("award__order", "exemplar__subject_key", "pk")
    )
    lines = []
    for proposal in proposals:
        kind = proposal.exemplar.subject_kind
        # The rate in force on the day, as ``award_law.cash_amount`` takes it (the latest
        # that began by then), read from the prefetched rates.
        rate = next(
            (
                r
                for r in proposal.award.cash_rates.all()
                if (r.valid_from is None or r.valid_from <= day)
                and (r.valid_until is None or r.valid_until >= day)
            ),
            None,
        )
        lines.append(
            Line(
                proposal=proposal,
                multiple=rate.multiple_for(kind) if rate else None,
                base_salary=salary.amount if salary else None,
                amount=cash_for(rate, kind, salary),
            )
        )
    return lines


def unpaid(lines: list[Line]) -> list[Line]:
    return [line for line in lines if line.amount is None]


def refusal(lines: list[Line]) -> str:
    """Why the awards of ``lines`` cannot be paid: those without cash, by name."""
    missing = unpaid(lines)
    if not lines:
        return _("The decision confers no award.")
    if not missing:
        return ""
    return _(
        "No cash rate or base salary is recorded for the day of the decision for: "
        "%(awards)s. Ask the administrator to record it, then record the payouts."
    ) % {"awards": "; ".join(line.describe() for line in missing)}


def payout_description(decision: AwardDecision) -> str:
    return _("Cash of the awards under decision %(number)s of %(date)s") % {
        "number": decision.number,
        "date": f"{decision.date:%d/%m/%Y}",
    }


@transaction.atomic
def record_payouts(*, decision: AwardDecision, by) -> FundEntry:
    """Record the cash of every award of ``decision`` in the fund that pays it: one entry,
    dated and numbered as the decision, with one line per award.

    Side effects: the entry and its lines, with their history. Raises ``ValidationError``
    (and writes nothing) when the decision's payouts are already recorded, when no fund pays
    it (``NoFund``) or when an award has no cash rate or base salary for the day.
    """
    decision = AwardDecision.objects.select_for_update().get(pk=decision.pk)
    recorded = FundEntry.objects.filter(decision=decision).select_related("fund").first()
    if recorded is not None:
        raise ValidationError(
            _("The payouts of this decision are already recorded in %(fund)s on %(date)s.")
            % {"fund": recorded.fund.name, "date": f"{recorded.date:%d/%m/%Y}"}
        )
    fund = paying_fund(decision)
    lines = lines_of(decision)
    problem = refusal(lines)
    if problem:
        raise ValidationError(problem)
    entry = FundEntry(
        fund=fund,
        year=decision.date.year,
        date=decision.date,
        kind=Kind.AWARD_PAYOUT,
        amount=sum(line.amount for line in lines),
        description=payout_description(decision),
        document_number=decision.number,
        document_date=decision.date,
        decision=decision,
        recorded_by=by,
    )
    entry._history_user = by
    entry.save()
    for line in lines:
        payout = FundPayout(
            entry=entry,
            proposal=line.proposal,
            award=line.award,
            subject_kind=line.subject_kind,
            multiple=line.multiple,
            base_salary=line.base_salary,
            amount=line.amount,
        )
        payout._history_user = by
        payout.save()
    return entry


# The ledger -------------------------------------------------------------------------------------


def with_running_balance(entries):
    """``entries`` with ``balance``: the fund's balance after each one, counting every
    entry of the fund before it (by date, then as recorded), whatever the list filters."""
    before = (
        FundEntry.objects.filter(fund=OuterRef("fund"))
        .filter(Q(date__lt=OuterRef("date")) | Q(date=OuterRef("date"), pk__lte=OuterRef("pk")))
        .order_by()
        .values("fund")
        .annotate(total=Sum(Case(When(kind__in=INCOME, then=F("amount")), default=-F("amount"))))
        .values("total")
    )
    return entries.annotate(balance=Subquery(before))


# The yearly summary -----------------------------------------------------------------------------


@dataclass
class Summary:
    """A fund's year: the balance carried in, income by kind, spending by award form and by
    kind, the balance carried out."""

    fund: Fund
    year: int
    opening: int
    carried_over: int
    income: list  # (kind label, amount) of every income kind but the carried balance
    spending: list  # (kind label, amount) of every spending kind
    awards: list  # (award form name, number of awards, amount)
    entries: int

    @property
    def total_income(self) -> int:
        return sum(amount for _label, amount in self.income)

    @property
    def total_spending(self) -> int:
        return sum(amount for _label, amount in self.spending)

    @property
    def closing(self) -> int:
        return self.opening + self.total_income - self.total_spending

    @property
    def awards_count(self) -> int:
        return sum(count for _name, count, _amount in self.awards)


def summary(fund: Fund, year: int) -> Summary:
    """``fund``'s ``year``: the opening balance is the closing balance of the years before
    (all the ledger holds of them) with the balance carried over into this year, if the
    ledger opens with it."""
    entries = FundEntry.objects.filter(fund=fund)
    earlier = entries.filter(year__lt=year).balance()
    this_year = entries.filter(year=year)
    totals = defaultdict(int)
    for row in this_year.values("kind").annotate(total=Sum("amount")):
        totals[row["kind"]] = row["total"]
    awards = (
        FundPayout.objects.filter(entry__fund=fund, entry__year=year)
        .values("award__name", "award__order")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by("award__order", "award__name")
    )
    income = [k for k in Kind.income() if k != Kind.CARRIED_OVER]
    return Summary(
        fund=fund,
        year=year,
        opening=earlier + totals[Kind.CARRIED_OVER],
        carried_over=totals[Kind.CARRIED_OVER],
        income=[(kind.label, totals[kind]) for kind in income],
        spending=[(kind.label, totals[kind]) for kind in Kind.spending()],
        awards=[(row["award__name"], row["count"], row["total"]) for row in awards],
        entries=this_year.count(),
    )


def years_of(fund: Fund) -> list[int]:
    """The budget years the fund's ledger holds, newest first."""
    return list(
        FundEntry.objects.filter(fund=fund)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
