"""Factories for the office page (the office, its tasks, terms, hours and quotes) and its contact form."""

import datetime

import factory

from officers.models import (
    ContactMessage,
    Office,
    OfficeHours,
    OfficeHoursException,
    OfficeQuote,
    Task,
    Term,
)
from tests.factories import PersonFactory, QuoteFactory


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("key",)

    key = "integrationsbeauftragte"
    title_de = "Integrationsbeauftragte der Stadt Kassel"
    title_en = "Integration Officer of the City of Kassel"
    title_sl = "Pooblaščenka za integracijo mesta Kassel"
    status = Office.Status.PUBLISHED


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    office = factory.SubFactory(OfficeFactory)
    key = factory.Sequence(lambda n: f"aufgabe-{n}")
    title_de = factory.Sequence(lambda n: f"Aufgabe {n}")
    explanation_de = "<p>Erläuterung</p>"
    order = factory.Sequence(lambda n: n)


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    office = factory.SubFactory(OfficeFactory)
    person = factory.SubFactory(PersonFactory)
    started_on = datetime.date(2020, 1, 1)
    has_ended = True
    ended_on = None


class OfficeHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficeHours

    office = factory.SubFactory(OfficeFactory)
    weekday = OfficeHours.Weekday.MONDAY
    opens = datetime.time(9, 0)
    closes = datetime.time(12, 0)


class OfficeQuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficeQuote

    office = factory.SubFactory(OfficeFactory)
    quote = factory.SubFactory(QuoteFactory)
    order = factory.Sequence(lambda n: n)


class OfficeHoursExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficeHoursException

    office = factory.SubFactory(OfficeFactory)
    starts_on = datetime.date(2026, 12, 24)
    ends_on = datetime.date(2027, 1, 1)
    closed = True


class ContactMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMessage

    name = "Ana Novak"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    message = "Guten Tag, ich habe eine Frage."
    language = "de"
