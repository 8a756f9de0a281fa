"""What the concept app contributes to the shared core (see kassel_integration.contributions)."""

from django.utils.translation import gettext_lazy as _

from concept import home
from concept.models import FieldOfAction
from concept.sitemaps import FieldSitemap
from kassel_integration.content.content_apps import ContentApp
from kassel_integration.contributions import contribute
from kassel_integration.editorial.gaps import Gap, GapCheck, admin_url, empty_languages
from kassel_integration.editorial.history import Tracked
from kassel_integration.search.sources import SearchSource
from kassel_integration.site.home import HomeSection
from kassel_integration.site.sitemaps import SectionIndex, SitemapSection
from kassel_integration.site.suggestions import SearchSuggestion


def suggested_fields():
    """All fields of action, for a search that found nothing."""
    return list(FieldOfAction.objects.published().order_by("number"))


def field_gaps():
    """Fields of action without a description, per language: one query."""
    gaps = []
    for field in FieldOfAction.objects.order_by("number"):
        concerned = empty_languages(field, "description")
        if concerned:
            gaps.append(Gap(str(field), admin_url(field), _("description"), concerned))
    return gaps


contribute(
    ContentApp("concept"),
    GapCheck("concept.FieldOfAction", field_gaps),
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

# ---------------------------------------------------------------- Search
# What the site search finds of this app (kassel_integration.search.sources).


def _field_of(item):
    return str(item.field)


def _statement_page(entry):
    # A statement is short: it is its own title, placed by report and field.
    return (entry.field if entry.field_id else entry.report).get_absolute_url()


def _statement_place(entry):
    return " · ".join(str(part) for part in (entry.report, entry.field) if part is not None)


def _document_owner(document):
    return str(document.concept_version or document.report or "")


_CONCEPT = {"group": "concept", "group_title": _("Integration concept")}

contribute(
    SearchSource(
        kind="field",
        model="concept.FieldOfAction",
        label=_("Field of action"),
        heading=str,
        text=("summary", "description"),
        **_CONCEPT,
    ),
    SearchSource(
        kind="goal",
        model="concept.Goal",
        label=_("Goal"),
        text=("description",),
        parents=("field",),
        context=_field_of,
        **_CONCEPT,
    ),
    SearchSource(
        kind="measure",
        model="concept.Measure",
        label=_("Measure"),
        text=("description",),
        parents=("field",),
        context=_field_of,
        **_CONCEPT,
    ),
    SearchSource(
        kind="version",
        model="concept.ConceptVersion",
        label=_("Integration concept"),
        title=("title", "official_title"),
        heading=str,
        text=("official_title_meaning", "summary", "description"),
        **_CONCEPT,
    ),
    SearchSource(
        kind="report",
        model="concept.IntegrationReport",
        label=_("Integration report"),
        text=("summary", "author", "discussed_at"),
        **_CONCEPT,
    ),
    SearchSource(
        kind="reportentry",
        model="concept.ReportEntry",
        label=_("Integration report"),
        title=("text",),
        parents=("report", "field"),
        url=_statement_page,
        context=_statement_place,
        **_CONCEPT,
    ),
    SearchSource(
        kind="document",
        model="concept.Document",
        label=_("Document"),
        group="documents",
        group_title=_("Documents"),
        parents=("concept_version", "report"),
        context=_document_owner,
        pages="file",
        written_in="language",
    ),
)

# ---------------------------------------------------------------- Home page
# The latest report and the six fields at a glance (kassel_integration.site.home).
contribute(
    HomeSection("report", 30, "concept/home/report.html", load=home.latest_report),
    HomeSection("fields", 40, "concept/home/fields.html", load=home.fields),
)
