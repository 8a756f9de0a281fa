"""What the events app shows on the home page (kassel_integration.site.home)."""

from events.models import Event

# Events shown on the home page: the next ones, or the latest past ones when none is announced.
SHOWN = 3


def next_events(now):
    """The next events (or, without any, the latest past ones) as cards, in one query."""
    events = list(Event.objects.for_cards(now).in_list_order(now)[:SHOWN])
    upcoming = [event for event in events if not event.is_over]
    return {
        "events_upcoming": upcoming,
        # Only when nothing is announced: the latest past events, latest first.
        "events_recent": [] if upcoming else events,
    }
