"""The registry holds exactly what each app declares in its contributions.py."""

from concept.contributions import field_gaps, suggested_fields
from concept.sitemaps import FieldSitemap
from events.attention import upcoming_registrations
from events.contributions import suggested_events, venue_gaps
from events.sitemaps import EventSeriesSitemap, EventSitemap
from kassel_integration.cache.pages import EventPage, NotPageContent, event_pages, not_page_content
from kassel_integration.content.content_apps import ContentApp, content_app_labels
from kassel_integration.contributions import contributed
from kassel_integration.editorial import gaps
from kassel_integration.editorial.attention import CORE_PANELS, Panel, panels
from kassel_integration.editorial.gaps import GapCheck
from kassel_integration.editorial.history import Tracked, history_follow, history_models
from kassel_integration.search.sources import SearchSource, sources
from kassel_integration.site.retention import Retention
from kassel_integration.site.sitemaps import (
    SectionIndex,
    SitemapSection,
    StaticPagesSitemap,
    sitemaps,
)
from kassel_integration.site.suggestions import SearchSuggestion
from kassel_integration.site.template_values import TemplateValue
from officers.attention import contact_gaps, new_messages
from officers.contact import contact_details, delete_expired


def test_each_app_declares_its_content():
    assert contributed(ContentApp) == [
        ContentApp("officers"),
        ContentApp("concept"),
        ContentApp("events"),
    ]
    assert content_app_labels() == {"kassel_integration", "officers", "concept", "events"}


def test_each_app_declares_its_history_tracked_models_and_their_inlines():
    assert contributed(Tracked) == [
        Tracked("officers.Organisation"),
        Tracked("officers.Person", follow=("terms",)),
        Tracked("officers.Quote"),
        Tracked(
            "officers.Office",
            follow=("tasks", "terms", "hours", "hours_exceptions", "quote_links"),
        ),
        Tracked("officers.Task"),
        Tracked("officers.Term"),
        Tracked("officers.OfficeHours"),
        Tracked("officers.OfficeQuote"),
        Tracked("officers.OfficeHoursException"),
        Tracked("concept.ConceptVersion", follow=("documents",)),
        Tracked("concept.FieldOfAction", follow=("goals", "measures")),
        Tracked("concept.Goal"),
        Tracked("concept.Measure"),
        Tracked("concept.IntegrationReport", follow=("entries", "documents")),
        Tracked("concept.ReportEntry"),
        Tracked("concept.Document"),
        Tracked("events.Language"),
        Tracked("events.Venue"),
        Tracked("events.EventSeries"),
        Tracked("events.Event", follow=("programme_items", "quote_links")),
        Tracked("events.ProgrammeItem"),
        Tracked("events.EventQuote"),
    ]
    # The core's own first; registrations stay out of the history (personal data).
    assert history_models() == [
        "kassel_integration.LegalPage",
        *(item.label for item in contributed(Tracked)),
    ]
    assert history_follow() == {
        "officers.Person": ("terms",),
        "officers.Office": ("tasks", "terms", "hours", "hours_exceptions", "quote_links"),
        "concept.ConceptVersion": ("documents",),
        "concept.FieldOfAction": ("goals", "measures"),
        "concept.IntegrationReport": ("entries", "documents"),
        "events.Event": ("programme_items", "quote_links"),
    }


def test_the_apps_declare_their_page_cache_rules():
    # Personal data from forms: saved often, never shown as a page.
    assert contributed(NotPageContent) == [
        NotPageContent("officers.contactmessage"),
        NotPageContent("events.registration"),
    ]
    assert not_page_content() == {
        "officers.contactmessage",
        "events.registration",
        "kassel_integration.barrierreport",
    }
    assert contributed(EventPage) == [EventPage("events:detail", "slug")]
    assert event_pages() == {"events:detail": "slug"}


def test_each_app_declares_its_sitemaps_and_start_page():
    assert contributed(SectionIndex) == [
        SectionIndex("officers:index"),
        SectionIndex("concept:index"),
        SectionIndex("events:index"),
    ]
    assert contributed(SitemapSection) == [
        SitemapSection("fields", FieldSitemap),
        SitemapSection("series", EventSeriesSitemap),
        SitemapSection("events", EventSitemap),
    ]
    assert list(sitemaps().items()) == [
        ("pages", StaticPagesSitemap),
        ("fields", FieldSitemap),
        ("series", EventSeriesSitemap),
        ("events", EventSitemap),
    ]
    assert StaticPagesSitemap().items() == [
        "home",
        "officers:index",
        "concept:index",
        "events:index",
        "imprint",
        "privacy",
        "accessibility",
    ]


def test_officers_and_events_declare_their_attention_panels():
    # After the core's own (changes waiting for review, unsent notifications).
    assert [panel.key for panel in CORE_PANELS] == ["pending", "notices"]
    assert panels() == [
        *CORE_PANELS,
        Panel("messages", new_messages, "admin/officers/attention_messages.html", limit=10),
        Panel(
            "events",
            upcoming_registrations,
            "admin/events/attention_registrations.html",
            limit=10,
        ),
    ]


def test_concept_and_events_declare_the_suggestions_of_an_empty_search():
    assert contributed(SearchSuggestion) == [
        SearchSuggestion("suggested_fields", suggested_fields),
        SearchSuggestion("suggested_events", suggested_events),
    ]


def test_each_app_declares_what_the_search_finds():
    declared = [(source.kind, source.model) for source in contributed(SearchSource)]
    assert declared == [
        ("office", "officers.Office"),
        ("task", "officers.Task"),
        ("person", "officers.Term"),
        ("field", "concept.FieldOfAction"),
        ("goal", "concept.Goal"),
        ("measure", "concept.Measure"),
        ("version", "concept.ConceptVersion"),
        ("report", "concept.IntegrationReport"),
        ("reportentry", "concept.ReportEntry"),
        ("document", "concept.Document"),
        ("series", "events.EventSeries"),
        ("event", "events.Event"),
        ("programmeitem", "events.ProgrammeItem"),
    ]
    # The core adds its own legal pages, last.
    assert [(source.kind, source.model) for source in sources()][len(declared) :] == [
        ("legal", "kassel_integration.LegalPage")
    ]


def test_each_app_declares_what_its_public_pages_may_still_lack():
    assert contributed(GapCheck) == [
        GapCheck("officers.Office", contact_gaps),
        GapCheck("concept.FieldOfAction", field_gaps),
        GapCheck("events.Event", venue_gaps),
    ]
    # The core checks its legal pages itself, first.
    assert gaps.checks() == [gaps.LEGAL_PAGES, *contributed(GapCheck)]


def test_the_officers_app_offers_the_contact_box_and_the_retention_of_its_messages():
    assert contributed(TemplateValue) == [TemplateValue("contact_details", contact_details)]
    assert contributed(Retention) == [Retention("contact messages", delete_expired)]


def test_a_kind_nobody_contributes_is_empty():
    class Nothing:
        pass

    assert contributed(Nothing) == []
