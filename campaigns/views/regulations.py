"""Pages of units' regulations of subjects and specific criteria (plan VII.1).

The list is the kit's (``exemplar_portal.base.kit``): its rows are the units a requirement
concerns, within reach, each with its latest regulation. A unit's page (where it sends its
regulation) and the downloads, acknowledgements and returns are pages of their own, which
read through ``UnitRegulation.objects.restrict`` and ``Unit.objects.restrict``: out of
reach is a 404, so is a unit the requirement does not concern; acknowledging and returning
are moves of ``campaigns.services.REGULATION_MOVES``.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, CharField, Count, OuterRef, Subquery, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from django.views.generic.edit import FormView

from exemplar_portal.base.kit import RecordKind, RecordObjectMixin, get_in_reach
from exemplar_portal.base.moves import answer
from exemplar_portal.base.search import search
from exemplar_portal.base.uploads import UploadRejected
from registry.models import Unit

from .. import services
from ..forms import RegulationFilterForm, RegulationReturnForm, RegulationUploadForm
from ..models import RegulationRequirement, RegulationTracking, UnitRegulation


def regulation_tracking(requirement, user):
    """Units that must send ``requirement``, within reach, with their current regulation.

    Each unit carries ``regulation_pk``, ``regulation_sent_at``, ``regulation_late`` and
    ``tracking`` (a ``RegulationTracking`` value), all computed in the one query.
    """
    latest = UnitRegulation.objects.filter(requirement=requirement, unit=OuterRef("pk")).order_by(
        "-sent_at", "-pk"
    )
    late_from = requirement.late_from()
    return (
        requirement.units()
        .restrict(user)
        .select_related("kind")
        .annotate(
            regulation_pk=Subquery(latest.values("pk")[:1]),
            regulation_status=Subquery(latest.values("status")[:1]),
            regulation_sent_at=Subquery(latest.values("sent_at")[:1]),
        )
        .annotate(
            regulation_late=Case(
                When(regulation_sent_at__gte=late_from, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            tracking=Case(
                When(regulation_status__isnull=True, then=Value(RegulationTracking.MISSING)),
                When(
                    regulation_status=UnitRegulation.Status.ACKNOWLEDGED,
                    then=Value(RegulationTracking.ACKNOWLEDGED),
                ),
                When(
                    regulation_status=UnitRegulation.Status.RETURNED,
                    then=Value(RegulationTracking.RETURNED),
                ),
                When(regulation_sent_at__gte=late_from, then=Value(RegulationTracking.LATE)),
                default=Value(RegulationTracking.ON_TIME),
                output_field=CharField(),
            ),
        )
    )


class Regulations(RecordKind):
    """Who has sent their regulation for a requirement (default: the latest one)."""

    model = UnitRegulation
    pages = ("list",)
    name = "regulation"
    filter_form_class = RegulationFilterForm
    # Of the units listed: their tracking status and kind.
    filters = {"status": "tracking", "unit_kind": "kind"}
    search_fields = ("name", "short_name", "code")
    select_related = ("unit", "requirement")
    object_name = "regulation"
    list_name = "units"
    record_prefix = "van-ban/"
    export_filename = "quy-dinh-cua-don-vi"
    export_title = gettext_lazy("Units' regulations")
    export_columns = [
        (gettext_lazy("code"), "code"),
        (gettext_lazy("unit"), "name"),
        (gettext_lazy("unit kind"), "kind.name"),
        (gettext_lazy("status"), lambda unit: RegulationTracking(unit.tracking).label),
        (gettext_lazy("sent"), "regulation_sent_at"),
    ]

    @staticmethod
    def requirement(filters):
        return filters.get("requirement") or RegulationRequirement.objects.first()

    def list_queryset(self, request, filters):
        requirement = self.requirement(filters)
        if requirement is None:
            return Unit.objects.none()
        units = regulation_tracking(requirement, request.user)
        if filters.get("q"):
            units = search(units, filters["q"], fields=list(self.search_fields))
        for field, lookup in self.filters.items():
            if filters.get(field):
                units = units.filter(**{lookup: filters[field]})
        return units

    def list_context(self, request, filters, units):
        requirement = self.requirement(filters)
        for unit in units:
            unit.tracking_label = RegulationTracking(unit.tracking).label
        counts = {}
        if requirement is not None:
            counts = dict(
                regulation_tracking(requirement, request.user)
                .order_by()
                .values_list("tracking")
                .annotate(n=Count("pk"))
            )
        return {
            "requirement": requirement,
            "tracking_counts": [
                (value, label, counts.get(value, 0)) for value, label in RegulationTracking.choices
            ],
        }


regulations = Regulations()


class RegulationUnitView(TemplateView):
    """A unit's regulations for a requirement; a POST sends a new one."""

    template_name = "campaigns/regulation_unit.html"

    def get_requirement(self):
        if not hasattr(self, "_requirement"):
            self._requirement = get_object_or_404(
                RegulationRequirement, pk=self.kwargs["requirement"]
            )
        return self._requirement

    def get_unit(self):
        """The unit, if the user reaches it and the requirement concerns it (else 404)."""
        if not hasattr(self, "_unit"):
            units = Unit.objects.restrict(self.request.user).select_related("kind")
            self._unit = get_in_reach(units, code=self.kwargs["code"])
            if not self.get_requirement().units().filter(pk=self._unit.pk).exists():
                raise Http404
        return self._unit

    def get_context_data(self, upload_form=None, **kwargs):
        requirement, unit, user = self.get_requirement(), self.get_unit(), self.request.user
        kwargs.pop("requirement", None)  # the URL's pk; the object replaces it
        sent = list(
            regulations.scope(self.request)
            .filter(requirement=requirement, unit=unit)
            .select_related("sent_by", "reviewed_by")
        )
        current = sent[0] if sent else None
        awaited = current is None or current.status == UnitRegulation.Status.RETURNED
        return super().get_context_data(
            requirement=requirement,
            unit=unit,
            regulations=sent,
            current=current,
            can_send=awaited and user.has_perm("campaigns.add_unitregulation", unit),
            can_review=current is not None
            and services.REGULATION_MOVES.allows(current, "acknowledge", user),
            upload_form=upload_form or RegulationUploadForm(),
            return_form=RegulationReturnForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        requirement, unit = self.get_requirement(), self.get_unit()
        if not request.user.has_perm("campaigns.add_unitregulation", unit):
            raise PermissionDenied
        form = RegulationUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.regulation_send(
                    requirement=requirement,
                    unit=unit,
                    upload=form.cleaned_data["file"],
                    by=request.user,
                )
            except UploadRejected as rejection:
                form.add_error("file", rejection)
            except services.RegulationNotAwaited:
                messages.error(
                    request,
                    _("The unit's regulation is already sent; a new one is sent after a return."),
                )
                return redirect(request.path)
            else:
                messages.success(request, _("The regulation is sent to Home Affairs."))
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(upload_form=form))


class RegulationDownloadView(View):
    """Served by the application after the scope check, never straight from the disk."""

    def get(self, request, pk):
        regulation = get_in_reach(regulations.scope(request), pk=pk)
        response = FileResponse(
            regulation.document.open("rb"),
            as_attachment=True,
            filename=regulation.original_name,
            content_type=regulation.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class RegulationAcknowledgeView(RecordObjectMixin, View):
    http_method_names = ["post"]
    action = "review"

    def post(self, request, pk):
        regulation = self.get_record()
        acknowledge = partial(
            services.regulation_acknowledge, regulation=regulation, by=request.user
        )
        return answer(request, regulation, acknowledge, done=_("The regulation is acknowledged."))


class RegulationReturnView(RecordObjectMixin, FormView):
    """GET asks for the reason; POST returns the regulation to its unit."""

    page = "return"
    action = "review"
    form_class = RegulationReturnForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(regulation=self.get_record(), **kwargs)

    def form_valid(self, form):
        regulation, reason, by = self.get_record(), form.cleaned_data["reason"], self.request.user
        give_back = partial(services.regulation_return, regulation=regulation, by=by, reason=reason)
        return answer(
            self.request, regulation, give_back, done=_("The regulation is returned to the unit.")
        )


urlpatterns = [
    *regulations.urls(
        {
            "acknowledge": ("ghi-nhan/", RegulationAcknowledgeView),
            "return": ("tra-lai/", RegulationReturnView),
        }
    ),
    path(
        "<int:requirement>/don-vi/<str:code>/",
        RegulationUnitView.as_view(),
        name="regulation_unit",
    ),
    path(
        "van-ban/<int:pk>/tai-ve/",
        RegulationDownloadView.as_view(),
        name="regulation_download",
    ),
]
