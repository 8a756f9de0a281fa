"""Factories for the models every app shares. App-specific ones live in tests/<app>/."""

import factory

from concept.models import FieldOfAction
from officers.models import Organisation, Person, Quote


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_de = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = "Erika"
    family_name = factory.Sequence(lambda n: f"Muster{n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    role_de = "Referentin"


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    text_de = factory.Sequence(lambda n: f"Zitat Nummer {n}")
    speaker = factory.SubFactory(PersonFactory)
    source_de = "Pressemitteilung"


class FieldOfActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldOfAction
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n + 1)
    title_de = factory.Sequence(lambda n: f"Handlungsfeld {n + 1}")
    slug_de = factory.Sequence(lambda n: f"handlungsfeld-{n + 1}")
    slug_en = factory.Sequence(lambda n: f"field-{n + 1}")
    slug_sl = factory.Sequence(lambda n: f"podrocje-{n + 1}")
    status = FieldOfAction.Status.PUBLISHED
