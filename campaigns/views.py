"""Pages of emulation movements, their reviews and pledges, and of difficulty threads."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from registry.models import Exemplar
from registry.rules import is_home_affairs
from registry.search import search
from registry.selectors import unit_scope_filter

from . import services
from .forms import (
    CampaignFilterForm,
    CampaignForm,
    CampaignReviewForm,
    DifficultyFilterForm,
    DifficultyForm,
    DifficultyReplyForm,
    PledgeFilterForm,
    PledgeForm,
)
from .models import Campaign, Difficulty, Pledge


class FilteredListMixin:
    filter_form_class = None
    paginate_by = 25

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = self.filter_form_class(self.request.GET or None)
        return self._filter_form

    def filters(self) -> dict:
        form = self.get_filter_form()
        return form.cleaned_data if form.is_bound and form.is_valid() else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.get_filter_form(), **kwargs)


class CampaignListView(FilteredListMixin, ListView):
    template_name = "campaigns/campaign_list.html"
    context_object_name = "campaigns"
    filter_form_class = CampaignFilterForm

    def get_queryset(self):
        qs = Campaign.objects.select_related("launching_unit")
        f = self.filters()
        if f.get("q"):
            qs = search(qs, f["q"], fields=["name", "code"])
        for name in ("kind", "launched_by", "level"):
            if f.get(name):
                qs = qs.filter(**{name: f[name]})
        if f.get("year"):
            qs = qs.active_in(f["year"])
        return qs


class CampaignDetailView(DetailView):
    template_name = "campaigns/campaign_detail.html"
    context_object_name = "campaign"
    slug_field = slug_url_kwarg = "code"

    def get_queryset(self):
        return Campaign.objects.select_related("launching_unit").prefetch_related(
            "fields", "target_units"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.object
        exemplars = (
            Exemplar.objects.visible_to(self.request.user)
            .filter(campaign=campaign)
            .select_related("unit", "field")
            .order_by("-year", "unit__name")
        )
        context.update(
            reviews=campaign.reviews.select_related("recorded_by"),
            pledges=campaign.pledges.prefetch_related("units"),
            exemplars=exemplars[:50],
            exemplar_count=exemplars.count(),
            review_form=CampaignReviewForm(),
        )
        return context


class CampaignFormMixin(PermissionRequiredMixin):
    template_name = "campaigns/campaign_form.html"
    form_class = CampaignForm

    def form_valid(self, form):
        campaign = services.campaign_save(form=form, by=self.request.user)
        messages.success(self.request, _("The movement is saved."))
        return redirect(campaign)


class CampaignCreateView(CampaignFormMixin, FormView):
    permission_required = "campaigns.add_campaign"


class CampaignUpdateView(CampaignFormMixin, FormView):
    permission_required = "campaigns.change_campaign"

    def get_campaign(self):
        return get_object_or_404(Campaign, code=self.kwargs["code"])

    def get_permission_object(self):
        return self.get_campaign()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_campaign()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.get_campaign(), **kwargs)


class CampaignReviewCreateView(PermissionRequiredMixin, FormView):
    template_name = "campaigns/review_form.html"
    form_class = CampaignReviewForm
    permission_required = "campaigns.add_campaignreview"

    def get_campaign(self):
        return get_object_or_404(Campaign, code=self.kwargs["code"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.get_campaign(), **kwargs)

    def form_valid(self, form):
        campaign = self.get_campaign()
        services.campaign_review_add(campaign=campaign, form=form, by=self.request.user)
        messages.success(self.request, _("The review is recorded."))
        return redirect(campaign)


class PledgeListView(FilteredListMixin, ListView):
    template_name = "campaigns/pledge_list.html"
    context_object_name = "pledges"
    filter_form_class = PledgeFilterForm

    def get_queryset(self):
        qs = Pledge.objects.select_related("bloc", "campaign").prefetch_related("units")
        f = self.filters()
        if f.get("q"):
            qs = qs.filter(title__icontains=f["q"])
        if f.get("year"):
            qs = qs.filter(year=f["year"])
        if f.get("bloc"):
            qs = qs.filter(bloc=f["bloc"])
        return qs


class PledgeCreateView(PermissionRequiredMixin, FormView):
    template_name = "campaigns/pledge_form.html"
    form_class = PledgeForm
    permission_required = "campaigns.add_pledge"

    def form_valid(self, form):
        services.pledge_save(form=form, by=self.request.user)
        messages.success(self.request, _("The pledge is recorded."))
        return redirect("campaigns:pledge_list")


# Difficulties and proposals (plan VII.1). Threads out of the user's reach are a 404.
def difficulties_in_reach(user):
    return Difficulty.objects.filter(unit_scope_filter(user, "unit")).select_related(
        "unit", "unit__kind", "created_by"
    )


class DifficultyListView(LoginRequiredMixin, FilteredListMixin, ListView):
    template_name = "campaigns/difficulty_list.html"
    context_object_name = "difficulties"
    filter_form_class = DifficultyFilterForm

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
            can_reply=user.has_perm("campaigns.reply_difficulty", difficulty)
            and not difficulty.is_closed,
            can_close=user.has_perm("campaigns.close_difficulty", difficulty)
            and not difficulty.is_closed,
            **kwargs,
        )


class DifficultyDetailView(DifficultyObjectMixin, FormView):
    """The thread; a POST adds a message to it."""

    template_name = "campaigns/difficulty_detail.html"
    form_class = DifficultyReplyForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            thread=self.get_difficulty().messages.select_related("author", "author__unit"),
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
