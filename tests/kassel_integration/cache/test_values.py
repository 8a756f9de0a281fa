"""What a page loaded is kept between requests, and never shown once it is out of date.

The value cache (`kassel_integration.cache.values`) keeps the event page's
loaded event and the events filter's choices. These tests turn it on; the
rest of the suite runs with it off, so their query counts are those of a miss.
"""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from events import registration as service
from events.models import Event, ProgrammeItem, Registration
from kassel_integration.cache import pages as page_cache
from kassel_integration.cache import values
from kassel_integration.editorial.workflow import previewing
from tests.events.factories import (
    EventFactory,
    EventSeriesFactory,
    LanguageFactory,
    ProgrammeItemFactory,
    RegistrationEventFactory,
    RegistrationFactory,
)
from tests.factories import FieldOfActionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def value_cache_on(settings):
    settings.VALUE_CACHE_SECONDS = 600
    values.value_cache().clear()
    page_cache.page_cache().clear()
    yield
    values.value_cache().clear()
    page_cache.page_cache().clear()


def page(client, event, language="en"):
    with override(language):
        path = event.get_absolute_url()
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def events_list(client, language="en"):
    with override(language):
        path = reverse("events:index")
    return client.get(path).content.decode()


def transaction_callbacks():
    """Run the after-commit callbacks of a test transaction, as a real commit would."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


# ------------------------------------------------------------ what a stored value saves


def test_a_stored_event_page_costs_no_query(client, django_assert_num_queries):
    event = EventFactory(title_en="Kept event")
    ProgrammeItemFactory(event=event)  # so that its speakers are asked for too
    # The page's six queries, and once per content version the next publication boundary.
    with django_assert_num_queries(7):
        first = page(client, event)
    with django_assert_num_queries(0):
        second = page(client, event)
    assert second == first
    assert "Kept event" in second


def test_the_events_list_keeps_its_filter_choices_but_not_its_events(
    client, django_assert_num_queries
):
    EventFactory(title_en="Listed event")
    # The filter's four choice queries, the boundary, the page of events.
    with django_assert_num_queries(6):
        first = events_list(client)
    with django_assert_num_queries(1):
        second = events_list(client)
    assert second == first
    assert "Listed event" in second


# ------------------------------------------------------------ never stale after a save


def test_a_save_of_the_event_shows_at_once(client):
    event = EventFactory(title_en="Before")
    assert "Before" in page(client, event)
    event.title_en = "After"
    event.save()
    text = page(client, event)
    assert "After" in text
    assert "Before" not in text


def test_a_save_of_a_related_row_shows_at_once(client):
    event = EventFactory()
    item = ProgrammeItemFactory(event=event, title_en="First talk")
    organiser = OrganisationFactory(name_en="Old name")
    event.organiser = organiser
    event.save()
    text = page(client, event)
    assert "First talk" in text
    assert "Old name" in text
    item.title_en = "Changed talk"
    item.save()
    organiser.name_en = "New name"
    organiser.save()
    text = page(client, event)
    assert "Changed talk" in text
    assert "New name" in text
    assert "Old name" not in text


def test_a_changed_relation_shows_at_once(client):
    event = EventFactory()
    assert "Turkish" not in page(client, event)
    event.languages.set([LanguageFactory(code="tr", name_en="Turkish")])
    assert "Turkish" in page(client, event)
    assert "Turkish" in events_list(client)


def test_a_deleted_row_disappears_at_once(client):
    event = EventFactory()
    ProgrammeItemFactory(event=event, title_en="Cancelled talk")
    assert "Cancelled talk" in page(client, event)
    ProgrammeItem.objects.get(event=event).delete()
    assert "Cancelled talk" not in page(client, event)


def test_a_save_in_another_process_shows_too(client):
    """Another worker's save bumps the content version in the shared backend; its signal ran there."""
    event = EventFactory(title_en="Before")
    assert "Before" in page(client, event)
    Event.objects.filter(pk=event.pk).update(title_en="After")  # no signal in this process
    assert "Before" in page(client, event)
    page_cache.bump(page_cache.CONTENT_VERSION)  # what the other process's signal did
    assert "After" in page(client, event)


def test_a_registration_shows_the_places_left_at_once(client):
    event = RegistrationEventFactory(capacity=5)
    assert "5 places left" in page(client, event)
    with transaction_callbacks():
        service.register(event, {"name": "A", "email": "a@example.org", "language": "en"})
    assert "4 places left" in page(client, event)
    assert "Noch 4 Plätze frei" in page(client, event, "de")


# ------------------------------------------------------------ never stale after a boundary


def test_a_field_of_action_appears_when_its_publication_starts(client):
    now = timezone.now().replace(microsecond=0)
    with time_machine.travel(now, tick=False) as clock:
        field = FieldOfActionFactory(
            number=4, title_en="Scheduled field", publish_from=now + datetime.timedelta(minutes=5)
        )
        event = EventFactory(fields_of_action=[field])
        assert "Scheduled field" not in page(client, event)
        assert "Scheduled field" not in page(client, event)  # stored until the boundary
        clock.move_to(now + datetime.timedelta(minutes=5, seconds=1))
        assert "Scheduled field" in page(client, event)


def test_an_event_leaves_when_its_publication_ends(client):
    now = timezone.now().replace(microsecond=0)
    with time_machine.travel(now, tick=False) as clock:
        event = EventFactory(publish_until=now + datetime.timedelta(minutes=5))
        page(client, event)
        clock.move_to(now + datetime.timedelta(minutes=5))
        with override("en"):
            assert client.get(event.get_absolute_url()).status_code == 404


def test_a_series_enters_the_filter_when_its_publication_starts(client):
    now = timezone.now().replace(microsecond=0)
    with time_machine.travel(now, tick=False) as clock:
        EventSeriesFactory(
            title_en="Scheduled series", publish_from=now + datetime.timedelta(hours=1)
        )
        assert "Scheduled series" not in events_list(client)
        clock.move_to(now + datetime.timedelta(minutes=59))
        assert "Scheduled series" not in events_list(client)
        clock.move_to(now + datetime.timedelta(hours=1))
        assert "Scheduled series" in events_list(client)


def test_a_place_frees_up_when_its_hold_runs_out(client):
    now = timezone.now().replace(microsecond=0)
    with time_machine.travel(now, tick=False) as clock:
        event = RegistrationEventFactory(
            capacity=5, start=now + datetime.timedelta(days=30), registration_deadline=None
        )
        RegistrationFactory(
            event=event,
            status=Registration.Status.HELD,
            hold_expires_at=now + datetime.timedelta(minutes=5),
        )
        assert "4 places left" in page(client, event)
        clock.move_to(now + datetime.timedelta(minutes=4))
        assert "4 places left" in page(client, event)
        clock.move_to(now + datetime.timedelta(minutes=5))
        assert "5 places left" in page(client, event)


# ------------------------------------------------------------ never another language's value


def test_each_language_gets_its_own_value(client):
    # One slug for every language: only the language tells the values apart.
    event = EventFactory(
        title_de="Deutscher Titel",
        title_en="English title",
        title_sl="Slovenski",
        slug_de="fest",
        slug_en="fest",
        slug_sl="fest",
    )
    # Partners are listed by their name in the page's language.
    event.co_organisers.set(
        [
            OrganisationFactory(name_de="Alpha-Verein", name_en="Zulu club", name_sl="Alfa"),
            OrganisationFactory(name_de="Zulu-Verein", name_en="Alpha club", name_sl="Zulu"),
        ]
    )

    def order(text, *names):
        return sorted(names, key=text.index)

    english = page(client, event, "en")
    assert "English title" in english
    assert order(english, "Zulu club", "Alpha club") == ["Alpha club", "Zulu club"]
    german = page(client, event, "de")
    assert "Deutscher Titel" in german
    assert "English title" not in german
    assert order(german, "Zulu-Verein", "Alpha-Verein") == ["Alpha-Verein", "Zulu-Verein"]
    assert "Slovenski" in page(client, event, "sl")
    assert page(client, event, "en") == english


def test_the_filter_choices_follow_the_language(client):
    FieldOfActionFactory(
        number=1, title_de="Sprache und Bildung", title_en="Language and education"
    )
    EventFactory()
    assert "1. Language and education" in events_list(client, "en")
    german = events_list(client, "de")
    assert "1. Sprache und Bildung" in german
    assert "Language and education" not in german


# ------------------------------------------------------------ previews and bounds


def test_a_preview_neither_reads_nor_stores_a_value():
    loads = []

    def load():
        loads.append(1)
        return len(loads)

    now = timezone.now()
    draft = EventFactory(status=Event.Status.DRAFT)
    assert values.cached("test", "a", load, now) == 1
    assert values.cached("test", "a", load, now) == 1
    with previewing(draft):
        assert values.cached("test", "a", load, now) == 2
        assert values.cached("test", "a", load, now) == 3
    assert values.cached("test", "a", load, now) == 1


def test_the_value_cache_is_bounded(settings):
    assert settings.CACHES[settings.VALUE_CACHE_ALIAS]["OPTIONS"]["MAX_ENTRIES"] == 300


def test_nothing_is_stored_when_turned_off(settings):
    settings.VALUE_CACHE_SECONDS = 0
    loads = []
    now = timezone.now()
    for _ in range(2):
        values.cached("test", "a", lambda: loads.append(1), now)
    assert len(loads) == 2
