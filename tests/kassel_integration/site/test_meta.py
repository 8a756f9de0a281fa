"""Breadcrumbs with schema.org markup, description and Open Graph tags, security.txt."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from events.models import Event
from kassel_integration.models import SiteSettings
from tests.events.factories import EventFactory
from tests.languages import LANGUAGES

SITE_DESCRIPTION = {
    "de": "Die Integrationsbeauftragte der Stadt Kassel",
    "en": "The Integration Officer of the City of Kassel: her tasks",
    "sl": "Pooblaščenka za integracijo mesta Kassel",
}


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def og(soup, prop):
    return [tag["content"] for tag in soup.find_all("meta", property=prop)]


def breadcrumb_list(soup):
    scripts = [
        json.loads(tag.string)
        for tag in soup.find_all("script", type="application/ld+json")
        if json.loads(tag.string)["@type"] == "BreadcrumbList"
    ]
    assert len(scripts) == 1
    return scripts[0]


def url(name, language, **kwargs):
    with override(language):
        return reverse(name, kwargs=kwargs)


# ---------------------------------------------------------------- breadcrumbs
@pytest.mark.parametrize("language", LANGUAGES)
def test_event_page_has_breadcrumb_list_matching_the_visible_trail(client, content, language):
    event = Event.objects.get(slug_de="runder-tisch-integration-2025")
    with override(language):
        path = event.get_absolute_url()
        title = event.title
        series = event.series
        series_title, series_url = series.title, series.get_absolute_url()
    soup = soup_of(client.get(path))
    data = breadcrumb_list(soup)
    assert data["@context"] == "https://schema.org"
    home = {"de": "Startseite", "en": "Home", "sl": "Domača stran"}[language]
    events = {"de": "Veranstaltungen", "en": "Events", "sl": "Dogodki"}[language]
    assert data["itemListElement"] == [
        {
            "@type": "ListItem",
            "position": 1,
            "name": home,
            "item": f"http://testserver/{language}/",
        },
        {
            "@type": "ListItem",
            "position": 2,
            "name": events,
            "item": f"http://testserver{url('events:index', language)}",
        },
        {
            "@type": "ListItem",
            "position": 3,
            "name": series_title,
            "item": f"http://testserver{series_url}",
        },
        {"@type": "ListItem", "position": 4, "name": title, "item": f"http://testserver{path}"},
    ]
    visible = [li.get_text(strip=True) for li in soup.select("nav.breadcrumbs li")]
    assert visible == [item["name"] for item in data["itemListElement"]]


def test_breadcrumb_json_cannot_close_its_script_element(client, db):
    event = EventFactory(title_de="</script><script>alert(1)</script> & <!--")
    html = client.get(event.get_absolute_url()).content.decode()
    blocks = [
        block.split("</script>")[0]
        for block in html.split('<script type="application/ld+json">')[1:]
    ]
    (json_text,) = [block for block in blocks if '"BreadcrumbList"' in block]
    assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in json_text
    assert "\\u0026 \\u003C!--" in json_text
    data = json.loads(json_text)
    assert data["itemListElement"][-1]["name"] == "</script><script>alert(1)</script> & <!--"


def test_home_page_has_no_breadcrumbs(client, content):
    soup = soup_of(client.get("/de/"))
    assert soup.select("nav.breadcrumbs") == []
    assert soup.find("script", type="application/ld+json") is None


@pytest.mark.parametrize(
    ("name", "crumb"),
    [
        ("barrier-report", "Report a barrier"),
        ("barrier-report-thanks", "Thank you"),
        ("imprint", "Imprint"),
        ("search", "Site search"),
    ],
)
def test_portal_pages_have_breadcrumbs(client, content, name, crumb):
    soup = soup_of(client.get(url(name, "en")))
    assert soup.select("nav.breadcrumbs li")[-1].get_text(strip=True) == crumb
    assert breadcrumb_list(soup)["itemListElement"][-1]["name"] == crumb


def test_not_found_page_has_breadcrumbs(client, db):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select("nav.breadcrumbs li")[-1].get_text(strip=True) == "Page not found"


# ---------------------------------------------------------------- description and Open Graph
@pytest.mark.parametrize("language", LANGUAGES)
def test_open_graph_on_an_event(client, content, language):
    event = Event.objects.get(slug_de="runder-tisch-integration-2025")
    with override(language):
        path = event.get_absolute_url()
        summary, title = event.summary, event.title
    assert summary
    soup = soup_of(client.get(path))
    assert og(soup, "og:title") == [title]
    assert og(soup, "og:description") == [summary]
    assert og(soup, "og:url") == [f"http://testserver{path}"]
    assert og(soup, "og:url") == [soup.find("link", rel="canonical")["href"]]
    locales = {"de": "de_DE", "en": "en_GB", "sl": "sl_SI"}
    assert og(soup, "og:locale") == [locales[language]]
    assert og(soup, "og:locale:alternate") == [
        locales[code] for code in LANGUAGES if code != language
    ]
    assert og(soup, "og:type") == ["website"]
    assert og(soup, "og:site_name") == [soup.title.get_text().rsplit(" – ", 1)[1]]
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
    # The event page writes its own description: there must be exactly one.
    descriptions = soup.find_all("meta", attrs={"name": "description"})
    assert [d["content"] for d in descriptions] == [summary]


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_uses_the_site_name_and_one_description(client, content, language):
    soup = soup_of(client.get(f"/{language}/"))
    site_name = soup.title.get_text().rsplit(" – ", 1)[1]
    assert og(soup, "og:title") == [site_name]
    descriptions = soup.find_all("meta", attrs={"name": "description"})
    assert len(descriptions) == 1
    assert og(soup, "og:description") == [descriptions[0]["content"]]
    assert descriptions[0]["content"].startswith(SITE_DESCRIPTION[language])


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_without_their_own_text_get_the_site_description(client, content, language):
    soup = soup_of(client.get(url("imprint", language)))
    descriptions = soup.find_all("meta", attrs={"name": "description"})
    assert len(descriptions) == 1
    assert descriptions[0]["content"].startswith(SITE_DESCRIPTION[language])
    assert og(soup, "og:title") == [soup.h1.get_text()]


@pytest.mark.parametrize(
    "name", ["home", "officers:index", "concept:index", "events:index", "search", "privacy"]
)
def test_every_page_has_exactly_one_description(client, content, name):
    for language in LANGUAGES:
        soup = soup_of(client.get(url(name, language)))
        assert len(soup.find_all("meta", attrs={"name": "description"})) == 1
        assert len(og(soup, "og:description")) == 1
        assert og(soup, "og:description")[0]


def test_description_is_plain_text_and_truncated(client, db):
    event = EventFactory(summary_de="", description_de="<p>" + "Wort " * 100 + "</p>")
    soup = soup_of(client.get(event.get_absolute_url()))
    (description,) = og(soup, "og:description")
    assert "<p>" not in description
    assert description.startswith("Wort Wort")
    assert len(description) <= 200
    assert description.endswith("…")


def test_no_third_party_resources_in_the_head(client, content):
    soup = soup_of(client.get("/en/"))
    for tag in soup.find_all(["script", "link", "img", "iframe"]):
        for attribute in ("src", "href"):
            value = tag.get(attribute, "")
            assert not value.startswith("http") or value.startswith("http://testserver"), value


# ---------------------------------------------------------------- the search form in the header
@pytest.mark.parametrize("name", ["home", "imprint", "events:index", "concept:index"])
def test_every_page_has_a_labelled_search_form(client, content, name):
    soup = soup_of(client.get(url(name, "de")))
    (form,) = soup.select('form[role="search"]')
    assert form["action"] == "/de/suche/"
    assert form["method"] == "get"
    field = form.find("input", attrs={"name": "q"})
    assert field["type"] == "search"
    assert field["maxlength"] == "200"
    label = form.find("label", attrs={"for": field["id"]})
    assert label.get_text(strip=True) == "Website durchsuchen"
    assert form.find("button").get_text(strip=True) == "Suchen"


def test_print_stylesheet_is_linked_for_print_only(client, content):
    soup = soup_of(client.get("/de/"))
    (link,) = [tag for tag in soup.find_all("link", rel="stylesheet") if "print" in tag["href"]]
    assert link["media"] == "print"


# ---------------------------------------------------------------- security.txt
def test_security_txt_is_missing_until_staff_set_a_contact(client, db):
    assert client.get("/.well-known/security.txt").status_code == 404
    SiteSettings.objects.create()
    assert client.get("/.well-known/security.txt").status_code == 404


def test_security_txt_follows_rfc_9116(client, db):
    before = timezone.now()
    SiteSettings.objects.create(
        security_email="it-sicherheit@example.org", security_url="https://example.org/melden"
    )
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    fields = [line.split(": ", 1) for line in lines]
    assert fields[0] == ["Contact", "mailto:it-sicherheit@example.org"]
    assert fields[1] == ["Contact", "https://example.org/melden"]
    assert fields[2][0] == "Expires"
    expires = datetime.datetime.strptime(fields[2][1], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.UTC
    )
    assert (
        before + datetime.timedelta(days=364)
        < expires
        <= timezone.now() + datetime.timedelta(days=365)
    )
    assert fields[3:] == [
        ["Preferred-Languages", "de, en, sl"],
        ["Canonical", "http://testserver/.well-known/security.txt"],
    ]


def test_settings_are_a_single_row(db):
    SiteSettings.objects.create(security_email="a@example.org")
    SiteSettings(security_email="b@example.org").save()
    assert SiteSettings.objects.count() == 1
    assert SiteSettings.current().security_email == "b@example.org"


def test_staff_set_the_contact_in_the_admin(admin_client, client):
    add_url = reverse("admin:kassel_integration_sitesettings_add")
    response = admin_client.post(add_url, {"security_email": "sicherheit@example.org"})
    assert response.status_code == 302
    assert admin_client.get(add_url).status_code == 403  # only one row
    change_url = reverse("admin:kassel_integration_sitesettings_change", args=[1])
    page = admin_client.get(change_url)
    assert page.status_code == 200
    assert (
        "delete"
        not in BeautifulSoup(page.content, "html.parser")
        .select_one("div.submit-row")
        .get_text(" ")
        .lower()
    )
    text = client.get("/.well-known/security.txt").content.decode()
    assert "Contact: mailto:sicherheit@example.org\n" in text
    response = admin_client.post(change_url, {"security_url": "http://example.org/"})
    assert response.status_code == 200  # refused: only https
    assert "security_url" in response.context["adminform"].form.errors


def test_printed_pages_carry_their_address(client, content):
    soup = soup_of(client.get("/en/imprint/"))
    assert soup.select_one("footer .print-only").get_text() == (
        "Address of this page: http://testserver/en/imprint/"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/de/integrationskonzept/sport-und-gesundheit/",
        "/en/integration-concept/sport-and-health/",
        "/sl/pooblascenka-za-integracijo/",
        "/en/events/series/round-table-on-integration/",
        "/de/veranstaltungen/runder-tisch-integration-2024/",
    ],
)
def test_every_content_page_has_exactly_one_non_empty_meta_description(client, content, path):
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    descriptions = soup.find_all("meta", attrs={"name": "description"})
    assert len(descriptions) == 1
    assert len(descriptions[0]["content"].strip()) > 20
