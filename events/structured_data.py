"""schema.org Event markup (JSON-LD) for event pages."""

import json

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from events.models import Event
from kassel_integration.content.richtext import safe_url

EVENT_STATUS = {
    Event.EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    Event.EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    Event.EventStatus.POSTPONED: "https://schema.org/EventPostponed",
}

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


def event_data(event):
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
        data["startDate"] = event.start_date.isoformat()
        if event.end:
            data["endDate"] = event.end_date.isoformat()
    else:
        data["startDate"] = event.local_start.isoformat()
        if event.end:
            data["endDate"] = event.local_end.isoformat()
    languages = [language.code for language in event.held_in]
    if languages:
        data["inLanguage"] = languages[0] if len(languages) == 1 else languages
    if event.venue is not None:
        venue = event.venue
        place = {"@type": "Place", "name": venue.name}
        address = {"@type": "PostalAddress"}
        for key, value in (
            ("streetAddress", venue.street_address),
            ("postalCode", venue.postal_code),
            ("addressLocality", venue.locality),
            ("addressCountry", venue.country),
        ):
            if value:
                address[key] = value
        if len(address) > 1:
            place["address"] = address
        data["location"] = place
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


def event_json_ld(event):
    text = json.dumps(event_data(event), ensure_ascii=False, indent=None)
    return mark_safe(text.translate(_ESCAPES))  # noqa: S308 - <, > and & are escaped above
