"""Every date and time input of the admin has a name of its own for screen readers."""

import pytest
from bs4 import BeautifulSoup

from tests.events.factories import EventFactory
from tests.kassel_integration.admin_helpers import ADMIN
from tests.languages import LANGUAGES

pytestmark = pytest.mark.django_db

NAMES = {
    "de": ["Beginn, Datum", "Beginn, Uhrzeit", "Ende, Datum", "Ende, Uhrzeit"],
    "en": ["Start, Date", "Start, Time", "End, Date", "End, Time"],
    "sl": ["Začetek, Datum", "Začetek, Čas", "Konec, Datum", "Konec, Čas"],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_date_and_time_inputs_are_named_after_their_field(admin_client, language):
    event = EventFactory()
    response = admin_client.get(
        f"{ADMIN}events/event/{event.pk}/change/", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    names = [
        soup.select_one(f"#id_{name}")["aria-label"]
        for name in ("start_0", "start_1", "end_0", "end_1")
    ]
    assert names == NAMES[language]
    unnamed = [
        field["id"] for field in soup.select("p.datetime input") if not field.get("aria-label")
    ]
    assert unnamed == []
    assert len(soup.select("p.datetime input")) == 10  # start, end, deadline, publish from/until
