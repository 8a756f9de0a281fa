"""The fields of action in sitemap.xml (contributed in contributions.py)."""

from concept.models import FieldOfAction
from kassel_integration.site.sitemaps import TranslatedSitemap


class FieldSitemap(TranslatedSitemap):
    def items(self):
        return FieldOfAction.objects.published().order_by("number")
