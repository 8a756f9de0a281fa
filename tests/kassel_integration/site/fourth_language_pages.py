"""The portal with a fourth, right-to-left language (Arabic) added only in the settings.

Run by test_fourth_language.py in a process of its own with tests.settings_rtl
(modeltranslation reads the languages when the apps load). No content is
translated into Arabic: every text falls back to German, marked as such.
"""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse
from django.utils.translation import override

from concept.models import Document, FieldOfAction
from events.models import Event, EventSeries
from kassel_integration.content import languages
from officers.models import Office
from tests.browser import open_page

if "ar" not in dict(settings.LANGUAGES):
    pytest.skip("needs tests.settings_rtl (see test_fourth_language.py)", allow_module_level=True)

NOTICE = "Dieser Text ist noch nicht auf Arabisch verfügbar."


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The schema comes from the models here, so add what only a migration makes.

    The search index's full-text structures (an FTS5 table and its triggers, or
    the tsvector column and GIN index) are written in SQL by migration 0010; an
    office that adds a language runs that migration like every other.
    """
    migration = importlib.import_module("kassel_integration.migrations.0010_search_index")
    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        migration.create_full_text(django_apps, editor)


def arabic(name, **kwargs):
    with override("ar"):
        return reverse(name, kwargs=kwargs or None)


def url_of(obj):
    with override("ar"):
        return obj.get_absolute_url()


def page_urls():
    """Every public page type, in Arabic; the pages with content say so."""
    field = FieldOfAction.objects.published().order_by("number").first()
    event = Event.objects.published().order_by("start").first()
    series = EventSeries.objects.published().order_by("pk").first()
    return {
        "home": (arabic("home"), 200, True),  # the apps' home sections show content
        "officer page": (arabic("officers:index"), 200, True),
        "concept overview": (arabic("concept:index"), 200, True),
        "field of action": (url_of(field), 200, True),
        "events list": (arabic("events:index"), 200, True),
        "event page": (url_of(event), 200, True),
        "series page": (url_of(series), 200, True),
        "imprint": (arabic("imprint"), 200, True),
        "privacy policy": (arabic("privacy"), 200, True),
        "accessibility statement": (arabic("accessibility"), 200, True),
        "search": (arabic("search") + "?q=Integration", 200, False),
        "barrier report": (arabic("barrier-report"), 200, False),
        "contact form": (arabic("officers:contact"), 200, False),
        "contact form sent": (arabic("officers:contact-thanks"), 200, False),
        "not found": (arabic("home") + "gibt-es-nicht/", 404, False),
    }


def nearest_direction(element):
    """The dir in force for `element`: its own or its closest ancestor's (<html> at last)."""
    for node in [element, *element.parents]:
        if node.has_attr("dir"):
            return node["dir"]
    return None


def test_every_page_type_is_arabic_right_to_left_with_german_fallbacks_marked(client, content):
    for label, (path, status, has_content) in page_urls().items():
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="ar")
        assert response.status_code == status, label
        soup = BeautifulSoup(response.content, "html.parser")
        html = soup.find("html")
        assert (html["lang"], html["dir"]) == ("ar", "rtl"), label
        notices = soup.select(".fallback-notice")
        if has_content:
            # No text is translated into Arabic: the page says so once per
            # section, in German (no Arabic interface texts), marked as German.
            assert notices, label
            for notice in notices:
                assert notice.get_text(strip=True) == NOTICE, label
                [text] = notice.select("span")
                assert (text["lang"], text["dir"]) == ("de", "ltr"), label
            assert soup.select("main [lang=de][dir=ltr]:not(.fallback-notice span)"), label
        else:
            assert notices == [], label
        # Every text in a left-to-right language keeps its direction on the Arabic page.
        for element in soup.select("body [lang]"):
            wanted = languages.direction(element["lang"])
            assert nearest_direction(element) == wanted, (label, str(element)[:200])


def test_language_links_metadata_and_switcher_include_arabic(client, content):
    response = client.get(arabic("events:index"))
    soup = BeautifulSoup(response.content, "html.parser")
    hreflangs = [link["hreflang"] for link in soup.select("link[rel=alternate][hreflang]")]
    assert hreflangs == ["de", "x-default", "en", "sl", "ar"]
    [default] = soup.select("link[hreflang=x-default]")
    assert default["href"] == soup.select_one("link[hreflang=de]")["href"]
    assert soup.select_one("meta[property='og:locale']")["content"] == "ar_AR"
    alternates = [m["content"] for m in soup.select("meta[property='og:locale:alternate']")]
    assert alternates == ["de_DE", "en_GB", "sl_SI"]
    switcher = {
        a["hreflang"]: (a.get("lang"), a.get("dir"), a.get_text(strip=True))
        for a in soup.select(".language-switcher a")
    }
    assert switcher == {
        "de": ("de", "ltr", "Deutsch"),
        "en": ("en", "ltr", "English"),
        "sl": ("sl", "ltr", "Slovenščina"),
        "ar": ("ar", None, "العربية"),
    }
    # On a German page the Arabic name is the one that runs the other way.
    with override("de"):
        soup = BeautifulSoup(client.get(reverse("events:index")).content, "html.parser")
    assert soup.select_one("html")["dir"] == "ltr"
    assert soup.select_one(".language-switcher a[hreflang=ar]")["dir"] == "rtl"
    assert soup.select_one(".language-switcher a[hreflang=de]").get("dir") is None


def test_admin_change_form_has_the_arabic_fields(admin_client, content):
    office = Office.objects.get()
    path = reverse("admin:officers_office_change", args=[office.pk])
    response = admin_client.get(path, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert (soup.find("html")["lang"], soup.find("html")["dir"]) == ("ar", "rtl")
    for name in ("title", "lead", "description", "contact_note", "accessible_arrival"):
        names = {field["name"] for field in soup.select(f"[name^={name}_]")}
        assert names == {f"{name}_de", f"{name}_en", f"{name}_sl", f"{name}_ar"}, name


def test_translation_dashboard_counts_arabic_as_missing(admin_client, content):
    path = reverse("admin:kassel_integration_translationstate_changelist")
    soup = BeautifulSoup(admin_client.get(path, HTTP_ACCEPT_LANGUAGE="de").content, "html.parser")
    options = [o["value"] for o in soup.select("#filter-language option") if o["value"]]
    assert options == ["en", "sl", "ar"]
    rows = {
        row.th.get_text(strip=True): {td["data-state"]: int(td.get_text()) for td in row("td")}
        for row in soup.select(".translation-counts tbody tr")
    }
    assert list(rows) == ["Englisch", "Slowenisch", "Arabisch"]
    assert rows["Arabisch"]["complete"] == 0
    assert rows["Arabisch"]["missing"] > 0


def test_arabic_has_its_translator_group_and_document_language(db):
    group = Group.objects.get(name="Translators (Arabic)")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"translate_interface_ar", "view_translationstate", "change_office"} <= codenames
    assert "translate_interface_de" not in codenames
    with override("de"):
        assert dict(Document._meta.get_field("language").choices)["ar"] == "Arabisch"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [320, 1280])
def test_arabic_pages_are_laid_out_right_to_left(page, live_server, content, width):
    page.set_viewport_size({"width": width, "height": 900})
    event = Event.objects.published().order_by("start").first()
    for path in (arabic("home"), url_of(event)):
        open_page(page, f"{live_server.url}{path}")
        # Nothing pushes the page sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        if width < 768:  # the navigation is in the header's menu on small screens
            page.locator(".site-menu-button").click()
        # Rows run from the right: the main navigation starts at the right edge.
        first, second = (page.locator(".main-nav li").nth(i).bounding_box() for i in (0, 1))
        if first["y"] == second["y"]:
            assert first["x"] > second["x"], path
        else:  # wrapped on a narrow screen: the first still sits at the right
            assert first["x"] + first["width"] > second["x"] + second["width"] - 1, path
    # The fallback notice's bar stands at the start of the line: the right in Arabic.
    notice = page.locator(".fallback-notice").first
    assert notice.evaluate("e => getComputedStyle(e).borderRightWidth") == "4px"
    assert notice.evaluate("e => getComputedStyle(e).borderLeftWidth") == "0px"
    # The German text in it still reads left to right.
    assert notice.locator("span").evaluate("e => getComputedStyle(e).direction") == "ltr"
