"""Rows carried as JSON come back exactly as the ORM would load them."""

import pytest

from kassel_integration.content.json_rows import instance_from_json, json_row
from officers.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_json_columns_travel_as_json_not_as_quoted_text():
    renditions = [{"width": 320, "name": "people/abc-320.jpg"}, {"width": 640, "name": "x"}]
    person = PersonFactory(portrait_renditions=renditions)
    [row] = (
        Person.objects.filter(pk=person.pk)
        .annotate(row=json_row(Person))
        .values_list("row", flat=True)
    )
    loaded = instance_from_json(Person, row)
    expected = Person.objects.get(pk=person.pk)
    assert loaded.portrait_renditions == renditions
    for field in Person._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(expected, field.attname), field.name
