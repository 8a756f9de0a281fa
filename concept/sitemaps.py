from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from concept.models import FieldOfAction


class ConceptSitemap(Sitemap):
    """The concept overview in every language, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return ["concept:index"]

    def location(self, item):
        return reverse(item)


class FieldOfActionSitemap(Sitemap):
    """Each published field page; its location uses the slug of the language being listed."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return FieldOfAction.objects.published()
