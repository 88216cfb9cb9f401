from django.contrib import admin
from django.db import models

from exemplar_portal.base.admin import PortalAdmin, PortalInline, ReferenceAdmin
from registry.models import Campaign

from .forms import CampaignForm
from .models import BudgetItem, CampaignReview, MediaOutlet, Pledge


class CampaignReviewInline(PortalInline):
    model = CampaignReview


@admin.register(Campaign)
class CampaignAdmin(PortalAdmin):
    list_display = ["name", "kind", "launched_by", "level", "valid_from", "valid_to"]
    list_filter = ["kind", "launched_by", "level"]
    search_fields = ["name", "code", "search_text"]
    # The fields of the portal's own form for a movement, in its order.
    fields = CampaignForm.Meta.fields
    autocomplete_fields = ["launching_unit", "target_units"]
    filter_horizontal = ["fields"]
    inlines = [CampaignReviewInline]


@admin.register(Pledge)
class PledgeAdmin(PortalAdmin):
    list_display = ["title", "year", "signed_on", "bloc", "campaign"]
    list_filter = ["year", "bloc"]
    search_fields = ["title"]
    autocomplete_fields = ["units", "campaign", "bloc"]


@admin.register(MediaOutlet)
class MediaOutletAdmin(PortalAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "unit", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    autocomplete_fields = ["unit"]


@admin.register(BudgetItem)
class BudgetItemAdmin(ReferenceAdmin):
    list_display = ["name", "code", "order", "valid_from", "valid_to"]
