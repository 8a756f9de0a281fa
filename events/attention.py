"""The events' section of the admin's attention panel (contributed in contributions.py).

Upcoming events that take registrations online, soonest first, with their
counts; one query.
"""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.http import urlencode

from events.models import Event, Registration
from kassel_integration.editorial.attention import change_url
from kassel_integration.translations.translators import is_translator

MAX_EVENTS = 10


@dataclass
class EventEntry:
    label: str
    url: str
    start: datetime
    confirmed: int
    held: int
    waiting: int
    capacity: int | None
    registrations_url: str = ""


def upcoming_registrations(site, request, now):
    """Events still to come that take registrations online, soonest first.

    None for translators and for users who may not see events. Only counts are
    shown; the link to the registrations themselves only to those who may see them.
    """
    event_admin = site._registry.get(Event)
    if (
        event_admin is None
        or is_translator(request)
        or not event_admin.has_view_permission(request)
    ):
        return None
    registration_admin = site._registry.get(Registration)
    sees_registrations = registration_admin is not None and (
        registration_admin.has_view_permission(request)
    )
    # The event admin's queryset carries the same counts as its list.
    events = (
        event_admin.get_queryset(request)
        .filter(online_registration=True, ends_at__gte=now)
        .order_by("start", "pk")
    )
    registrations = reverse("admin:events_registration_changelist")
    return [
        EventEntry(
            str(event),
            change_url(Event, event.pk),
            event.start,
            event.confirmed_count,
            event.held_count,
            event.waiting_count,
            event.capacity,
            f"{registrations}?{urlencode({'event__id__exact': event.pk})}"
            if sees_registrations
            else "",
        )
        for event in events
    ]
