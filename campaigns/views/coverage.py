"""Pages of media coverage and of the columns that carry it (plan III.1), two record kinds
of the kit (``exemplar_portal.base.kit``).

Coverage is scoped by ``Coverage.objects.restrict`` (out of reach is a 404); who may log,
change or delete it is ``campaigns/rules/coverage.py`` (a 403). Columns are public to every
signed-in user; their items are listed within the viewer's reach.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch, Q
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exemplar_portal.base.exports import display
from exemplar_portal.base.kit import RecordKind
from exemplar_portal.base.search import search_words
from exemplar_portal.base.text import fold
from registry.models import Exemplar
from registry.views.exemplars import FromExemplarMixin

from ..forms.coverage import ColumnFilterForm, ColumnForm, CoverageFilterForm, CoverageForm
from ..models import Column, Coverage
from ..rules.coverage import coverable_exemplars, outlets_run_by
from ..selectors import column_output


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


class CoverageKind(FromExemplarMixin, RecordKind):
    model = Coverage
    form_class = CoverageForm
    filter_form_class = CoverageFilterForm
    form_takes_user = filter_takes_user = True
    filters = {
        "outlet": "outlet",
        "kind": "kind",
        "column": "column",
        "year": "published_on__year",
        "month": "published_on__month",
    }
    search_fields = ("title", "authors")
    ordering = ("-published_on", "-pk")
    select_related = ("outlet", "outlet__unit", "column", "event", "recorded_by")
    create_path = "ghi-nhan/"
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

    def list_queryset(self, request, filters):
        user = request.user
        items = super().list_queryset(request, filters).prefetch_related(reached_exemplars(user))
        if filters.get("unit"):
            about = Exemplar.objects.restrict(user).filter(unit=filters["unit"])
            items = items.filter(pk__in=Coverage.objects.filter(exemplars__in=about).values("pk"))
        return items

    def detail_context(self, request, item):
        user = request.user
        event = item.event
        if event is not None and not user.has_perm("campaigns.view_event", event):
            event = None
        return {
            **super().detail_context(request, item),
            "exemplars": item.exemplars.restrict(user).select_related("unit", "field"),
            "event": event,
        }

    def form_initial(self, request):
        """``?exemplar=<code>`` and ``?column=<pk>`` fill in what the user came from."""
        initial = super().form_initial(request)
        column = self.column_named(request)
        if column:
            initial.update(column=column, outlet=column.outlet)
        return initial

    def named_exemplars(self, request):
        return coverable_exemplars(request.user)

    def named_initial(self, exemplar):
        return {"exemplars": [exemplar]}

    @staticmethod
    def column_named(request):
        """The column named by ``?column=<pk>``, if it belongs to an outlet the user runs."""
        number = request.GET.get("column", "")
        if not number.isdigit():
            return None
        return Column.objects.filter(pk=number, outlet__in=outlets_run_by(request.user)).first()

    def saved_message(self, record, created):
        return _("The coverage is logged.") if created else _("The changes are saved.")

    def deleted_message(self, record):
        return _("“%(title)s” is deleted.") % {"title": record.title}


class ColumnKind(RecordKind):
    model = Column
    pages = ("list", "detail", "create", "update")
    form_class = ColumnForm
    form_takes_user = True
    filter_form_class = ColumnFilterForm
    filters = {"outlet": "outlet", "kind": "kind"}
    ordering = ("outlet__name", "name")
    select_related = ("outlet", "outlet__unit")
    object_name = "column"
    list_name = "columns"
    items_per_page = 20
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

    def list_queryset(self, request, filters):
        columns = (
            super()
            .list_queryset(request, filters)
            .annotate(item_count=Count("coverage"), last_item=Max("coverage__published_on"))
        )
        if filters.get("q"):
            # Columns are few: matched in Python, with or without accents, like every list.
            words = search_words(filters["q"])
            names = Column.objects.values_list("pk", "name")
            columns = columns.filter(
                pk__in=[pk for pk, name in names if all(w in fold(name) for w in words)]
            )
        running = Q(ended_on__isnull=True) | Q(ended_on__gte=timezone.localdate())
        if filters.get("running") == "yes":
            columns = columns.filter(running)
        elif filters.get("running") == "no":
            columns = columns.exclude(running)
        return columns

    def detail_context(self, request, column):
        user = request.user
        items = (
            coverage_in_reach(user)
            .filter(column=column)
            .prefetch_related(reached_exemplars(user))
            .order_by("-published_on", "-pk")
        )
        page = Paginator(items, self.items_per_page).get_page(request.GET.get("page"))
        return {
            **super().detail_context(request, column),
            "items": page.object_list,
            "page_obj": page,
            "output": column_output(column, today=timezone.localdate()),
            "can_log": outlets_run_by(user).filter(pk=column.outlet_id).exists(),
        }

    def saved_message(self, record, created):
        return _("The column is saved.") if created else _("The changes are saved.")


urlpatterns = [
    *CoverageKind().urls(),
    path("chuyen-muc/", include(ColumnKind().urls())),
]
