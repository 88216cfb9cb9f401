"""Pages of budgets (plan V): each unit estimates the plan's cost per item every year and
records what it actually spent; Home Affairs, leaders, administrators and the finance
department read every unit's totals.

Reach: a unit's budget is read by those who reach the unit (as for exemplars) and by those
who read every budget; units out of reach are a 404. Only the unit's own editors and heads
change it, and only for a year in which the unit exists (else 403).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView
from django.views.generic.edit import FormView

from exemplar_portal.base.exports import XlsxExportMixin
from exemplar_portal.base.filters import FilteredListMixin
from exemplar_portal.base.kit import get_in_reach
from registry.models import Unit
from registry.selectors import unit_ids_in_scope

from ..forms.budgets import (
    BudgetSpendingFilterForm,
    BudgetTotalsFilterForm,
    EstimateFormSet,
    SpendingForm,
    format_vnd,
)
from ..models import BudgetEstimate, BudgetItem, BudgetSpending

FIRST_YEAR = 2023  # the plan's first year
HISTORY_LIMIT = 30


def budget_years() -> range:
    """Years a budget may be kept for: from the plan's first year to next year."""
    return range(FIRST_YEAR, timezone.localdate().year + 2)


def budget_units(user):
    """Units whose budget ``user`` reads: every unit for those who read all budgets."""
    units = Unit.objects.select_related("kind")
    if user.has_perm("campaigns.view_budget_totals"):
        return units
    return units.restrict(user)


def reads_several_budgets(user) -> bool:
    """The user lands on the totals: they read every budget, or those of several units."""
    if user.has_perm("campaigns.view_budget_totals"):
        return True
    scope = unit_ids_in_scope(user)
    return scope is None or len(scope) > 1


def _sum(queryset):
    """The sum of ``amount`` over a subquery correlated on the unit (``None`` if no row)."""
    return Subquery(
        queryset.order_by().values("unit").annotate(total=Sum("amount")).values("total")
    )


@dataclass
class BudgetLine:
    """An estimate next to the spending against it: one item, one unit, or a total."""

    estimate: Decimal | None
    spent: Decimal
    unit: Unit | None = None
    item: BudgetItem | None = None
    year: int | None = None
    note: str = ""
    form: object = None
    spent_without_estimate: bool | None = None
    item_over_spent: bool = False  # a unit's total: some item is over its own estimate

    def __post_init__(self):
        if self.spent_without_estimate is None:
            self.spent_without_estimate = self.estimate is None and self.spent > 0

    @property
    def remaining(self) -> Decimal:
        return (self.estimate or 0) - self.spent

    @property
    def over_by(self) -> Decimal:
        return -self.remaining

    @property
    def over_spent(self) -> bool:
        return self.estimate is not None and self.spent > self.estimate

    @property
    def percent_spent(self) -> Decimal | None:
        if not self.estimate:
            return None
        return (self.spent * 100 / self.estimate).quantize(Decimal("0.1"))


def sums_by_item(queryset) -> dict[int, Decimal]:
    return dict(queryset.order_by().values_list("item").annotate(total=Sum("amount")))


def item_lines(estimates: dict, spent: dict, year: int) -> list[BudgetLine]:
    """A line per item active in ``year`` or carrying an estimate or spending."""
    items = BudgetItem.objects.filter(
        Q(pk__in=BudgetItem.objects.active_in(year).values("pk")) | Q(pk__in=[*estimates, *spent])
    )
    return [
        BudgetLine(estimates.get(item.pk), spent.get(item.pk, Decimal(0)), item=item, year=year)
        for item in items
    ]


def grand_total(lines: list[BudgetLine]) -> BudgetLine:
    estimates = [line.estimate for line in lines if line.estimate is not None]
    return BudgetLine(
        sum(estimates, Decimal(0)) if estimates else None,
        sum((line.spent for line in lines), Decimal(0)),
    )


# History: estimates and spending of one unit and year, deleted rows included.
def _shown(field, value, items):
    if value is None or value == "":
        return None
    if field.name == "item":
        return str(items.get(value, value))
    if field.name == "amount":
        return format_vnd(value)
    if field.name == "spent_on":
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return value


def _subject(entry) -> str:
    if entry.instance_type is BudgetEstimate:
        return _("Estimate · %(item)s · %(amount)s đ") % {
            "item": entry.item,
            "amount": format_vnd(entry.amount),
        }
    return _("Spending · %(date)s · %(description)s · %(amount)s đ") % {
        "date": formats.date_format(entry.spent_on, "SHORT_DATE_FORMAT"),
        "description": entry.description,
        "amount": format_vnd(entry.amount),
    }


def budget_history(*histories, limit: int = HISTORY_LIMIT) -> list[dict]:
    """The latest entries of the given history querysets, newest first, each with a subject
    and the fields it changed (old → new), in the shape ``includes/history.html`` reads."""
    entries = []
    for history in histories:
        entries += history.select_related("history_user", "item")[:limit]
    entries.sort(key=lambda entry: entry.history_date, reverse=True)
    entries = entries[:limit]
    items = {item.pk: item for item in BudgetItem.objects.all()}
    # The version before each changed entry, found in one query per model.
    earlier = defaultdict(list)
    for model in {type(entry) for entry in entries if entry.history_type == "~"}:
        ids = {entry.id for entry in entries if isinstance(entry, model)}
        for version in model.objects.filter(id__in=ids).order_by("history_date"):
            earlier[model, version.id].append(version)
    rows = []
    for entry in entries:
        changes = []
        versions = earlier.get((type(entry), entry.id), [])
        before = [v for v in versions if v.history_date < entry.history_date]
        if entry.history_type == "~" and before:
            for change in entry.diff_against(before[-1]).changes:
                field = entry.instance_type._meta.get_field(change.field)
                changes.append(
                    (
                        field.verbose_name,
                        _shown(field, change.old, items),
                        _shown(field, change.new, items),
                    )
                )
        rows.append({"entry": entry, "subject": _subject(entry), "changes": changes})
    return rows


class BudgetTotalsView(LoginRequiredMixin, XlsxExportMixin, FilteredListMixin, ListView):
    """Every unit's estimate, spending and what remains for a year, within the user's reach.

    Those who read one unit only land on that unit's budget instead.
    """

    template_name = "campaigns/budget_list.html"
    context_object_name = "units"
    filter_form_class = BudgetTotalsFilterForm
    export_filename = "kinh-phi"
    export_title = gettext_lazy("Budgets")
    export_columns = [
        (gettext_lazy("unit code"), "unit.code"),
        (gettext_lazy("unit"), "unit.name"),
        (gettext_lazy("unit kind"), "unit.kind.name"),
        (gettext_lazy("year"), "year"),
        (gettext_lazy("budget item"), "item.name"),
        (gettext_lazy("estimate (VND)"), "estimate"),
        (gettext_lazy("spent (VND)"), "spent"),
        (gettext_lazy("remaining (VND)"), "remaining"),
    ]

    def get(self, request, *args, **kwargs):
        user = request.user
        if not reads_several_budgets(user):
            if not user.unit_id:
                raise PermissionDenied
            # A unit that ended (a district, a merged commune) lands on its last year.
            year = timezone.localdate().year
            if user.unit.last_year and user.unit.last_year < year:
                year = max(user.unit.last_year, FIRST_YEAR)
            return redirect("campaigns:budget_unit", code=user.unit.code, year=year)
        return super().get(request, *args, **kwargs)

    def get_year(self) -> int:
        return self.filters().get("year") or timezone.localdate().year

    def get_queryset(self):
        year = self.get_year()
        estimates = BudgetEstimate.objects.filter(unit=OuterRef("pk"), year=year)
        spending = BudgetSpending.objects.filter(unit=OuterRef("pk"), year=year)
        unestimated = spending.filter(
            ~Exists(
                BudgetEstimate.objects.filter(
                    unit=OuterRef("unit"), year=year, item=OuterRef("item")
                )
            )
        )
        spent_on_item = (
            BudgetSpending.objects.filter(unit=OuterRef("unit"), year=year, item=OuterRef("item"))
            .order_by()
            .values("item")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        over = estimates.annotate(spent=Subquery(spent_on_item)).filter(spent__gt=F("amount"))
        units = budget_units(self.request.user).annotate(
            estimate_total=_sum(estimates),
            spent_total=Coalesce(_sum(spending), Decimal(0)),
            spent_without_estimate=Exists(unestimated),
            item_over_spent=Exists(over),
        )
        f = self.filters()
        if f.get("units") == "all":
            active = Unit.objects.active_in(year).values("pk")
            units = units.filter(Q(pk__in=active) | Exists(estimates) | Exists(spending))
        else:
            units = units.filter(Exists(estimates) | Exists(spending))
        if f.get("q"):
            units = units.search(f["q"])
        if f.get("unit_kind"):
            units = units.filter(kind=f["unit_kind"])
        return units.order_by("kind__order", "name", "pk")

    def _sums(self, model):
        """Sums per (unit, item) for the year over the filtered units."""
        rows = (
            model.objects.restrict(self.request.user)
            .filter(year=self.get_year(), unit__in=self.get_queryset().values("pk"))
            .order_by()
            .values_list("unit", "item")
            .annotate(total=Sum("amount"))
        )
        return {(unit, item): total for unit, item, total in rows}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.get_year()
        for unit in context["units"]:
            unit.budget = BudgetLine(
                unit.estimate_total,
                unit.spent_total,
                unit=unit,
                year=year,
                spent_without_estimate=unit.spent_without_estimate,
                item_over_spent=unit.item_over_spent,
            )
        estimates, spent = defaultdict(Decimal), defaultdict(Decimal)
        for (_unit, item), total in self._sums(BudgetEstimate).items():
            estimates[item] += total
        for (_unit, item), total in self._sums(BudgetSpending).items():
            spent[item] += total
        lines = item_lines(estimates, spent, year)
        user = self.request.user
        keeps_own = user.unit_id and user.has_perm("campaigns.change_budget", user.unit)
        context.update(
            year=year,
            item_lines=lines,
            total=grand_total(lines),
            own_unit=user.unit if keeps_own else None,
        )
        return context

    def _export_rows(self):
        # One row per unit and item, rather than per unit as on the page.
        estimates, spent = self._sums(BudgetEstimate), self._sums(BudgetSpending)
        keys = {*estimates, *spent}
        units = Unit.objects.select_related("kind").in_bulk({unit for unit, _item in keys})
        items = BudgetItem.objects.in_bulk({item for _unit, item in keys})
        lines = [
            BudgetLine(
                estimates.get(key),
                spent.get(key, Decimal(0)),
                unit=units[key[0]],
                item=items[key[1]],
                year=self.get_year(),
            )
            for key in keys
        ]
        lines.sort(
            key=lambda line: (
                line.unit.kind.order,
                line.unit.name,
                line.unit.pk,
                line.item.order,
                line.item.name,
            )
        )
        return lines


class BudgetUnitMixin(LoginRequiredMixin):
    """The unit (404 out of reach) and the year (404 outside the portal's years)."""

    def get_unit(self):
        if not hasattr(self, "_unit"):
            self._unit = get_in_reach(budget_units(self.request.user), code=self.kwargs["code"])
        return self._unit

    def get_year(self) -> int:
        year = self.kwargs["year"]
        if year not in budget_years():
            raise Http404
        return year

    def of_unit_and_year(self, model):
        """The unit's estimates or spending of the year, through the model's scope."""
        return model.objects.restrict(self.request.user).filter(
            unit=self.get_unit(), year=self.get_year()
        )

    def can_change(self) -> bool:
        unit = self.get_unit()
        return unit.is_active_in(self.get_year()) and self.request.user.has_perm(
            "campaigns.change_budget", unit
        )

    def check_can_change(self):
        if not self.can_change():
            raise PermissionDenied

    def unit_url(self):
        return reverse(
            "campaigns:budget_unit",
            kwargs={"code": self.get_unit().code, "year": self.get_year()},
        )


class BudgetUnitView(BudgetUnitMixin, XlsxExportMixin, FilteredListMixin, ListView):
    """A unit's estimate per item for a year next to its spending; the unit's editors change
    the estimate here (POST). The list is the year's spending."""

    template_name = "campaigns/budget_unit.html"
    context_object_name = "spending"
    filter_form_class = BudgetSpendingFilterForm
    export_title = gettext_lazy("Spending")
    export_columns = [
        (gettext_lazy("unit"), "unit.name"),
        (gettext_lazy("date"), "spent_on"),
        (gettext_lazy("budget item"), "item.name"),
        (gettext_lazy("what it paid for"), "description"),
        (gettext_lazy("voucher"), "voucher"),
        (gettext_lazy("amount (VND)"), "amount"),
        (gettext_lazy("recorded by"), "recorded_by"),
    ]

    @property
    def export_filename(self):
        return f"chi-kinh-phi-{self.get_unit().code}-{self.get_year()}"

    def get_queryset(self):
        unit, year = self.get_unit(), self.get_year()
        estimated = BudgetEstimate.objects.filter(unit=unit, year=year, item=OuterRef("item"))
        qs = (
            self.of_unit_and_year(BudgetSpending)
            .select_related("unit", "item", "recorded_by")
            .annotate(estimated=Exists(estimated))
        )
        f = self.filters()
        if f.get("item"):
            qs = qs.filter(item=f["item"])
        if f.get("q"):
            qs = qs.filter(Q(description__icontains=f["q"]) | Q(voucher__icontains=f["q"]))
        return qs

    def get_context_data(self, formset=None, **kwargs):
        unit, year = self.get_unit(), self.get_year()
        can_change = self.can_change()
        if can_change and formset is None:
            formset = EstimateFormSet(unit=unit, year=year)
        estimates = {e.item_id: e for e in self.of_unit_and_year(BudgetEstimate)}
        lines = item_lines(
            {pk: e.amount for pk, e in estimates.items()},
            sums_by_item(self.of_unit_and_year(BudgetSpending)),
            year,
        )
        forms_by_item = {form.item.pk: form for form in formset} if formset is not None else {}
        for line in lines:
            line.note = getattr(estimates.get(line.item.pk), "note", "")
            line.form = forms_by_item.get(line.item.pk)
        return super().get_context_data(
            unit=unit,
            year=year,
            years=budget_years(),
            lines=lines,
            total=grand_total(lines),
            unestimated=[line for line in lines if line.spent_without_estimate],
            formset=formset,
            can_change=can_change,
            unit_exists=unit.is_active_in(year),
            shows_totals=reads_several_budgets(self.request.user),
            history=budget_history(
                BudgetEstimate.history.filter(unit=unit, year=year),
                BudgetSpending.history.filter(unit=unit, year=year),
            ),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.check_can_change()
        formset = EstimateFormSet(request.POST, unit=self.get_unit(), year=self.get_year())
        if formset.is_valid():
            if formset.save(by=request.user):
                messages.success(request, _("The estimate is saved."))
            else:
                messages.info(request, _("Nothing changed in the estimate."))
            return redirect(self.unit_url())
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data(formset=formset))


class SpendingFormMixin(BudgetUnitMixin):
    template_name = "campaigns/budget_spending_form.html"
    form_class = SpendingForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.check_can_change()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "year": self.get_year()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            unit=self.get_unit(), year=self.get_year(), cancel_url=self.unit_url(), **kwargs
        )


class BudgetSpendingCreateView(SpendingFormMixin, FormView):
    def form_valid(self, form):
        spending = form.save(commit=False)
        spending.unit, spending.year = self.get_unit(), self.get_year()
        spending.recorded_by = self.request.user
        with transaction.atomic():
            spending.save()
        messages.success(self.request, _("The spending is recorded."))
        return redirect(self.unit_url())


class SpendingObjectMixin(SpendingFormMixin):
    """The spending, if the user reaches its unit (else 404) and may change it (else 403)."""

    def get_spending(self):
        if not hasattr(self, "_spending"):
            spending = BudgetSpending.objects.restrict(self.request.user)
            self._spending = get_in_reach(
                spending.select_related("unit", "item"), pk=self.kwargs["pk"]
            )
        return self._spending

    def get_unit(self):
        return self.get_spending().unit

    def get_year(self) -> int:
        return self.get_spending().year


class BudgetSpendingUpdateView(SpendingObjectMixin, FormView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_spending()}

    def get_context_data(self, **kwargs):
        spending = self.get_spending()
        return super().get_context_data(
            spending=spending,
            history=budget_history(BudgetSpending.history.filter(id=spending.pk)),
            **kwargs,
        )

    def form_valid(self, form):
        with transaction.atomic():
            form.save()
        messages.success(self.request, _("The spending is updated."))
        return redirect(self.unit_url())


class BudgetSpendingDeleteView(SpendingObjectMixin, TemplateView):
    """GET asks for confirmation; POST deletes (the history keeps the record)."""

    template_name = "campaigns/budget_spending_delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(spending=self.get_spending(), **kwargs)

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            self.get_spending().delete()
        messages.success(request, _("The spending is deleted."))
        return redirect(self.unit_url())


urlpatterns = [
    path("", BudgetTotalsView.as_view(), name="budget_list"),
    path("don-vi/<str:code>/<int:year>/", BudgetUnitView.as_view(), name="budget_unit"),
    path(
        "don-vi/<str:code>/<int:year>/ghi-khoan-chi/",
        BudgetSpendingCreateView.as_view(),
        name="budget_spending_create",
    ),
    path(
        "khoan-chi/<int:pk>/sua/",
        BudgetSpendingUpdateView.as_view(),
        name="budget_spending_update",
    ),
    path(
        "khoan-chi/<int:pk>/xoa/",
        BudgetSpendingDeleteView.as_view(),
        name="budget_spending_delete",
    ),
]
