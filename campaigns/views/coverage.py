"""Pages of media coverage and of the columns that carry it (plan III.1).

Coverage is scoped by ``Coverage.objects.visible_to`` (out of reach is a 404); who may log,
change or delete it is ``campaigns/rules/coverage.py`` (a 403). Columns are public to every
signed-in user; their items are listed within the viewer's reach.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max, Prefetch, Q
from django.db.models.functions import ExtractYear, TruncMonth
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import XlsxExportMixin, display
from exemplar_portal.base.filters import FilteredListMixin
from exemplar_portal.base.history import history_with_changes
from exemplar_portal.base.search import search, search_words
from exemplar_portal.base.text import fold
from registry.models import Exemplar
from registry.security import get_in_reach

from ..forms.coverage import ColumnFilterForm, ColumnForm, CoverageFilterForm, CoverageForm
from ..models import Column, Coverage
from ..rules.coverage import coverable_exemplars, outlets_run_by


def reached_exemplars(user) -> Prefetch:
    """Each item's exemplars that ``user`` reaches, as ``item.reached_exemplars``."""
    return Prefetch(
        "exemplars",
        queryset=Exemplar.objects.restrict(user).select_related("unit"),
        to_attr="reached_exemplars",
    )


def coverage_in_reach(user):
    return Coverage.objects.restrict(user).select_related("outlet", "column", "event")


def _reached_names(coverage) -> str:
    return "; ".join(str(exemplar) for exemplar in coverage.reached_exemplars)


class CoverageListView(LoginRequiredMixin, XlsxExportMixin, FilteredListMixin, ListView):
    template_name = "campaigns/coverage_list.html"
    context_object_name = "items"
    filter_form_class = CoverageFilterForm
    export_filename = "tin-bai-phong-su"
    export_title = gettext_lazy("Media coverage")
    export_columns = [
        (gettext_lazy("published on"), "published_on"),
        (gettext_lazy("title"), "title"),
        (gettext_lazy("kind"), display("kind")),
        (gettext_lazy("outlet"), "outlet.name"),
        (gettext_lazy("column"), "column.name"),
        (gettext_lazy("exemplars covered"), _reached_names),
        (gettext_lazy("authors"), "authors"),
        (gettext_lazy("link"), "url"),
        (gettext_lazy("summary"), "summary"),
    ]

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = CoverageFilterForm(self.request.GET or None, user=self.request.user)
        return self._filter_form

    def get_queryset(self):
        user = self.request.user
        qs = coverage_in_reach(user).prefetch_related(reached_exemplars(user))
        f = self.filters()
        if f.get("q"):
            qs = search(qs, f["q"], fields=["title", "authors"])
        for name in ("outlet", "kind", "column"):
            if f.get(name):
                qs = qs.filter(**{name: f[name]})
        if f.get("year"):
            qs = qs.filter(published_on__year=f["year"])
        if f.get("month"):
            qs = qs.filter(published_on__month=f["month"])
        if f.get("unit"):
            qs = qs.filter(
                exemplars__in=Exemplar.objects.restrict(user).filter(unit=f["unit"])
            ).distinct()
        return qs.order_by("-published_on", "-pk")


class CoverageDetailView(LoginRequiredMixin, DetailView):
    template_name = "campaigns/coverage_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return coverage_in_reach(self.request.user).select_related("recorded_by", "outlet__unit")

    def get_context_data(self, **kwargs):
        user, item = self.request.user, self.object
        event = item.event
        if event is not None and not user.has_perm("campaigns.view_event", event):
            event = None
        return super().get_context_data(
            exemplars=item.exemplars.restrict(user).select_related("unit", "field"),
            event=event,
            can_change=user.has_perm("campaigns.change_coverage", item),
            can_delete=user.has_perm("campaigns.delete_coverage", item),
            history=history_with_changes(item),
            **kwargs,
        )


class CoverageCreateView(PermissionRequiredMixin, FormView):
    template_name = "campaigns/coverage_form.html"
    form_class = CoverageForm
    permission_required = "campaigns.add_coverage"

    def get_exemplar(self):
        """The exemplar named by ``?exemplar=<code>``, if the user may cover it."""
        if not hasattr(self, "_exemplar"):
            code = self.request.GET.get("exemplar", "")
            self._exemplar = coverable_exemplars(self.request.user).filter(code=code).first()
        return self._exemplar

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        """``?exemplar=<code>`` and ``?column=<pk>`` fill in what the user came from."""
        initial = {}
        exemplar = self.get_exemplar()
        if exemplar:
            initial["exemplars"] = [exemplar]
        column = self.get_column()
        if column:
            initial.update(column=column, outlet=column.outlet)
        return initial

    def get_column(self):
        """The column named by ``?column=<pk>``, if it belongs to an outlet the user runs."""
        number = self.request.GET.get("column", "")
        if not number.isdigit():
            return None
        return Column.objects.filter(
            pk=number, outlet__in=outlets_run_by(self.request.user)
        ).first()

    def get_context_data(self, **kwargs):
        return super().get_context_data(exemplar=self.get_exemplar(), **kwargs)

    def form_valid(self, form):
        coverage = form.save()
        messages.success(self.request, _("The coverage is logged."))
        return redirect(coverage)


class CoverageObjectMixin(PermissionRequiredMixin):
    """The item, if the user reaches it (else 404) and may act on it (else 403)."""

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_in_reach(coverage_in_reach(self.request.user), pk=self.kwargs["pk"])
        return self._object

    def get_permission_object(self):
        return self.get_object()

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.get_object(), **kwargs)


class CoverageUpdateView(LoginRequiredMixin, CoverageObjectMixin, FormView):
    template_name = "campaigns/coverage_form.html"
    form_class = CoverageForm
    permission_required = "campaigns.change_coverage"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "instance": self.get_object(),
        }

    def form_valid(self, form):
        coverage = form.save()
        messages.success(self.request, _("The changes are saved."))
        return redirect(coverage)


class CoverageDeleteView(LoginRequiredMixin, CoverageObjectMixin, DetailView):
    """GET asks for confirmation; POST deletes the item (its history stays)."""

    template_name = "campaigns/coverage_confirm_delete.html"
    permission_required = "campaigns.delete_coverage"

    def post(self, request, pk):
        item = self.get_object()
        with transaction.atomic():
            item.delete()
        messages.success(request, _("“%(title)s” is deleted.") % {"title": item.title})
        return redirect("campaigns:coverage_list")


def month_starts(today: datetime.date, count: int = 12) -> list[datetime.date]:
    """The first days of the last ``count`` months, oldest first, this month last."""
    current = today.year * 12 + today.month - 1
    return [
        datetime.date(index // 12, index % 12 + 1, 1)
        for index in range(current - count + 1, current + 1)
    ]


def column_output(column, *, today: datetime.date) -> dict:
    """How many items ``column`` carried per month (last twelve) and per year.

    Every month and year of the span is listed, empty ones with 0, so gaps show. ``peak``
    is the largest count, the scale of the bars.
    """
    items = Coverage.objects.filter(column=column).order_by()
    months = month_starts(today)
    per_month = dict(
        items.filter(published_on__gte=months[0], published_on__lte=today)
        .annotate(month=TruncMonth("published_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    per_year = dict(
        items.annotate(year=ExtractYear("published_on")).values_list("year").annotate(n=Count("pk"))
    )
    first = min([column.started_on.year, *per_year])
    last = max([first, (column.ended_on or today).year, *per_year])
    monthly = [per_month.get(month, 0) for month in months]
    yearly = [per_year.get(year, 0) for year in range(first, last + 1)]
    return {
        "monthly": list(zip(months, monthly, strict=True)),
        "monthly_total": sum(monthly),
        "monthly_peak": max(monthly),
        "yearly": list(zip(range(first, last + 1), yearly, strict=True)),
        "yearly_total": sum(yearly),
        "yearly_peak": max(yearly, default=0),
    }


def columns_with_counts():
    return Column.objects.select_related("outlet").annotate(
        item_count=Count("coverage"), last_item=Max("coverage__published_on")
    )


class ColumnListView(LoginRequiredMixin, XlsxExportMixin, FilteredListMixin, ListView):
    template_name = "campaigns/column_list.html"
    context_object_name = "columns"
    filter_form_class = ColumnFilterForm
    export_filename = "chuyen-trang-chuyen-muc"
    export_title = gettext_lazy("Columns")
    export_columns = [
        (gettext_lazy("name"), "name"),
        (gettext_lazy("kind"), display("kind")),
        (gettext_lazy("outlet"), "outlet.name"),
        (gettext_lazy("started on"), "started_on"),
        (gettext_lazy("ended on"), "ended_on"),
        (gettext_lazy("items"), "item_count"),
        (gettext_lazy("latest item"), "last_item"),
        (gettext_lazy("description"), "description"),
    ]

    def get_queryset(self):
        qs = columns_with_counts()
        f = self.filters()
        if f.get("q"):
            # Columns are few: matched in Python, with or without accents, like every list.
            words = search_words(f["q"])
            names = Column.objects.values_list("pk", "name")
            qs = qs.filter(pk__in=[pk for pk, name in names if all(w in fold(name) for w in words)])
        for name in ("outlet", "kind"):
            if f.get(name):
                qs = qs.filter(**{name: f[name]})
        running = Q(ended_on__isnull=True) | Q(ended_on__gte=timezone.localdate())
        if f.get("running") == "yes":
            qs = qs.filter(running)
        elif f.get("running") == "no":
            qs = qs.exclude(running)
        return qs.order_by("outlet__name", "name")


class ColumnDetailView(LoginRequiredMixin, DetailView):
    template_name = "campaigns/column_detail.html"
    context_object_name = "column"
    items_per_page = 20

    def get_queryset(self):
        return Column.objects.select_related("outlet", "outlet__unit")

    def get_context_data(self, **kwargs):
        user, column = self.request.user, self.object
        items = (
            coverage_in_reach(user)
            .filter(column=column)
            .prefetch_related(reached_exemplars(user))
            .order_by("-published_on", "-pk")
        )
        page = Paginator(items, self.items_per_page).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            items=page.object_list,
            page_obj=page,
            output=column_output(column, today=timezone.localdate()),
            can_change=user.has_perm("campaigns.change_column", column),
            can_log=outlets_run_by(user).filter(pk=column.outlet_id).exists(),
            history=history_with_changes(column),
            **kwargs,
        )


class ColumnCreateView(PermissionRequiredMixin, FormView):
    template_name = "campaigns/column_form.html"
    form_class = ColumnForm
    permission_required = "campaigns.add_column"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        with transaction.atomic():
            column = form.save()
        messages.success(self.request, _("The column is saved."))
        return redirect(column)


class ColumnUpdateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    template_name = "campaigns/column_form.html"
    form_class = ColumnForm
    permission_required = "campaigns.change_column"

    def get_column(self):
        if not hasattr(self, "_column"):
            self._column = get_in_reach(
                Column.objects.select_related("outlet"), pk=self.kwargs["pk"]
            )
        return self._column

    def get_permission_object(self):
        return self.get_column()

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "instance": self.get_column(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(column=self.get_column(), **kwargs)

    def form_valid(self, form):
        with transaction.atomic():
            column = form.save()
        messages.success(self.request, _("The changes are saved."))
        return redirect(column)


urlpatterns = [
    path("", CoverageListView.as_view(), name="coverage_list"),
    path("ghi-nhan/", CoverageCreateView.as_view(), name="coverage_create"),
    path("<int:pk>/", CoverageDetailView.as_view(), name="coverage_detail"),
    path("<int:pk>/sua/", CoverageUpdateView.as_view(), name="coverage_update"),
    path("<int:pk>/xoa/", CoverageDeleteView.as_view(), name="coverage_delete"),
    path("chuyen-muc/", ColumnListView.as_view(), name="column_list"),
    path("chuyen-muc/them/", ColumnCreateView.as_view(), name="column_create"),
    path("chuyen-muc/<int:pk>/", ColumnDetailView.as_view(), name="column_detail"),
    path("chuyen-muc/<int:pk>/sua/", ColumnUpdateView.as_view(), name="column_update"),
]
