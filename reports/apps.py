from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Yearly consolidation, the leaders' dashboard and exports; reads registry and campaigns."""

    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        # What this app adds to registry's pages, reach and quotas.
        from . import extensions

        extensions.register()
