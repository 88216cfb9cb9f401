"""Pages of emulation movements, their reviews and pledges."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from registry.models import Exemplar
from registry.search import search

from . import services
from .forms import (
    CampaignFilterForm,
    CampaignForm,
    CampaignReviewForm,
    PledgeFilterForm,
    PledgeForm,
)
from .models import Campaign, Pledge


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
