"""What the events app contributes to the shared core (see kassel_integration.contributions)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import home
from events.attention import MAX_EVENTS, upcoming_registrations
from events.models import Event
from events.sitemaps import EventSeriesSitemap, EventSitemap
from kassel_integration.cache.pages import EventPage, NotPageContent
from kassel_integration.content.content_apps import ContentApp
from kassel_integration.contributions import contribute
from kassel_integration.editorial.attention import Panel
from kassel_integration.editorial.gaps import Gap, GapCheck, admin_url, every_language
from kassel_integration.editorial.history import Tracked
from kassel_integration.search.sources import SearchSource
from kassel_integration.site.home import HomeSection
from kassel_integration.site.sitemaps import SectionIndex, SitemapSection
from kassel_integration.site.suggestions import SearchSuggestion

SUGGESTED_EVENTS = 3


def suggested_events():
    """The next few events, for a search that found nothing."""
    events = Event.objects.published().prefetch_related(None)
    return list(events.upcoming(timezone.now())[:SUGGESTED_EVENTS])


def venue_gaps():
    """Published events without a venue, soonest first: one query."""
    events = Event.objects.filter(status=Event.Status.PUBLISHED, venue__isnull=True)
    return [
        Gap(str(event), admin_url(event), _("venue"), every_language())
        for event in events.prefetch_related(None).order_by("start", "pk")
    ]


contribute(
    ContentApp("events"),
    GapCheck("events.Event", venue_gaps),
    # Saved often and not shown as such: a registration bumps the version of
    # its event's pages after each committed change to the places left.
    NotPageContent("events.registration"),
    EventPage("events:detail", "slug"),
    SectionIndex("events:index"),
    SitemapSection("series", EventSeriesSitemap),
    SitemapSection("events", EventSitemap),
    Panel(
        "events", upcoming_registrations, "admin/events/attention_registrations.html", MAX_EVENTS
    ),
    SearchSuggestion("suggested_events", suggested_events),
    # Inlines edited with their parent are saved in the same revision. Event
    # does not follow its registrations: personal data stays out of the history.
    Tracked("events.Language"),
    Tracked("events.Venue"),
    Tracked("events.EventSeries"),
    Tracked("events.Event", follow=("programme_items", "quote_links")),
    Tracked("events.ProgrammeItem"),
    Tracked("events.EventQuote"),
)

# ---------------------------------------------------------------- Search
# What the site search finds of this app (kassel_integration.search.sources).


def _event_title(item):
    return item.event.title


def _event_page(item):
    return item.event.get_absolute_url()


_EVENTS = {"group": "events", "group_title": _("Events")}

contribute(
    SearchSource(
        kind="series",
        model="events.EventSeries",
        label=_("Series of events"),
        text=("summary", "description"),
        **_EVENTS,
    ),
    SearchSource(
        kind="event",
        model="events.Event",
        label=_("Event"),
        text=(
            "motto",
            "summary",
            "description",
            "focus",
            "audience",
            "report",
            "results",
            "next_steps",
        ),
        starts_at="start",
        all_day="all_day",
        **_EVENTS,
    ),
    # A programme item is found on its event's page, under the event's title.
    SearchSource(
        kind="programmeitem",
        model="events.ProgrammeItem",
        label=_("Event"),
        heading=_event_title,
        text=("description",),
        parents=("event",),
        url=_event_page,
        starts_at="event.start",
        all_day="event.all_day",
        **_EVENTS,
    ),
)

# ---------------------------------------------------------------- Home page
# The next events, or the latest past ones (kassel_integration.site.home).
contribute(
    HomeSection(
        "events",
        20,
        "events/home/events.html",
        load=home.next_events,
        stylesheet="css/events.css",
    )
)
