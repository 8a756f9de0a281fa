"""Event series and events in sitemap.xml (contributed in contributions.py)."""

from events.models import Event, EventSeries
from kassel_integration.site.sitemaps import TranslatedSitemap


class EventSeriesSitemap(TranslatedSitemap):
    def items(self):
        return EventSeries.objects.published().order_by("pk")


class EventSitemap(TranslatedSitemap):
    def items(self):
        return Event.objects.published().order_by("pk")
