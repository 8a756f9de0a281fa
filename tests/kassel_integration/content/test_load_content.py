"""`make run` loads the Kassel content at every start: after the first time, it must not undo
what the office has done since (archive, cancel, correct)."""

from io import StringIO

import pytest
from django.core.management import call_command
from reversion.models import Version

from concept.models import FieldOfAction
from events.models import Event
from officers.models import Office

pytestmark = pytest.mark.django_db


def load(**options):
    out = StringIO()
    call_command("load_kassel_content", stdout=out, **options)
    return out.getvalue()


def office_changes():
    """What a reviewer and an editor might do to the loaded content."""
    event = Event.objects.get(slug_de="runder-tisch-integration-2025")
    event.status = Event.Status.ARCHIVED
    event.event_status = Event.EventStatus.CANCELLED
    event.save()
    field = FieldOfAction.objects.get(number=1)
    field.title_de = "Bildung, Sprache und Ausbildung"
    field.save()
    office = Office.objects.get()
    office.status = Office.Status.DRAFT
    office.save()
    return event, field, office


def test_a_second_run_keeps_what_the_office_changed(content):
    event, field, office = office_changes()
    versions = Version.objects.count()
    assert load() == (
        "The Kassel content is already loaded; the office's changes are kept "
        "(--overwrite loads the source texts again).\n"
    )
    event.refresh_from_db()
    field.refresh_from_db()
    office.refresh_from_db()
    assert (event.status, event.event_status) == ("archived", "cancelled")
    assert field.title_de == "Bildung, Sprache und Ausbildung"
    assert office.status == "draft"
    assert Version.objects.count() == versions


def test_overwrite_loads_the_source_texts_again(content):
    event, field, office = office_changes()
    assert load(overwrite=True) == "Kassel content loaded.\n"
    event.refresh_from_db()
    field.refresh_from_db()
    office.refresh_from_db()
    assert (event.status, event.event_status) == ("published", "scheduled")
    assert field.title_de != "Bildung, Sprache und Ausbildung"
    assert office.status == "published"


def test_the_first_run_loads_everything(db):
    assert Event.objects.count() == 0
    assert load() == "Kassel content loaded.\n"
    assert Event.objects.count() == 2
    assert FieldOfAction.objects.count() == 6
    assert Office.objects.filter(status="published").count() == 1
