"""Pages of emulation movements, their reviews and pledges."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import XlsxExportMixin, display, joined
from exemplar_portal.base.filters import FilteredListMixin
from exemplar_portal.base.history import history_with_changes
from exemplar_portal.base.search import search
from registry.models import Campaign, Exemplar

from .. import services
from ..forms import (
    CampaignFilterForm,
    CampaignForm,
    CampaignReviewForm,
    PledgeFilterForm,
    PledgeForm,
)
from ..models import CampaignFile, Event, Pledge
from .files import (
    RecordFileDeleteView,
    RecordFileDownloadView,
    RecordFilesMixin,
    RecordFileUploadView,
    files_context,
)


class CampaignListView(XlsxExportMixin, FilteredListMixin, ListView):
    template_name = "campaigns/campaign_list.html"
    context_object_name = "campaigns"
    filter_form_class = CampaignFilterForm
    export_filename = "phong-trao-thi-dua"
    export_title = gettext_lazy("Movements")
    export_columns = [
        (gettext_lazy("code"), "code"),
        (gettext_lazy("name"), "name"),
        (gettext_lazy("kind"), display("kind")),
        (gettext_lazy("launched by"), display("launched_by")),
        (gettext_lazy("launching unit"), "launching_unit.name"),
        (gettext_lazy("level"), display("level")),
        (gettext_lazy("valid from (year)"), "valid_from"),
        (gettext_lazy("valid to (year)"), "valid_to"),
        (gettext_lazy("fields"), joined("fields")),
        (gettext_lazy("target units"), joined("target_units", "name")),
        (gettext_lazy("description"), "description"),
    ]

    def get_export_queryset(self):
        return self.get_queryset().prefetch_related("fields", "target_units")

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

    def get_context_data(self, upload_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.object
        exemplars = (
            Exemplar.objects.restrict(self.request.user)
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
            history=history_with_changes(campaign),
            events=Event.objects.restrict(self.request.user)
            .filter(campaign=campaign)
            .select_related("organiser")
            .order_by("-date", "-pk")[:10],
            **files_context(
                record=campaign,
                user=self.request.user,
                file_model=CampaignFile,
                change_permission="registry.change_campaign",
                url_name="campaigns:campaign_file",
                key=campaign.code,
                form=upload_form,
            ),
        )
        return context


class CampaignFilesMixin(RecordFilesMixin):
    """Documents and photos of a movement: everyone signed in reads them, managers change them."""

    file_model = CampaignFile
    record_field = "campaign"
    change_permission = "registry.change_campaign"

    def get_record(self):
        if not hasattr(self, "_record"):
            self._record = get_object_or_404(Campaign, code=self.kwargs["code"])
        return self._record


class CampaignFileUploadView(CampaignFilesMixin, RecordFileUploadView):
    def refused(self, form):
        page = CampaignDetailView()
        page.setup(self.request, **self.kwargs)
        page.object = page.get_object()
        return page.render_to_response(page.get_context_data(upload_form=form))


class CampaignFileDownloadView(CampaignFilesMixin, RecordFileDownloadView):
    pass


class CampaignFileDeleteView(CampaignFilesMixin, RecordFileDeleteView):
    pass


class CampaignFormMixin(PermissionRequiredMixin):
    template_name = "campaigns/campaign_form.html"
    form_class = CampaignForm

    def form_valid(self, form):
        campaign = services.campaign_save(form=form, by=self.request.user)
        messages.success(self.request, _("The movement is saved."))
        return redirect(campaign)


class CampaignCreateView(CampaignFormMixin, FormView):
    permission_required = "registry.add_campaign"


class CampaignUpdateView(CampaignFormMixin, FormView):
    permission_required = "registry.change_campaign"

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


class PledgeListView(XlsxExportMixin, FilteredListMixin, ListView):
    template_name = "campaigns/pledge_list.html"
    context_object_name = "pledges"
    filter_form_class = PledgeFilterForm
    export_filename = "giao-uoc-thi-dua"
    export_title = gettext_lazy("Emulation pledges")
    export_columns = [
        (gettext_lazy("title"), "title"),
        (gettext_lazy("year"), "year"),
        (gettext_lazy("signed on"), "signed_on"),
        (gettext_lazy("movement"), "campaign.name"),
        (gettext_lazy("emulation bloc"), "bloc.name"),
        (gettext_lazy("signing units"), joined("units", "name")),
        (gettext_lazy("commitments"), "content"),
    ]

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
