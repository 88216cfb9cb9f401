"""Pages of inspections and supervision of how units build and spread exemplars (plan III.5).

Home Affairs adopts a yearly plan, records each inspection's team and findings and the
recommendations it leaves; the inspected unit records follow-up notes on each until Home
Affairs closes it. Inspections out of the user's reach are a 404, forbidden actions a 403.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, Max, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import XlsxExportMixin, display
from exemplar_portal.base.filters import FilteredListMixin
from exemplar_portal.base.history import history_with_changes
from exemplar_portal.base.search import search
from registry.drafts import draft_saved

from ..forms.inspections import (
    FollowUpForm,
    InspectionFilterForm,
    InspectionForm,
    InspectionPlanForm,
    InspectionUpdateForm,
    RecommendationFilterForm,
    RecommendationForm,
)
from ..models import Inspection, InspectionPlan, Recommendation

OPEN = Recommendation.Status.OPEN


def inspections_in_reach(user):
    return Inspection.objects.restrict(user)


def recommendations_in_reach(user):
    return Recommendation.objects.restrict(user).select_related(
        "inspection__unit", "inspection__plan"
    )


def with_recommendation_counts(inspections):
    return inspections.annotate(
        recommendation_count=Count("recommendations", distinct=True),
        open_count=Count("recommendations", filter=Q(recommendations__status=OPEN), distinct=True),
    )


def plans_with_counts(user):
    """Every plan, with the inspections the user reaches and their open recommendations."""
    reach = Inspection.objects.restrict(user).values("pk")
    return InspectionPlan.objects.select_related("lead_unit").annotate(
        inspection_count=Count("inspections", filter=Q(inspections__in=reach), distinct=True),
        open_count=Count(
            "inspections__recommendations",
            filter=Q(inspections__in=reach, inspections__recommendations__status=OPEN),
            distinct=True,
        ),
    )


def team_names(inspection) -> str:
    """The team in one cell: the members with an account, then those without."""
    names = [str(person) for person in inspection.team_members.all()]
    names += [line.strip() for line in inspection.other_members.splitlines() if line.strip()]
    return "; ".join(names)


class ScopedFilterMixin(FilteredListMixin):
    """A list whose filter form offers only the units of inspections within reach."""

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = self.filter_form_class(
                self.request.GET or None, user=self.request.user
            )
        return self._filter_form


class InspectionListView(LoginRequiredMixin, XlsxExportMixin, ScopedFilterMixin, ListView):
    """The landing page: the yearly plans, then the inspections the user reaches."""

    template_name = "campaigns/inspection_list.html"
    context_object_name = "inspections"
    filter_form_class = InspectionFilterForm
    export_filename = "kiem-tra-giam-sat"
    export_title = gettext_lazy("Inspections")
    export_columns = [
        (gettext_lazy("year"), "plan.year"),
        (gettext_lazy("plan"), "plan.title"),
        (gettext_lazy("unit inspected"), "unit.name"),
        (gettext_lazy("kind"), display("kind")),
        (gettext_lazy("status"), display("status")),
        (gettext_lazy("scheduled for"), "scheduled_on"),
        (gettext_lazy("carried out on"), "carried_out_on"),
        (gettext_lazy("team leader"), "team_leader"),
        (gettext_lazy("team members"), team_names),
        (gettext_lazy("findings"), "findings"),
        (gettext_lazy("recommendations"), "recommendation_count"),
        (gettext_lazy("open recommendations"), "open_count"),
    ]

    def get_queryset(self):
        qs = inspections_in_reach(self.request.user)
        f = self.filters()
        if f.get("q"):
            qs = qs.filter(
                pk__in=search(
                    Inspection.objects.all(), f["q"], fields=["findings", "unit__name"]
                ).values("pk")
            )
        if f.get("year"):
            qs = qs.filter(plan__year=f["year"])
        for name in ("plan", "status", "kind", "unit"):
            if f.get(name):
                qs = qs.filter(**{name: f[name]})
        return (
            with_recommendation_counts(qs)
            .select_related("plan", "unit", "team_leader")
            .order_by("-scheduled_on", "-pk")
        )

    def get_export_queryset(self):
        return self.get_queryset().prefetch_related("team_members")

    def get_context_data(self, **kwargs):
        return super().get_context_data(plans=plans_with_counts(self.request.user), **kwargs)


class InspectionPlanDetailView(PermissionRequiredMixin, DetailView):
    """A plan and those of its inspections the user reaches."""

    template_name = "campaigns/inspection_plan_detail.html"
    context_object_name = "plan"
    permission_required = "campaigns.view_inspectionplan"
    queryset = InspectionPlan.objects.select_related("lead_unit")

    def get_context_data(self, **kwargs):
        plan = self.object
        inspections = list(
            with_recommendation_counts(inspections_in_reach(self.request.user).filter(plan=plan))
            .select_related("unit", "team_leader")
            .order_by("scheduled_on", "pk")
        )
        return super().get_context_data(
            inspections=inspections,
            done_count=sum(1 for i in inspections if i.is_done),
            open_count=sum(i.open_count for i in inspections),
            history=history_with_changes(plan),
            **kwargs,
        )


class InspectionPlanFormMixin(PermissionRequiredMixin):
    template_name = "campaigns/inspection_plan_form.html"
    form_class = InspectionPlanForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        with transaction.atomic():
            plan = form.save(commit=False)
            plan._history_user = self.request.user
            plan.save()
        messages.success(self.request, _("The inspection plan is saved."))
        return redirect(plan)


class InspectionPlanCreateView(InspectionPlanFormMixin, FormView):
    permission_required = "campaigns.add_inspectionplan"


class InspectionPlanUpdateView(InspectionPlanFormMixin, FormView):
    permission_required = "campaigns.change_inspectionplan"

    def get_plan(self):
        if not hasattr(self, "_plan"):
            self._plan = get_object_or_404(InspectionPlan, pk=self.kwargs["pk"])
        return self._plan

    def get_permission_object(self):
        return self.get_plan()

    def get_form_kwargs(self):
        # A copy: a rejected form must not change the plan the page shows.
        instance = InspectionPlan.objects.get(pk=self.get_plan().pk)
        return {**super().get_form_kwargs(), "instance": instance}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.get_plan(), **kwargs)


def save_inspection(form, by):
    with transaction.atomic():
        inspection = form.save(commit=False)
        inspection._history_user = by
        inspection.save()
        form.save_m2m()
    return inspection


class InspectionCreateView(PermissionRequiredMixin, FormView):
    """An inspection under a plan: the unit, the kind, the date and the team."""

    template_name = "campaigns/inspection_form.html"
    form_class = InspectionForm
    permission_required = "campaigns.add_inspection"

    def get_plan(self):
        if not hasattr(self, "_plan"):
            self._plan = get_object_or_404(InspectionPlan, pk=self.kwargs["pk"])
        return self._plan

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.get_plan()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.get_plan(), **kwargs)

    def form_valid(self, form):
        inspection = save_inspection(form, self.request.user)
        messages.success(self.request, _("The inspection is added to the plan."))
        draft_saved(self.request)
        return redirect(inspection)


class InspectionObjectMixin(LoginRequiredMixin):
    """The inspection, if the user reaches it (else 404)."""

    def get_inspection(self):
        if not hasattr(self, "_inspection"):
            self._inspection = get_object_or_404(
                inspections_in_reach(self.request.user).select_related(
                    "plan", "unit", "team_leader__unit"
                ),
                pk=self.kwargs["pk"],
            )
        return self._inspection


class InspectionDetailView(InspectionObjectMixin, TemplateView):
    template_name = "campaigns/inspection_detail.html"

    def get_context_data(self, **kwargs):
        inspection, user = self.get_inspection(), self.request.user
        recommendations = inspection.recommendations.select_related("closed_by").prefetch_related(
            "follow_ups__recorded_by"
        )
        return super().get_context_data(
            inspection=inspection,
            plan=inspection.plan,
            team=inspection.team_members.select_related("unit"),
            other_members=[line for line in inspection.other_members.splitlines() if line.strip()],
            recommendations=recommendations,
            can_change=user.has_perm("campaigns.change_inspection", inspection),
            can_recommend=inspection.is_done
            and user.has_perm("campaigns.add_recommendation", inspection),
            can_follow_up=user.has_perm("campaigns.follow_up_recommendation", inspection),
            can_close=user.has_perm("campaigns.close_recommendation", inspection),
            history=history_with_changes(inspection),
            **kwargs,
        )


class InspectionActionMixin(InspectionObjectMixin):
    """Out of reach is a 404; in reach without ``action_permission``, a 403."""

    action_permission = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            self.action_permission, self.get_inspection()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        inspection = self.get_inspection()
        kwargs.pop("pk", None)
        return super().get_context_data(inspection=inspection, plan=inspection.plan, **kwargs)


class InspectionUpdateView(InspectionActionMixin, FormView):
    """The team and date as planned, and once carried out, the date and findings."""

    template_name = "campaigns/inspection_form.html"
    form_class = InspectionUpdateForm
    action_permission = "campaigns.change_inspection"

    def get_form_kwargs(self):
        # A copy: a rejected form must not change the inspection the page shows.
        inspection = self.get_inspection()
        instance = Inspection.objects.get(pk=inspection.pk)
        return {**super().get_form_kwargs(), "instance": instance, "plan": inspection.plan}

    def form_valid(self, form):
        inspection = save_inspection(form, self.request.user)
        messages.success(self.request, _("The inspection is saved."))
        draft_saved(self.request)
        return redirect(inspection)


class RecommendationCreateView(InspectionActionMixin, FormView):
    template_name = "campaigns/recommendation_form.html"
    form_class = RecommendationForm
    action_permission = "campaigns.add_recommendation"

    def get(self, request, *args, **kwargs):
        if not self.get_inspection().is_done:
            return self.not_carried_out()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.get_inspection().is_done:
            return self.not_carried_out()
        return super().post(request, *args, **kwargs)

    def not_carried_out(self):
        messages.error(
            self.request, _("Record the findings and mark the inspection carried out first.")
        )
        return redirect(self.get_inspection())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "inspection": self.get_inspection()}

    def form_valid(self, form):
        inspection = self.get_inspection()
        try:
            inspection.record_recommendation(
                text=form.cleaned_data["text"],
                due_on=form.cleaned_data["due_on"],
                by=self.request.user,
            )
        except ValidationError:
            return self.not_carried_out()
        messages.success(
            self.request, _("The recommendation is recorded; the unit is told about it.")
        )
        return redirect(inspection)


class RecommendationObjectMixin(LoginRequiredMixin):
    """The recommendation, if the user reaches its inspection (else 404), and may act on it
    with ``action_permission`` (else 403)."""

    action_permission = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            self.action_permission, self.get_recommendation()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_recommendation(self):
        if not hasattr(self, "_recommendation"):
            self._recommendation = get_object_or_404(
                recommendations_in_reach(self.request.user), pk=self.kwargs["pk"]
            )
        return self._recommendation

    def get_context_data(self, **kwargs):
        recommendation = self.get_recommendation()
        kwargs.pop("pk", None)
        return super().get_context_data(
            recommendation=recommendation,
            inspection=recommendation.inspection,
            follow_ups=recommendation.follow_ups.select_related("recorded_by"),
            **kwargs,
        )

    def back(self):
        recommendation = self.get_recommendation()
        return redirect(
            f"{recommendation.inspection.get_absolute_url()}#kien-nghi-{recommendation.pk}"
        )

    def refuse_closed(self):
        messages.info(self.request, _("This recommendation is closed; it takes no further note."))
        return self.back()


class RecommendationFollowUpView(RecommendationObjectMixin, FormView):
    """A note of what the unit did; a closed recommendation takes none."""

    template_name = "campaigns/recommendation_follow_up.html"
    form_class = FollowUpForm
    action_permission = "campaigns.follow_up_recommendation"

    def get(self, request, *args, **kwargs):
        if self.get_recommendation().is_closed:
            return self.refuse_closed()
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            self.get_recommendation().record_follow_up(
                note=form.cleaned_data["note"], by=self.request.user
            )
        except ValidationError:
            return self.refuse_closed()
        messages.success(self.request, _("The follow-up note is recorded."))
        return self.back()


class RecommendationCloseView(RecommendationObjectMixin, TemplateView):
    """GET asks for confirmation; POST closes the recommendation, once a note exists."""

    template_name = "campaigns/recommendation_close.html"
    action_permission = "campaigns.close_recommendation"

    def get(self, request, *args, **kwargs):
        if self.get_recommendation().is_closed:
            messages.info(request, _("This recommendation is already closed."))
            return self.back()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            self.get_recommendation().close(by=request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, _("The recommendation is closed."))
        return self.back()


class RecommendationListView(LoginRequiredMixin, XlsxExportMixin, ScopedFilterMixin, ListView):
    """Recommendations within reach: open ones first, the longest overdue on top."""

    template_name = "campaigns/recommendation_list.html"
    context_object_name = "recommendations"
    filter_form_class = RecommendationFilterForm
    export_filename = "kien-nghi-sau-kiem-tra"
    export_title = gettext_lazy("Recommendations")
    export_columns = [
        (gettext_lazy("year"), "inspection.plan.year"),
        (gettext_lazy("unit"), "inspection.unit.name"),
        (gettext_lazy("inspection"), "inspection"),
        (gettext_lazy("recommendation"), "text"),
        (gettext_lazy("due by"), "due_on"),
        (gettext_lazy("status"), display("status")),
        (gettext_lazy("overdue"), "is_overdue"),
        (gettext_lazy("follow-up notes"), "follow_up_count"),
        (gettext_lazy("last follow-up note"), "last_follow_up"),
        (gettext_lazy("closed"), "closed_at"),
        (gettext_lazy("closed by"), "closed_by"),
    ]

    def get_queryset(self):
        qs = recommendations_in_reach(self.request.user)
        f = self.filters()
        if f.get("q"):
            qs = qs.filter(
                pk__in=search(
                    Recommendation.objects.all(), f["q"], fields=["text", "inspection__unit__name"]
                ).values("pk")
            )
        state = f.get("state")
        if state == RecommendationFilterForm.OVERDUE:
            qs = qs.overdue()
        elif state:
            qs = qs.filter(status=state)
        if f.get("year"):
            qs = qs.filter(inspection__plan__year=f["year"])
        if f.get("unit"):
            qs = qs.filter(inspection__unit=f["unit"])
        rank = Case(When(status=OPEN, then=Value(0)), default=Value(1), output_field=IntegerField())
        return (
            qs.select_related("closed_by")
            .annotate(
                follow_up_count=Count("follow_ups"), last_follow_up=Max("follow_ups__recorded_at")
            )
            .order_by(rank, F("due_on").asc(nulls_last=True), "-closed_at", "pk")
        )

    def get_context_data(self, **kwargs):
        reach = recommendations_in_reach(self.request.user)
        return super().get_context_data(
            open_total=reach.open().count(),
            overdue_total=reach.overdue().count(),
            **kwargs,
        )


urlpatterns = [
    path("", InspectionListView.as_view(), name="inspection_list"),
    path("ke-hoach/them/", InspectionPlanCreateView.as_view(), name="inspection_plan_create"),
    path("ke-hoach/<int:pk>/", InspectionPlanDetailView.as_view(), name="inspection_plan"),
    path(
        "ke-hoach/<int:pk>/sua/", InspectionPlanUpdateView.as_view(), name="inspection_plan_update"
    ),
    path("ke-hoach/<int:pk>/them/", InspectionCreateView.as_view(), name="inspection_create"),
    path("<int:pk>/", InspectionDetailView.as_view(), name="inspection_detail"),
    path("<int:pk>/sua/", InspectionUpdateView.as_view(), name="inspection_update"),
    path(
        "<int:pk>/kien-nghi/them/",
        RecommendationCreateView.as_view(),
        name="recommendation_create",
    ),
    path("kien-nghi/", RecommendationListView.as_view(), name="recommendation_list"),
    path(
        "kien-nghi/<int:pk>/theo-doi/",
        RecommendationFollowUpView.as_view(),
        name="recommendation_follow_up",
    ),
    path(
        "kien-nghi/<int:pk>/dong/", RecommendationCloseView.as_view(), name="recommendation_close"
    ),
]
