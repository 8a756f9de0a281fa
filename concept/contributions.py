"""What the concept app contributes to the shared core (see kassel_integration.contributions)."""

from concept.models import FieldOfAction
from concept.sitemaps import FieldSitemap
from kassel_integration.content.content_apps import ContentApp
from kassel_integration.contributions import contribute
from kassel_integration.editorial.history import Tracked
from kassel_integration.site.sitemaps import SectionIndex, SitemapSection
from kassel_integration.site.suggestions import SearchSuggestion


def suggested_fields():
    """All fields of action, for a search that found nothing."""
    return list(FieldOfAction.objects.published().order_by("number"))


contribute(
    ContentApp("concept"),
    SectionIndex("concept:index"),
    SitemapSection("fields", FieldSitemap),
    SearchSuggestion("suggested_fields", suggested_fields),
    # Inlines edited with their parent are saved in the same revision.
    Tracked("concept.ConceptVersion", follow=("documents",)),
    Tracked("concept.FieldOfAction", follow=("goals", "measures")),
    Tracked("concept.Goal"),
    Tracked("concept.Measure"),
    Tracked("concept.IntegrationReport", follow=("entries", "documents")),
    Tracked("concept.ReportEntry"),
    Tracked("concept.Document"),
)
