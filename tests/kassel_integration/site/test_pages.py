"""Every foundation page answers in every language with the right language markup."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.translation import override

from tests.languages import LANGUAGES

PAGES = [
    "home",
    "imprint",
    "privacy",
    "accessibility",
    "barrier-report",
    "officers:index",
    "concept:index",
    "events:index",
]

EXPECTED_PATHS = {
    ("imprint", "de"): "/de/impressum/",
    ("imprint", "en"): "/en/imprint/",
    ("imprint", "sl"): "/sl/impresum/",
    ("accessibility", "de"): "/de/barrierefreiheit/",
    ("accessibility", "sl"): "/sl/dostopnost/",
    ("events:index", "de"): "/de/veranstaltungen/",
    ("events:index", "en"): "/en/events/",
    ("events:index", "sl"): "/sl/dogodki/",
}


def url(name, language):
    with override(language):
        return reverse(name)


@pytest.mark.parametrize(("name", "language"), sorted(EXPECTED_PATHS))
def test_urls_are_translated(name, language):
    assert url(name, language) == EXPECTED_PATHS[(name, language)]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_language_markup_and_alternates(client, content, name, language):
    path = url(name, language)
    response = client.get(path)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    assert soup.html["dir"] == "ltr"
    assert len(soup.find_all("h1")) == 1
    alternates = {
        link["hreflang"]: link["href"]
        for link in soup.find_all("link", rel="alternate", hreflang=True)
    }
    assert alternates == {
        "de": f"http://testserver{url(name, 'de')}",
        "en": f"http://testserver{url(name, 'en')}",
        "sl": f"http://testserver{url(name, 'sl')}",
        "x-default": f"http://testserver{url(name, 'de')}",
    }
    assert soup.find("link", rel="canonical")["href"] == f"http://testserver{path}"
    switcher = soup.select("nav.language-switcher a")
    assert [(a["lang"], a["hreflang"], a["href"]) for a in switcher] == [
        (code, code, url(name, code)) for code in LANGUAGES
    ]
    assert [a.get("aria-current") for a in switcher] == [
        "true" if code == language else None for code in LANGUAGES
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_targets_answer_in_their_language(client, content, language):
    soup = BeautifulSoup(client.get(url("imprint", language)).content, "html.parser")
    for link in soup.select("nav.language-switcher a"):
        target = client.get(link["href"])
        assert target.status_code == 200
        assert BeautifulSoup(target.content, "html.parser").html["lang"] == link["lang"]


def test_skip_link_is_first_and_targets_main(client, content):
    soup = BeautifulSoup(client.get("/de/").content, "html.parser")
    first_link = soup.body.find("a")
    assert first_link.get_text(strip=True) == "Zum Hauptinhalt springen"
    assert first_link["href"] == "#main"
    assert soup.find("main")["id"] == "main"


@pytest.mark.parametrize(
    ("accept", "target"),
    [("en-GB,en;q=0.9", "/en/"), ("sl", "/sl/"), ("fr-FR", "/de/"), ("", "/de/")],
)
def test_root_redirects_by_accept_language(client, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    ("language", "title", "snippet"),
    [
        ("de", "Impressum", "Amt für Chancengleichheit – Integrationsbeauftragte der Stadt Kassel"),
        ("en", "Imprint", "Integration Officer of the City of Kassel"),
        ("sl", "Impresum", "pooblaščenka za integracijo mesta Kassel"),
    ],
)
def test_imprint_content(client, content, language, title, snippet):
    response = client.get(url("imprint", language))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == title
    assert snippet in soup.main.get_text(" ", strip=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_accessibility_statement_names_feedback_and_enforcement(client, content, language):
    soup = BeautifulSoup(client.get(url("accessibility", language)).content, "html.parser")
    text = soup.main.get_text(" ", strip=True)
    assert "HVBIT" in text
    assert soup.main.find("a", href="https://lbit.hessen.de/") is not None
    assert soup.main.find("a", href=url("barrier-report", language)) is not None


@pytest.mark.parametrize("language", LANGUAGES)
def test_footer_links_legal_pages(client, content, language):
    soup = BeautifulSoup(client.get(url("home", language)).content, "html.parser")
    legal_links = [a["href"] for a in soup.select("footer nav.footer-legal a")]
    assert legal_links == [
        url(n, language) for n in ("imprint", "privacy", "accessibility", "barrier-report")
    ]
    # Besides them, the footer holds the contact form, the way to the office and the sections.
    assert [a["href"] for a in soup.select("footer a")] == [
        url(n, language)
        for n in (
            "officers:contact",
            "officers:index",
            "concept:index",
            "events:index",
            "search",
            "imprint",
            "privacy",
            "accessibility",
            "barrier-report",
        )
    ]


def test_healthz_ok_for_any_host_over_plain_http(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_robots_txt_points_to_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_legal_page_body_is_sanitised(client, content):
    from kassel_integration.models import LegalPage

    page = LegalPage.objects.get(kind="imprint")
    page.body_de = '<p onclick="x()">Hallo<script>alert(1)</script></p><img src=x onerror=alert(1)>'
    page.save()
    page.refresh_from_db()
    assert page.body_de == "<p>Hallo</p>"
    # The breadcrumbs' JSON-LD is data, never executed; any other script would be injected.
    html = client.get("/de/impressum/").content.decode()
    assert re.search(r'<script(?! type="application/ld\+json">)|onerror|onclick', html) is None
    assert html.count('<script type="application/ld+json">') == 1
