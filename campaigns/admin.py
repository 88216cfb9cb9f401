from django.contrib import admin

from registry.admin import PortalAdmin

from .models import Campaign


@admin.register(Campaign)
class CampaignAdmin(PortalAdmin):
    list_display = ["name", "kind", "launched_by", "valid_from", "valid_to"]
    list_filter = ["kind", "launched_by"]
    search_fields = ["name", "code"]
    fields = [
        "code",
        "name",
        "kind",
        "launched_by",
        "launching_unit",
        "valid_from",
        "valid_to",
        "description",
    ]
    autocomplete_fields = ["launching_unit"]
