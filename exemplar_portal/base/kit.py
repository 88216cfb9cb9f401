"""The record kit: one declaration per record kind yields its pages and their URLs.

A ``RecordKind`` names the model, its form and filter form, what the list filters and
searches, its export columns, its templates and which pages it has; ``kind.urls()`` gives
the list (filters, search, pagination, xlsx/csv download), the detail (with its history),
create, edit and delete (asked to confirm first). Every page reads through the model's own
scope (``Model.objects.restrict(user)``, ``exemplar_portal.base.scopes``): a record outside
the user's reach is a 404, an action the rules refuse is a 403. Each step is a method a
kind may override (``list_queryset``, ``list_context``, ``detail_context``, ``form_kwargs``,
``formsets``…), so a kind says only how it differs.

How to add a record kind: write its model (with a ``RestrictedQuerySet`` and its
``rules_permissions``), its form, its four templates (``<prefix>_list.html``,
``_detail.html``, ``_form.html``, ``_confirm_delete.html``), then::

    class Thing(RecordKind):
        model = models.Thing
        form_class = forms.ThingForm
        filter_form_class = forms.ThingFilterForm
        filters = {"year": "date__year"}
        search_fields = ("title",)
        export_columns = [(_("title"), "title")]

    urlpatterns = Thing().urls()
"""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from .exports import XlsxExportMixin
from .filters import FilteredListMixin
from .history import history_with_changes
from .providers import Providers
from .search import search

# Told of a record that exists but lies outside the user's reach (registry notes it as a
# security event): ``listener(record)``.
out_of_reach = Providers("listeners told of a record asked for outside the user's reach")


def get_in_reach(queryset, *args, **kwargs):
    """``get_object_or_404`` on a queryset already limited to the user's reach; a record
    that exists outside it answers the same 404, and the listeners are told."""
    try:
        return get_object_or_404(queryset, *args, **kwargs)
    except Http404:
        model = getattr(queryset, "model", queryset)
        found = model._base_manager.filter(*args, **kwargs).first()
        if found is not None:
            for listener in out_of_reach:
                listener(found)
        raise


class RecordKind:
    """One record kind's declaration. Subclass it, set the attributes, override a step where
    the kind differs, and put ``kind.urls()`` in the app's URLs."""

    model = None
    # The pages it has, of "list", "detail", "create", "update", "delete".
    pages = ("list", "detail", "create", "update", "delete")
    # The URL names are "<name>_list", "<name>_detail"…; default: the model's name.
    name = ""
    # How the URL names one record: "pk" (a number) or a slug field such as "code".
    lookup = "pk"
    # A permission without object the list asks for (else 403), where reading the kind at
    # all is a role's: "reports.view_consolidation".
    list_permission = ""
    form_class = None
    # The form of a new record, where it is not ``form_class``.
    create_form_class = None
    filter_form_class = None
    # Whether the form and the filter form are given the user (``user=``).
    form_takes_user = False
    filter_takes_user = False
    # Filter-form field → lookup applied when the field has a value.
    filters: dict[str, str] = {}
    search_fields: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("-pk",)
    select_related: tuple[str, ...] = ()
    paginate_by = 25
    export_columns: list = []
    # The kind's photos and documents (a ``exemplar_portal.base.uploads.RecordFile``), if it
    # has any: ``registry.views.attachments.KindFiles(kind)`` gives their pages.
    file_model = None
    export_filename = ""
    export_title = ""
    # The templates are "<template_prefix>_list.html"…; default: "<app>/<name>".
    template_prefix = ""
    # The name of the record in the detail, form and delete templates, and of the list.
    object_name = "item"
    list_name = "items"
    # Path segments (Vietnamese, as users read them); ``record_prefix`` comes before a
    # record's own pages ("de-xuat/" gives "de-xuat/<pk>/", "de-xuat/<pk>/sua/"…).
    record_prefix = ""
    create_path = "them/"
    update_path = "sua/"
    delete_path = "xoa/"
    # A parent record named in the URL of ``parent_pages`` (a unit's signers): its model, the
    # URL part before those pages ("don-vi/<str:code>/nguoi-ky/"), the parent's field its
    # keyword names ("code") and the record's link to it ("unit"). Those pages read it in
    # reach (else 404) and use the kind's copy for it (``of``): its records, new ones of it,
    # permissions asked of it (``permission_object``), ``parent`` in the templates.
    parent_model = None
    parent_prefix = ""
    parent_key = "pk"
    parent_field = ""
    parent_pages = ("list", "detail", "create", "update", "delete")
    parent = None

    # Names ---------------------------------------------------------------------------

    @property
    def opts(self):
        return self.model._meta

    def url_name(self, page: str) -> str:
        return f"{self.name or self.opts.model_name}_{page}"

    def permission(self, action: str) -> str:
        """The permission a page asks for on the record; a kind whose scope alone decides
        who may ``action`` answers "" (no further check)."""
        return f"{self.opts.app_label}.{action}_{self.opts.model_name}"

    def permission_object(self, record=None):
        """What a page's permission is asked of: its record, else the parent (if any)."""
        return self.parent if record is None else record

    def template(self, page: str) -> str:
        prefix = (
            self.template_prefix or f"{self.opts.app_label}/{self.name or self.opts.model_name}"
        )
        return f"{prefix}_{page}.html"

    # Reading -------------------------------------------------------------------------

    def of(self, parent) -> "RecordKind":
        """The kind for the records of ``parent`` (a copy, for one request)."""
        kind = copy.copy(self)
        kind.parent = parent
        return kind

    def scope(self, request):
        """The records the user reaches (the model's own scope), of the parent if any."""
        queryset = self.model.objects.restrict(request.user)
        if self.parent is not None:
            queryset = queryset.filter(**{self.parent_field: self.parent})
        return queryset.select_related(*self.select_related) if self.select_related else queryset

    def filter_form(self, request):
        if self.filter_form_class is None:  # a list without filters
            return None
        user = {"user": request.user} if self.filter_takes_user else {}
        return self.filter_form_class(request.GET or None, **user)

    def list_queryset(self, request, filters: dict):
        """The list: the scope, the filter form's values, the search, the order."""
        queryset = self.scope(request)
        if filters.get("q") and self.search_fields:
            queryset = search(queryset, filters["q"], fields=list(self.search_fields))
        for field, lookup in self.filters.items():
            if filters.get(field) not in (None, "", [], ()):
                queryset = queryset.filter(**{lookup: filters[field]})
        return queryset.order_by(*self.ordering)

    def export_queryset(self, request, queryset):
        return queryset

    def list_context(self, request, filters: dict, records) -> dict:
        """What the list page shows besides its records (``records``: those of the page)."""
        return {}

    def detail_context(self, request, record) -> dict:
        """What the detail page shows besides the record: its history, and what the user
        may do with it."""
        user = request.user
        return {
            "history": history_with_changes(record),
            "can_change": "update" in self.pages
            and user.has_perm(self.permission("change"), self.permission_object(record)),
            "can_delete": "delete" in self.pages
            and user.has_perm(self.permission("delete"), self.permission_object(record)),
        }

    # Writing -------------------------------------------------------------------------

    def form_kwargs(self, request, record=None) -> dict:
        user = {"user": request.user} if self.form_takes_user else {}
        if record is None and self.parent is not None:  # a new record of the parent
            record = self.model(**{self.parent_field: self.parent})
        return {"instance": record, **user} if record is not None else user

    def form_initial(self, request) -> dict:
        return {}

    def form_context(self, request, record=None) -> dict:
        return {}

    def formsets(self, request, record=None, data=None) -> dict:
        """Inline formsets edited with the form (bound to ``data`` on a POST), by their names
        in the template: checked after the form (on a POST, ``record`` is the form's
        instance, holding what the form read), saved after it for the saved record."""
        return {}

    def save(self, request, form, record=None):
        """Write the form (a kind calls its service here); a ``ValidationError`` raised
        here is answered by ``refused``."""
        with transaction.atomic():
            return form.save()

    def success_url(self, request, record):
        """Where a saved form goes: the record's page (a URL or anything ``redirect`` takes)."""
        return record

    def deleted_url(self, request, record):
        """Where a deletion goes (anything ``redirect`` takes); "" for the kind's list."""
        return ""

    def delete_context(self, request, record) -> dict:
        """What the page that asks to confirm a deletion shows besides the record."""
        return {}

    def refused(self, request, form, record, error):
        """``save`` refused (a rule checked under lock): by default the form shows why and
        keeps what the user typed; a kind may answer with a response instead."""
        form.add_error(None, error)
        return None

    def delete(self, request, record) -> None:
        with transaction.atomic():
            record.delete()

    def saved_message(self, record, created: bool) -> str:
        return _("The record is saved.") if created else _("The changes are saved.")

    def deleted_message(self, record) -> str:
        return _("“%(record)s” is deleted.") % {"record": record}

    # Pages ---------------------------------------------------------------------------

    def nested(self, page: str) -> bool:
        """Whether the URL of ``page`` names the parent."""
        return self.parent_model is not None and page in self.parent_pages

    def list_url(self, request) -> str:
        """The list's URL in the request's namespace (of the parent, if any)."""
        key = self.parent_key
        kwargs = {key: getattr(self.parent, key)} if self.nested("list") else {}
        name = ":".join(filter(None, [request.resolver_match.namespace, self.url_name("list")]))
        return reverse(name, kwargs=kwargs)

    def views(self) -> dict:
        kinds = {
            "list": RecordListView,
            "detail": RecordDetailView,
            "create": RecordCreateView,
            "update": RecordUpdateView,
            "delete": RecordDeleteView,
        }
        return {p: kinds[p].as_view(kind=self, under_parent=self.nested(p)) for p in self.pages}

    def urls(self, more: dict | None = None) -> list:
        """The kind's pages; ``more``: further pages of one record, page → (its path after
        the record's, a view of the kit), each named "<name>_<page>"."""
        one = f"<int:{self.lookup}>/" if self.lookup == "pk" else f"<slug:{self.lookup}>/"
        # In this order: a slug would take the create path for a record's.
        one = self.record_prefix + one
        routes = {
            "list": "",
            "create": self.create_path,
            "detail": one,
            "update": one + self.update_path,
            "delete": one + self.delete_path,
        }
        views = self.views()
        pages = {page: (route, views[page]) for page, route in routes.items() if page in views}
        for page, (route, view) in (more or {}).items():
            pages[page] = (one + route, view.as_view(kind=self, under_parent=self.nested(page)))
        return [  # the parent's part of the URL before a page under it
            path(self.parent_prefix * self.nested(page) + route, view, name=self.url_name(page))
            for page, (route, view) in pages.items()
        ]


class KindView:
    kind: RecordKind = None
    # Whether the page's URL names the kind's parent record: read first, in reach or 404.
    under_parent = False

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.under_parent:
            kind, parents = self.kind, self.kind.parent_model.objects.restrict(request.user)
            self.kind = kind.of(get_in_reach(parents, **{kind.parent_key: kwargs[kind.parent_key]}))

    def get_template_names(self):
        return [self.kind.template(self.page)]

    def get_permission_object(self):
        return self.kind.permission_object()

    def get_context_data(self, **kwargs):
        if self.kind.parent is not None:
            kwargs.setdefault("parent", self.kind.parent)
        return super().get_context_data(**kwargs)


class RecordListView(
    KindView, PermissionRequiredMixin, XlsxExportMixin, FilteredListMixin, ListView
):
    page = "list"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        kind = self.kind
        self.paginate_by = kind.paginate_by
        self.context_object_name = kind.list_name
        self.export_columns = kind.export_columns
        self.export_filename = kind.export_filename or kind.opts.model_name
        self.export_title = kind.export_title or kind.opts.verbose_name_plural

    def get_permission_required(self):
        permission = self.kind.list_permission
        return [permission] if permission else []

    def get(self, request, *args, **kwargs):
        if not self.export_columns:  # a kind without columns has no download
            return ListView.get(self, request, *args, **kwargs)
        return super().get(request, *args, **kwargs)

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = self.kind.filter_form(self.request)
        return self._filter_form

    def get_queryset(self):
        return self.kind.list_queryset(self.request, self.filters())

    def get_export_queryset(self):
        return self.kind.export_queryset(self.request, self.get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        records = context["object_list"]
        context.update(self.kind.list_context(self.request, self.filters(), records))
        return context


class RecordObjectMixin(KindView, PermissionRequiredMixin):
    """The record named in the URL, if the user reaches it (else 404) and may act on it
    (else 403)."""

    action = "view"

    def get_permission_required(self):
        permission = self.kind.permission(self.action)
        return [permission] if permission else []

    def get_record(self):
        if not hasattr(self, "_record"):
            lookup = {self.kind.lookup: self.kwargs[self.kind.lookup]}
            self._record = get_in_reach(self.kind.scope(self.request), **lookup)
        return self._record

    def get_object(self, queryset=None):
        return self.get_record()

    def get_permission_object(self):
        return self.kind.permission_object(self.get_record())


class RecordDetailView(RecordObjectMixin, DetailView):
    page = "detail"

    def get_context_object_name(self, obj):
        return self.kind.object_name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.kind.detail_context(self.request, self.object))
        return context


class RecordFormMixin:
    page = "form"

    def record(self):
        return None

    def get_form_class(self):
        return (self.record() is None and self.kind.create_form_class) or self.kind.form_class

    def get_initial(self):
        return self.kind.form_initial(self.request)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.kind.form_kwargs(self.request, self.record())}

    def get_formsets(self, form=None) -> dict:
        if not hasattr(self, "_formsets"):
            data = self.request.POST if self.request.method == "POST" else None
            record = getattr(form, "instance", None) or self.record()
            self._formsets = self.kind.formsets(self.request, record, data)
        return self._formsets

    def get_context_data(self, **kwargs):
        record = self.record()
        if record is not None:
            kwargs.setdefault(self.kind.object_name, record)
        kwargs.update(self.kind.form_context(self.request, record))
        for name, formset in self.get_formsets().items():
            kwargs.setdefault(name, formset)
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        # Every one is checked, so that each shows its errors.
        checks = [form.is_valid(), *(f.is_valid() for f in self.get_formsets(form).values())]
        return self.form_valid(form) if all(checks) else self.form_invalid(form)

    def form_valid(self, form):
        record = self.record()
        try:
            with transaction.atomic():
                saved = self.kind.save(self.request, form, record)
                for formset in self.get_formsets().values():
                    formset.instance = saved
                    formset.save()
        except ValidationError as error:
            return self.kind.refused(self.request, form, record, error) or self.form_invalid(form)
        messages.success(self.request, self.kind.saved_message(saved, created=record is None))
        return redirect(self.kind.success_url(self.request, saved))


class RecordCreateView(KindView, PermissionRequiredMixin, RecordFormMixin, FormView):
    def get_permission_required(self):
        return [self.kind.permission("add")]


class RecordUpdateView(RecordObjectMixin, RecordFormMixin, FormView):
    action = "change"

    def record(self):
        return self.get_record()


class RecordDeleteView(RecordObjectMixin, DetailView):
    """GET asks to confirm; POST deletes (the record's history stays)."""

    page = "confirm_delete"
    action = "delete"

    def get_context_object_name(self, obj):
        return self.kind.object_name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.kind.delete_context(self.request, self.object))
        return context

    def post(self, request, *args, **kwargs):
        record = self.get_record()
        self.kind.delete(request, record)
        messages.success(request, self.kind.deleted_message(record))
        return redirect(self.kind.deleted_url(request, record) or self.kind.list_url(request))
