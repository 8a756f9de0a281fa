"""What independent checkers look at besides the pages' HTML (issue 19, "Standards").

`/favicon.ico` answers, `robots.txt` does not name the admin's path, and no
page title repeats itself ("X – X"). The validators themselves (Nu Html
Checker, ical.js) run in tests/quality/test_validators.py.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.templatetags.static import static
from django.test import override_settings

from tests.languages import LANGUAGES

pytestmark = pytest.mark.django_db


def test_favicon_ico_answers_with_the_portals_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.svg")
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response.cookies == {}
    assert client.head("/favicon.ico").status_code == 302
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.parametrize("admin_path", ["verwaltung/", "staff-only-4711/"])
def test_robots_txt_does_not_reveal_the_admin(client, settings, admin_path):
    settings.ADMIN_URL_PATH = admin_path
    with override_settings(SITE_URL="https://integration.kassel.de"):
        body = client.get("/robots.txt").content.decode()
    assert body == (
        "User-agent: *\nDisallow:\nSitemap: https://integration.kassel.de/sitemap.xml\n"
    )
    assert admin_path.strip("/") not in body


def test_the_admin_still_tells_robots_to_stay_out(client):
    response = client.get("/verwaltung/login/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "NONE,NOARCHIVE"


def crawl(client, starts, limit=300):
    """Every page reachable by links from `starts`: {path: title}."""
    titles, todo = {}, list(starts)
    while todo and len(titles) < limit:
        path = todo.pop(0)
        if path in titles:
            continue
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            titles[path] = None
            continue
        soup = BeautifulSoup(response.content, "html.parser")
        titles[path] = soup.title.get_text()
        for link in soup.find_all("a", href=True):
            href = link["href"].split("#")[0]
            if re.match(r"^/(de|en|sl)/", href) and "?" not in href and href not in titles:
                todo.append(href)
    return {path: title for path, title in titles.items() if title is not None}


def test_no_page_title_repeats_itself(client, content):
    titles = crawl(client, [f"/{language}/" for language in LANGUAGES])
    # Every kind of page was seen, in every language.
    for path in (
        "/de/integrationsbeauftragte/",
        "/en/integration-officer/",
        "/sl/pooblascenka-za-integracijo/",
        "/en/events/round-table-on-integration-2024/",
        "/sl/koncept-integracije/",
        "/de/impressum/",
    ):
        assert path in titles
    repeated = {
        path: title
        for path, title in titles.items()
        if len(parts := [p.strip() for p in title.split(" – ")]) != len(set(parts))
    }
    assert repeated == {}


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/de/integrationsbeauftragte/", "Über das Amt – Integrationsbeauftragte der Stadt Kassel"),
        (
            "/en/integration-officer/",
            "About the office – Integration Officer of the City of Kassel",
        ),
        (
            "/sl/pooblascenka-za-integracijo/",
            "O uradu – Pooblaščenka za integracijo mesta Kassel",
        ),
    ],
)
def test_the_officer_page_title_names_the_page_and_the_site_once(client, content, path, title):
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    assert soup.title.get_text() == title
