from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KasselIntegrationConfig(AppConfig):
    """Cross-cutting pages: home, legal pages, health check, error pages."""

    name = "kassel_integration"
    verbose_name = _("Portal")

    def ready(self):
        from kassel_integration import line_endings
        from kassel_integration.page_cache import connect_signals

        connect_signals()
        line_endings.connect_signals()
