"""Factories for the events app; shared people and organisations come from tests.factories."""

import datetime
from zoneinfo import ZoneInfo

import factory

from events.models import Event, EventSeries, Language, ProgrammeItem, Registration, Venue

BERLIN = ZoneInfo("Europe/Berlin")


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "de"
    name_de = "Deutsch"
    name_en = "German"
    name_sl = "nemščina"


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name_de = factory.Sequence(lambda n: f"Saal {n}")
    locality = "Kassel"
    country = "DE"


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries

    title_de = factory.Sequence(lambda n: f"Reihe {n}")
    title_en = factory.Sequence(lambda n: f"Series {n}")
    title_sl = factory.Sequence(lambda n: f"Serija {n}")
    slug_de = factory.Sequence(lambda n: f"reihe-{n}")
    slug_en = factory.Sequence(lambda n: f"series-{n}")
    slug_sl = factory.Sequence(lambda n: f"serija-{n}")
    status = EventSeries.Status.PUBLISHED


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title_de = factory.Sequence(lambda n: f"Veranstaltung {n}")
    # Same title in all languages unless a test says otherwise; slugs differ per language.
    title_en = factory.LazyAttribute(lambda o: o.title_de)
    title_sl = factory.LazyAttribute(lambda o: o.title_de)
    slug_de = factory.Sequence(lambda n: f"veranstaltung-{n}")
    slug_en = factory.Sequence(lambda n: f"event-{n}")
    slug_sl = factory.Sequence(lambda n: f"dogodek-{n}")
    summary_de = "Kurzbeschreibung"
    start = factory.Sequence(
        lambda n: datetime.datetime(2030, 1, 1, 10, 0, tzinfo=BERLIN) + datetime.timedelta(days=n)
    )
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    status = Event.Status.PUBLISHED
    series = factory.SubFactory(EventSeriesFactory)
    venue = factory.SubFactory(VenueFactory)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create:
            self.languages.set(extracted if extracted is not None else [LanguageFactory()])

    @factory.post_generation
    def fields_of_action(self, create, extracted, **kwargs):
        if create and extracted:
            self.fields_of_action.set(extracted)


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    event = factory.SubFactory(EventFactory)
    kind = ProgrammeItem.Kind.TALK
    title_de = factory.Sequence(lambda n: f"Programmpunkt {n}")
    order = factory.Sequence(lambda n: n)


class RegistrationEventFactory(EventFactory):
    """An upcoming event that takes registrations online."""

    online_registration = True
    capacity = 2


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(RegistrationEventFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    status = Registration.Status.CONFIRMED
    language = "de"
