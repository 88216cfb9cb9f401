"""Pages of emulation movements, their reviews and emulation pledges: two record kinds of the
kit (``exemplar_portal.base.kit``).

Every signed-in user reads movements and pledges (``Campaign.objects.restrict``,
``Pledge.objects.restrict``); what is listed on a movement's page (exemplars, events) is
within the reader's reach. Who may launch, change or review a movement and record a pledge
is ``registry.rules`` and ``campaigns/rules/movements.py`` (a 403).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import display, joined
from exemplar_portal.base.kit import RecordKind, get_in_reach
from registry.models import Campaign, Exemplar
from registry.views.attachments import KindFiles

from .. import services
from ..forms import (
    CampaignFilterForm,
    CampaignForm,
    CampaignReviewForm,
    PledgeFilterForm,
    PledgeForm,
)
from ..models import CampaignFile, Pledge
from .events import campaign_events


class CampaignKind(RecordKind):
    model = Campaign
    pages = ("list", "create", "detail", "update")
    lookup = "code"
    form_class = CampaignForm
    filter_form_class = CampaignFilterForm
    filters = {"kind": "kind", "launched_by": "launched_by", "level": "level"}
    search_fields = ("name", "code")
    ordering = ("-valid_from", "name")
    select_related = ("launching_unit",)
    template_prefix = "campaigns/campaign"
    object_name = "campaign"
    list_name = "campaigns"
    file_model = CampaignFile
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

    def list_queryset(self, request, filters):
        campaigns = super().list_queryset(request, filters)
        return campaigns.active_in(filters["year"]) if filters.get("year") else campaigns

    def export_queryset(self, request, queryset):
        return queryset.prefetch_related("fields", "target_units")

    def detail_context(self, request, campaign):
        user = request.user
        exemplars = (
            Exemplar.objects.restrict(user)
            .filter(campaign=campaign)
            .select_related("unit", "field")
            .order_by("-year", "unit__name")
        )
        return {
            **super().detail_context(request, campaign),
            "reviews": campaign.reviews.select_related("recorded_by"),
            "pledges": campaign.pledges.prefetch_related("units"),
            "exemplars": exemplars[:50],
            "exemplar_count": exemplars.count(),
            "review_form": CampaignReviewForm(),
            "events": campaign_events(user=user, campaign=campaign)[:10],
            **KindFiles(self).context(request, campaign),
        }

    def save(self, request, form, record=None):
        return services.save_with_history(form, request.user)

    def saved_message(self, record, created):
        return _("The movement is saved.")


class PledgeKind(RecordKind):
    model = Pledge
    pages = ("list", "create")
    form_class = PledgeForm
    filter_form_class = PledgeFilterForm
    filters = {"year": "year", "bloc": "bloc"}
    ordering = ("-signed_on", "-pk")
    select_related = ("bloc", "campaign")
    object_name = "pledge"
    list_name = "pledges"
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

    def list_queryset(self, request, filters):
        pledges = super().list_queryset(request, filters).prefetch_related("units")
        return pledges.filter(title__icontains=filters["q"]) if filters.get("q") else pledges

    def save(self, request, form, record=None):
        return services.save_with_history(form, request.user, recorded_by=request.user)

    def success_url(self, request, record):
        return "campaigns:pledge_list"

    def saved_message(self, record, created):
        return _("The pledge is recorded.")


class CampaignReviewCreateView(PermissionRequiredMixin, FormView):
    template_name = "campaigns/review_form.html"
    form_class = CampaignReviewForm
    permission_required = "campaigns.add_campaignreview"

    def get_campaign(self):
        return get_in_reach(Campaign.objects.restrict(self.request.user), code=self.kwargs["code"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.get_campaign(), **kwargs)

    def form_valid(self, form):
        campaign = self.get_campaign()
        user = self.request.user
        services.save_with_history(form, user, campaign=campaign, recorded_by=user)
        messages.success(self.request, _("The review is recorded."))
        return redirect(campaign)


CAMPAIGNS = CampaignKind()
# After every other path of the app: a movement's code is any slug.
urlpatterns = [
    path("giao-uoc/", include(PledgeKind().urls())),
    *CAMPAIGNS.urls(),
    path("<slug:code>/so-ket/", CampaignReviewCreateView.as_view(), name="review_create"),
    *KindFiles(CAMPAIGNS).urls(),
]
