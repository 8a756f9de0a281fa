"""schema.org Event markup (JSON-LD) for event pages."""

import json

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from events import registration
from events.models import Event
from kassel_integration.content.richtext import safe_url

EVENT_STATUS = {
    Event.EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    Event.EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    Event.EventStatus.POSTPONED: "https://schema.org/EventPostponed",
}

# The city whose portal this is: where an event takes place while its venue is unpublished.
CITY = {"addressLocality": "Kassel", "addressCountry": "DE"}

# As django.utils.html.json_script does: the data can never close the <script> element.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _organisation(organisation):
    data = {"@type": "Organization", "name": organisation.name}
    if website := safe_url(organisation.website):
        data["url"] = website
    return data


def _person(person):
    data = {"@type": "Person", "name": person.full_name}
    if person.role:
        data["jobTitle"] = person.role
    return data


def _location(venue):
    """Where: the venue with its address, or, while it is not published, the city.

    schema.org wants a location for every event; every event of the portal takes
    place in the city it belongs to (a venue elsewhere names its own town).
    """
    city = {"@type": "PostalAddress", **CITY}
    if venue is None:
        return {"@type": "Place", "name": CITY["addressLocality"], "address": city}
    address = {"@type": "PostalAddress"}
    for key, value in (
        ("streetAddress", venue.street_address),
        ("postalCode", venue.postal_code),
        ("addressLocality", venue.locality),
        ("addressCountry", venue.country),
    ):
        if value:
            address[key] = value
    return {"@type": "Place", "name": venue.name, "address": address if venue.locality else city}


def _offers(event, now):
    """Free registration on the portal while it is open: price 0, places left, until when."""
    if not event.registration_is_open(now):
        return None
    offer = {
        "@type": "Offer",
        "url": f"{settings.SITE_URL}{event.get_registration_url()}",
        "price": 0,
        "priceCurrency": "EUR",
        "availability": "https://schema.org/SoldOut"
        if _is_full(event, now)
        else "https://schema.org/InStock",
        "validThrough": timezone.localtime(event.registration_deadline or event.start).isoformat(),
    }
    # Registration opens with the event's page: known only when its publication was scheduled.
    if event.publish_from:
        offer["validFrom"] = timezone.localtime(event.publish_from).isoformat()
    return offer


def _is_full(event, now):
    if hasattr(event, "places_taken"):  # counted with the event (EventQuerySet.with_availability)
        availability = registration.Availability(
            capacity=event.capacity or 0, taken=event.places_taken, waiting=event.places_waiting
        )
    else:
        availability = registration.availability(event, now)
    return availability.is_full


def event_data(event, now=None):
    now = now or timezone.now()
    url = f"{settings.SITE_URL}{event.get_absolute_url()}"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": url,
        "url": url,
        "name": event.title,
        "eventStatus": EVENT_STATUS[event.event_status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    if event.summary:
        data["description"] = strip_tags(event.summary)
    if event.all_day:
        # Only the date is known: a date without a time claims nothing false.
        # It ends on its last day (the same day unless an end is given).
        data["startDate"] = event.start_date.isoformat()
        data["endDate"] = event.end_date.isoformat()
    else:
        data["startDate"] = event.local_start.isoformat()
        if event.end:
            data["endDate"] = event.local_end.isoformat()
    languages = [language.code for language in event.held_in]
    if languages:
        data["inLanguage"] = languages[0] if len(languages) == 1 else languages
    data["location"] = _location(event.venue)
    if offers := _offers(event, now):
        data["offers"] = offers
    organisers = [o for o in (event.organiser, *event.co_organisers.all()) if o is not None]
    if organisers:
        data["organizer"] = [_organisation(o) for o in organisers]
    elif event.invited_by is not None:
        data["organizer"] = [_person(event.invited_by)]
    performers = []
    for item in event.programme_items.all():
        for person in item.speakers.all():
            if person not in performers:
                performers.append(person)
    if performers:
        data["performer"] = [_person(p) for p in performers]
    if event.series is not None and event.series.is_public():
        data["superEvent"] = {
            "@type": "EventSeries",
            "name": event.series.title,
            "url": f"{settings.SITE_URL}{event.series.get_absolute_url()}",
        }
    return data


def event_json_ld(event, now=None):
    text = json.dumps(event_data(event, now), ensure_ascii=False, indent=None)
    return mark_safe(text.translate(_ESCAPES))  # noqa: S308 - <, > and & are escaped above
