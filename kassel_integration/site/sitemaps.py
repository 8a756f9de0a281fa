"""sitemap.xml: every public page in every language, with hreflang alternates and x-default."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from concept.models import FieldOfAction
from events.models import Event, EventSeries


class TranslatedSitemap(Sitemap):
    i18n = True
    alternates = True

    def get_urls(self, page=1, site=None, protocol=None):
        # Absolute URLs from SITE_URL, never from the request's Host (which
        # Django's RequestSite uses): the sitemap is cached and shared.
        parts = urlsplit(settings.SITE_URL)
        site = SimpleNamespace(domain=parts.netloc + parts.path)
        protocol = parts.scheme
        # Django's own x-default strips the language prefix, which assumes an
        # unprefixed default language; here every URL has a prefix, so
        # x-default is the German page, as in the pages' own <link> tags.
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            default = next(a for a in url["alternates"] if a["lang_code"] == settings.LANGUAGE_CODE)
            url["alternates"].append({"lang_code": "x-default", "location": default["location"]})
        return urls


class StaticPagesSitemap(TranslatedSitemap):
    changefreq = "monthly"

    def items(self):
        return [
            "home",
            "officers:index",
            "concept:index",
            "events:index",
            "imprint",
            "privacy",
            "accessibility",
        ]

    def location(self, item):
        return reverse(item)


class FieldSitemap(TranslatedSitemap):
    def items(self):
        return FieldOfAction.objects.published().order_by("number")


class EventSeriesSitemap(TranslatedSitemap):
    def items(self):
        return EventSeries.objects.published().order_by("pk")


class EventSitemap(TranslatedSitemap):
    def items(self):
        return Event.objects.published().order_by("pk")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "fields": FieldSitemap,
    "series": EventSeriesSitemap,
    "events": EventSitemap,
}
