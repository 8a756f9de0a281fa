"""What the events app contributes to the shared core (see kassel_integration.contributions)."""

from django.utils.translation import gettext_lazy as _

from kassel_integration.contributions import contribute
from kassel_integration.search.sources import SearchSource

# ---------------------------------------------------------------- Search
# What the site search finds of this app (kassel_integration.search.sources).


def _event_title(item):
    return item.event.title


def _event_page(item):
    return item.event.get_absolute_url()


_EVENTS = {"group": "events", "group_title": _("Events")}

contribute(
    "search",
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
