"""Pages of the registry. Views are thin: a selector reads, a predicate allows, a template shows."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import XlsxExportMixin
from exemplar_portal.base.filters import FilteredListMixin
from exemplar_portal.base.kit import get_in_reach

from .. import rules as perms
from .. import selectors
from ..enums import CriterionKind, ExemplarStatus, Role, SubjectKind
from ..exemplar_validation import not_in_force_message
from ..forms import CatalogueVersionForm, UnitFilterForm, YearForm
from ..models import CatalogueVersion, Criterion, Exemplar, Plan, QuotaRule, Unit, plan_in_force
from ..spreadsheets.kinds import ImportOfferMixin
from ..spreadsheets.resources import UnitResource


class ScopedUnitMixin:
    """Fetch the unit named in the URL among the units the user reaches; others are 404.

    Every page about one unit's own records goes through this, so that no view can forget
    the scope.
    """

    def get_unit(self) -> Unit:
        if not hasattr(self, "_unit"):
            units = Unit.objects.restrict(self.request.user).select_related("kind", "parent")
            self._unit = get_in_reach(units, code=self.kwargs["code"])
        return self._unit


class YearMixin:
    def get_year(self) -> int:
        form = YearForm(self.request.GET or None)
        if form.is_bound and form.is_valid():
            return form.cleaned_data["year"]
        return timezone.localdate().year


class HomeView(TemplateView):
    """Each role's starting page: a unit sees its unit, Home Affairs the province.

    A unit's home speaks only of the years the unit was in force (``selectors.unit_years``)
    and opens on the year its new exemplars get (``selectors.unit_default_year``). Those who
    keep the unit's exemplars also find there what waits for them (records sent back with the
    reviewer's reason, then records to endorse) and the year's records by status.
    """

    template_name = "registry/home.html"
    # How many records sent back are listed on the home; the others are behind a link.
    RETURNED_SHOWN = 10

    def get_year(self, unit, years: list[int]) -> tuple[int, str]:
        """The year asked for if the page can show it (one of ``years``), else the default
        year, with a notice saying why the year asked for is not shown."""
        default = selectors.unit_default_year(unit)
        if not self.request.GET.get("year"):
            return default, ""
        form = YearForm(self.request.GET, years=years)
        if form.is_valid():
            return form.cleaned_data["year"], ""
        raw = self.request.GET.get("year", "").strip()[:20]
        asked = int(raw) if raw.isdigit() else None
        if asked is not None and unit is not None and not unit.is_active_in(asked):
            reason = not_in_force_message(unit, asked)
        elif years:
            reason = _(
                "“%(value)s” is not a year this page shows: choose one from %(first)s to %(last)s."
            ) % {"value": raw, "first": years[-1], "last": years[0]}
        else:
            reason = ""
        return default, " ".join(
            [reason, str(_("Showing %(year)s instead.") % {"year": default})]
        ).strip()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        unit = user.unit
        years = selectors.unit_years(unit)
        year, year_notice = self.get_year(unit, years)
        context["year"] = year
        context["years"] = years
        context["year_notice"] = year_notice
        context["year_form"] = YearForm(initial={"year": year}, years=years)
        if unit is not None:
            context["unit"] = unit
            context["quota"] = selectors.unit_quota(unit=unit, year=year)
            from .. import tracking  # quota progress: minimum, submitted, accepted, deadline

            context["quota_progress"] = tracking.quota_progress(unit=unit, year=year)
            if unit.has_ended():
                context.update(unit_end(unit))
            else:
                context["reviewer"] = unit.reviewing_unit
            context["people"] = selectors.unit_people(user=user, unit=unit)
            if user.role == Role.DISTRICT_REVIEWER:
                context["reviewed_units"] = (
                    Unit.objects.restrict(user).exclude(pk=unit.pk).select_related("kind")
                )
                context["awaiting_endorsement"] = selectors.exemplars_awaiting_endorsement(
                    user=user
                ).count()
            if perms.keeps_own_units_exemplars(user):
                context.update(unit_records(user, unit, year, shown=self.RETURNED_SHOWN))
            if user.role == Role.UNIT_HEAD:
                # What the unit's editors sent for the head to sign off, before anything else.
                to_sign = list(
                    selectors.exemplars_awaiting_signoff(user=user)[: self.RETURNED_SHOWN + 1]
                )
                context["to_sign"] = to_sign[: self.RETURNED_SHOWN]
                context["to_sign_more"] = len(to_sign) > self.RETURNED_SHOWN
        if user.has_perm("registry.view_province_overview"):
            context["kind_counts"] = kind_counts(year)
            context["plan"] = plan_in_force(year)
            context["quota_rules"] = QuotaRule.objects.in_force(year).select_related("unit_kind")
        return context


def unit_end(unit: Unit) -> dict:
    """What the home of a unit that ended says of it: the links to the units that carried
    on from it (the one taking over its work first), the unit carrying on that work today
    and the legal basis of the end (the unit's own, else the succession's)."""
    from ..lineage import successors_of, work_successor_on

    links = successors_of(unit)
    work_link = next((link for link in links if link.takes_over_work), None)
    today_successor = work_successor_on(unit, timezone.localdate())
    return {
        "successions_out": links,
        "work_link": work_link,
        # Shown apart only when the chain went on past the direct successor.
        "work_successor": (
            today_successor
            if today_successor is not None
            and (work_link is None or today_successor.pk != work_link.successor_id)
            else None
        ),
        "end_basis": unit.end_basis or (work_link.legal_basis if work_link else ""),
    }


def unit_records(user, unit: Unit, year: int, *, shown: int) -> dict:
    """The unit's own work on its home: its records of ``year`` by status and the records
    sent back to it (the first ``shown``, with the reviewer's latest reason)."""
    by_status = selectors.unit_records_by_status(user=user, unit=unit, year=year)
    returned = selectors.unit_returned_records(user=user, unit=unit)
    returned_rows = list(returned[: shown + 1])
    return {
        "keeps_records": True,
        "records_by_status": by_status,
        "records_total": sum(row["count"] for row in by_status),
        "returned_records": returned_rows[:shown],
        "returned_more": len(returned_rows) > shown,
        "returned_statuses": [s for s in ExemplarStatus if s in ExemplarStatus.returned()],
        "carries_on_work": len(selectors.own_unit_ids(user)) > 1,
    }


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


class UnitListView(ImportOfferMixin, XlsxExportMixin, FilteredListMixin, ListView):
    """The directory of units: open to every signed-in user, searchable without accents."""

    template_name = "registry/unit_list.html"
    context_object_name = "units"
    filter_form_class = UnitFilterForm
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
        return selectors.unit_list(**self.filters(), parent_code=self.request.GET.get("parent"))

    def get_context_data(self, **kwargs):
        parent_code = self.request.GET.get("parent")
        parent = Unit.objects.filter(code=parent_code).first() if parent_code else None
        return super().get_context_data(parent=parent, **kwargs)


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
        .exclude(status__in=ExemplarStatus.within_unit())
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
