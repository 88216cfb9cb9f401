"""Pages of the registry. Views are thin: a selector reads, a predicate allows, a template shows."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from .. import selectors
from ..enums import CriterionKind, ExemplarStatus, Role, SubjectKind
from ..exports import XlsxExportMixin
from ..forms import CatalogueVersionForm, UnitFilterForm, YearForm
from ..models import CatalogueVersion, Criterion, Exemplar, Plan, QuotaRule, Unit, plan_in_force
from ..security import get_in_reach
from ..spreadsheets.resources import UnitResource


class ScopedUnitMixin:
    """Fetch the unit named in the URL among the units the user reaches; others are 404.

    Every page about one unit's own records goes through this, so that no view can forget
    the scope.
    """

    def get_unit(self) -> Unit:
        if not hasattr(self, "_unit"):
            units = Unit.objects.in_scope_of(self.request.user).select_related("kind", "parent")
            self._unit = get_in_reach(units, code=self.kwargs["code"])
        return self._unit


class YearMixin:
    def get_year(self) -> int:
        form = YearForm(self.request.GET or None)
        if form.is_bound and form.is_valid():
            return form.cleaned_data["year"]
        return timezone.localdate().year


class HomeView(YearMixin, TemplateView):
    """Each role's starting page: a unit sees its unit, Home Affairs the province."""

    template_name = "registry/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        year = self.get_year()
        context["year"] = year
        context["year_form"] = YearForm(initial={"year": year})
        unit = user.unit
        if unit is not None:
            context["unit"] = unit
            context["quota"] = selectors.unit_quota(unit=unit, year=year)
            from .. import tracking  # quota progress: minimum, submitted, accepted, deadline

            context["quota_progress"] = tracking.quota_progress(unit=unit, year=year)
            if unit.has_ended():
                from ..lineage import work_successor_on

                context["work_successor"] = work_successor_on(unit, timezone.localdate())
            context["people"] = selectors.unit_people(user=user, unit=unit)
            if user.role == Role.DISTRICT_REVIEWER:
                context["reviewed_units"] = (
                    Unit.objects.in_scope_of(user).exclude(pk=unit.pk).select_related("kind")
                )
        if user.has_perm("registry.view_province_overview"):
            context["kind_counts"] = kind_counts(year)
            context["plan"] = plan_in_force(year)
            context["quota_rules"] = QuotaRule.objects.in_force(year).select_related("unit_kind")
        return context


def kind_counts(year: int):
    """Units in force on some day of ``year``, per kind, for Home Affairs' overview."""
    import datetime

    from ..models import UnitKind

    began = Q(units__valid_from__isnull=True) | Q(
        units__valid_from__lte=datetime.date(year, 12, 31)
    )
    lasted = Q(units__valid_until__isnull=True) | Q(
        units__valid_until__gte=datetime.date(year, 1, 1)
    )
    # An aggregation ignores the model's ordering: the kinds' order is given again.
    return UnitKind.objects.annotate(active_units=Count("units", filter=began & lasted)).order_by(
        "order", "name"
    )


class UnitListView(XlsxExportMixin, ListView):
    """The directory of units: open to every signed-in user, searchable without accents."""

    template_name = "registry/unit_list.html"
    paginate_by = 25
    context_object_name = "units"
    # The download has the units import's columns (administrators upload it back).
    export_filename = "don-vi"
    export_title = _("Units")
    import_kind = "units"

    def get_export_columns(self):
        return UnitResource.export_columns(self.request.user)

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.boosted:
            return ["registry/partials/unit_results.html"]
        return [self.template_name]

    def get_queryset(self):
        self.filter_form = UnitFilterForm(self.request.GET or None)
        filters = {}
        if self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            filters = {
                "query": data["q"],
                "kind_code": data["kind"].code if data["kind"] else "",
                "year": data["year"],
            }
        units = selectors.unit_list(parent_code=self.request.GET.get("parent", ""), **filters)
        if self.filter_form.is_valid() and self.filter_form.cleaned_data["on"]:
            units = units.active_on(self.filter_form.cleaned_data["on"])
        return units

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        parent_code = self.request.GET.get("parent", "")
        context["parent"] = Unit.objects.filter(code=parent_code).first() if parent_code else None
        return context


class UnitDetailView(YearMixin, DetailView):
    """Public facts about a unit; its people only for those who reach it."""

    template_name = "registry/unit_detail.html"
    context_object_name = "unit"
    slug_field = slug_url_kwarg = "code"

    def get_queryset(self):
        return Unit.objects.select_related("kind", "parent", "bloc", "bloc__head_unit")

    def get_context_data(self, **kwargs):
        from .. import quotas
        from ..lineage import Lineage, predecessors_of, successors_of

        context = super().get_context_data(**kwargs)
        unit = self.object
        year = self.get_year()
        context["year"] = year
        context["quota"] = quotas.progress(unit=unit, year=year)
        children = unit.children.select_related("kind")
        context["children"] = children[:30]
        context["children_count"] = children.count()
        context["can_view_people"] = self.request.user.has_perm("registry.view_people_unit", unit)
        context["successions_out"] = successors_of(unit)
        context["successions_in"] = predecessors_of(unit)
        context["predecessor_history"] = (
            predecessor_history(Lineage.load_ids().predecessor_ids(unit.pk))
            if context["successions_in"]
            else []
        )
        return context


def predecessor_history(unit_ids) -> list[dict]:
    """Per year and unit, how many exemplars the units ``unit_ids`` sent and how many were
    accepted: what a unit that carried on from them inherits. Counts only, since the
    records themselves stay within their units' reach; drafts never sent are not counted."""
    if not unit_ids:
        return []
    rows = (
        Exemplar.objects.filter(unit_id__in=unit_ids)
        .exclude(status=ExemplarStatus.DRAFT)
        .values("year", "unit_id")
        .annotate(
            sent=Count("pk"),
            accepted=Count("pk", filter=Q(status=ExemplarStatus.ACCEPTED)),
        )
        .order_by("-year")
    )
    units = Unit.objects.in_bulk(unit_ids)
    history = [{**row, "unit": units[row["unit_id"]]} for row in rows]
    history.sort(key=lambda row: (-row["year"], row["unit"].name))
    return history


class UnitPeopleView(ScopedUnitMixin, PermissionRequiredMixin, ListView):
    """Who works for a unit in the portal: names, roles and contacts (personal data)."""

    template_name = "registry/unit_people.html"
    permission_required = "registry.view_people_unit"
    context_object_name = "people"
    paginate_by = 50

    def get_permission_object(self):
        return self.get_unit()

    def get_queryset(self):
        return selectors.unit_people(user=self.request.user, unit=self.get_unit())

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.get_unit(), **kwargs)


class CatalogueView(YearMixin, TemplateView):
    """The criteria catalogue in the plan's wording, one version at a time: by default the
    one the plan in force adopts; for a year no plan covers, the page says there is none and
    shows the latest published wording for reference only."""

    template_name = "registry/catalogue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CatalogueVersionForm(self.request.GET or None)
        version = None
        if form.is_bound and form.is_valid():
            version = form.cleaned_data["version"]
        if version is None:
            year = self.get_year()
            context["year"] = year
            version = CatalogueVersion.for_year(year)
            if version is None:
                context["uncovered_year"] = year
                context["year_plan"] = plan_in_force(year)
                version = CatalogueVersion.objects.filter(published=True).first()
            form = CatalogueVersionForm(initial={"version": version})
        context["form"] = form
        context["version"] = version
        context["subject_kinds"] = SubjectKind.choices
        if version is not None:
            context["adopting_plans"] = list(version.plans.order_by("period_from"))
            criteria = Criterion.objects.filter(version=version).select_related("field")
            context["general_criteria"] = [c for c in criteria if c.kind == CriterionKind.GENERAL]
            context["specific_criteria"] = [c for c in criteria if c.kind == CriterionKind.SPECIFIC]
        return context


def _deadline(rule: QuotaRule) -> str:
    plan = rule.plan
    if plan.deadline_day and plan.deadline_month:
        return f"{plan.deadline_day:02d}/{plan.deadline_month:02d}"
    return ""


class QuotaRuleListView(XlsxExportMixin, YearMixin, ListView):
    """The yearly minimum per unit kind in a year: the rules of the plan in force that year.
    A year no plan covers has none (an expired plan's rules never carry on), and the page
    says so."""

    template_name = "registry/quota_rule_list.html"
    context_object_name = "rules"
    export_filename = "chi-tieu"
    export_title = _("Quota rules")
    export_columns = [
        (_("unit kind"), "unit_kind.name"),
        (_("minimum exemplars per year"), "minimum"),
        (_("counts what it endorsed"), lambda rule: _("Yes") if rule.counts_endorsed else ""),
        (_("plan"), lambda rule: rule.plan.short_label),
        (_("Deadline"), _deadline),
        (_("legal source"), "source"),
    ]

    def get_queryset(self):
        self.year = self.get_year()
        self.plan = plan_in_force(self.year)
        if self.plan is None:
            return QuotaRule.objects.none()
        return self.plan.quota_rules.select_related("unit_kind", "plan").order_by(
            "unit_kind__order"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, plan = self.year, self.plan
        context["year"] = year
        context["year_form"] = YearForm(initial={"year": year})
        context["plan"] = plan
        if plan is not None:
            from collections import Counter

            from ..quotas import owing_units

            context["deadline"] = plan.deadline_for(year)
            if plan.quota_basis == Plan.QuotaBasis.REFERENCE_DATE:
                context["reference"] = plan.reference_date(year)
            # The units that owe the year's quota on the plan's terms, counted by kind.
            owing = Counter(unit.kind_id for unit in owing_units(plan, year))
            for rule in context["rules"]:
                rule.unit_count = owing.get(rule.unit_kind_id, 0)
        return context
