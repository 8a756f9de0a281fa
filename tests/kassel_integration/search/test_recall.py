"""Recall: what people type, and the page that must be among the first ten results.

Per language the words a person would type: compound parts, inflected forms,
plurals, transliterations, typos, several words. Run on SQLite and on
PostgreSQL (DATABASE_URL=postgres://…); both must find the same pages.
"""

from urllib.parse import urldefrag

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils.translation import override

from concept.models import FieldOfAction
from events.models import Event, EventSeries

OFFICE = "office"
CONCEPT = "concept"
ROUND_TABLE = ("series", "runder-tisch-integration")
ROUND_TABLE_2025 = ("event", "runder-tisch-integration-2025")
EDUCATION_AND_LANGUAGE = ("field", 1)
SPORT = ("field", 3)
LABOUR_MARKET = ("field", 4)

# (query, what it tries, the page it must find)
RECALL = {
    "de": [
        ("Sprache", "part of a compound (Sprachförderung)", EDUCATION_AND_LANGUAGE),
        ("Arbeit", "part of a compound (Arbeitsmarkt)", LABOUR_MARKET),
        ("Arbeitsmärkte", "plural with umlaut", LABOUR_MARKET),
        ("Schuetz", "umlaut written out", OFFICE),
        ("schutz", "umlaut left out", OFFICE),
        ("Sprachbarrieren", "plural of a compound", OFFICE),
        ("Integrationsberichte", "plural", CONCEPT),
        ("Integrationskonzpet", "typo", CONCEPT),
        ("Sprahförderung", "typo", EDUCATION_AND_LANGUAGE),
        ("Runder Tisch", "two words", ROUND_TABLE),
        ("Teilhabe Arbeitsmarkt", "two words", LABOUR_MARKET),
    ],
    "en": [
        ("round table", "the English name of the Runder Tisch", ROUND_TABLE),
        ("round tables", "plural", ROUND_TABLE),
        ("labour markets", "plural, two words", LABOUR_MARKET),
        ("language", "first word of “language support”", EDUCATION_AND_LANGUAGE),
        ("Schuetz", "umlaut written out", OFFICE),
        ("Kazakhstan", "a country named in a biography", OFFICE),
        ("integration concepts", "plural, two words", CONCEPT),
        ("Integration Oficer", "typo", OFFICE),
        ("langauge support", "swapped letters", EDUCATION_AND_LANGUAGE),
        ("workshop", "singular of “workshops”", ROUND_TABLE_2025),
    ],
    "sl": [
        ("integracija", "nominative", CONCEPT),
        ("integracijo", "accusative", CONCEPT),
        ("integraciji", "locative", CONCEPT),
        ("integracije", "genitive", CONCEPT),
        ("okrogla miza", "the Slovenian name of the Runder Tisch", ROUND_TABLE),
        ("okrogli mizi", "inflected, two words", ROUND_TABLE),
        ("trg dela", "two words", LABOUR_MARKET),
        ("sport", "without the accent (Šport)", SPORT),
        ("Kazahstana", "genitive of a name", OFFICE),
        ("pooblascenka", "without accents (pooblaščenka)", OFFICE),
        ("integarcija", "typo", CONCEPT),
        ("Schuetz", "umlaut written out", OFFICE),
    ],
}
CASES = [(language, *case) for language, cases in RECALL.items() for case in cases]


@pytest.fixture(scope="module")
def shipped_content(django_db_setup, django_db_blocker):
    """The Kassel content, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_kassel_content", verbosity=0)
        yield
        transaction.set_rollback(True)


def page_url(language, page):
    with override(language):
        if page == OFFICE:
            return reverse("officers:index")
        if page == CONCEPT:
            return reverse("concept:index")
        kind, key = page
        if kind == "field":
            return FieldOfAction.objects.get(number=key).get_absolute_url()
        if kind == "series":
            return EventSeries.objects.get(slug_de=key).get_absolute_url()
        return Event.objects.get(slug_de=key).get_absolute_url()


def first_ten_pages(client, language, query):
    with override(language):
        url = reverse("search")
    soup = BeautifulSoup(client.get(url, {"q": query}).content, "html.parser")
    links = [a["href"] for a in soup.select(".search-hit-title a")][:10]
    return [urldefrag(link).url for link in links]


def test_every_language_has_at_least_eight_queries():
    assert {language: len(cases) >= 8 for language, cases in RECALL.items()} == {
        "de": True,
        "en": True,
        "sl": True,
    }


@pytest.mark.parametrize(
    ("language", "query", "tries", "page"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_the_page_is_among_the_first_ten_results(
    client, shipped_content, db, language, query, tries, page
):
    assert page_url(language, page) in first_ten_pages(client, language, query), tries
