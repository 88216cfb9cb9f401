"""Pages of inspections and supervision of how units build and spread exemplars (plan III.5).

Home Affairs adopts a yearly plan, records each inspection's team and findings and the
recommendations it leaves; the inspected unit records follow-up notes on each until Home
Affairs closes it. Inspections out of the user's reach are a 404, forbidden actions a 403.
Plans, inspections and recommendations are record kinds of the kit
(``exemplar_portal.base.kit``); recording a recommendation, a follow-up note and closing
one are pages of their own, on the kinds' scopes.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, F, IntegerField, Max, Q, Value, When
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django.views.generic.edit import FormView

from exemplar_portal.base.exports import display
from exemplar_portal.base.kit import RecordKind, RecordObjectMixin
from exemplar_portal.base.moves import answer, not_from_here
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
from ..models.inspections import RECOMMENDATION_MOVES

OPEN = Recommendation.Status.OPEN


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


class InspectionPlans(RecordKind):
    model = InspectionPlan
    pages = ("detail", "create", "update")
    name = "inspection_plan"
    form_class = InspectionPlanForm
    select_related = ("lead_unit",)
    object_name = "plan"

    def url_name(self, page):
        return "inspection_plan" if page == "detail" else super().url_name(page)

    def detail_context(self, request, plan):
        """The plan and those of its inspections the user reaches."""
        planned = list(
            with_recommendation_counts(inspections.scope(request).filter(plan=plan))
            .select_related("unit", "team_leader")
            .order_by("scheduled_on", "pk")
        )
        return {
            **super().detail_context(request, plan),
            "inspections": planned,
            "done_count": sum(1 for i in planned if i.is_done),
            "open_count": sum(i.open_count for i in planned),
        }

    def form_kwargs(self, request, record=None):
        # A copy: a rejected form must not change the plan the page shows.
        instance = InspectionPlan.objects.get(pk=record.pk) if record is not None else None
        return {"instance": instance, "user": request.user}

    def saved_message(self, record, created):
        return _("The inspection plan is saved.")


class Inspections(RecordKind):
    """The list is the landing page: the yearly plans, then the inspections the user
    reaches. A new inspection is added under its plan."""

    model = Inspection
    pages = ("list", "detail", "create", "update")
    parent_model = InspectionPlan
    parent_prefix = "ke-hoach/<int:pk>/"
    parent_field = "plan"
    parent_pages = ("create",)
    form_class = InspectionUpdateForm
    create_form_class = InspectionForm
    filter_form_class = InspectionFilterForm
    filter_takes_user = True
    filters = {
        "year": "plan__year",
        "plan": "plan",
        "status": "status",
        "kind": "kind",
        "unit": "unit",
    }
    ordering = ("-scheduled_on", "-pk")
    select_related = ("plan", "unit", "team_leader__unit")
    object_name = "inspection"
    list_name = "inspections"
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

    def list_queryset(self, request, filters):
        found = with_recommendation_counts(super().list_queryset(request, filters))
        if filters.get("q"):
            fields = ["findings", "unit__name"]
            matches = search(Inspection.objects.all(), filters["q"], fields=fields)
            found = found.filter(pk__in=matches.values("pk"))
        return found

    def export_queryset(self, request, queryset):
        return queryset.prefetch_related("team_members")

    def list_context(self, request, filters, records):
        return {"plans": plans_with_counts(request.user)}

    def detail_context(self, request, inspection):
        user = request.user
        recommendations = inspection.recommendations.select_related("closed_by").prefetch_related(
            "follow_ups__recorded_by"
        )
        return {
            **super().detail_context(request, inspection),
            "plan": inspection.plan,
            "team": inspection.team_members.select_related("unit"),
            "other_members": [
                line for line in inspection.other_members.splitlines() if line.strip()
            ],
            "recommendations": recommendations,
            "can_recommend": inspection.is_done
            and user.has_perm("campaigns.add_recommendation", inspection),
            "can_follow_up": user.has_perm("campaigns.follow_up_recommendation", inspection),
            "can_close": user.has_perm("campaigns.close_recommendation", inspection),
        }

    def form_kwargs(self, request, record=None):
        if record is None:  # a new one, of the plan named in the URL
            return {"plan": self.parent}
        # A copy: a rejected form must not change the inspection the page shows.
        instance = Inspection.objects.get(pk=record.pk)
        return {"instance": instance, "plan": record.plan}

    def form_context(self, request, record=None):
        return {"plan": record.plan if record is not None else self.parent}

    def save(self, request, form, record=None):
        inspection = super().save(request, form, record)
        draft_saved(request)
        return inspection

    def saved_message(self, record, created):
        if created:
            return _("The inspection is added to the plan.")
        return _("The inspection is saved.")


class RecommendationCreateView(RecordObjectMixin, FormView):
    """A recommendation the inspection leaves, once it is carried out."""

    form_class = RecommendationForm

    def get_permission_required(self):
        return ["campaigns.add_recommendation"]

    def get_template_names(self):
        return ["campaigns/recommendation_form.html"]

    def get(self, request, *args, **kwargs):
        if not self.get_record().is_done:
            return self.not_carried_out()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.get_record().is_done:
            return self.not_carried_out()
        return super().post(request, *args, **kwargs)

    def not_carried_out(self):
        messages.error(
            self.request, _("Record the findings and mark the inspection carried out first.")
        )
        return redirect(self.get_record())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "inspection": self.get_record()}

    def get_context_data(self, **kwargs):
        inspection = self.get_record()
        return super().get_context_data(inspection=inspection, plan=inspection.plan, **kwargs)

    def form_valid(self, form):
        inspection = self.get_record()
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


class Recommendations(RecordKind):
    """Recommendations within reach: open ones first, the longest overdue on top."""

    model = Recommendation
    pages = ("list",)
    filter_form_class = RecommendationFilterForm
    filter_takes_user = True
    filters = {"year": "inspection__plan__year", "unit": "inspection__unit"}
    ordering = (
        Case(When(status=OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()),
        F("due_on").asc(nulls_last=True),
        "-closed_at",
        "pk",
    )
    select_related = ("inspection__unit", "inspection__plan", "closed_by")
    object_name = "recommendation"
    list_name = "recommendations"
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

    def list_queryset(self, request, filters):
        found = super().list_queryset(request, filters)
        if filters.get("q"):
            fields = ["text", "inspection__unit__name"]
            matches = search(Recommendation.objects.all(), filters["q"], fields=fields)
            found = found.filter(pk__in=matches.values("pk"))
        state = filters.get("state")
        if state == RecommendationFilterForm.OVERDUE:
            found = found.overdue()
        elif state:
            found = found.filter(status=state)
        return found.annotate(
            follow_up_count=Count("follow_ups"), last_follow_up=Max("follow_ups__recorded_at")
        )

    def list_context(self, request, filters, records):
        reach = self.scope(request)
        return {"open_total": reach.open().count(), "overdue_total": reach.overdue().count()}


class RecommendationMoveMixin(RecordObjectMixin):
    """The recommendation, if the user reaches its inspection (else 404) and may take the
    move (else 403)."""

    def get_context_data(self, **kwargs):
        recommendation = self.get_record()
        kwargs.pop("pk", None)
        return super().get_context_data(
            recommendation=recommendation,
            inspection=recommendation.inspection,
            follow_ups=recommendation.follow_ups.select_related("recorded_by"),
            **kwargs,
        )

    def back_url(self):
        recommendation = self.get_record()
        return f"{recommendation.inspection.get_absolute_url()}#kien-nghi-{recommendation.pk}"

    def back(self):
        return redirect(self.back_url())

    def refuse_closed(self):
        messages.info(self.request, _("This recommendation is closed; it takes no further note."))
        return self.back()


class RecommendationFollowUpView(RecommendationMoveMixin, FormView):
    """A note of what the unit did; a closed recommendation takes none."""

    page = action = "follow_up"
    form_class = FollowUpForm

    def get(self, request, *args, **kwargs):
        if self.get_record().is_closed:
            return self.refuse_closed()
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            self.get_record().record_follow_up(note=form.cleaned_data["note"], by=self.request.user)
        except ValidationError:
            return self.refuse_closed()
        messages.success(self.request, _("The follow-up note is recorded."))
        return self.back()


class RecommendationCloseView(RecommendationMoveMixin, TemplateView):
    """GET asks for confirmation; POST closes the recommendation, once a note exists."""

    page = action = "close"

    def get(self, request, *args, **kwargs):
        refusal = not_from_here(
            request, RECOMMENDATION_MOVES, self.get_record(), "close", to=self.back_url()
        )
        return refusal or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        close = partial(self.get_record().close, by=request.user)
        done, refused = _("The recommendation is closed."), messages.ERROR
        return answer(
            request, self.back_url(), close, done=done, level=refused, error=ValidationError
        )


plans = InspectionPlans()
inspections = Inspections()
recommendations = Recommendations()

urlpatterns = [
    *inspections.urls(),
    path("ke-hoach/", include(plans.urls())),
    path(
        "<int:pk>/kien-nghi/them/",
        RecommendationCreateView.as_view(kind=inspections),
        name="recommendation_create",
    ),
    path(
        "kien-nghi/",
        include(
            recommendations.urls(
                {
                    "follow_up": ("theo-doi/", RecommendationFollowUpView),
                    "close": ("dong/", RecommendationCloseView),
                }
            )
        ),
    ),
]
