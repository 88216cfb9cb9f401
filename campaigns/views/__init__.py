"""Pages of difficulty threads and of units' regulations (movements and pledges: ``.movements``)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView, View
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import XlsxExportMixin, display
from exemplar_portal.base.filters import FilteredListMixin
from exemplar_portal.base.history import history_with_changes
from exemplar_portal.base.search import search
from exemplar_portal.base.uploads import UploadRejected
from registry.drafts import draft_saved
from registry.rules import is_home_affairs

from .. import services
from ..forms import (
    DifficultyFilterForm,
    DifficultyForm,
    DifficultyReplyForm,
    RegulationFilterForm,
    RegulationReturnForm,
    RegulationUploadForm,
)
from ..models import (
    Difficulty,
    RegulationRequirement,
    RegulationTracking,
    UnitRegulation,
)


# Difficulties and proposals (plan VII.1). Threads out of the user's reach are a 404.
def difficulties_in_reach(user):
    return Difficulty.objects.restrict(user).select_related("unit", "unit__kind", "created_by")


class DifficultyListView(LoginRequiredMixin, XlsxExportMixin, FilteredListMixin, ListView):
    template_name = "campaigns/difficulty_list.html"
    context_object_name = "difficulties"
    filter_form_class = DifficultyFilterForm
    export_filename = "phan-anh-vuong-mac"
    export_title = gettext_lazy("Difficulties and proposals")
    export_columns = [
        (gettext_lazy("unit"), "unit.name"),
        (gettext_lazy("topic"), "subject"),
        (gettext_lazy("status"), display("status")),
        (gettext_lazy("sent by"), "created_by"),
        (gettext_lazy("sent"), "created_at"),
        (gettext_lazy("last activity"), "updated_at"),
        (gettext_lazy("messages"), "message_count"),
    ]

    def get_queryset(self):
        qs = difficulties_in_reach(self.request.user).annotate(message_count=Count("messages"))
        f = self.filters()
        if f.get("q"):
            qs = search(qs, f["q"], fields=["subject"])
        if f.get("status"):
            qs = qs.filter(status=f["status"])
        if f.get("year"):
            qs = qs.filter(created_at__year=f["year"])
        if f.get("unit_kind"):
            qs = qs.filter(unit__kind=f["unit_kind"])
        if is_home_affairs(self.request.user):
            # What waits longest for an answer comes first.
            rank = Case(
                When(status=Difficulty.Status.OPEN, then=Value(0)),
                When(status=Difficulty.Status.ANSWERED, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
            return qs.order_by(rank, "updated_at", "pk")
        return qs.order_by("-updated_at", "-pk")


class DifficultyCreateView(PermissionRequiredMixin, FormView):
    template_name = "campaigns/difficulty_form.html"
    form_class = DifficultyForm
    permission_required = "campaigns.add_difficulty"

    def form_valid(self, form):
        user = self.request.user
        difficulty = services.difficulty_open(
            unit=user.unit,
            by=user,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
        messages.success(self.request, _("Your difficulty or proposal is sent to Home Affairs."))
        draft_saved(self.request)
        return redirect(difficulty)


class DifficultyObjectMixin(LoginRequiredMixin):
    """The thread, if the user reaches its unit (else 404), and what they may do with it."""

    def get_difficulty(self):
        if not hasattr(self, "_difficulty"):
            self._difficulty = get_object_or_404(
                difficulties_in_reach(self.request.user), pk=self.kwargs["pk"]
            )
        return self._difficulty

    def get_context_data(self, **kwargs):
        difficulty = self.get_difficulty()
        user = self.request.user
        return super().get_context_data(
            difficulty=difficulty,
            can_reply=services.DIFFICULTY_MOVES.allows(difficulty, "reply", user),
            can_close=services.DIFFICULTY_MOVES.allows(difficulty, "close", user),
            **kwargs,
        )


class DifficultyDetailView(DifficultyObjectMixin, FormView):
    """The thread; a POST adds a message to it."""

    template_name = "campaigns/difficulty_detail.html"
    form_class = DifficultyReplyForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            thread=self.get_difficulty().messages.select_related("author", "author__unit"),
            history=history_with_changes(self.get_difficulty()),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        difficulty = self.get_difficulty()
        if not request.user.has_perm("campaigns.reply_difficulty", difficulty):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        difficulty = self.get_difficulty()
        try:
            services.difficulty_reply(
                difficulty=difficulty, by=self.request.user, body=form.cleaned_data["body"]
            )
        except services.DifficultyClosed:
            messages.error(self.request, _("This thread is closed; it takes no new message."))
            return redirect(difficulty)
        messages.success(self.request, _("Your message is sent."))
        return redirect(difficulty)


class DifficultyCloseView(DifficultyObjectMixin, TemplateView):
    """GET asks for confirmation; POST closes the thread for good."""

    template_name = "campaigns/difficulty_close.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            "campaigns.close_difficulty", self.get_difficulty()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        difficulty = self.get_difficulty()
        if difficulty.is_closed:
            messages.info(request, _("This thread is already closed."))
            return redirect(difficulty)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        difficulty = self.get_difficulty()
        try:
            services.difficulty_close(difficulty=difficulty, by=request.user)
        except services.DifficultyClosed:
            messages.info(request, _("This thread is already closed."))
        else:
            messages.success(request, _("The thread is closed."))
        return redirect(difficulty)


# Units' regulations of subjects and specific criteria (plan VII.1). Units out of the user's
# reach are a 404; so are units the requirement does not concern.
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


class RegulationListView(LoginRequiredMixin, XlsxExportMixin, FilteredListMixin, ListView):
    """Who has sent their regulation for a requirement (default: the latest one)."""

    template_name = "campaigns/regulation_list.html"
    context_object_name = "units"
    filter_form_class = RegulationFilterForm
    export_filename = "quy-dinh-cua-don-vi"
    export_title = gettext_lazy("Units' regulations")
    export_columns = [
        (gettext_lazy("code"), "code"),
        (gettext_lazy("unit"), "name"),
        (gettext_lazy("unit kind"), "kind.name"),
        (gettext_lazy("status"), lambda unit: RegulationTracking(unit.tracking).label),
        (gettext_lazy("sent"), "regulation_sent_at"),
    ]

    def get_requirement(self):
        if not hasattr(self, "_requirement"):
            chosen = self.filters().get("requirement")
            self._requirement = chosen or RegulationRequirement.objects.first()
        return self._requirement

    def get_queryset(self):
        requirement = self.get_requirement()
        if requirement is None:
            return UnitRegulation.objects.none()
        qs = regulation_tracking(requirement, self.request.user)
        f = self.filters()
        if f.get("q"):
            qs = search(qs, f["q"], fields=["name", "short_name", "code"])
        if f.get("status"):
            qs = qs.filter(tracking=f["status"])
        if f.get("unit_kind"):
            qs = qs.filter(kind=f["unit_kind"])
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        requirement = self.get_requirement()
        for unit in context["units"]:
            unit.tracking_label = RegulationTracking(unit.tracking).label
        counts = {}
        if requirement is not None:
            counts = dict(
                regulation_tracking(requirement, self.request.user)
                .order_by()
                .values_list("tracking")
                .annotate(n=Count("pk"))
            )
        context.update(
            requirement=requirement,
            tracking_counts=[
                (value, label, counts.get(value, 0)) for value, label in RegulationTracking.choices
            ],
        )
        return context


class RegulationUnitMixin(LoginRequiredMixin):
    """The requirement and the unit, if the requirement concerns it and the user reaches it."""

    def get_requirement(self):
        if not hasattr(self, "_requirement"):
            self._requirement = get_object_or_404(
                RegulationRequirement, pk=self.kwargs["requirement"]
            )
        return self._requirement

    def get_unit(self):
        if not hasattr(self, "_unit"):
            units = (
                self.get_requirement().units().restrict(self.request.user).select_related("kind")
            )
            self._unit = get_object_or_404(units, code=self.kwargs["code"])
        return self._unit


class RegulationUnitView(RegulationUnitMixin, TemplateView):
    """A unit's regulations for a requirement; a POST sends a new one."""

    template_name = "campaigns/regulation_unit.html"

    def get_context_data(self, upload_form=None, **kwargs):
        requirement, unit, user = self.get_requirement(), self.get_unit(), self.request.user
        kwargs.pop("requirement", None)  # the URL's pk; the object replaces it
        regulations = list(
            UnitRegulation.objects.filter(requirement=requirement, unit=unit).select_related(
                "sent_by", "reviewed_by", "requirement"
            )
        )
        current = regulations[0] if regulations else None
        awaited = current is None or current.status == UnitRegulation.Status.RETURNED
        return super().get_context_data(
            requirement=requirement,
            unit=unit,
            regulations=regulations,
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


def regulations_in_reach(user):
    return UnitRegulation.objects.restrict(user).select_related("unit", "requirement")


class RegulationDownloadView(LoginRequiredMixin, View):
    """Served by the application after the scope check, never straight from the disk."""

    def get(self, request, pk):
        regulation = get_object_or_404(regulations_in_reach(request.user), pk=pk)
        response = FileResponse(
            regulation.document.open("rb"),
            as_attachment=True,
            filename=regulation.original_name,
            content_type=regulation.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class RegulationReviewMixin(LoginRequiredMixin):
    """The regulation, if the user reaches its unit (else 404) and may review it (else 403)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            "campaigns.review_unitregulation", self.get_regulation()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_regulation(self):
        if not hasattr(self, "_regulation"):
            self._regulation = get_object_or_404(
                regulations_in_reach(self.request.user), pk=self.kwargs["pk"]
            )
        return self._regulation


class RegulationAcknowledgeView(RegulationReviewMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        regulation = self.get_regulation()
        try:
            services.regulation_acknowledge(regulation=regulation, by=request.user)
        except services.RegulationNotPending:
            messages.info(request, _("This regulation is no longer awaiting a review."))
        else:
            messages.success(request, _("The regulation is acknowledged."))
        return redirect(regulation)


class RegulationReturnView(RegulationReviewMixin, FormView):
    """GET asks for the reason; POST returns the regulation to its unit."""

    template_name = "campaigns/regulation_return.html"
    form_class = RegulationReturnForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(regulation=self.get_regulation(), **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form))

    def form_valid(self, form):
        regulation = self.get_regulation()
        try:
            services.regulation_return(
                regulation=regulation, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except services.RegulationNotPending:
            messages.info(self.request, _("This regulation is no longer awaiting a review."))
        else:
            messages.success(self.request, _("The regulation is returned to the unit."))
        return redirect(regulation)
