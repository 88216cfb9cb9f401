"""Pages of budgets (plan V): each unit estimates the plan's cost per item every year and
records what it actually spent; Home Affairs, leaders, administrators and the finance
department read every unit's totals. The reads and the arithmetic are ``campaigns.selectors``.

Reach: a unit's budget is read by those who reach the unit (as for exemplars) and by those
who read every budget; units out of reach are a 404. Only the unit's own editors and heads
change it, and only for a year in which the unit exists (else 403).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from exemplar_portal.base.exports import XlsxExportMixin
from exemplar_portal.base.filters import FilteredListMixin
from exemplar_portal.base.kit import RecordCreateView, RecordKind, get_in_reach

from ..forms.budgets import (
    BudgetSpendingFilterForm,
    BudgetTotalsFilterForm,
    EstimateFormSet,
    SpendingForm,
)
from ..models import BudgetEstimate, BudgetSpending
from ..rules.budgets import keeps_the_budget
from ..selectors import (
    FIRST_YEAR,
    budget_history,
    budget_rows,
    budget_totals,
    budget_units,
    budget_years,
    grand_total,
    item_lines,
    reads_several_budgets,
    unit_budget,
    unit_item_lines,
    with_budget_lines,
)


class BudgetTotalsView(XlsxExportMixin, FilteredListMixin, ListView):
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
        return budget_totals(self.request.user, self.get_year(), self.filters())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, user = self.get_year(), self.request.user
        with_budget_lines(context["units"], year)
        lines = item_lines(*budget_rows(user, year, self.get_queryset().values("pk"), "item"), year)
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
        units = self.get_queryset().values("pk")
        return unit_item_lines(self.request.user, self.get_year(), units)


class BudgetMixin:
    """The budget named in the URL, kept as a spending not yet recorded: its unit (404 out
    of reach) and its year (404 outside the portal's years)."""

    def get_budget(self) -> BudgetSpending:
        if not hasattr(self, "_budget"):
            unit = get_in_reach(budget_units(self.request.user), code=self.kwargs["code"])
            year = self.kwargs["year"]
            if year not in budget_years():
                raise Http404
            self._budget = BudgetSpending(unit=unit, year=year)
        return self._budget


class BudgetUnitView(BudgetMixin, XlsxExportMixin, FilteredListMixin, ListView):
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
        budget = self.get_budget()
        return f"chi-kinh-phi-{budget.unit.code}-{budget.year}"

    def get_queryset(self):
        budget = self.get_budget()
        same_item = BudgetEstimate.objects.filter(
            unit=budget.unit, year=budget.year, item=OuterRef("item")
        )
        spending = (
            BudgetSpending.objects.restrict(self.request.user)
            .filter(unit=budget.unit, year=budget.year)
            .select_related("unit", "item", "recorded_by")
            .annotate(estimated=Exists(same_item))
        )
        f = self.filters()
        if f.get("item"):
            spending = spending.filter(item=f["item"])
        if f.get("q"):
            spending = spending.filter(
                Q(description__icontains=f["q"]) | Q(voucher__icontains=f["q"])
            )
        return spending

    def get_context_data(self, formset=None, **kwargs):
        budget, user = self.get_budget(), self.request.user
        unit, year = budget.unit, budget.year
        can_change = keeps_the_budget(user, budget)
        if can_change and formset is None:
            formset = EstimateFormSet(unit=unit, year=year)
        forms = {form.item.pk: form for form in formset} if formset is not None else {}
        lines = unit_budget(user, unit, year, forms)
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
            shows_totals=reads_several_budgets(user),
            history=budget_history(
                BudgetEstimate.history.filter(unit=unit, year=year),
                BudgetSpending.history.filter(unit=unit, year=year),
            ),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        budget = self.get_budget()
        if not keeps_the_budget(request.user, budget):
            raise PermissionDenied
        formset = EstimateFormSet(request.POST, unit=budget.unit, year=budget.year)
        if formset.is_valid():
            if formset.save(by=request.user):
                messages.success(request, _("The estimate is saved."))
            else:
                messages.info(request, _("Nothing changed in the estimate."))
            return redirect(budget)
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data(formset=formset))


class Spending(RecordKind):
    """A unit's payments, listed on its budget of the year (``BudgetUnitView``), recorded
    under it (``SpendingCreateView``), changed and deleted on their own pages."""

    model = BudgetSpending
    pages = ("update", "delete")
    name = "budget_spending"
    form_class = SpendingForm
    select_related = ("unit", "item")
    object_name = "spending"
    template_prefix = "campaigns/budget_spending"
    record_prefix = "khoan-chi/"

    def form_context(self, request, record=None):
        if record is None:
            return {}
        return {"history": budget_history(BudgetSpending.history.filter(id=record.pk))}

    def deleted_url(self, request, record):
        return record

    def saved_message(self, record, created):
        return _("The spending is recorded.") if created else _("The spending is updated.")

    def deleted_message(self, record):
        return _("The spending is deleted.")


class SpendingCreateView(BudgetMixin, RecordCreateView):
    """A payment recorded under the budget named in the URL."""

    def get_permission_object(self):
        return self.get_budget()

    def get_form_kwargs(self):
        self.get_budget().recorded_by = self.request.user
        return {**super().get_form_kwargs(), "instance": self.get_budget()}


spending = Spending()
urlpatterns = [
    path("", BudgetTotalsView.as_view(), name="budget_list"),
    path("don-vi/<str:code>/<int:year>/", BudgetUnitView.as_view(), name="budget_unit"),
    path(
        "don-vi/<str:code>/<int:year>/ghi-khoan-chi/",
        SpendingCreateView.as_view(kind=spending),
        name="budget_spending_create",
    ),
    *spending.urls(),
]
