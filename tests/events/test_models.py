"""Model rules and the shipped content of the events app."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils.translation import override

from events.models import Event, EventQuote, EventSeries, ProgrammeItem, Venue
from officers.models import Quote
from tests.events.factories import EventFactory, EventSeriesFactory
from tests.languages import LANGUAGES

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def german():
    # Error messages are checked in the editorial office's language.
    with override("de"):
        yield


def berlin(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


def test_end_before_start_is_rejected_with_a_clear_message():
    event = EventFactory.build(
        start=berlin(2030, 5, 2, 10), end=berlin(2030, 5, 2, 9), series=None, venue=None
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict["end"] == [
        "Die Veranstaltung kann nicht enden, bevor sie beginnt."
    ]


def test_end_before_start_is_refused_by_the_named_database_constraint():
    event = EventFactory()
    with pytest.raises(IntegrityError, match="event_end_not_before_start"), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(end=event.start - datetime.timedelta(hours=1))


def test_duplicate_slug_in_any_language_is_rejected_with_a_clear_message():
    first = EventFactory(title_de="Erste", slug_de="erste", slug_en="first", slug_sl="prva")
    second = EventFactory.build(
        title_de="Zweite", slug_de="zweite", slug_en="erste", slug_sl=None, series=None, venue=None
    )
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert error.value.message_dict["slug_en"] == [
        "Diese Adresse (Slug) wird bereits von „Erste“ verwendet. Bitte wählen Sie eine andere."
    ]
    assert first.pk is not None


def test_series_slug_duplicate_is_rejected():
    EventSeriesFactory(title_de="Reihe A", slug_de="reihe-a")
    duplicate = EventSeriesFactory.build(title_de="Reihe B", slug_de="reihe-a")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.message_dict["slug_de"] == [
        "Diese Adresse (Slug) wird bereits von „Reihe A“ verwendet. Bitte wählen Sie eine andere."
    ]


def test_same_slug_twice_is_refused_by_the_database():
    EventFactory(slug_de="doppelt")
    with pytest.raises(IntegrityError, match="slug_de"), transaction.atomic():
        EventFactory(slug_de="doppelt")


@pytest.mark.parametrize(
    ("start", "end", "all_day", "expected"),
    [
        # Timed with an end: over at the end.
        (berlin(2030, 5, 2, 10), berlin(2030, 5, 2, 12), False, berlin(2030, 5, 2, 12)),
        # Timed without an end, or date only: over at the end of the (last) local day.
        (berlin(2030, 5, 2, 10), None, False, berlin(2030, 5, 2, 23, 59, 59, 999999)),
        (berlin(2030, 5, 2, 0), None, True, berlin(2030, 5, 2, 23, 59, 59, 999999)),
        (
            berlin(2030, 5, 2, 0),
            berlin(2030, 5, 4, 0),
            True,
            berlin(2030, 5, 4, 23, 59, 59, 999999),
        ),
    ],
)
def test_ends_at(start, end, all_day, expected):
    event = EventFactory(start=start, end=end, all_day=all_day)
    event.refresh_from_db()
    assert event.ends_at == expected


def test_content_is_idempotent(content):
    counts = [
        Event.objects.count(),
        EventSeries.objects.count(),
        Venue.objects.count(),
        ProgrammeItem.objects.count(),
        EventQuote.objects.count(),
        Quote.objects.filter(event_links__isnull=False).count(),
    ]
    call_command("load_kassel_content", overwrite=True, verbosity=0)
    assert (
        [
            Event.objects.count(),
            EventSeries.objects.count(),
            Venue.objects.count(),
            ProgrammeItem.objects.count(),
            EventQuote.objects.count(),
            Quote.objects.filter(event_links__isnull=False).count(),
        ]
        == counts
        == [2, 2, 1, 7, 6, 6]
    )


def test_content_2024_round_table(content):
    event = Event.objects.get(slug_de="runder-tisch-integration-2024")
    assert event.local_start == berlin(2024, 7, 11, 9, 30)
    assert event.start.tzinfo is not None
    assert event.end_is_approximate is True
    assert event.all_day is False
    assert (event.participants, event.participants_approximate) == (120, True)
    assert event.motto_kind == Event.MottoKind.CORE_QUESTION
    assert event.motto_de == "Was ist gelungene Integration?"
    assert event.venue.name_de == "Bürgersaal im Rathaus Kassel"
    assert (event.venue.street_address, event.venue.postal_code) == ("", "")
    assert event.venue.accessibility_de in (None, "")
    assert event.organiser.slug == "amt-fuer-chancengleichheit"
    assert sorted(o.slug for o in event.co_organisers.all()) == [
        "caritasverband-nordhessen-kassel",
        "diakonisches-werk-region-kassel",
        "internationaler-bund",
        "kulturzentrum-schlachthof",
    ]
    items = list(event.programme_items.all())
    assert [i.kind for i in items] == ["welcome", "keynote", "working_groups", "panel"]
    assert [[p.slug for p in i.speakers.all()] for i in items] == [
        ["norbert-wett"],
        ["claire-deery"],
        [],
        [],
    ]
    assert items[1].title_de == "JMD & MBE – Integrationsmotor für die Kommune?"
    assert [q.speaker.slug for q in event.quotes] == ["norbert-wett", "teslihan-ayalp"]
    assert all(q.said_on == datetime.date(2024, 7, 11) for q in event.quotes)
    for code in LANGUAGES:
        assert getattr(event, f"title_{code}")
        assert getattr(event, f"report_{code}")
        assert getattr(event, f"next_steps_{code}")


def test_content_2025_round_table(content):
    event = Event.objects.get(slug_de="runder-tisch-integration-2025")
    assert event.all_day is True
    assert event.start_date == datetime.date(2025, 7, 3)
    assert event.end is None
    assert event.venue is None
    assert (event.participants, event.participants_approximate) == (140, False)
    assert event.motto_de == "Alle werden gebraucht und alle gehören dazu"
    assert event.invited_by.slug == "alena-schuetz"
    assert sorted(f.number for f in event.fields_of_action.all()) == [1, 2, 3, 4, 5, 6]
    assert [q.speaker.slug for q in event.quotes] == [
        "nicole-maisch",
        "alena-schuetz",
        "nicole-maisch",
        "teslihan-ayalp",
    ]
    talk = event.programme_items.get(kind=ProgrammeItem.Kind.TALK)
    assert [p.slug for p in talk.speakers.all()] == ["elis-schmeer"]


def test_fields_of_action_list_their_events(content):
    from concept.models import FieldOfAction

    field = FieldOfAction.objects.get(number=4)
    assert sorted(e.slug_de for e in field.events.all()) == [
        "runder-tisch-integration-2024",
        "runder-tisch-integration-2025",
    ]


# ------------------------------------------------------------ the event page's queries


def _page_view(event):
    """What the event page reads of an event, as plain values."""
    return {
        "event": (event.pk, event.title, event.series, event.venue),
        "people": (event.organiser, event.invited_by),
        "languages": list(event.held_in),
        "fields": list(event.fields_of_action.all()),
        "co_organisers": list(event.co_organisers.all()),
        "programme": [
            (item.pk, item.event.pk, list(item.speakers.all()))
            for item in event.programme_items.all()
        ],
        "quotes": [(link.quote, link.quote.speaker) for link in event.quote_links.all()],
        "places": (event.places_taken, event.places_waiting),
    }


def _page_view_from_the_relations(event, now):
    """The same values, each read from its relation the slow way."""
    from concept.models import FieldOfAction
    from events.registration import availability

    places = availability(event, now)
    return {
        "event": (event.pk, event.title, event.series, event.venue),
        "people": (event.organiser, event.invited_by),
        "languages": list(event.languages.order_by("code", "pk")),
        "fields": list(FieldOfAction.objects.published(now).filter(events=event)),
        "co_organisers": list(event.co_organisers.order_by("name")),
        "programme": [
            (item.pk, item.event.pk, list(item.speakers.all()))
            for item in event.programme_items.all()
        ],
        "quotes": [(link.quote, link.quote.speaker) for link in event.quote_links.all()],
        "places": (places.taken, places.waiting),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_event_page_loader_has_what_the_relations_have(language, django_assert_num_queries):
    """`with_details().with_availability()` loads all the page reads, in six queries."""
    from events.models import Registration
    from kassel_integration.content.slugs import any_slug
    from tests.events.factories import (
        LanguageFactory,
        ProgrammeItemFactory,
        RegistrationEventFactory,
        RegistrationFactory,
        VenueFactory,
    )
    from tests.factories import (
        FieldOfActionFactory,
        OrganisationFactory,
        PersonFactory,
        QuoteFactory,
    )

    now = datetime.datetime.now(tz=datetime.UTC)
    hidden_field = FieldOfActionFactory(number=5, status="draft")
    organisations = [
        OrganisationFactory(name_de=name, name_en=name, name_sl=name)
        for name in ("Zeta", "Alpha", "Mitte")
    ]
    event = RegistrationEventFactory(
        capacity=50,
        series=EventSeriesFactory(),
        venue=VenueFactory(),
        languages=[LanguageFactory(code="tr"), LanguageFactory(code="ar")],
        fields_of_action=[
            FieldOfActionFactory(number=3),
            hidden_field,
            FieldOfActionFactory(number=1),
        ],
        organiser=organisations[0],
        invited_by=PersonFactory(organisation=organisations[1]),
    )
    event.co_organisers.set(organisations)
    both = PersonFactory(family_name="Beide")
    for order in (2, 1):
        item = ProgrammeItemFactory(event=event, order=order)
        item.speakers.set([both, PersonFactory(family_name=f"Nur {order}", organisation=None)])
    for _ in range(2):
        EventQuote.objects.create(event=event, quote=QuoteFactory())
    RegistrationFactory(event=event)
    RegistrationFactory(
        event=event, status=Registration.Status.WAITING, email_confirmed_at=event.start
    )
    other = EventFactory()  # its programme and quotes must not leak in
    ProgrammeItemFactory(event=other).speakers.set([both])
    EventQuote.objects.create(event=other, quote=QuoteFactory())

    def event_page(slug):
        events = Event.objects.with_details(now).with_availability(now)
        return events.filter(any_slug(slug)).first()

    with override(language):
        expected = _page_view_from_the_relations(Event.objects.get(pk=event.pk), now)
        with django_assert_num_queries(6):
            found = event_page(event.slug)
        with django_assert_num_queries(0):
            view = _page_view(found)
        assert view == expected
        assert event_page("no-such-event") is None
    assert [field.number for field in view["fields"]] == [1, 3]
    assert [organisation.name for organisation in view["co_organisers"]] == [
        "Alpha",
        "Mitte",
        "Zeta",
    ]
    assert [len(speakers) for _pk, _event, speakers in view["programme"]] == [2, 2]
    assert len(view["quotes"]) == 2
    assert view["places"] == (1, 1)
