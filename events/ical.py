"""iCalendar (RFC 5545) export of events, in the language of the request."""

from datetime import UTC, date, timedelta

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language, gettext

from events.models import Event

PRODID = "-//Stadt Kassel//Integrationsportal//DE"
# Fixed, so that an event keeps its UID when the site moves to another host.
UID_DOMAIN = "integration.kassel.de"

ICAL_STATUS = {
    Event.EventStatus.SCHEDULED: "CONFIRMED",
    Event.EventStatus.CANCELLED: "CANCELLED",
    # RFC 5545 has no "postponed"; the old date is no longer certain.
    Event.EventStatus.POSTPONED: "TENTATIVE",
}


def event_uid(event):
    return f"{event.uid}@{UID_DOMAIN}"


def _text(value):
    return " ".join(strip_tags(value or "").split())


def location_text(event):
    venue = event.venue
    if venue is None:
        return ""
    return ", ".join([venue.name, *venue.address_lines()])


def build_component(event, language):
    component = icalendar.Event()
    component.add("uid", event_uid(event))
    # DTSTAMP from the last edit, not the download time: repeated downloads are identical.
    component.add("dtstamp", event.updated_at.astimezone(UTC))
    component.add("last-modified", event.updated_at.astimezone(UTC))
    if event.all_day:
        component.add("dtstart", event.start_date)
        # DTEND of a date-only event is exclusive: the day after the last day.
        component.add("dtend", event.end_date + timedelta(days=1))
    else:
        component.add("dtstart", event.local_start)
        if event.end:
            component.add("dtend", event.local_end)
    params = {"LANGUAGE": language}
    title = event.title
    if event.is_cancelled:
        title = gettext("Cancelled: %(title)s") % {"title": title}
    elif event.is_postponed:
        title = gettext("Postponed: %(title)s") % {"title": title}
    component.add("summary", title, parameters=params)
    url = f"{settings.SITE_URL}{event.get_absolute_url()}"
    description = "\n\n".join(p for p in (_text(event.summary), url) if p)
    component.add("description", description, parameters=params)
    component.add("url", url)
    location = location_text(event)
    if location:
        component.add("location", location, parameters=params)
    if event.series is not None:
        component.add("categories", [event.series.title], parameters=params)
    component.add("status", ICAL_STATUS[event.event_status])
    component.add("transp", "OPAQUE")
    return component


def build_calendar(events, name):
    language = get_language()
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name, parameters={"LANGUAGE": language})
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    events = list(events)
    for event in events:
        calendar.add_component(build_component(event, language))
    if events:
        first = min(e.start_date for e in events)
        last = max(e.end_date for e in events)
        # Only the transitions around the events, instead of 1970–2038.
        calendar.add_missing_timezones(
            first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1)
        )
    else:
        # RFC 5545 (3.6): a calendar holds at least one component. With no event
        # yet (the subscription between two seasons) it is the portal's time
        # zone, which every later event will use.
        year = timezone.localdate().year
        calendar.add_component(
            icalendar.Timezone.from_tzid(
                settings.TIME_ZONE, first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1)
            )
        )
    return calendar.to_ical()
