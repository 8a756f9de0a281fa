"""The admin's top error box names each field with an error (label, language tab, inline row)."""

import pytest
from bs4 import BeautifulSoup

from tests.events.factories import EventFactory
from tests.kassel_integration.admin_helpers import ADMIN, form_data, member
from tests.languages import LANGUAGES

pytestmark = pytest.mark.django_db

EXPECTED = {
    "de": (
        "Bitte die unten aufgeführten Fehler korrigieren.",
        [
            "Titel, Reiter „Deutsch“: Dieses Feld ist zwingend erforderlich.",
            "Programm, Zeile 1: Titel, Reiter „Deutsch“: Dieses Feld ist zwingend erforderlich.",
        ],
    ),
    "en": (
        "Please correct the errors below.",
        [
            "Title, tab “Deutsch”: This field is required.",
            "Programme, row 1: Title, tab “Deutsch”: This field is required.",
        ],
    ),
    "sl": (
        "Prosim popravite spodnji napaki.",
        [
            "Naslov, zavihek „Deutsch“: To polje je obvezno.",
            "Program, vrstica 1: Naslov, zavihek „Deutsch“: To polje je obvezno.",
        ],
    ),
}


def summary(response):
    box = BeautifulSoup(response.content, "html.parser").select_one(".error-summary")
    return (
        box.p.get_text(strip=True),
        [" ".join(li.get_text().split()) for li in box.select("li")],
        [a["href"] for a in box.select("a")],
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_error_box_names_the_fields_their_tab_and_row(client, django_user_model, language):
    client.force_login(member(django_user_model, "Editors"))
    event = EventFactory(title_de="Runder Tisch")
    url = f"{ADMIN}events/event/{event.pk}/change/"
    data = form_data(client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode())
    data["title_de"] = ""
    data.update(
        {
            "programme_items-TOTAL_FORMS": "1",
            "programme_items-0-order": "1",
            "programme_items-0-kind": data.get("programme_items-__prefix__-kind", "talk"),
            "programme_items-0-title_de": "",
        }
    )
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    title, entries, links = summary(response)
    assert (title, entries) == EXPECTED[language]
    assert links == ["#id_title_de", "#id_programme_items-0-title_de"]
    # Django's bare note is hidden by the stylesheet, not duplicated in the text.
    assert 'href="/static/admin_extra/error_summary.css"' in response.content.decode()
