from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Registry")

    def ready(self):
        # Signal receivers: the sign-in time (absolute session lifetime) and security events.
        from exemplar_portal.base import kit

        from . import security

        kit.out_of_reach.register(security.out_of_reach)
