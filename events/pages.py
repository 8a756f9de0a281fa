"""What the events app's public pages load, in prepared queries.

They run on every uncached view, so each is compiled once per process (see
`kassel_integration.content.prepared`); the publication rules stay in the
querysets' `published()`.
"""

from django.db.models import F

from events.models import Event, EventQuote, EventSeries, Language, ProgrammeItem, upcoming_and_past
from kassel_integration.content.pagination import counted
from kassel_integration.content.prepared import attach_related, prepared
from kassel_integration.content.slugs import any_slug

# ---------------------------------------------------------------- the events list
# The filter's choices (`EventFilterForm`) and the page of events.

OTHER_SERIES = "other"


def _published_events(at):
    return Event.objects.published(at).select_related(None).prefetch_related(None)


def published_series(at):
    return EventSeries.objects.published(at)


def published_fields_of_action(at):
    from concept.models import FieldOfAction

    return FieldOfAction.objects.published(at)


def years_with_events(at):
    return _published_events(at).dates("start", "year", order="DESC")


def languages_of_events(at):
    return Language.objects.filter(events__in=_published_events(at).values("pk")).distinct()


def filtered(queryset, filters):
    """The events of `queryset` that match `filters` (`EventFilterForm.filters()`)."""
    if "series" in filters:
        if filters["series"] == OTHER_SERIES:
            queryset = queryset.filter(series__isnull=True)
        else:
            queryset = queryset.filter(series__slug=filters["series"])
    if "field" in filters:
        queryset = queryset.filter(fields_of_action__number=filters["field"])
    if "year" in filters:
        queryset = queryset.filter(start__year=filters["year"])
    if "language" in filters:
        queryset = queryset.filter(languages__code=filters["language"])
    return queryset


def _events_list_page(filters, bottom, top, at):
    events = filtered(Event.objects.for_cards(at), dict(filters)).in_list_order(at)
    return counted(events)[bottom:top]


def events_list_fetch(filters, at):
    """`OneQueryPaginator`'s fetch for the events list with `filters` (name, value pairs).

    The filter's values are among its choices, so the shapes are bounded.
    """

    def fetch(bottom, top):
        return prepared(_events_list_page, tuple(sorted(filters)), bottom, top, at=at)

    return fetch


# ---------------------------------------------------------------- a series


def _series_by_slug(slug, at):
    return EventSeries.objects.published(at).filter(any_slug(slug))[:1]


def _events_of_series(series, at):
    return Event.objects.for_cards(at).filter(series=series).order_by("start", "pk")


def series_by_slug(slug, at):
    """The published series with `slug` (any language's), or None."""
    found = prepared(_series_by_slug, slug=slug, at=at)
    return found[0] if found else None


def events_of_series(series, at):
    """The series' published events: upcoming (soonest first) and past (latest first)."""
    return upcoming_and_past(prepared(_events_of_series, series=series.pk, at=at), at)


# ---------------------------------------------------------------- an event
# What `with_details()` would prefetch, in the same order.


def _event_page_event(slug, at):
    return (
        Event.objects.for_cards(at)
        .select_related("organiser", "invited_by")
        .with_availability(at)
        .filter(any_slug(slug))[:1]
    )


def _event_page_fields_of_action(event, at):
    from concept.models import FieldOfAction

    return FieldOfAction.objects.published(at).filter(events=event).order_by("number")


def _event_page_co_organisers(event):
    from officers.models import Organisation

    return Organisation.objects.filter(co_organised_events=event).order_by("name")


def _event_page_programme(event):
    return ProgrammeItem.objects.filter(event=event)


def _event_page_speakers(event):
    from officers.models import Person

    # One row per speaker and item, ordered as the people of a prefetch.
    return (
        Person.objects.select_related("organisation")
        .filter(programme_items__event=event)
        .annotate(speaker_of=F("programme_items__pk"))
    )


def _event_page_quote_links(event):
    return EventQuote.objects.select_related(
        "quote__speaker", "quote__speaker__organisation"
    ).filter(event=event)


def event_page(slug, at):
    """The published event with `slug` (in any language) and all its page shows, or None.

    What `Event.objects.with_details(at).with_availability(at)` gives, in the
    same six queries, but prepared.
    """
    found = prepared(_event_page_event, slug=slug, at=at)
    if not found:
        return None
    event = found[0]
    attach_related(
        event, "fields_of_action", prepared(_event_page_fields_of_action, event=event.pk, at=at)
    )
    attach_related(event, "co_organisers", prepared(_event_page_co_organisers, event=event.pk))
    items = prepared(_event_page_programme, event=event.pk)
    speakers = {item.pk: [] for item in items}
    for person in prepared(_event_page_speakers, event=event.pk):
        speakers[person.speaker_of].append(person)
    for item in items:
        attach_related(item, "speakers", speakers[item.pk])
    attach_related(event, "programme_items", items)
    attach_related(event, "quote_links", prepared(_event_page_quote_links, event=event.pk))
    return event
