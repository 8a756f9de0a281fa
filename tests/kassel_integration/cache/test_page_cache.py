"""Anonymous pages come from the cache until content changes; personal pages never do."""

import pytest

from kassel_integration.cache.pages import page_cache
from kassel_integration.models import LegalPage


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 600
    page_cache().clear()
    yield
    page_cache().clear()


def test_second_request_is_served_from_cache_without_queries(
    client, content, cached, django_assert_num_queries
):
    first = client.get("/en/imprint/")
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get("/en/imprint/")
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    # Headers added outside the cache still arrive on a cached page.
    assert "Content-Security-Policy" in second


def test_languages_are_cached_separately(client, content, cached):
    client.get("/de/impressum/")
    response = client.get("/en/imprint/")
    assert response["X-Cache"] == "MISS"
    assert "<h1>Imprint</h1>" in response.content.decode()


def test_saving_content_empties_the_cache(client, content, cached):
    client.get("/en/imprint/")
    page = LegalPage.objects.get(kind="imprint")
    page.title_en = "Legal notice"
    page.save()
    response = client.get("/en/imprint/")
    assert response["X-Cache"] == "MISS"
    assert "<h1>Legal notice</h1>" in response.content.decode()


def test_pages_with_a_form_token_are_never_cached(client, content, cached):
    client.get("/en/accessibility/report-a-barrier/")
    fresh = client.__class__()
    response = fresh.get("/en/accessibility/report-a-barrier/")
    assert "X-Cache" not in response
    assert "csrftoken" in response.cookies


def test_requests_with_a_session_bypass_the_cache(client, content, cached, admin_user):
    client.get("/en/imprint/")
    client.force_login(admin_user)
    response = client.get("/en/imprint/")
    assert "X-Cache" not in response


def test_errors_are_not_cached(client, content, cached):
    client.get("/en/nothing-here/")
    response = client.get("/en/nothing-here/")
    assert response.status_code == 404
    assert "X-Cache" not in response


def test_scheduled_publication_is_exact_despite_the_cache(client, content, cached):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from tests.events.factories import EventFactory

    now = timezone.now().replace(microsecond=0)
    with time_machine.travel(now, tick=False) as clock:
        EventFactory(
            title_de="Zeitgesteuerte Veranstaltung",
            status="published",
            publish_from=now + timedelta(minutes=5),
            start=now + timedelta(days=30),
        )
        first = client.get("/de/veranstaltungen/")
        assert first["X-Cache"] == "MISS"
        assert "Zeitgesteuerte Veranstaltung" not in first.content.decode()
        assert client.get("/de/veranstaltungen/")["X-Cache"] == "HIT"
        clock.move_to(now + timedelta(minutes=5, seconds=1))
        later = client.get("/de/veranstaltungen/")
        assert later["X-Cache"] == "MISS"
        assert "Zeitgesteuerte Veranstaltung" in later.content.decode()


# ------------------------------------------------------------ the key (issue 21, item 4)


def test_each_host_gets_its_own_entry(client, content, cached):
    assert client.get("/en/imprint/", HTTP_HOST="localhost")["X-Cache"] == "MISS"
    assert client.get("/en/imprint/", HTTP_HOST="127.0.0.1")["X-Cache"] == "MISS"
    assert client.get("/en/imprint/", HTTP_HOST="localhost")["X-Cache"] == "HIT"


def test_unknown_query_parameters_never_store_a_page(client, content, cached):
    for _attempt in range(2):
        response = client.get("/en/imprint/?utm_source=mail&x=<b>")
        assert response.status_code == 200
        assert response.get("X-Cache") != "HIT"
    # The clean page is still stored on its own, and serves the extra parameters too.
    assert client.get("/en/imprint/")["X-Cache"] == "MISS"
    assert client.get("/en/imprint/?utm_source=mail")["X-Cache"] == "HIT"


def test_known_parameters_are_part_of_the_key_in_any_order(client, content, cached):
    first = client.get("/en/events/?year=2030&page=1")
    assert first["X-Cache"] == "MISS"
    assert client.get("/en/events/?page=1&year=2030")["X-Cache"] == "HIT"
    assert client.get("/en/events/?page=2&year=2030")["X-Cache"] == "MISS"


# ------------------------------------------------------------ per-event invalidation (item 5)


def test_a_registration_makes_only_its_events_pages_stale(client, content, cached, settings):
    from django.test import Client
    from django.urls import reverse
    from django.utils.translation import override

    from events import registration as service
    from tests.events.factories import RegistrationEventFactory

    booked = RegistrationEventFactory(capacity=5)
    other = RegistrationEventFactory(capacity=5)
    with override("en"):
        booked_page = booked.get_absolute_url()
        other_page = other.get_absolute_url()
        lists = [reverse("events:index"), reverse("home")]
    with override("de"):
        booked_page_de = booked.get_absolute_url()
    pages = [booked_page, booked_page_de, other_page, "/en/imprint/", *lists]
    for path in pages:
        assert client.get(path)["X-Cache"] == "MISS"
    assert "5 places left" in client.get(booked_page).content.decode()

    with transaction_callbacks():
        service.register(booked, {"name": "A", "email": "a@example.org", "language": "en"})

    after = {path: client.get(path) for path in pages}
    assert after[booked_page]["X-Cache"] == "MISS"
    assert "4 places left" in after[booked_page].content.decode()
    assert after[booked_page_de]["X-Cache"] == "MISS"
    assert "Noch 4 Plätze frei" in after[booked_page_de].content.decode()
    assert [after[path]["X-Cache"] for path in [other_page, "/en/imprint/", *lists]] == ["HIT"] * 4
    # No page still served from the cache differs from a fresh one: the lists show no
    # places left, so they may stay; anything that showed them would be stale here.
    settings.PAGE_CACHE_SECONDS = 0
    fresh = Client()
    for path, response in after.items():
        assert response.content == fresh.get(path).content, path


def transaction_callbacks():
    """Run the after-commit callbacks of a test transaction, as a real commit would."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)
