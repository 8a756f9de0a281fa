"""Anonymous pages come from the cache until content changes; personal pages never do."""

import pytest

from kassel_integration.models import LegalPage
from kassel_integration.page_cache import page_cache


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
