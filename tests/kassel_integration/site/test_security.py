"""Security baseline: headers, cookies, and bad input that must never become a 500."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

CONTENT_PAGES = ["/de/", "/en/", "/sl/", "/de/impressum/", "/en/privacy/", "/sl/dostopnost/"]
EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def csp_directives(header):
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def assert_security_headers(response):
    assert csp_directives(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Permissions-Policy"].startswith("accelerometer=(), camera=(), geolocation=()")


@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_content_pages_send_security_headers_and_no_cookie(client, content, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_security_headers(response)
    assert "Set-Cookie" not in response.headers
    assert dict(response.cookies) == {}


def test_hsts_on_secure_requests(client, content):
    response = client.get("/de/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.parametrize(("path", "status"), [("/de/gibt-es-nicht/", 404), ("/de/?q=%00", 400)])
def test_error_pages_send_security_headers(client, content, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert_security_headers(response)


def test_admin_login_sends_security_headers(client, db):
    response = client.get("/verwaltung/login/")
    assert response.status_code == 200
    assert_security_headers(response)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/fr/", 404),
        ("/xx/impressum/", 404),
        ("/de/gibt-es-nicht/", 404),
        ("/de/" + "a" * 5000 + "/", 404),
        ("/de/../../etc/passwd", 404),
        ("/de/..%2f..%2fetc%2fpasswd", 404),
        ("/static/../kassel_integration/settings.py", 404),
        ("/static/..%2fkassel_integration%2fsettings.py", 404),
        ("/de/%ff%fe/", 404),
        ("/de/?q=%00", 400),
        ("/de/impressum/?x=a%00b", 400),
        ("/de/?q=%ff%fe", 400),
        ("/de/?q=%C3%28", 400),
    ],
)
def test_bad_paths_answer_4xx(client, content, path, status):
    response = client.get(path)
    assert response.status_code == status


def test_bad_host_header_answers_400_in_layout(client, content):
    response = client.get("/de/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "title"),
    [("de", "Seite nicht gefunden"), ("en", "Page not found"), ("sl", "Strani ni mogoče najti")],
)
def test_404_page_is_translated_and_in_layout(client, content, language, title):
    response = client.get(f"/{language}/does-not-exist/")
    assert response.status_code == 404
    body = response.content.decode()
    assert f'<html lang="{language}"' in body
    assert f"<h1>{title}</h1>" in body
    assert 'class="skip-link"' in body


def database_down():
    def fail(*args, **kwargs):
        raise OperationalError("connection refused")

    return mock.patch.object(CursorWrapper, "execute", fail)


def test_healthz_503_when_database_is_down(client, db):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


def test_pages_answer_503_with_friendly_page_when_database_is_down(client, content):
    with database_down():
        response = client.get("/en/imprint/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "<h1>Temporarily unavailable</h1>" in response.content.decode()


def test_csrf_required_on_barrier_report(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/en/accessibility/report-a-barrier/", {"description": "x"})
    assert response.status_code == 403
    assert "<h1>The form could not be sent</h1>" in response.content.decode()


@pytest.mark.parametrize("method", ["put", "delete", "patch", "options", "trace"])
def test_other_methods_answer_405(client, content, method):
    response = getattr(client, method)("/de/impressum/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
