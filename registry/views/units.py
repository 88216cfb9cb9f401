"""Pages of the registry. Views are thin: a selector reads, a predicate allows, a template shows."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from .. import selectors
from ..enums import CriterionKind, Role, SubjectKind
from ..exports import XlsxExportMixin
from ..forms import CatalogueVersionForm, UnitFilterForm, YearForm
from ..models import CatalogueVersion, Criterion, QuotaRule, Unit
from ..spreadsheets.resources import UnitResource


class ScopedUnitMixin:
    """Fetch the unit named in the URL among the units the user reaches; others are 404.

    Every page about one unit's own records goes through this, so that no view can forget
    the scope.
    """

    def get_unit(self) -> Unit:
        if not hasattr(self, "_unit"):
            units = Unit.objects.in_scope_of(self.request.user).select_related("kind", "parent")
            self._unit = get_object_or_404(units, code=self.kwargs["code"])
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
            context["people"] = selectors.unit_people(user=user, unit=unit)
            if user.role == Role.DISTRICT_REVIEWER:
                context["reviewed_units"] = (
                    Unit.objects.in_scope_of(user).exclude(pk=unit.pk).select_related("kind")
                )
        if user.has_perm("registry.view_province_overview"):
            context["kind_counts"] = selectors.kind_counts(year=year)
            context["quota_rules"] = QuotaRule.objects.active_in(year).select_related("unit_kind")
        return context


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
        return selectors.unit_list(parent_code=self.request.GET.get("parent", ""), **filters)

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
        context = super().get_context_data(**kwargs)
        unit = self.object
        year = self.get_year()
        context["year"] = year
        context["quota"] = selectors.unit_quota(unit=unit, year=year)
        children = unit.children.select_related("kind")
        context["children"] = children[:30]
        context["children_count"] = children.count()
        context["can_view_people"] = self.request.user.has_perm("registry.view_people_unit", unit)
        return context


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


class CatalogueView(TemplateView):
    """The criteria catalogue in the plan's wording, one version at a time."""

    template_name = "registry/catalogue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CatalogueVersionForm(self.request.GET or None)
        version = None
        if form.is_bound and form.is_valid():
            version = form.cleaned_data["version"]
        if version is None:
            year = timezone.localdate().year
            version = (
                CatalogueVersion.for_year(year)
                or CatalogueVersion.objects.filter(published=True).first()
            )
            form = CatalogueVersionForm(initial={"version": version})
        context["form"] = form
        context["version"] = version
        context["subject_kinds"] = SubjectKind.choices
        if version is not None:
            criteria = Criterion.objects.filter(version=version).select_related("field")
            context["general_criteria"] = [c for c in criteria if c.kind == CriterionKind.GENERAL]
            context["specific_criteria"] = [c for c in criteria if c.kind == CriterionKind.SPECIFIC]
        return context


class QuotaRuleListView(XlsxExportMixin, YearMixin, ListView):
    """Quota rules: the minimum per unit kind, for a year, with the rules' whole span."""

    template_name = "registry/quota_rule_list.html"
    context_object_name = "rules"
    export_filename = "chi-tieu"
    export_title = _("Quota rules")
    export_columns = [
        (_("unit kind"), "unit_kind.name"),
        (_("minimum exemplars per year"), "minimum"),
        (_("valid from (year)"), "valid_from"),
        (_("valid to (year)"), "valid_to"),
        (_("Deadline"), lambda rule: f"{rule.deadline_day:02d}/{rule.deadline_month:02d}"),
        (_("legal source"), "source"),
    ]

    def get_queryset(self):
        self.year = self.get_year()
        return QuotaRule.objects.select_related("unit_kind").order_by(
            "unit_kind__order", "-valid_from"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["year"] = self.year
        context["year_form"] = YearForm(initial={"year": self.year})
        context["active_ids"] = set(
            QuotaRule.objects.active_in(self.year).values_list("pk", flat=True)
        )
        context["units_per_kind"] = dict(
            Unit.objects.active_in(self.year)
            .values("kind_id")
            .annotate(n=Count("pk"))
            .values_list("kind_id", "n")
        )
        return context


@login_not_required
def health(request):
    """For the load balancer and monitoring: the app answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
