"""sitemap.xml: every public page in every language, with hreflang alternates and x-default.

The core lists its own pages; each app contributes the start page of its
section (SectionIndex) and a sitemap per kind of item it publishes
(SitemapSection), built on TranslatedSitemap.
"""

from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from kassel_integration.contributions import contributed


@dataclass(frozen=True)
class SectionIndex:
    """The start page of an app's section, listed with the portal's own pages."""

    url_name: str


@dataclass(frozen=True)
class SitemapSection:
    """A sitemap of one kind of published item; `name` is its section in sitemap.xml."""

    name: str
    sitemap: type[Sitemap]


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
            *(index.url_name for index in contributed(SectionIndex)),
            "imprint",
            "privacy",
            "accessibility",
        ]

    def location(self, item):
        return reverse(item)


def sitemaps() -> dict[str, type[Sitemap]]:
    """The sections of sitemap.xml in order: the portal's pages, then each app's."""
    return {
        "pages": StaticPagesSitemap,
        **{section.name: section.sitemap for section in contributed(SitemapSection)},
    }
