from django.contrib.sitemaps import Sitemap

from officers.models import Office
from officers.views import OFFICE_KEY


class OfficeSitemap(Sitemap):
    """The office page in every language, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        # Only the office the portal shows; the page's extra data is not needed here.
        return Office.objects.published().prefetch_related(None).filter(key=OFFICE_KEY)
