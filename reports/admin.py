from django.contrib import admin

from registry.admin import PortalAdmin

from .models import AwardForm


@admin.register(AwardForm)
class AwardFormAdmin(PortalAdmin):
    """The list of the Law on Emulation and Commendation 2022, kept up with the decrees."""

    list_display = [
        "name",
        "category",
        "level",
        "for_collectives",
        "for_individuals",
        "for_households",
        "valid_from",
        "valid_to",
        "order",
    ]
    list_filter = ["category", "level", "for_collectives", "for_individuals", "for_households"]
    search_fields = ["name", "code"]
    fields = [
        "code",
        "name",
        "category",
        "level",
        ("for_collectives", "for_individuals", "for_households"),
        ("valid_from", "valid_to"),
        "order",
    ]
