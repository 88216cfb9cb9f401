from django.apps import AppConfig


class ExemplarPortalConfig(AppConfig):
    """The project itself, above registry, campaigns and reports: its commands (the demo)
    may use every app. Its ``base`` package lies below them all."""

    name = "exemplar_portal"
    verbose_name = "Exemplar portal"
