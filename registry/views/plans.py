"""Pages of the province's plans: every signed-in user reads them; Home Affairs and the
administrators enter them, with their quota rules, and copy one as the next plan."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.kit import RecordKind, get_in_reach
from exemplar_portal.base.text import fold

from ..forms import PlanFilterForm, PlanForm, quota_rule_formset
from ..models import Plan, Unit, UnitKind
from ..plans import next_period, overlapping_plan, plan_copy


def plan_text(plan: Plan) -> str:
    return fold(f"{plan.title} {plan.number} {plan.issuer} {plan.period_label} {plan.note}")


def deadline_label(plan: Plan) -> str:
    """The plan's yearly deadline as offices write it ("30/11"); empty when it sets none."""
    if plan.deadline_day and plan.deadline_month:
        return f"{plan.deadline_day:02d}/{plan.deadline_month:02d}"
    return ""


class Plans(RecordKind):
    """Every plan, the latest first (a province has one every few years), its page, and the
    form of a plan with its quota rules (an inline formset, checked with it)."""

    model = Plan
    pages = ("list", "detail", "create", "update")
    form_class = PlanForm
    filter_form_class = PlanFilterForm
    ordering = ("-period_from",)
    select_related = ("catalogue",)
    object_name = "plan"
    list_name = "plans"
    export_filename = "ke-hoach"
    export_title = gettext_lazy("Plans")
    export_columns = [
        (gettext_lazy("number"), "number"),
        (gettext_lazy("date"), "signed_on"),
        (gettext_lazy("issued by"), "issuer"),
        (gettext_lazy("subject"), "title"),
        (gettext_lazy("first year"), "period_from"),
        (gettext_lazy("last year"), "period_to"),
        (gettext_lazy("criteria catalogue"), "catalogue.title"),
        (gettext_lazy("deadline"), deadline_label),
        (gettext_lazy("illustrative"), lambda plan: _("Yes") if plan.illustrative else ""),
    ]

    def scope(self, request):
        return Plan.objects.select_related("catalogue")  # every signed-in user reads them

    def list_queryset(self, request, filters):
        plans = self.scope(request).order_by(*self.ordering)
        if filters.get("year"):
            plans = plans.in_force(filters["year"])
        # Plans are few: matched in memory on their folded text, which needs no search column.
        words = fold(filters.get("q") or "").split()
        plans = [p for p in plans if all(word in plan_text(p) for word in words)]
        this_year = timezone.localdate().year
        for plan in plans:
            plan.in_force_now = plan.covers(this_year)
        return plans

    def detail_context(self, request, plan):
        today = timezone.localdate()
        rules = list(plan.quota_rules.select_related("unit_kind").order_by("unit_kind__order"))
        # How many units of each kind owe the quota in the plan's first year, on its reference
        # day: what the minimum amounts to.
        reference = plan.reference_date(plan.period_from)
        counts = Counter(
            Unit.objects.filter(kind_id__in=[rule.unit_kind_id for rule in rules])
            .active_on(reference)
            .values_list("kind_id", flat=True)
        )
        for rule in rules:
            rule.unit_count = counts[rule.unit_kind_id]
        first, last = next_period(plan)
        return {
            **super().detail_context(request, plan),
            "rules": rules,
            "requirements": plan.regulation_requirements.prefetch_related("unit_kinds"),
            "reference": reference,
            "deadline": deadline_label(plan),
            "in_force_now": plan.covers(today.year),
            "this_year": today.year,
            "can_copy": request.user.has_perm("registry.add_plan"),
            "next_first": first,
            "next_last": last,
            "next_taken": overlapping_plan(first, last),
        }

    def formsets(self, request, record=None, data=None):
        plan = record or Plan()
        rules = quota_rule_formset(extra=4 if plan.pk is None else 1)
        return {"rules": rules(data, instance=plan, prefix="rules")}

    def saved_message(self, record, created):
        return _("The plan is saved.")


class PlanCopyView(PermissionRequiredMixin, TemplateView):
    """Copy a plan as the next one: a page saying what the copy takes, then a POST."""

    template_name = "registry/plan_copy.html"
    permission_required = "registry.add_plan"

    def get_plan(self) -> Plan:
        return get_in_reach(PLANS.scope(self.request), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.get_plan()
        first, last = next_period(plan)
        kinds_in_force = set(UnitKind.objects.active_in(first).values_list("pk", flat=True))
        rules = list(plan.quota_rules.select_related("unit_kind").order_by("unit_kind__order"))
        context.update(
            plan=plan,
            first=first,
            last=last,
            kept=[rule for rule in rules if rule.unit_kind_id in kinds_in_force],
            dropped=[rule for rule in rules if rule.unit_kind_id not in kinds_in_force],
            taken=overlapping_plan(first, last),
        )
        return context

    def post(self, request, *args, **kwargs):
        plan = self.get_plan()
        try:
            copy = plan_copy(plan=plan, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(plan)
        messages.success(
            request,
            _("%(plan)s is created as a copy. Complete it: number, date, quotas.")
            % {"plan": copy.short_label},
        )
        return redirect(copy)


PLANS = Plans()
