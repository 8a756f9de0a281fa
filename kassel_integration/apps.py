from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KasselIntegrationConfig(AppConfig):
    """Cross-cutting pages: home, legal pages, health check, error pages."""

    name = "kassel_integration"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import post_migrate

        from kassel_integration import contributions
        from kassel_integration.cache.pages import connect_signals
        from kassel_integration.content import line_endings
        from kassel_integration.editorial.roles import ensure_translator_groups

        # What the domain apps contribute (<app>/contributions.py), before
        # anything reads it; the admin may have read it already (see there).
        contributions.autodiscover()
        connect_signals()
        line_endings.connect_signals()
        # A language added to settings.LANGUAGES gets its translator group at the next migrate.
        post_migrate.connect(ensure_translator_groups, sender=self)
        # After the discovery: the search index follows the models the apps declared.
        from kassel_integration.search import index

        index.connect_signals(self)
