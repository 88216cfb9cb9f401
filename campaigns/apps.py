from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    """Emulation movements and everything that propagates exemplars (from issue 4 on)."""

    name = "campaigns"
    verbose_name = _("Campaigns and propagation")

    def ready(self):
        # What this app adds to registry's pages, reach and quotas.
        from . import extensions

        extensions.register()
