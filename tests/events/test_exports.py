"""iCal downloads and feed, schema.org JSON-LD and the Atom feed, parsed back."""

import datetime
import json
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils.translation import override

from events.models import Event
from tests.events.factories import EventFactory, RegistrationEventFactory, RegistrationFactory

BERLIN = ZoneInfo("Europe/Berlin")
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
pytestmark = pytest.mark.django_db


def berlin(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


def parse_ical(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


# ------------------------------------------------------------ iCal


def test_event_ics_parses_with_berlin_time_zone_and_stable_uid(client, content):
    path = "/en/events/round-table-on-integration-2024/event.ics"
    first = client.get(path)
    assert first["Content-Disposition"] == (
        'attachment; filename="round-table-on-integration-2024.ics"'
    )
    calendar = parse_ical(first)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Stadt Kassel//Integrationsportal//DE"
    [vevent] = calendar.walk("VEVENT")
    event = Event.objects.get(slug_de="runder-tisch-integration-2024")
    assert str(vevent["UID"]) == f"{event.uid}@integration.kassel.de"
    start = vevent.decoded("DTSTART")
    assert start == berlin(2024, 7, 11, 9, 30)
    assert start.utcoffset() == datetime.timedelta(hours=2)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert vevent.decoded("DTEND") == berlin(2024, 7, 11, 15, 30)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(vevent["SUMMARY"]) == "Runder Tisch Integration 2024"
    assert vevent["SUMMARY"].params["LANGUAGE"] == "en"
    assert str(vevent["LOCATION"]) == "Bürgersaal (civic hall), Kassel Town Hall, Kassel"
    assert str(vevent["URL"]) == "http://testserver/en/events/round-table-on-integration-2024/"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert vevent.decoded("DTSTAMP").tzinfo is not None
    # A second download is byte for byte the same: same UID, same DTSTAMP.
    assert client.get(path).content == first.content


def test_event_ics_is_in_the_language_of_the_url(client, content):
    de = parse_ical(client.get("/de/veranstaltungen/runder-tisch-integration-2024/event.ics"))
    sl = parse_ical(client.get("/sl/dogodki/okrogla-miza-o-integraciji-2024/event.ics"))
    [de_event], [sl_event] = de.walk("VEVENT"), sl.walk("VEVENT")
    assert str(de_event["LOCATION"]) == "Bürgersaal im Rathaus Kassel, Kassel"
    assert str(sl_event["LOCATION"]) == "Bürgersaal (dvorana), mestna hiša Kassel, Kassel"
    assert str(de_event["DESCRIPTION"]).startswith("Fachforum im Bürgersaal des Rathauses")
    assert de_event["UID"] == sl_event["UID"]


def test_date_only_event_exports_dates_without_time(client, content):
    calendar = parse_ical(client.get("/de/veranstaltungen/runder-tisch-integration-2025/event.ics"))
    [vevent] = calendar.walk("VEVENT")
    assert vevent["DTSTART"].params["VALUE"] == "DATE"
    assert vevent.decoded("DTSTART") == datetime.date(2025, 7, 3)
    # DTEND is exclusive for dates (RFC 5545 3.6.1).
    assert vevent.decoded("DTEND") == datetime.date(2025, 7, 4)
    assert "LOCATION" not in vevent
    assert (
        b"T0000"
        not in client.get(
            "/de/veranstaltungen/runder-tisch-integration-2025/event.ics"
        ).content.split(b"BEGIN:VEVENT")[1]
    )


@time_machine.travel(berlin(2025, 1, 1), tick=False)
def test_calendar_feed_contains_only_upcoming_events(client, content):
    response = client.get("/de/veranstaltungen/calendar.ics")
    assert response["Content-Disposition"] == 'inline; filename="calendar.ics"'
    calendar = parse_ical(response)
    assert str(calendar["X-WR-CALNAME"]) == (
        "Veranstaltungen der Integrationsbeauftragten der Stadt Kassel"
    )
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Runder Tisch Integration 2025"]
    uid = str(calendar.walk("VEVENT")[0]["UID"])
    again = parse_ical(client.get("/en/events/calendar.ics"))
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [uid]


@time_machine.travel(berlin(2030, 1, 1), tick=False)
def test_calendar_feed_marks_cancelled_events(client, db):
    EventFactory(
        title_en="Cancelled talk",
        start=berlin(2030, 2, 1, 18),
        event_status=Event.EventStatus.CANCELLED,
    )
    [vevent] = parse_ical(client.get("/en/events/calendar.ics")).walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["SUMMARY"]) == "Cancelled: Cancelled talk"


# ------------------------------------------------------------ JSON-LD


def json_ld(client, path):
    response = client.get(path)
    assert response.status_code == 200
    scripts = BeautifulSoup(response.content, "html.parser").find_all(
        "script", type="application/ld+json"
    )
    # The site may add other structured data (breadcrumbs); the page has one Event.
    events = [data for s in scripts if (data := json.loads(s.string))["@type"] == "Event"]
    assert len(events) == 1
    return events[0], response.content.decode()


def test_json_ld_of_the_2024_round_table(client, content):
    data, _html = json_ld(client, "/en/events/round-table-on-integration-2024/")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Runder Tisch Integration 2024"
    assert data["url"] == "http://testserver/en/events/round-table-on-integration-2024/"
    assert data["startDate"] == "2024-07-11T09:30:00+02:00"
    assert data["endDate"] == "2024-07-11T15:30:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["inLanguage"] == "de"
    assert data["location"] == {
        "@type": "Place",
        "name": "Bürgersaal (civic hall), Kassel Town Hall",
        "address": {"@type": "PostalAddress", "addressLocality": "Kassel", "addressCountry": "DE"},
    }
    assert [o["name"] for o in data["organizer"]] == [
        "Office for Equal Opportunities (Amt für Chancengleichheit)",
        "Caritasverband Nordhessen-Kassel",
        "Diakonisches Werk Region Kassel",
        "Internationaler Bund",
        "Kulturzentrum Schlachthof (cultural centre)",
    ]
    assert all(o["@type"] == "Organization" for o in data["organizer"])
    assert [p["name"] for p in data["performer"]] == ["Dr. Norbert Wett", "Claire Deery"]
    assert data["superEvent"] == {
        "@type": "EventSeries",
        "name": "Runder Tisch Integration (Round Table on Integration)",
        "url": "http://testserver/en/events/series/round-table-on-integration/",
    }


def test_json_ld_of_the_2025_round_table_claims_no_time_and_only_the_city(client, content):
    data, _html = json_ld(client, "/de/veranstaltungen/runder-tisch-integration-2025/")
    # Only the day is known: it starts and ends on it, without a time.
    assert data["startDate"] == "2025-07-03"
    assert data["endDate"] == "2025-07-03"
    # The venue is not published: schema.org still gets a location, the city.
    assert data["location"] == {
        "@type": "Place",
        "name": "Kassel",
        "address": {"@type": "PostalAddress", "addressLocality": "Kassel", "addressCountry": "DE"},
    }
    assert "offers" not in data  # no online registration
    assert data["organizer"] == [
        {
            "@type": "Person",
            "name": "Alena Schütz",
            "jobTitle": "Integrationsbeauftragte der Stadt Kassel",
        }
    ]
    assert [p["name"] for p in data["performer"]] == ["Elis Schmeer"]


@pytest.mark.parametrize(
    ("event_status", "expected"),
    [
        (Event.EventStatus.CANCELLED, "https://schema.org/EventCancelled"),
        (Event.EventStatus.POSTPONED, "https://schema.org/EventPostponed"),
    ],
)
def test_json_ld_event_status(client, db, event_status, expected):
    event = EventFactory(event_status=event_status)
    data, _html = json_ld(client, event.get_absolute_url())
    assert data["eventStatus"] == expected


def test_json_ld_cannot_break_out_of_its_script_element(client, db):
    nasty = "</script><script>alert(1)</script> & <!--"
    event = EventFactory(title_de=nasty, summary_de=nasty)
    data, html = json_ld(client, event.get_absolute_url())
    assert data["name"] == nasty
    blocks = [
        part.split("</script>")[0] for part in html.split('<script type="application/ld+json">')[1:]
    ]
    assert blocks
    for block in blocks:
        assert "<" not in block
        assert ">" not in block
        assert "&" not in block
    assert "\\u003C/script\\u003E" in blocks[0]


# ------------------------------------------------------------ Atom


def atom(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


@time_machine.travel(berlin(2026, 1, 1), tick=False)
@pytest.mark.parametrize(
    ("language", "path", "title", "report_title"),
    [
        (
            "de",
            "/de/veranstaltungen/feed.atom",
            "Veranstaltungen der Integrationsbeauftragten der Stadt Kassel",
            "Nachbericht: Runder Tisch Integration 2024",
        ),
        (
            "sl",
            "/sl/dogodki/feed.atom",
            "Dogodki pooblaščenke za integracijo mesta Kassel",
            "Poročilo: Runder Tisch Integration 2024",
        ),
    ],
)
def test_atom_feed_per_language(client, content, language, path, title, report_title):
    root = atom(client, path)
    assert root.tag == f"{ATOM}feed"
    assert root.get(XML_LANG) == language
    assert root.findtext(f"{ATOM}title") == title
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == f"http://testserver{path}"
    assert root.findtext(f"{ATOM}id") == f"http://testserver{path}"
    assert root.findtext(f"{ATOM}updated")
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    by_title = {e.findtext(f"{ATOM}title"): e for e in entries}
    entry = by_title[report_title]
    event = Event.objects.get(slug_de="runder-tisch-integration-2024")
    assert entry.findtext(f"{ATOM}id") == f"urn:uuid:{event.uid}"
    with_lang = {"de": event.slug_de, "sl": event.slug_sl}[language]
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/{with_lang}/")
    assert entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}published")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert "120" in summary.text
    for element in entries:
        assert element.findtext(f"{ATOM}id")
        assert element.find(f"{ATOM}link").get("href").startswith("http://testserver/")


@time_machine.travel(berlin(2030, 1, 1), tick=False)
def test_atom_feed_announces_upcoming_events(client, db):
    event = EventFactory(title_de="Sommerfest", summary_de="Alle sind eingeladen.")
    [entry] = atom(client, "/de/veranstaltungen/feed.atom").findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Sommerfest"
    assert entry.findtext(f"{ATOM}summary") == "Alle sind eingeladen."
    assert entry.findtext(f"{ATOM}id") == f"urn:uuid:{event.uid}"


@pytest.mark.parametrize("path", ["/en/events/calendar.ics", "/en/events/feed.atom", "/en/events/"])
def test_head_requests_are_answered(client, content, path):
    assert client.head(path).status_code == 200


# ------------------------------------------------------------ JSON-LD: offers, location (issue 19)


@time_machine.travel(berlin(2030, 1, 1, 12), tick=False)
@pytest.mark.parametrize(
    ("taken", "availability"),
    [(0, "https://schema.org/InStock"), (2, "https://schema.org/SoldOut")],
    ids=["places-left", "full"],
)
def test_json_ld_offers_the_open_registration(client, db, taken, availability):
    event = RegistrationEventFactory(
        capacity=2,
        start=berlin(2030, 3, 1, 18),
        registration_deadline=berlin(2030, 2, 25, 23, 59),
        publish_from=berlin(2029, 12, 1, 8),
    )
    for _ in range(taken):
        RegistrationFactory(event=event)
    data, _html = json_ld(client, event.get_absolute_url())
    assert data["offers"] == {
        "@type": "Offer",
        "url": f"http://testserver{event.get_registration_url()}",
        "price": 0,
        "priceCurrency": "EUR",
        "availability": availability,
        "validFrom": "2029-12-01T08:00:00+01:00",
        "validThrough": "2030-02-25T23:59:00+01:00",
    }
    assert data["endDate"] == "2030-03-01T20:00:00+01:00"


@time_machine.travel(berlin(2030, 1, 1, 12), tick=False)
def test_json_ld_offer_without_deadline_runs_until_the_start(client, db):
    event = RegistrationEventFactory(start=berlin(2030, 3, 1, 18))
    data, _html = json_ld(client, event.get_absolute_url())
    assert data["offers"]["validThrough"] == "2030-03-01T18:00:00+01:00"
    # Its page went online unscheduled: when registration opened is not known.
    assert "validFrom" not in data["offers"]


@pytest.mark.parametrize(
    "when",
    [berlin(2030, 2, 26), berlin(2030, 3, 2)],
    ids=["after-the-deadline", "after-the-event"],
)
def test_json_ld_offers_nothing_once_registration_has_closed(client, db, when):
    event = RegistrationEventFactory(
        start=berlin(2030, 3, 1, 18), registration_deadline=berlin(2030, 2, 25, 23, 59)
    )
    with time_machine.travel(when, tick=False):
        data, _html = json_ld(client, event.get_absolute_url())
    assert "offers" not in data


def test_json_ld_offers_nothing_without_online_registration(client, db):
    data, _html = json_ld(client, EventFactory().get_absolute_url())
    assert "offers" not in data


def test_json_ld_location_is_the_city_while_the_venue_is_unpublished(client, db):
    data, _html = json_ld(client, EventFactory(venue=None).get_absolute_url())
    assert data["location"] == {
        "@type": "Place",
        "name": "Kassel",
        "address": {"@type": "PostalAddress", "addressLocality": "Kassel", "addressCountry": "DE"},
    }


def test_json_ld_every_event_of_the_shipped_content_has_a_location_and_an_end(client, content):
    for event in Event.objects.published():
        for language in ("de", "en", "sl"):
            with override(language):
                path = event.get_absolute_url()
            data, _html = json_ld(client, path)
            assert data["location"]["@type"] == "Place"
            assert data["location"]["address"]["addressLocality"] == "Kassel"
            assert data["endDate"] >= data["startDate"]
