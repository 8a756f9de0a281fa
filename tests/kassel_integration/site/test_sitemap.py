"""sitemap.xml lists every public page in every language with hreflang alternates."""

import xml.etree.ElementTree as ET

from django.utils.translation import override

from events.models import Event
from tests.languages import LANGUAGES

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def parse(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_sitemap_lists_pages_in_three_languages_with_alternates(client, content):
    root = parse(client)
    urls = {u.find("sm:loc", NS).text: u for u in root.findall("sm:url", NS)}
    for path in ("/de/", "/en/", "/sl/", "/de/impressum/", "/en/imprint/", "/sl/impresum/"):
        assert f"http://testserver{path}" in urls
    imprint = urls["http://testserver/en/imprint/"]
    alternates = {
        link.get("hreflang"): link.get("href") for link in imprint.findall("xhtml:link", NS)
    }
    assert alternates == {
        "de": "http://testserver/de/impressum/",
        "en": "http://testserver/en/imprint/",
        "sl": "http://testserver/sl/impresum/",
        "x-default": "http://testserver/de/impressum/",
    }


def test_sitemap_lists_each_published_event_in_its_language(client, content):
    root = parse(client)
    locations = {u.find("sm:loc", NS).text for u in root.findall("sm:url", NS)}
    events = list(Event.objects.published())
    assert events
    for event in events:
        for language in LANGUAGES:
            with override(language):
                assert f"http://testserver{event.get_absolute_url()}" in locations


def test_sitemap_never_lists_a_draft(client, content):
    event = Event.objects.published().first()
    with override("de"):
        path = event.get_absolute_url()
    event.status = Event.Status.DRAFT
    event.save()
    locations = {u.find("sm:loc", NS).text for u in parse(client).findall("sm:url", NS)}
    assert f"http://testserver{path}" not in locations
