"""Pages of the province's plans: every signed-in user reads them; Home Affairs and the
administrators enter them, with their quota rules, and copy one as the next plan."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import XlsxExportMixin
from exemplar_portal.base.history import history_with_changes
from exemplar_portal.base.kit import get_in_reach
from exemplar_portal.base.text import fold

from ..forms import PlanFilterForm, PlanForm, quota_rule_formset
from ..models import Plan, Unit
from ..plans import next_period, overlapping_plan, plan_copy


def plan_text(plan: Plan) -> str:
    return fold(f"{plan.title} {plan.number} {plan.issuer} {plan.period_label} {plan.note}")


def deadline_label(plan: Plan) -> str:
    """The plan's yearly deadline as offices write it ("30/11"); empty when it sets none."""
    if plan.deadline_day and plan.deadline_month:
        return f"{plan.deadline_day:02d}/{plan.deadline_month:02d}"
    return ""


class PlanMixin:
    def get_plan(self) -> Plan:
        if not hasattr(self, "_plan"):
            self._plan = get_in_reach(
                Plan.objects.select_related("catalogue"), pk=self.kwargs["pk"]
            )
        return self._plan

    def get_permission_object(self):
        return self.get_plan()


class PlanListView(XlsxExportMixin, ListView):
    """Every plan, the latest first: a province has one every few years."""

    template_name = "registry/plan_list.html"
    context_object_name = "plans"
    paginate_by = 25
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

    def get_filter_form(self) -> PlanFilterForm:
        if not hasattr(self, "_filter_form"):
            self._filter_form = PlanFilterForm(self.request.GET or None)
        return self._filter_form

    def get_queryset(self):
        form = self.get_filter_form()
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        plans = Plan.objects.select_related("catalogue").order_by("-period_from")
        if data.get("year"):
            plans = plans.in_force(data["year"])
        plans = list(plans)
        words = fold(data.get("q") or "").split()
        if words:
            # Plans are few (one every few years): matched in memory on their folded text,
            # which needs no search column.
            plans = [p for p in plans if all(word in plan_text(p) for word in words)]
        this_year = timezone.localdate().year
        for plan in plans:
            plan.in_force_now = plan.covers(this_year)
        return plans

    def _export_rows(self):
        return self.get_queryset()

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.get_filter_form(), **kwargs)


class PlanDetailView(PlanMixin, DetailView):
    template_name = "registry/plan_detail.html"
    context_object_name = "plan"

    def get_object(self, queryset=None):
        return self.get_plan()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan, user = self.object, self.request.user
        today = timezone.localdate()
        rules = list(plan.quota_rules.select_related("unit_kind").order_by("unit_kind__order"))
        requirements = list(plan.regulation_requirements.prefetch_related("unit_kinds"))
        # How many units of each kind owe the quota in the plan's first year, on its reference
        # day: what the minimum amounts to.
        reference = plan.reference_date(plan.period_from)
        kinds = [rule.unit_kind_id for rule in rules]
        counts = {}
        for kind_id in (
            Unit.objects.filter(kind_id__in=kinds)
            .active_on(reference)
            .values_list("kind_id", flat=True)
        ):
            counts[kind_id] = counts.get(kind_id, 0) + 1
        for rule in rules:
            rule.unit_count = counts.get(rule.unit_kind_id, 0)
        first, last = next_period(plan)
        context.update(
            rules=rules,
            requirements=requirements,
            reference=reference,
            deadline=deadline_label(plan),
            in_force_now=plan.covers(today.year),
            this_year=today.year,
            can_change=user.has_perm("registry.change_plan", plan),
            can_copy=user.has_perm("registry.add_plan"),
            next_first=first,
            next_last=last,
            next_taken=overlapping_plan(first, last),
            history=history_with_changes(plan),
        )
        return context


class PlanFormView(PermissionRequiredMixin, TemplateView):
    """A plan and its quota rules (an inline formset), both checked before either is saved,
    and shown again with what was typed when either has an error."""

    template_name = "registry/plan_form.html"

    def get_plan(self):
        return None

    def get_forms(self, data=None):
        plan = self.get_plan() or Plan()
        form = PlanForm(data, instance=plan)
        formset_class = quota_rule_formset(extra=4 if plan.pk is None else 1)
        rules = formset_class(data, instance=plan, prefix="rules")
        return form, rules

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            kwargs["form"], kwargs["rules"] = self.get_forms()
        return super().get_context_data(plan=self.get_plan(), **kwargs)

    def post(self, request, *args, **kwargs):
        form, rules = self.get_forms(request.POST)
        plan_valid = form.is_valid()
        if plan_valid:
            rules.period = (form.cleaned_data["period_from"], form.cleaned_data["period_to"])
        if plan_valid and rules.is_valid():
            with transaction.atomic():
                plan = form.save(commit=False)
                plan._history_user = request.user
                plan.save()
                rules.instance = plan
                rules.save_with_history(request.user)
            messages.success(request, _("The plan is saved."))
            return redirect(plan)
        rules.is_valid()  # the rules' errors show even when the plan's own fields fail
        return self.render_to_response(self.get_context_data(form=form, rules=rules))


class PlanCreateView(PlanFormView):
    permission_required = "registry.add_plan"


class PlanUpdateView(PlanMixin, PlanFormView):
    permission_required = "registry.change_plan"


class PlanCopyView(PlanMixin, PermissionRequiredMixin, TemplateView):
    """Copy a plan as the next one: a page saying what the copy takes, then a POST."""

    template_name = "registry/plan_copy.html"
    permission_required = "registry.add_plan"

    def get_permission_object(self):
        return None

    def get_context_data(self, **kwargs):
        from ..models import UnitKind

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
