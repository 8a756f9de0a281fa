"""HTTP caching of public pages: validators, 304, shared-cache lifetime, compression, purge.

The page cache answers before the rest of the middleware, so these tests also check that a
stored page never answers what the inner middleware would refuse (bad host, bad query).
"""

import gzip
import http.server
import threading
from datetime import timedelta

import brotli
import pytest
import time_machine
from django.utils import timezone

from kassel_integration.cache.pages import page_cache
from kassel_integration.models import LegalPage


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.SHARED_CACHE_SECONDS = 60
    page_cache().clear()
    yield
    page_cache().clear()


def test_a_public_page_has_validators_and_a_shared_lifetime(client, content, cached):
    response = client.get("/en/imprint/")
    assert response["X-Cache"] == "MISS"
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=60"
    assert response["ETag"][0] == response["ETag"][-1] == '"'
    assert "Last-Modified" in response
    assert client.get("/en/imprint/")["ETag"] == response["ETag"]


@pytest.mark.parametrize("stored", [False, True], ids=["miss", "hit"])
def test_a_conditional_request_gets_304(client, content, cached, stored):
    first = client.get("/en/imprint/")
    if not stored:
        page_cache().clear()
    response = client.get("/en/imprint/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == first["ETag"]
    if stored:
        # Last-Modified is when the stored page was made: a page made again (after a save or
        # when the cache expired) is newer, and only its ETag still shows it is the same.
        by_date = client.get("/en/imprint/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert by_date.status_code == 304


def test_a_changed_page_answers_200_to_its_old_etag(client, content, cached):
    first = client.get("/en/imprint/")
    page = LegalPage.objects.get(kind="imprint")
    page.title_en = "Legal notice"
    page.save()
    response = client.get("/en/imprint/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert "<h1>Legal notice</h1>" in response.content.decode()


@pytest.mark.parametrize("stored", [False, True], ids=["miss", "hit"])
def test_html_is_compressed_for_browsers_that_accept_it(client, content, cached, stored):
    plain = client.get("/en/imprint/")
    if not stored:
        page_cache().clear()
    as_brotli = client.get("/en/imprint/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert as_brotli["Content-Encoding"] == "br"
    assert brotli.decompress(as_brotli.content) == plain.content
    assert int(as_brotli["Content-Length"]) == len(as_brotli.content) < len(plain.content) / 2
    as_gzip = client.get("/en/imprint/", HTTP_ACCEPT_ENCODING="gzip")
    assert as_gzip["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.content) == plain.content
    refused = client.get("/en/imprint/", HTTP_ACCEPT_ENCODING="br;q=0, gzip;q=0")
    assert "Content-Encoding" not in refused
    assert refused.content == plain.content
    # Each coding is its own representation: shared caches must keep them apart.
    assert len({plain["ETag"], as_brotli["ETag"], as_gzip["ETag"]}) == 3
    assert all("Accept-Encoding" in r["Vary"] for r in (plain, as_brotli, as_gzip))


def test_pages_with_a_form_token_are_neither_compressed_nor_shared(client, content, cached):
    # A CSRF token in a compressed body is what BREACH reads; such pages stay as they are.
    response = client.get("/en/accessibility/report-a-barrier/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_staff_pages_are_neither_compressed_nor_shared(client, content, cached, admin_user):
    client.force_login(admin_user)
    response = client.get("/en/imprint/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert "Content-Encoding" not in response
    assert "s-maxage" not in response.get("Cache-Control", "")


def test_the_shared_lifetime_ends_at_the_next_publication_boundary(client, content, cached):
    from tests.events.factories import EventFactory

    now = timezone.now().replace(microsecond=0)
    with time_machine.travel(now, tick=False) as clock:
        EventFactory(publish_from=now + timedelta(seconds=25))
        page_cache().clear()
        assert client.get("/en/imprint/")["Cache-Control"] == "public, max-age=0, s-maxage=25"
        clock.shift(10)
        hit = client.get("/en/imprint/")
        assert hit["X-Cache"] == "HIT"
        assert hit["Cache-Control"] == "public, max-age=0, s-maxage=15"


def test_a_stored_page_is_not_served_to_a_disallowed_host(client, content, cached):
    client.get("/en/imprint/")
    assert client.get("/en/imprint/", HTTP_HOST="evil.example").status_code == 400


@pytest.mark.parametrize("query", ["page=%FF", "page=%00", "q=a%00b"])
def test_a_stored_page_is_not_served_for_a_malformed_query(client, content, cached, query):
    client.get("/en/events/")
    assert client.get(f"/en/events/?{query}").status_code == 400


def test_a_page_without_a_language_prefix_is_keyed_by_the_browser_language(client, content, cached):
    german = client.get("/robots.txt", HTTP_ACCEPT_LANGUAGE="de")
    english = client.get("/robots.txt", HTTP_ACCEPT_LANGUAGE="en")
    assert german["X-Cache"] == english["X-Cache"] == "MISS"
    assert client.get("/robots.txt", HTTP_ACCEPT_LANGUAGE="en")["X-Cache"] == "HIT"


def test_static_files_bypass_the_page_cache(client, db, cached):
    response = client.get("/static/img/favicon.svg")
    response.close()
    assert "X-Cache" not in response


class _PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received: list[str] = []

    def do_PURGE(self):
        self.received.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_save_purges_the_shared_cache_after_the_commit(
    settings, content, django_capture_on_commit_callbacks
):
    server = http.server.HTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _PurgeRecorder.received = []
    settings.SHARED_CACHE_PURGE_URL = f"http://127.0.0.1:{server.server_port}/portal"
    try:
        with django_capture_on_commit_callbacks(execute=True):
            page = LegalPage.objects.get(kind="imprint")
            page.title_en = "Legal notice"
            page.save()
            assert _PurgeRecorder.received == []  # not before the change is committed
        assert _PurgeRecorder.received == ["/portal"]
        with django_capture_on_commit_callbacks(execute=True):
            page.title_en = "Imprint"
            page.save()
        assert _PurgeRecorder.received == ["/portal", "/portal"]
    finally:
        server.shutdown()
        server.server_close()


def test_a_failing_purge_is_logged_and_the_save_stands(
    settings, content, caplog, django_capture_on_commit_callbacks
):
    settings.SHARED_CACHE_PURGE_URL = "http://127.0.0.1:9/portal"  # the discard port: refused
    page = LegalPage.objects.get(kind="imprint")
    page.title_en = "Legal notice"
    with (
        caplog.at_level("WARNING", logger="kassel_integration.cache.pages"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.save()
    assert [r.getMessage() for r in caplog.records] == [
        "Purging the shared cache at http://127.0.0.1:9/portal failed: "
        "<urlopen error [Errno 111] Connection refused>"
    ]
    assert LegalPage.objects.get(kind="imprint").title_en == "Legal notice"


def test_pages_are_answered_while_the_shared_cache_is_down(client, content, settings, caplog):
    # Redis gone (nothing listens on port 1): the page is made as if uncached, not a 500.
    settings.PAGE_CACHE_SECONDS = 600
    settings.VALUE_CACHE_SECONDS = 600
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    with caplog.at_level("WARNING", logger="kassel_integration.cache"):
        response = client.get("/en/imprint/")
        event_pages = [client.get("/en/events/"), client.get("/de/veranstaltungen/")]
    assert [page.status_code for page in event_pages] == [200, 200]
    assert response.status_code == 200
    assert "<h1>Imprint</h1>" in response.content.decode()
    assert response["X-Cache"] == "MISS"
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=0"
    assert {r.getMessage() for r in caplog.records} == {
        "page cache unavailable; answering without it",
        "value cache: version tokens unavailable; loading uncached",
    }
