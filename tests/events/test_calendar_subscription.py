"""Subscribing to the calendar, and a calendar with no events (issue 19).

The events page offers a `webcal:` link (the calendar app subscribes), the
download, and the calendar's address to copy into an app. Past event pages
keep their .ics link. RFC 5545 (3.6): a calendar holds at least one
component, so one without events still carries the time zone.
"""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import override_settings

from tests.events.factories import EventFactory
from tests.languages import LANGUAGES

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db

EVENTS = {"de": "/de/veranstaltungen/", "en": "/en/events/", "sl": "/sl/dogodki/"}
TEXTS = {
    "de": (
        "Kommende Veranstaltungen in Ihrer Kalender-App abonnieren (webcal)",
        "Kommende Veranstaltungen herunterladen (.ics-Datei)",
        "Adresse des Kalenders, zum Kopieren in Ihre Kalender-App:",
    ),
    "en": (
        "Subscribe to upcoming events in your calendar app (webcal)",
        "Download upcoming events (.ics file)",
        "Calendar address, to copy into your calendar app:",
    ),
    "sl": (
        "Naročite se na prihodnje dogodke v svoji koledarski aplikaciji (webcal)",
        "Prenesite prihodnje dogodke (datoteka .ics)",
        "Naslov koledarja, ki ga kopirate v svojo koledarsko aplikacijo:",
    ),
}
PAST_LINK = {
    "de": "Kalendereintrag der Veranstaltung (.ics-Datei)",
    "en": "Calendar entry of this event (.ics file)",
    "sl": "Vnos dogodka za koledar (datoteka .ics)",
}


def berlin(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


@override_settings(SITE_URL="https://integration.kassel.de")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_events_page_offers_webcal_download_and_the_address_to_copy(client, language):
    response = client.get(EVENTS[language], HTTP_HOST="localhost")
    soup = BeautifulSoup(response.content, "html.parser")
    items = soup.select("ul.event-subscribe > li")
    subscribe, download, address = TEXTS[language]
    calendar = f"{EVENTS[language]}calendar.ics"

    webcal = items[0].a
    assert webcal.get_text(strip=True) == subscribe
    # From SITE_URL, never the request's Host.
    assert webcal["href"] == f"webcal://integration.kassel.de{calendar}"

    assert items[1].a.get_text(strip=True) == download
    assert items[1].a["href"] == calendar
    assert items[1].a["download"] == "calendar.ics"

    label = items[2].label
    assert label.get_text(strip=True) == address
    field = soup.find(id=label["for"])
    assert field.name == "input"
    assert field["type"] == "url"
    assert field.has_attr("readonly")
    assert field["value"] == f"https://integration.kassel.de{calendar}"
    # The address answers with the calendar itself.
    feed = client.get(calendar)
    assert feed.status_code == 200
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"


@override_settings(SITE_URL="http://127.0.0.1:8000")
def test_webcal_keeps_the_port_of_a_local_install(client):
    soup = BeautifulSoup(client.get("/en/events/").content, "html.parser")
    assert soup.select_one("ul.event-subscribe a")["href"] == (
        "webcal://127.0.0.1:8000/en/events/calendar.ics"
    )


@time_machine.travel(berlin(2026, 1, 1), tick=False)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_past_event_keeps_its_ics_link(client, content, language):
    paths = {
        "de": "/de/veranstaltungen/runder-tisch-integration-2024/",
        "en": "/en/events/round-table-on-integration-2024/",
        "sl": "/sl/dogodki/okrogla-miza-o-integraciji-2024/",
    }
    soup = BeautifulSoup(client.get(paths[language]).content, "html.parser")
    [link] = soup.select('a[href$="/event.ics"]')
    assert link.get_text(strip=True) == PAST_LINK[language]
    assert link["href"] == paths[language] + "event.ics"
    download = client.get(link["href"])
    assert download.status_code == 200
    [vevent] = icalendar.Calendar.from_ical(download.content).walk("VEVENT")
    assert vevent["DTSTART"].dt == berlin(2024, 7, 11, 9, 30)


@time_machine.travel(berlin(2031, 6, 1), tick=False)
def test_a_calendar_without_events_still_holds_a_component(client, db):
    EventFactory(start=berlin(2030, 1, 1, 10))  # over: not in the calendar of upcoming events
    response = client.get("/en/events/calendar.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar.walk("VEVENT") == []
    [timezone] = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/Berlin"
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]
    # Its rules cover the time around now: summer and winter time of 2031.
    transitions = {str(c["TZNAME"]) for c in timezone.subcomponents}
    assert transitions == {"CET", "CEST"}
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert "BEGIN:VTIMEZONE\r\n" in body
    # The same download twice is the same file.
    assert client.get("/en/events/calendar.ics").content == response.content


@time_machine.travel(berlin(2029, 6, 1), tick=False)
def test_a_calendar_with_events_has_one_time_zone_and_its_events(client, db):
    EventFactory(title_en="Talk", start=berlin(2030, 1, 1, 10))
    calendar = icalendar.Calendar.from_ical(client.get("/en/events/calendar.ics").content)
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE", "VEVENT"]
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == "Talk"
