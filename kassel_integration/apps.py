from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KasselIntegrationConfig(AppConfig):
    """Cross-cutting pages: home, legal pages, health check, error pages."""

    name = "kassel_integration"
    verbose_name = _("Portal")

    def ready(self):
        from kassel_integration import contributions
        from kassel_integration.cache.pages import connect_signals
        from kassel_integration.content import line_endings

        connect_signals()
        line_endings.connect_signals()
        contributions.autodiscover()
        # After the discovery: the search index follows the models the apps declared.
        from kassel_integration.search import index

        index.connect_signals(self)
