"""Nothing unfinished is shown to the public: no editor's placeholder, no empty section.

The shipped legal pages still hold the editors' notes that the facts missing
from the source texts will be added; the admin's start page lists them
(tests/kassel_integration/editorial/test_gaps.py), the public pages leave them out.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.translation import override

from kassel_integration.content.placeholders import PHRASES
from kassel_integration.models import LegalPage
from tests.languages import LANGUAGES

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["home", "imprint", "privacy", "accessibility", "officers:index", "officers:contact"]

IMPRINT = {
    "de": [
        "Herausgeberin",
        "Stadt Kassel, Amt für Chancengleichheit – Integrationsbeauftragte der Stadt Kassel",
        "Inhalte",
        "Die Inhalte dieser Website werden von der Integrationsbeauftragten der Stadt Kassel und "
        "dem Amt für Chancengleichheit gepflegt.",
    ],
    "en": [
        "Publisher",
        "City of Kassel, Amt für Chancengleichheit (Office for Equal Opportunities) – "
        "Integration Officer of the City of Kassel",
        "Content",
        "The content of this website is maintained by the Integration Officer of the City of "
        "Kassel and the Amt für Chancengleichheit.",
    ],
    "sl": [
        "Izdajatelj",
        "Mesto Kassel, Amt für Chancengleichheit (Urad za enake možnosti) – pooblaščenka za "
        "integracijo mesta Kassel",
        "Vsebina",
        "Vsebino tega spletnega mesta urejata pooblaščenka za integracijo mesta Kassel in Amt "
        "für Chancengleichheit.",
    ],
}
CONTROLLER = {
    "de": "Verantwortlich ist die Stadt Kassel.",
    "en": "The controller is the City of Kassel.",
    "sl": "Upravljavec je mesto Kassel.",
}


def soup_of(client, name, language):
    with override(language):
        response = client.get(reverse(name))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def blocks(soup):
    article = soup.main.find("article")
    return [el.get_text(" ", strip=True) for el in article.find_all(["h2", "p"])]


@pytest.mark.parametrize("language", LANGUAGES)
def test_imprint_shows_what_exists_and_no_placeholder(client, content, language):
    shown = blocks(soup_of(client, "imprint", language))
    assert shown[: len(IMPRINT[language])] == IMPRINT[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_privacy_keeps_the_rest_of_the_paragraph_around_a_placeholder(client, content, language):
    shown = blocks(soup_of(client, "privacy", language))
    assert shown[1] == CONTROLLER[language]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_no_public_page_shows_an_editors_placeholder(client, content, name, language):
    text = " ".join(soup_of(client, name, language).get_text().split())
    for phrase in PHRASES:
        assert phrase not in text
    for unfinished in ("noch keine eingetragen", "Noch keine eingetragen", "not yet published"):
        assert unfinished not in text


def test_the_stored_legal_page_keeps_the_placeholder_for_staff(client, content):
    soup_of(client, "imprint", "de")
    body = LegalPage.objects.get(kind="imprint").body_de
    assert "werden von der Redaktion hier ergänzt" in " ".join(body.split())


@pytest.mark.parametrize(("name", "count"), [("imprint", 4), ("privacy", 1), ("accessibility", 1)])
def test_legal_page_query_counts(client, content, django_assert_num_queries, name, count):
    # The page; on the imprint also the contact box: the office, its hours, their exceptions.
    with override("de"):
        path = reverse(name)
    with django_assert_num_queries(count):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_imprint_offers_the_contact_form_while_the_office_has_no_contact_data(
    client, content, language
):
    soup = soup_of(client, "imprint", language)
    box = soup.main.select_one("section.contact-box")
    assert box["aria-labelledby"] == "imprint-contact-heading"
    assert [a["href"] for a in box.find_all("a")] == [
        {
            "de": "/de/integrationsbeauftragte/schreiben/",
            "en": "/en/integration-officer/write/",
            "sl": "/sl/pooblascenka-za-integracijo/pisite/",
        }[language]
    ]
