"""Issue 21: requests that must never become a 500, Host-independent absolute URLs,
stored URLs checked on output, and the small leaks (login target, stack headers, manifest)."""

import logging
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from concept.models import FieldOfAction, Measure
from events.models import Event
from kassel_integration.site.log import OneLineClientErrorFormatter
from officers.models import Organisation, Quote
from tests.kassel_integration.site.test_security import assert_security_headers

MANY = "&".join(f"a{i}=1" for i in range(201))
ADMIN_LOGIN = "/verwaltung/login/"


def tracebacks(caplog):
    """Log records that print a traceback in the portal's log (its console formatter)."""
    formatter = OneLineClientErrorFormatter()
    return [r for r in caplog.records if "Traceback" in formatter.format(r)]


# ---------------------------------------------------------------- 1. too many parameters
@pytest.mark.parametrize(
    "path",
    [
        "/de/",
        "/en/imprint/",
        "/sl/",
        "/de/gibt-es-nicht/",
        ADMIN_LOGIN,
        "/sitemap.xml",
        "/de/suche/",
        "/de/veranstaltungen/",
        "/robots.txt",
    ],
)
def test_more_than_200_query_parameters_are_a_400_with_headers(client, content, caplog, path):
    caplog.set_level(logging.INFO)
    response = client.get(f"{path}?{MANY}")
    assert response.status_code == 400
    assert_security_headers(response)
    assert tracebacks(caplog) == []


def test_error_page_language_switcher_keeps_the_raw_query(client, content):
    response = client.get(f"/de/gibt-es-nicht/?{MANY}")
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="/en/?{MANY.replace("&", "&amp;")}"' in html
    assert "<h1>Ungültige Anfrage</h1>" in html or "Bad request" not in html


def test_too_many_form_fields_in_a_post_are_a_400(client, content, caplog):
    caplog.set_level(logging.INFO)
    data = {f"a{i}": "1" for i in range(201)}
    response = client.post(reverse("barrier-report"), data)
    assert response.status_code == 400
    assert_security_headers(response)
    assert tracebacks(caplog) == []


@pytest.mark.parametrize(
    ("path", "status", "extra"),
    [
        ("/de/gibt-es-nicht/", 404, {}),
        ("/de/?q=%00", 400, {}),
        ("/de/", 400, {"HTTP_HOST": "evil.example"}),
        ("/de/", 405, {"REQUEST_METHOD": "PUT"}),
    ],
)
def test_every_error_page_carries_the_security_headers(client, content, path, status, extra):
    method = extra.pop("REQUEST_METHOD", "GET").lower()
    response = getattr(client, method)(path, **extra)
    assert response.status_code == status
    assert_security_headers(response)


# ---------------------------------------------------------------- 4. Host never leaks into URLs
EVIL = {"HTTP_HOST": "localhost"}


@override_settings(SITE_URL="https://integration.kassel.de")
def test_robots_txt_names_the_sitemap_at_site_url_whatever_the_host(client, db):
    response = client.get("/robots.txt", **EVIL)
    assert response.content.decode() == (
        "User-agent: *\nDisallow:\nSitemap: https://integration.kassel.de/sitemap.xml\n"
    )


@override_settings(SITE_URL="https://integration.kassel.de")
def test_sitemap_urls_come_from_site_url_whatever_the_host(client, content):
    response = client.get("/sitemap.xml", **EVIL)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    hrefs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    hrefs += [el.get("href") for el in root.iter("{http://www.w3.org/1999/xhtml}link")]
    assert hrefs
    assert [h for h in hrefs if not h.startswith("https://integration.kassel.de/")] == []
    assert "https://integration.kassel.de/en/imprint/" in hrefs


@override_settings(SITE_URL="https://integration.kassel.de")
def test_no_absolute_url_anywhere_is_built_from_the_host(client, content):
    event = Event.objects.published().first()
    paths = [
        "/de/",
        "/en/imprint/",
        reverse("events:feed"),
        reverse("events:calendar"),
        event.get_absolute_url(),
        FieldOfAction.objects.published().first().get_absolute_url(),
        "/robots.txt",
        "/sitemap.xml",
    ]
    for path in paths:
        response = client.get(path, **EVIL)
        assert response.status_code == 200, path
        body = b"".join(response) if response.streaming else response.content
        assert b"//localhost" not in body, path
        assert b"//testserver" not in body, path


# ---------------------------------------------------------------- 6. stored URLs on output
UNSAFE = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,x"]


@pytest.mark.parametrize("unsafe", UNSAFE)
def test_unsafe_stored_urls_are_never_links(client, content, unsafe):
    assert Quote.objects.update(source_url=unsafe)
    assert Organisation.objects.update(website=unsafe)
    assert Measure.objects.exclude(status_source="").update(status_source_url=unsafe)
    paths = [
        reverse("officers:index"),
        *(f.get_absolute_url() for f in FieldOfAction.objects.published()),
    ]
    paths += [e.get_absolute_url() for e in Event.objects.published()]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode().lower()
        assert "javascript:" not in text, path
        assert "data:text" not in text, path


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://kassel.de/x", "https://kassel.de/x"),
        ("http://kassel.de", "http://kassel.de"),
        ("mailto:a@kassel.de", "mailto:a@kassel.de"),
        ("tel:+49561", "tel:+49561"),
        ("javascript:alert(1)", ""),
        ("java\tscript:alert(1)", ""),
        ("vbscript:x", ""),
        ("data:text/html,x", ""),
        ("//evil.example/", ""),
        ("/relative", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_safe_url_allows_only_http_https_mailto_tel(value, expected):
    from kassel_integration.templatetags.portal import safe_url

    assert safe_url(value) == expected


def test_safe_stored_urls_are_still_links(client, content):
    Quote.objects.update(source_url="https://www.kassel.de/quelle")
    response = client.get(reverse("officers:index"))
    assert 'href="https://www.kassel.de/quelle"' in response.content.decode()


# ---------------------------------------------------------------- 9. small leaks
def test_sign_in_with_an_unsafe_next_lands_on_the_admin_index(client, db):
    get_user_model().objects.create_user(
        "redakteurin", password="ein-langes-passwort-123", is_staff=True
    )
    response = client.post(
        f"{ADMIN_LOGIN}?next=https://evil.example/",
        {"username": "redakteurin", "password": "ein-langes-passwort-123"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


@override_settings(PAGE_CACHE_SECONDS=600, EXPOSE_CACHE_STATUS=False)
def test_responses_do_not_reveal_the_cache(client, content):
    from kassel_integration.cache.pages import page_cache

    page_cache().clear()
    first = client.get("/de/")
    second = client.get("/de/")
    assert first.status_code == second.status_code == 200
    assert "X-Cache" not in first
    assert "X-Cache" not in second


def test_a_security_record_is_logged_in_one_line(client, db, caplog):
    client.get("/de/", HTTP_HOST="evil.example")
    (record,) = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert record.exc_info  # kept for other handlers
    assert OneLineClientErrorFormatter().format(record) == (
        "Invalid HTTP_HOST header: 'evil.example'. "
        "You may need to add 'evil.example' to ALLOWED_HOSTS."
    )


@pytest.mark.parametrize(
    "path",
    ["/static/staticfiles.json", "/static/staticfiles.json.gz", "/static/staticfiles.json.br"],
)
def test_the_static_manifest_is_not_served(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert_security_headers(response)
