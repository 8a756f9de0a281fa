"""The events list, series and event pages: split by time, filters, states, redirects."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.translation import override

from events.models import Event, EventQuote, EventSeries, Registration
from tests.events.factories import (
    EventFactory,
    EventSeriesFactory,
    LanguageFactory,
    ProgrammeItemFactory,
    RegistrationEventFactory,
    RegistrationFactory,
    VenueFactory,
)
from tests.factories import FieldOfActionFactory, OrganisationFactory, PersonFactory, QuoteFactory
from tests.languages import LANGUAGES

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


def berlin(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


def url(name, language, **kwargs):
    with override(language):
        return reverse(name, kwargs=kwargs or None)


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def titles(soup, section_id):
    heading = soup.find(id=section_id)
    if heading is None:
        return None
    section = heading.find_parent("section")
    return [h.get_text(strip=True) for h in section.select(".event-card h3")]


# ------------------------------------------------------------ upcoming vs past


@time_machine.travel(berlin(2025, 1, 15, 12), tick=False)
def test_index_splits_upcoming_and_past_by_current_time(client, content):
    soup = soup_of(client.get(url("events:index", "de")))
    assert titles(soup, "upcoming-heading") == ["Runder Tisch Integration 2025"]
    assert titles(soup, "past-heading") == ["Runder Tisch Integration 2024"]
    assert soup.find(id="upcoming-heading").get_text(strip=True) == "Kommende Veranstaltungen"
    assert soup.find(id="past-heading").get_text(strip=True) == (
        "Vergangene Veranstaltungen (Archiv)"
    )


@time_machine.travel(berlin(2025, 7, 3, 23, 30), tick=False)
def test_date_only_event_stays_upcoming_until_the_end_of_its_day(client, content):
    soup = soup_of(client.get(url("events:index", "de")))
    assert titles(soup, "upcoming-heading") == ["Runder Tisch Integration 2025"]


@time_machine.travel(berlin(2025, 7, 4, 0, 0, 1), tick=False)
def test_after_both_round_tables_everything_is_archive(client, content):
    soup = soup_of(client.get(url("events:index", "en")))
    section = soup.find(id="upcoming-heading").find_parent("section")
    assert section.select(".event-card") == []
    assert "No upcoming events have been announced yet." in section.get_text()
    assert titles(soup, "past-heading") == [
        "Runder Tisch Integration 2025",
        "Runder Tisch Integration 2024",
    ]


@time_machine.travel(berlin(2030, 1, 1), tick=False)
def test_upcoming_soonest_first_past_latest_first(client, db):
    series = EventSeriesFactory()
    for title, start in [
        ("Bald", berlin(2030, 2, 1, 10)),
        ("Später", berlin(2030, 6, 1, 10)),
        ("Gestern", berlin(2029, 12, 31, 10)),
        ("Lange her", berlin(2020, 1, 1, 10)),
    ]:
        EventFactory(title_de=title, start=start, series=series)
    soup = soup_of(client.get(url("events:index", "de")))
    assert titles(soup, "upcoming-heading") == ["Bald", "Später"]
    assert titles(soup, "past-heading") == ["Gestern", "Lange her"]


# ------------------------------------------------------------ filters and pagination


@pytest.fixture
def filter_data(db):
    german = LanguageFactory(code="de", name_de="Deutsch")
    arabic = LanguageFactory(code="ar", name_de="Arabisch", name_en="Arabic", name_sl="arabščina")
    field_1 = FieldOfActionFactory(number=1)
    field_4 = FieldOfActionFactory(number=4)
    rt = EventSeriesFactory(title_de="Runder Tisch", slug_de="rt", slug_en="rt-en", slug_sl="rt-sl")
    woche = EventSeriesFactory(title_de="Woche", slug_de="woche")
    EventFactory(
        title_de="RT 2024", series=rt, start=berlin(2024, 7, 11, 9), fields_of_action=[field_4]
    )
    EventFactory(
        title_de="RT 2025",
        series=rt,
        start=berlin(2025, 7, 3, 9),
        fields_of_action=[field_1, field_4],
    )
    EventFactory(
        title_de="Woche 2025",
        series=woche,
        start=berlin(2025, 9, 20, 9),
        languages=[german, arabic],
    )
    EventFactory(title_de="Einzeltermin", series=None, start=berlin(2025, 10, 1, 18))


def listed(client, query, language="de"):
    soup = soup_of(client.get(url("events:index", language) + query))
    return sorted(h.get_text(strip=True) for h in soup.select(".event-card h3"))


@time_machine.travel(berlin(2026, 1, 1), tick=False)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Einzeltermin", "RT 2024", "RT 2025", "Woche 2025"]),
        ("?series=rt", ["RT 2024", "RT 2025"]),
        ("?series=woche", ["Woche 2025"]),
        ("?series=other", ["Einzeltermin"]),
        ("?field=4", ["RT 2024", "RT 2025"]),
        ("?field=1", ["RT 2025"]),
        ("?year=2024", ["RT 2024"]),
        ("?year=2025&series=rt", ["RT 2025"]),
        ("?language=ar", ["Woche 2025"]),
        ("?language=de&year=2025&field=", ["Einzeltermin", "RT 2025", "Woche 2025"]),
    ],
)
def test_filters(client, filter_data, query, expected):
    assert listed(client, query) == expected


@time_machine.travel(berlin(2026, 1, 1), tick=False)
def test_series_filter_uses_the_slug_of_the_page_language(client, filter_data):
    assert listed(client, "?series=rt-en", language="en") == ["RT 2024", "RT 2025"]


@time_machine.travel(berlin(2026, 1, 1), tick=False)
@pytest.mark.parametrize(
    "query",
    [
        "?series=nonexistent",
        "?field=99",
        "?field=abc",
        "?year=1999",
        "?year=20x5",
        "?language=xx",
        "?page=abc",
        "?page=999",
        "?page=-1",
        "?series[]=1&year=",
        "?field=4.5&year=2025.0",
    ],
)
def test_invalid_filter_values_are_ignored(client, filter_data, query):
    response = client.get(url("events:index", "de") + query)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select(".event-card")) == 4


def test_null_byte_in_filter_is_a_client_error_not_a_server_error(client, filter_data):
    response = client.get(url("events:index", "de") + "?year=%00&series=%00")
    assert response.status_code in (200, 400)


@time_machine.travel(berlin(2026, 1, 1), tick=False)
def test_invalid_value_is_ignored_but_valid_ones_apply(client, filter_data):
    assert listed(client, "?series=nonexistent&year=2024") == ["RT 2024"]


@time_machine.travel(berlin(2026, 1, 1), tick=False)
def test_filter_form_is_a_plain_get_form_reflecting_the_url(client, filter_data):
    soup = soup_of(client.get(url("events:index", "en") + "?series=rt-en&year=2025"))
    form = soup.select_one(".event-filter form[method=get]")
    assert form["action"] == "/en/events/"
    assert form.select_one("#id_series option[selected]")["value"] == "rt-en"
    assert form.select_one("#id_year option[selected]")["value"] == "2025"
    assert [o["value"] for o in form.select("#id_year option")] == ["", "2025", "2024"]
    assert [o["value"] for o in form.select("#id_language option")] == ["", "ar", "de"]
    for select in form.select("select"):
        assert soup.find("label", attrs={"for": select["id"]}) is not None
    assert soup.find("a", string="Show all events")["href"] == "/en/events/"
    assert soup.select_one("#event-count").get_text(strip=True) == "1 event found."


@time_machine.travel(berlin(2026, 1, 1), tick=False)
def test_pagination_keeps_the_filter_and_marks_the_current_page(client, db):
    series = EventSeriesFactory(slug_de="reihe")
    for day in range(23):
        EventFactory(series=series, start=berlin(2025, 1, 1, 10) + datetime.timedelta(days=day))
    EventFactory(series=None, start=berlin(2025, 6, 1, 10))
    base = url("events:index", "de")
    soup = soup_of(client.get(base + "?series=reihe&page=2"))
    assert len(soup.select(".event-card")) == 10
    nav = soup.select_one("nav.pagination")
    assert nav["aria-label"] == "Seiten der Veranstaltungsliste"
    links = [
        (a.get_text(" ", strip=True), a["href"], a.get("aria-current")) for a in nav.select("a")
    ]
    assert links == [
        ("Vorherige Seite", "?series=reihe&page=1", None),
        ("Seite 1", "?series=reihe&page=1", None),
        ("Seite 2", "?series=reihe&page=2", "page"),
        ("Seite 3", "?series=reihe&page=3", None),
        ("Nächste Seite", "?series=reihe&page=3", None),
    ]
    last = soup_of(client.get(base + "?series=reihe&page=3"))
    assert len(last.select(".event-card")) == 3
    assert soup.select_one("#event-count").get_text(strip=True) == "23 Veranstaltungen gefunden."


QUERY_LANGUAGES = LANGUAGES


def languages(count):
    return [LanguageFactory(code=f"l{n}", name_de=f"Sprache {n}") for n in range(count)]


@pytest.mark.parametrize("language", QUERY_LANGUAGES)
@pytest.mark.parametrize("count", [1, 10])
def test_index_query_count_is_constant(client, django_assert_num_queries, count, language):
    fields = [FieldOfActionFactory(number=n) for n in (1, 2)]
    for i in range(count):
        EventFactory(
            start=berlin(2020, 1, 1, 10) + datetime.timedelta(days=40 * i),
            series=EventSeriesFactory(),
            fields_of_action=fields,
            languages=languages(count),
        )
    # filter choices (series, also listed on the page; fields, years, languages),
    # the page with its count and its events' languages
    with django_assert_num_queries(5):
        soup = soup_of(client.get(url("events:index", language) + "?page=1"))
    cards = soup.select(".event-card")
    assert len(cards) == count
    assert len(cards[0].select("dd")[-1].get_text().split(", ")) == count


@pytest.mark.parametrize("count", [1, 10])
def test_index_query_count_with_a_filter_and_a_later_page(client, django_assert_num_queries, count):
    series = EventSeriesFactory(slug_de="reihe")
    for i in range(10 + count):
        EventFactory(start=berlin(2020, 1, 1, 10) + datetime.timedelta(days=i), series=series)
    with django_assert_num_queries(5):
        soup = soup_of(client.get(url("events:index", "de") + "?series=reihe&page=2"))
    assert len(soup.select(".event-card")) == count
    assert soup.select_one("#event-count").get_text(strip=True) == (
        f"{10 + count} Veranstaltungen gefunden."
    )


@pytest.mark.parametrize("page", ["9", "99999999999999999999"])
def test_index_page_beyond_the_end_shows_the_last_page(client, page):
    for i in range(12):
        EventFactory(start=berlin(2020, 1, 1, 10) + datetime.timedelta(days=i))
    soup = soup_of(client.get(url("events:index", "de") + f"?page={page}"))
    assert len(soup.select(".event-card")) == 2
    assert soup.select_one("nav.pagination a[aria-current=page]").get_text(" ", strip=True) == (
        "Seite 2"
    )


@pytest.mark.parametrize("language", QUERY_LANGUAGES)
@pytest.mark.parametrize("count", [1, 10])
def test_series_query_count_is_constant(client, django_assert_num_queries, count, language):
    series = EventSeriesFactory()
    for i in range(count):
        EventFactory(
            start=berlin(2020, 1, 1, 10) + datetime.timedelta(days=40 * i),
            series=series,
            languages=languages(count),
        )
        EventFactory(start=berlin(2040, 1, 1, 10) + datetime.timedelta(days=i), series=series)
    with override(language):
        path = series.get_absolute_url()
    # the series, its events with their languages
    with django_assert_num_queries(2):
        soup = soup_of(client.get(path))
    assert len(titles(soup, "upcoming-heading")) == count
    assert len(titles(soup, "past-heading")) == count


@pytest.mark.parametrize("language", QUERY_LANGUAGES)
@pytest.mark.parametrize("count", [1, 10])
def test_event_query_count_is_constant(client, django_assert_num_queries, count, language):
    organisations = [OrganisationFactory() for _ in range(count)]
    event = RegistrationEventFactory(
        capacity=100,
        languages=languages(count),
        fields_of_action=[FieldOfActionFactory(number=n) for n in range(1, count + 1)],
        organiser=organisations[0],
        invited_by=PersonFactory(),
    )
    event.co_organisers.set(organisations)
    for _ in range(count):
        item = ProgrammeItemFactory(event=event)
        item.speakers.set([PersonFactory() for _ in range(count)])
        EventQuote.objects.create(event=event, quote=QuoteFactory())
        RegistrationFactory(event=event)
        RegistrationFactory(
            event=event, status=Registration.Status.WAITING, email_confirmed_at=event.start
        )
    with override(language):
        path = event.get_absolute_url()
    # the event with series, venue, organiser, languages and registration counts;
    # fields of action, partners, programme, speakers, quotes
    with django_assert_num_queries(6):
        soup = soup_of(client.get(path))
    assert len(soup.select(".programme-item")) == count
    assert len(soup.select("figure.quote")) == count
    left = 100 - 2 * count  # a confirmed place and a waiting-list entry each
    expected = {
        "de": f"Noch {left} Plätze frei (von 100).",
        "en": f"{left} places left (of 100).",
        "sl": f"Še {left} prostih mest (od 100).",
    }
    assert soup.select_one(".registration-status").get_text(" ", strip=True) == expected[language]


# ------------------------------------------------------------ series pages


@pytest.mark.parametrize(
    ("language", "slug", "heading"),
    [
        ("de", "interkulturelle-woche", "Interkulturelle Woche"),
        ("en", "intercultural-week", "Interkulturelle Woche (Intercultural Week)"),
        ("sl", "medkulturni-teden", "Interkulturelle Woche (medkulturni teden)"),
    ],
)
def test_intercultural_week_exists_without_dates(client, content, language, slug, heading):
    path = url("events:series", language, slug=slug)
    soup = soup_of(client.get(path))
    assert soup.h1.get_text(strip=True) == heading
    assert soup.select(".event-card") == []
    expected = {
        "de": "Es sind noch keine Termine angekündigt.",
        "en": "No dates have been announced yet.",
        "sl": "Termini še niso napovedani.",
    }[language]
    assert expected in soup.main.get_text(" ", strip=True)


@time_machine.travel(berlin(2026, 1, 1), tick=False)
def test_round_table_series_page_lists_its_events(client, content):
    soup = soup_of(client.get("/en/events/series/round-table-on-integration/"))
    text = soup.main.get_text(" ", strip=True)
    assert "annual interdisciplinary forum" in text
    assert "13 November 2013" in text
    past = soup.find(id="past-heading").find_parent("section")
    assert [h.get_text(strip=True) for h in past.select("h3")] == [
        "Runder Tisch Integration 2025",
        "Runder Tisch Integration 2024",
    ]


def test_series_path_is_translated(content):
    assert url("events:series", "de", slug="x") == "/de/veranstaltungen/reihen/x/"
    assert url("events:series", "sl", slug="x") == "/sl/dogodki/serije/x/"


# ------------------------------------------------------------ per-language slugs


@pytest.mark.parametrize(
    ("path", "target"),
    [
        (
            "/en/events/runder-tisch-integration-2024/",
            "/en/events/round-table-on-integration-2024/",
        ),
        (
            "/de/veranstaltungen/okrogla-miza-o-integraciji-2025/?x=1",
            "/de/veranstaltungen/runder-tisch-integration-2025/?x=1",
        ),
        ("/sl/dogodki/serije/interkulturelle-woche/", "/sl/dogodki/serije/medkulturni-teden/"),
    ],
)
def test_wrong_language_slug_redirects_permanently(client, content, path, target):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == target


def test_unknown_and_unpublished_events_are_404(client, db):
    draft = EventFactory(status=Event.Status.DRAFT)
    assert client.get(url("events:detail", "de", slug=draft.slug_de)).status_code == 404
    assert client.get(url("events:detail", "de", slug="gibt-es-nicht")).status_code == 404
    hidden = EventSeriesFactory(status=EventSeries.Status.DRAFT)
    assert client.get(url("events:series", "de", slug=hidden.slug_de)).status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_points_to_the_translated_event_slugs(client, content, language):
    soup = soup_of(client.get(url("events:detail", language, slug=slug_for(language))))
    switcher = [a["href"] for a in soup.select("nav.language-switcher a")]
    assert switcher == [
        "/de/veranstaltungen/runder-tisch-integration-2024/",
        "/en/events/round-table-on-integration-2024/",
        "/sl/dogodki/okrogla-miza-o-integraciji-2024/",
    ]


def slug_for(language):
    return {
        "de": "runder-tisch-integration-2024",
        "en": "round-table-on-integration-2024",
        "sl": "okrogla-miza-o-integraciji-2024",
    }[language]


# ------------------------------------------------------------ event pages


def facts(soup):
    return {
        div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True)
        for div in soup.select("dl.event-facts > div")
    }


@time_machine.travel(berlin(2026, 1, 1), tick=False)
def test_2024_event_page_in_german(client, content):
    soup = soup_of(client.get("/de/veranstaltungen/runder-tisch-integration-2024/"))
    assert len(soup.find_all("h1")) == 1
    assert soup.h1.get_text(strip=True) == "Runder Tisch Integration 2024"
    assert soup.select_one(".event-motto").get_text(" ", strip=True) == (
        "Kernfrage: Was ist gelungene Integration?"
    )
    assert soup.select_one(".event-notice-past").get_text(" ", strip=True) == (
        "Diese Veranstaltung ist vorbei. Zum Nachbericht"
    )
    shown = facts(soup)
    assert shown["Datum und Uhrzeit"] == (
        "Donnerstag, 11. Juli 2024 , ab 9:30 Uhr bis etwa 15:30 Uhr"
    )
    times = [t["datetime"] for t in soup.select("dl.event-facts time")]
    assert times == ["2024-07-11", "2024-07-11T09:30+02:00", "2024-07-11T15:30+02:00"]
    assert shown["Teilnehmende"] == "rund 120 Teilnehmende"
    assert shown["Veranstalter"] == "Amt für Chancengleichheit"
    assert shown["In Kooperation mit"] == (
        "Caritasverband Nordhessen-Kassel Diakonisches Werk Region Kassel "
        "Internationaler Bund Kulturzentrum Schlachthof"
    )
    # After the event, what was never published about the venue is left out.
    assert shown["Ort"] == "Bürgersaal im Rathaus Kassel Kassel"
    assert shown["Anmeldung"] == (
        "Um Anmeldung per E-Mail beim Amt für Chancengleichheit wurde gebeten."
    )
    programme = [li.h3.get_text(" ", strip=True) for li in soup.select("ol.programme > li")]
    assert programme == [
        "Begrüßung: Eröffnung durch Sozialdezernent Dr. Norbert Wett",
        "Hauptvortrag: JMD & MBE – Integrationsmotor für die Kommune?",
        "Arbeitsgruppen: Kernfrage „Was ist gelungene Integration?“",
        "Podiumsdiskussion: Erfahrungen mit den Beratungsdiensten von JMD und MBE",
    ]
    speakers = [p.get_text(" ", strip=True) for p in soup.select(".programme-speakers")]
    assert speakers == [
        "Mit: Dr. Norbert Wett, Sozialdezernent der Stadt Kassel",
        "Mit: Claire Deery, Rechtsanwältin, spezialisiert auf Migrationsrecht",
    ]
    quotes = soup.select("figure.quote")
    assert [q.select_one(".quote-speaker").get_text(strip=True) for q in quotes] == [
        "Dr. Norbert Wett",
        "Teslihan Ayalp",
    ]
    assert quotes[1].figcaption.get_text(" ", strip=True) == (
        "Teslihan Ayalp , Leiterin des Amtes für Chancengleichheit, Pressemitteilung der Stadt "
        "Kassel „Neue Impulse für die Migrationsarbeit in Kassel“, Juli 2024 , 11. Juli 2024"
    )
    assert (
        quotes[0]
        .blockquote.get_text(strip=True)
        .startswith(
            "Die Migrationsdienste in unserer Stadt leisten wichtige und unerlässliche Arbeit."
        )
    )
    assert quotes[0].find("cite") is not None
    # The quote was said in German: no "translated" note on the German page.
    assert quotes[0].select(".quote-note") == []
    assert quotes[0].blockquote["lang"] == "de"
    report = soup.find(id="report-heading").find_parent("section")
    assert [h.get_text(strip=True) for h in report.find_all("h3")] == [
        "Ergebnisse",
        "Nächste Schritte",
    ]
    assert "Anerkennungsberatung" in report.get_text()
    fields = soup.find(id="fields-heading").find_parent("section")
    assert [a["href"] for a in fields.select("a")] == [
        "/de/integrationskonzept/teilhabe-am-arbeitsmarkt/"
    ]
    # A past event keeps its calendar entry (a link, no longer the "add" button).
    link = soup.find("a", href=url("events:ics", "de", slug=slug_for("de")))
    assert link.get_text(strip=True) == "Kalendereintrag der Veranstaltung (.ics-Datei)"
    assert "button" not in link.get("class", [])


@time_machine.travel(berlin(2026, 1, 1), tick=False)
def test_2025_event_page_shows_no_false_time_or_venue(client, content):
    soup = soup_of(client.get("/en/events/round-table-on-integration-2025/"))
    shown = facts(soup)
    assert shown["Date and time"] == "Thursday 3 July 2025 (no time given)"
    assert [t["datetime"] for t in soup.select("dl.event-facts time")] == ["2025-07-03"]
    # Two years later, "not published" is no news: the venue is left out.
    assert "Venue" not in shown
    assert shown["Participants"] == "140 participants"
    assert shown["Invited by"] == "Alena Schütz, Integration Officer of the City of Kassel"
    assert soup.select_one(".event-motto").get_text(" ", strip=True) == (
        "Motto: Alle werden gebraucht und alle gehören dazu (Everyone is needed and everyone "
        "belongs)"
    )
    fields = soup.find(id="fields-heading").find_parent("section")
    assert len(fields.select("a")) == 6
    quotes = soup.select("figure.quote")
    assert [q.select_one(".quote-speaker").get_text(strip=True) for q in quotes] == [
        "Nicole Maisch",
        "Alena Schütz",
        "Nicole Maisch",
        "Teslihan Ayalp",
    ]
    assert quotes[0].blockquote["lang"] == "en"
    assert quotes[0].select_one(".quote-note").get_text(strip=True) == "Translated from German."


@time_machine.travel(berlin(2025, 6, 1), tick=False)
def test_upcoming_event_offers_calendar_and_hides_report(client, content):
    soup = soup_of(client.get("/sl/dogodki/okrogla-miza-o-integraciji-2025/"))
    assert soup.select(".event-notice") == []
    assert soup.find(id="report-heading") is None
    link = soup.find("a", href="/sl/dogodki/okrogla-miza-o-integraciji-2025/event.ics")
    assert link.get_text(strip=True) == "Dodaj v koledar (datoteka .ics)"
    assert facts(soup)["Udeleženci"] == "140 udeležencev"


@pytest.mark.parametrize(
    ("event_status", "css", "text"),
    [
        (
            Event.EventStatus.CANCELLED,
            "event-notice-cancelled",
            "Cancelled: This event has been cancelled.",
        ),
        (
            Event.EventStatus.POSTPONED,
            "event-notice-postponed",
            "Postponed: This event has been postponed. The new date will be announced here.",
        ),
    ],
)
@time_machine.travel(berlin(2030, 1, 1), tick=False)
def test_cancelled_and_postponed_states(client, db, event_status, css, text):
    event = EventFactory(start=berlin(2030, 3, 1, 18), event_status=event_status)
    soup = soup_of(client.get(url("events:detail", "en", slug=event.slug_en)))
    assert soup.select_one(f".{css}").get_text(" ", strip=True) == text
    card = soup_of(client.get(url("events:index", "en"))).select_one(".event-badge")
    assert card.get_text(strip=True) == event.get_event_status_display()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "Samstag, 1. März 2031 , 18:00 bis 20:00 Uhr"),
        ("en", "Saturday 1 March 2031 , 18:00 to 20:00"),
        ("sl", "sobota, 1. marca 2031 , od 18:00 do 20:00"),
    ],
)
def test_time_is_shown_in_berlin_time(client, db, language, expected):
    import zoneinfo

    # Stored as UTC; shown in Europe/Berlin (UTC+1 in March).
    start = datetime.datetime(2031, 3, 1, 17, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))
    event = EventFactory(start=start, end=start + datetime.timedelta(hours=2))
    soup = soup_of(client.get(url("events:detail", language, slug=slug_of(event, language))))
    dd = soup.select("dl.event-facts > div")[0].dd
    assert dd.get_text(" ", strip=True) == expected


def slug_of(event, language):
    return getattr(event, f"slug_{language}")


def test_multi_day_date_only_event(client, db):
    event = EventFactory(start=berlin(2031, 9, 20), end=berlin(2031, 9, 27), all_day=True)
    soup = soup_of(client.get(url("events:detail", "en", slug=event.slug_en)))
    dd = soup.select("dl.event-facts > div")[0].dd
    assert dd.get_text(" ", strip=True) == (
        "Saturday 20 September 2031 to Saturday 27 September 2031 (no time given)"
    )


@time_machine.travel(berlin(2029, 6, 1), tick=False)
@pytest.mark.parametrize("with_venue", [False, True])
def test_before_the_event_what_is_not_yet_known_about_the_venue_is_said(client, db, with_venue):
    event = EventFactory(venue=VenueFactory(name_en="Town hall") if with_venue else None)
    with override("en"):
        soup = soup_of(client.get(event.get_absolute_url()))
    assert facts(soup)["Venue"] == (
        "Town hall Kassel. The street address has not been published. Accessibility: No "
        "information on accessibility has been published yet."
        if with_venue
        else "The venue has not been published."
    )


@time_machine.travel(berlin(2031, 6, 1), tick=False)
@pytest.mark.parametrize("with_venue", [False, True])
def test_after_the_event_only_what_is_known_about_the_venue_is_shown(client, db, with_venue):
    event = EventFactory(venue=VenueFactory(name_en="Town hall") if with_venue else None)
    with override("en"):
        soup = soup_of(client.get(event.get_absolute_url()))
    shown = facts(soup)
    if with_venue:
        assert shown["Venue"] == "Town hall Kassel"
    else:
        assert "Venue" not in shown
    # The card in the archive leaves an unknown venue out as well.
    with override("en"):
        archive = soup_of(client.get(reverse("events:index")))
    card_facts = [dt.get_text(strip=True) for dt in archive.select(".event-card-facts dt")]
    assert ("Venue" in card_facts) is with_venue
