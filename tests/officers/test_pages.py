"""The office page and the vCard, with the shipped content and with factory data."""

import datetime
import re

import pytest
import time_machine
import vobject
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import override

from officers.models import Office, Term
from tests.factories import OrganisationFactory, PersonFactory, QuoteFactory
from tests.languages import LANGUAGES
from tests.officers.factories import (
    OfficeFactory,
    OfficeHoursExceptionFactory,
    OfficeHoursFactory,
    OfficeQuoteFactory,
    TaskFactory,
    TermFactory,
)
from tests.officers.test_models import PNG

pytestmark = pytest.mark.django_db


def url(name, language):
    with override(language):
        return reverse(name)


def get_soup(client, language, name="officers:index"):
    response = client.get(url(name, language))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(element):
    return element.get_text(" ", strip=True)


def section(soup, heading_id):
    return soup.find("section", attrs={"aria-labelledby": heading_id})


FACTS = {
    "de": {
        "path": "/de/integrationsbeauftragte/",
        "h1": "Integrationsbeauftragte der Stadt Kassel",
        "lead": "Rund ein Drittel der in Kassel lebenden Menschen hat eine Migrationsgeschichte. "
        "Die Integrationsbeauftragte der Stadt vertritt die Interessen dieser Menschen.",
        "unit": "Dienststelle Amt für Chancengleichheit, Stadt Kassel",
        "link": "Sie ist das Bindeglied zwischen Stadtverwaltung, Institutionen, Initiativen und "
        "der Stadtgesellschaft.",
        "tasks": [
            "Förderung der interkulturellen Orientierung",
            "Unterstützung von Migrantenorganisationen",
            "Migrationsspezifische Impulse",
            "Fortschreibung des Integrationskonzepts",
            "Interkulturelle Öffnung der Verwaltung",
        ],
        "task_text": "Sie wirkt an stadtweiten Netzwerken und Arbeitskreisen mit, etwa am "
        "Arbeitskreis Integration, in Stadtteilgremien oder im Bündnis für Familie.",
        "week": "Mit eigenen Veranstaltungen wie der Interkulturellen Woche setzt sie Zeichen für "
        "Vielfalt und Zusammenhalt.",
        "holder_heading": "Derzeit im Amt",
        "since": "Im Amt seit 14. Januar 2025",
        "previously": "Zuvor Referentin für Zuwanderung und Integration in Wiesbaden",
        "background": "Alena Schütz kam als Kind aus Kasachstan nach Deutschland. Ihre eigene "
        "Geschichte als Zugewanderte motiviert sie besonders, Sprachbarrieren abzubauen und "
        "Hindernisse im Alltag von Zugewanderten zu verringern.",
        "statement": "Schütz betont die Wichtigkeit, dass Herkunft bei der Teilhabe keine Rolle "
        "spielen darf.",
        "reported": "Indirekte Rede: Die Quelle gibt das Gesagte mit eigenen Worten wieder; kein "
        "wörtliches Zitat.",
        "translated": None,
        "history": "Geschichte des Amtes",
        "ayalp_period": "Beginn und genaues Ende der Amtszeit nicht bekannt",
        "ayalp_note": "Im Juli 2024 wurde sie noch als Integrationsbeauftragte der Stadt genannt. "
        "Am 14. Januar 2025 trat Alena Schütz ihre Nachfolge an.",
        "ayalp_after": "Danach Seit Juni 2024 Leiterin des Amtes für Chancengleichheit",
    },
    "en": {
        "path": "/en/integration-officer/",
        "h1": "Integration Officer of the City of Kassel",
        "lead": "About one third of the people living in Kassel have a history of migration. "
        "The city's Integration Officer represents their interests.",
        "unit": "Department Office for Equal Opportunities (Amt für Chancengleichheit), "
        "City of Kassel",
        "link": "She is the link between the city administration, institutions, initiatives and "
        "the people of Kassel.",
        "tasks": [
            "Promoting intercultural orientation",
            "Supporting migrant organisations",
            "New impetus on migration",
            "Updating the integration concept",
            "Intercultural opening of the administration",
        ],
        "task_text": "She takes part in city-wide networks and working groups, such as the "
        "Arbeitskreis Integration (integration working group), neighbourhood committees "
        "(Stadtteilgremien) and the Bündnis für Familie (alliance for families).",
        "week": "With her own events, such as the Interkulturelle Woche (Intercultural Week), she "
        "makes a visible case for diversity and cohesion.",
        "holder_heading": "Currently in office",
        "since": "In office since 14 January 2025",
        "previously": "Previously Officer for immigration and integration (Referentin für "
        "Zuwanderung und Integration) in Wiesbaden",
        "background": "Alena Schütz came to Germany from Kazakhstan as a child. Her own story as "
        "an immigrant is what particularly drives her to break down language barriers and to "
        "reduce the obstacles immigrants face in everyday life.",
        "statement": "Schütz stresses that where people come from must play no role in whether "
        "they can take part in society.",
        "reported": "Reported speech: the source's account of what was said, not a verbatim quote.",
        "translated": "Translated from German.",
        "history": "History of the office",
        "ayalp_period": "Start and exact end of term not known",
        "ayalp_note": "In July 2024 she was still referred to as the city's Integration Officer. "
        "Alena Schütz succeeded her on 14 January 2025.",
        "ayalp_after": "Afterwards Head of the Amt für Chancengleichheit (Office for Equal "
        "Opportunities) since June 2024",
    },
    "sl": {
        "path": "/sl/pooblascenka-za-integracijo/",
        "h1": "Pooblaščenka za integracijo mesta Kassel",
        "lead": "Približno tretjina prebivalcev Kassla ima migrantsko ozadje. Mestna "
        "pooblaščenka za integracijo zastopa njihove interese.",
        "unit": "Organizacijska enota Urad za enake možnosti (Amt für Chancengleichheit), "
        "Mesto Kassel",
        "link": "Je vez med mestno upravo, ustanovami, pobudami in prebivalci mesta.",
        "tasks": [
            "Spodbujanje medkulturne usmerjenosti",
            "Podpora migrantskim organizacijam",
            "Spodbude na področju migracij",
            "Posodabljanje koncepta integracije",
            "Medkulturno odpiranje uprave",
        ],
        "task_text": "Sodeluje v mestnih mrežah in delovnih skupinah, kot so Arbeitskreis "
        "Integration (delovna skupina za integracijo), četrtni odbori (Stadtteilgremien) in "
        "Bündnis für Familie (zavezništvo za družine).",
        "week": "Z lastnimi prireditvami, kot je Interkulturelle Woche (medkulturni teden), "
        "postavlja vidna znamenja za raznolikost in povezanost.",
        "holder_heading": "Trenutno na funkciji",
        "since": "Na funkciji od 14. januarja 2025",
        "previously": "Prej Referentka za priseljevanje in integracijo v Wiesbadnu",
        "background": "Alena Schütz je v Nemčijo prišla kot otrok iz Kazahstana. Njena lastna "
        "izkušnja priseljenke jo še posebej spodbuja, da odpravlja jezikovne ovire in zmanjšuje "
        "ovire, s katerimi se priseljenci srečujejo v vsakdanjem življenju.",
        "statement": "Alena Schütz poudarja, kako pomembno je, da izvor pri sodelovanju v družbi "
        "ne sme igrati nobene vloge.",
        "reported": "Odvisni govor: vir s svojimi besedami povzema povedano; ni dobesedni citat.",
        "translated": "Prevedeno iz nemščine.",
        "history": "Zgodovina funkcije",
        "ayalp_period": "Začetek in natančen konec mandata nista znana",
        "ayalp_note": "Julija 2024 je bila še navedena kot mestna pooblaščenka za integracijo. "
        "14. januarja 2025 jo je nasledila Alena Schütz.",
        "ayalp_after": "Nato Od junija 2024 vodja urada Amt für Chancengleichheit (Urad za enake "
        "možnosti)",
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_office_page_shows_the_facts(client, content, language):
    facts = FACTS[language]
    assert url("officers:index", language) == facts["path"]
    soup = get_soup(client, language)
    assert soup.html["lang"] == language
    assert text(soup.h1) == facts["h1"]
    assert [text(h) for h in soup.find_all("h1")] == [facts["h1"]]
    assert text(soup.select_one("p.lead")) == facts["lead"]
    assert soup.find("meta", attrs={"name": "description"})["content"] == facts["lead"]
    assert text(soup.select_one("dl.office-unit")) == facts["unit"]
    assert facts["link"] in text(section(soup, "purpose-heading"))

    tasks = section(soup, "tasks-heading")
    assert [text(h) for h in tasks.select("ol.office-tasks > li > h3")] == facts["tasks"]
    assert text(tasks.select("ol.office-tasks > li > p")[0]) == facts["task_text"]
    assert text(tasks.select("ol.office-tasks > li > p")[2]) == facts["week"]

    holder = section(soup, "holder-heading")
    assert text(holder.h2) == facts["holder_heading"]
    assert text(holder.select_one(".holder-name")) == "Alena Schütz"
    assert text(holder.select_one(".holder-period")) == facts["since"]
    assert holder.select_one(".holder-period time")["datetime"] == "2025-01-14"
    assert text(holder.select_one(".holder dl.term-details")) == facts["previously"]
    assert text(holder.select_one(".holder .prose")) == facts["background"]
    assert holder.find("img") is None  # no photo ships

    statement = holder.select("figure.quote")[0]
    assert "quote-reported" in statement["class"]
    # Indirect speech in the source: never shown as her verbatim words.
    assert statement.find("blockquote") is None
    assert text(statement.select_one("p.quote-text")) == facts["statement"]
    assert statement.select_one("p.quote-text")["lang"] == language
    notes = [text(n) for n in statement.select(".quote-note")]
    assert notes == [facts["reported"]] + ([facts["translated"]] if facts["translated"] else [])

    history = section(soup, "history-heading")
    assert text(history.h2) == facts["history"]
    entries = history.select("ol.timeline > li")
    assert [text(e.h3) for e in entries] == ["Teslihan Ayalp", "Alena Schütz"]
    ayalp, schuetz = entries
    assert text(ayalp.select_one(".timeline-period")) == facts["ayalp_period"]
    assert ayalp.find("time") is None
    assert facts["ayalp_note"] in text(ayalp)
    assert text(ayalp.select_one("dl.term-details")) == facts["ayalp_after"]
    assert "timeline-current" not in ayalp["class"]
    assert "timeline-current" in schuetz["class"]
    assert text(schuetz.select_one(".timeline-period")) == facts["since"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_verbatim_quote_is_a_blockquote_with_source(client, content, language):
    soup = get_soup(client, language)
    quote = section(soup, "holder-heading").find("blockquote").find_parent("figure")
    assert quote.blockquote["lang"] == language
    assert text(quote.blockquote).startswith(
        {
            "de": "Der diesjährige Runde Tisch Integration dient als Auftakt",
            "en": "This year's Runder Tisch Integration is the starting point",
            "sl": "Letošnja okrogla miza o integraciji je izhodišče",
        }[language]
    )
    assert (
        text(quote.figcaption.cite)
        == {
            "de": "Bericht über den Runden Tisch Integration am 3. Juli 2025",
            "en": "Report on the Runder Tisch Integration of 3 July 2025",
            "sl": "Poročilo o okrogli mizi o integraciji (Runder Tisch Integration) 3. julija 2025",
        }[language]
    )
    assert text(quote.select_one(".quote-speaker")) == "Alena Schütz"
    translated = [text(n) for n in quote.select(".quote-note")]
    assert (
        translated
        == {"de": [], "en": ["Translated from German."], "sl": ["Prevedeno iz nemščine."]}[language]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_invented_contact_data_only_the_contact_form(client, content, language):
    soup = get_soup(client, language)
    contact = section(soup, "contact-heading")
    # The shipped office has no contact data: the section holds only the way to write.
    assert [child.name for child in contact.find_all(recursive=False)] == ["h2", "p"]
    link = contact.select_one("p.office-write a")
    assert (text(link), link["href"]) == {
        "de": ("Der Integrationsbeauftragten schreiben", "/de/integrationsbeauftragte/schreiben/"),
        "en": ("Write to the Integration Officer", "/en/integration-officer/write/"),
        "sl": ("Pišite pooblaščenki za integracijo", "/sl/pooblascenka-za-integracijo/pisite/"),
    }[language]
    assert soup.main.find("address") is None
    assert soup.main.select('a[href^="tel:"], a[href^="mailto:"]') == []
    assert soup.main.find("table") is None
    assert "vcf" not in str(soup.main)


def test_vcard_is_404_without_contact_data(client, content):
    for language in LANGUAGES:
        assert client.get(url("officers:vcard", language)).status_code == 404


def test_page_is_404_when_the_office_is_not_published(client, db):
    OfficeFactory(status=Office.Status.DRAFT)
    assert client.get(url("officers:index", "de")).status_code == 404


@pytest.fixture
def office_with_contact(content):
    office = Office.objects.get(key="integrationsbeauftragte")
    office.street_address = "Musterstraße 1"
    office.postal_code = "34117"
    office.locality = "Kassel"
    office.phone = "+49 561 000-0"
    office.email = "integration@example.org"
    office.contact_note_de = "Termine nach Vereinbarung"
    office.contact_note_en = "Appointments by arrangement"
    office.save()
    return office


def test_contact_block_and_vcard_link_when_staff_fill_them_in(client, office_with_contact):
    OfficeHoursFactory(office=office_with_contact, note_de="nur nach Vereinbarung")
    soup = get_soup(client, "de")
    contact = section(soup, "contact-heading")
    assert text(contact.h2) == "Kontakt"
    assert text(contact.address.p) == "Musterstraße 1 34117 Kassel"
    assert contact.select_one('a[href="tel:+495610000"]').get_text() == "+49 561 000-0"
    assert contact.select_one('a[href="mailto:integration@example.org"]') is not None
    link = contact.find("a", href="/de/integrationsbeauftragte/kontakt.vcf")
    assert text(link) == "Kontaktdaten ins Adressbuch übernehmen (vCard)"
    table = contact.find("table")
    assert text(table.caption) == "Sprechzeiten"
    assert [th["scope"] for th in table.find_all("th")] == ["col", "col", "col", "row"]
    assert [text(td) for td in table.tbody.find_all(["th", "td"])] == [
        "Montag",
        "09:00 – 12:00",
        "nur nach Vereinbarung",
    ]


@pytest.mark.parametrize(
    ("language", "title", "country", "note"),
    [
        (
            "de",
            "Integrationsbeauftragte der Stadt Kassel",
            "Deutschland",
            "Termine nach Vereinbarung",
        ),
        (
            "en",
            "Integration Officer of the City of Kassel",
            "Germany",
            "Appointments by arrangement",
        ),
    ],
)
def test_vcard_content(client, office_with_contact, language, title, country, note):
    response = client.get(url("officers:vcard", language))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="integrationsbeauftragte.vcf"'
    card = vobject.readOne(response.content.decode("utf-8"))
    assert card.fn.value == title
    assert card.org.value == [
        {"de": "Stadt Kassel", "en": "City of Kassel"}[language],
        {
            "de": "Amt für Chancengleichheit",
            "en": "Office for Equal Opportunities (Amt für Chancengleichheit)",
        }[language],
    ]
    assert card.tel.value == "+49 561 000-0"
    assert card.email.value == "integration@example.org"
    address = card.adr.value
    assert (address.street, address.code, address.city, address.country) == (
        "Musterstraße 1",
        "34117",
        "Kassel",
        country,
    )
    assert card.note.value == note
    assert card.url.value == f"http://testserver{url('officers:index', language)}"


def test_portrait_with_description_and_size(client, content, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    person = Term.objects.get(has_ended=False).person
    person.portrait = SimpleUploadedFile("alena.png", PNG, content_type="image/png")
    person.portrait_alt_de = "Porträt von Alena Schütz"
    person.portrait_alt_en = "Portrait of Alena Schütz"
    person.save()
    image = section(get_soup(client, "en"), "holder-heading").find("img")
    assert image["alt"] == "Portrait of Alena Schütz"
    # Stored under a random name, never the uploader's.
    assert re.fullmatch(r"/media/people/[A-Za-z0-9_-]{22}\.png", image["src"])
    assert (image["width"], image["height"]) == ("1", "1")


def test_term_without_known_start_shows_no_false_date(client, db):
    office = OfficeFactory()
    TermFactory(
        office=office,
        person=PersonFactory(given_name="Erika", family_name="Beispiel"),
        started_on=None,
        has_ended=True,
    )
    TermFactory(
        office=office,
        person=PersonFactory(given_name="Eva", family_name="Muster"),
        started_on=None,
        has_ended=False,
    )
    soup = get_soup(client, "en")
    entries = section(soup, "history-heading").select("ol.timeline > li")
    assert [text(e.select_one(".timeline-period")) for e in entries] == [
        "Start and exact end of term not known",
        "In office; start of term not known",
    ]
    assert section(soup, "history-heading").find("time") is None
    assert text(section(soup, "holder-heading").select_one(".holder-period")) == (
        "In office; start of term not known"
    )
    assert "1970" not in soup.main.get_text()


def test_timeline_is_chronological_with_current_term_last(client, db):
    office = OfficeFactory()
    dates = [datetime.date(2012, 1, 1), datetime.date(2003, 5, 1), datetime.date(2020, 9, 1)]
    for number, started_on in enumerate(dates):
        TermFactory(
            office=office,
            person=PersonFactory(given_name="Person", family_name=str(number)),
            started_on=started_on,
            has_ended=number != 1,
        )
    TermFactory(
        office=office,
        person=PersonFactory(given_name="Person", family_name="unknown"),
        started_on=None,
    )
    soup = get_soup(client, "de")
    names = [text(h) for h in section(soup, "history-heading").select("ol.timeline > li > h3")]
    assert names == ["Person unknown", "Person 0", "Person 2", "Person 1"]


def test_no_current_holder(client, db):
    TermFactory(office=OfficeFactory(), has_ended=True)
    holder = section(get_soup(client, "en"), "holder-heading")
    assert text(holder.p) == "No current officeholder is recorded here at the moment."


@pytest.mark.parametrize("count", [1, 10])
def test_query_count_is_constant(client, db, django_assert_num_queries, count):
    office = OfficeFactory(organisation=OrganisationFactory(parent=OrganisationFactory()))
    for number in range(count):
        TermFactory(office=office, started_on=datetime.date(2000 + number, 1, 1), has_ended=True)
        TaskFactory(office=office)
        OfficeQuoteFactory(
            office=office, quote=QuoteFactory(kind="reported" if number % 2 else "verbatim")
        )
        OfficeHoursFactory(office=office, weekday=number % 7 + 1)
        OfficeHoursExceptionFactory(
            office=office,
            starts_on=datetime.date(2100, 1, 1) + datetime.timedelta(days=number),
            ends_on=datetime.date(2100, 1, 1) + datetime.timedelta(days=number),
        )
    TermFactory(office=office, has_ended=False, started_on=datetime.date(2030, 1, 1))
    path = url("officers:index", "de")
    # office, tasks, office hours, exceptions to them, terms with people, quotes with speakers
    with django_assert_num_queries(6):
        response = client.get(path)
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select("ol.timeline > li")) == count + 1
    assert len(soup.select("ol.office-tasks > li")) == count
    assert len(soup.select("figure.quote")) == count
    assert len(soup.select("table.office-hours tbody tr")) == count
    assert len(soup.select("ul.hours-exceptions > li")) == count


def test_vcard_query_count(client, office_with_contact, django_assert_num_queries):
    path = url("officers:vcard", "de")
    # the office with its unit, its office hours
    with django_assert_num_queries(2):
        assert client.get(path).status_code == 200


@time_machine.travel(datetime.datetime(2026, 12, 20, 10, tzinfo=datetime.UTC), tick=False)
@pytest.mark.parametrize(
    ("language", "heading", "entries", "arrival_heading"),
    [
        (
            "de",
            "Abweichende Sprechzeiten",
            [
                "24. Dezember 2026 bis 1. Januar 2027: geschlossen (Weihnachtsferien)",
                "5. Januar 2027: 10:00–12:00",
            ],
            "Barrierefreie Anreise",
        ),
        (
            "en",
            "Different office hours",
            [
                "24 December 2026 to 1 January 2027: closed (Christmas holidays)",
                "5 January 2027: 10:00–12:00",
            ],
            "Accessible arrival",
        ),
        (
            "sl",
            "Spremenjene uradne ure",
            [
                "24. decembra 2026 do 1. januarja 2027: zaprto (Weihnachtsferien)",
                "5. januarja 2027: 10:00–12:00",
            ],
            "Dostop brez ovir",
        ),
    ],
)
def test_exceptions_to_the_hours_and_accessible_arrival(
    client, office_with_contact, language, heading, entries, arrival_heading
):
    office = office_with_contact
    OfficeHoursExceptionFactory(
        office=office, note_de="Weihnachtsferien", note_en="Christmas holidays"
    )
    OfficeHoursExceptionFactory(
        office=office,
        starts_on=datetime.date(2027, 1, 5),
        ends_on=None,
        closed=False,
        opens=datetime.time(10),
        closes=datetime.time(12),
    )
    # Over: not shown any more.
    OfficeHoursExceptionFactory(
        office=office, starts_on=datetime.date(2026, 10, 3), ends_on=datetime.date(2026, 10, 3)
    )
    office.accessible_arrival_de = "Eingang ohne Stufen an der Rückseite."
    office.save()
    contact = section(get_soup(client, language), "contact-heading")
    headings = [text(h) for h in contact.find_all("h3")]
    assert headings == [heading, arrival_heading]
    shown = [" ".join(li.get_text().split()) for li in contact.select("ul.hours-exceptions > li")]
    assert shown == entries
    arrival = contact.select_one(".office-arrival")
    assert text(arrival) == "Eingang ohne Stufen an der Rückseite."
    # A German text on an English or Slovenian page says so.
    assert (arrival.find(lang="de") is not None) == (language != "de")


def test_exception_needs_hours_unless_closed(db):
    from django.core.exceptions import ValidationError

    from officers.models import OfficeHoursException

    exception = OfficeHoursException(
        office=OfficeFactory(), starts_on=datetime.date(2027, 1, 5), closed=False
    )
    with pytest.raises(ValidationError) as error:
        exception.full_clean()
    assert error.value.message_dict == {
        "closes": [
            "Geben Sie die Sprechzeiten dieser Tage an (das Ende nach dem Beginn) oder "
            "kreuzen Sie „geschlossen“ an."
        ]
    }
    assert exception.ends_on == datetime.date(2027, 1, 5)


def test_vcard_carries_hours_and_accessible_arrival(client, office_with_contact):
    office_with_contact.accessible_arrival_de = "Eingang ohne Stufen."
    office_with_contact.save()
    OfficeHoursFactory(office=office_with_contact, note_de="nach Vereinbarung")
    card = vobject.readOne(client.get(url("officers:vcard", "de")).content.decode("utf-8"))
    assert card.note.value == (
        "Termine nach Vereinbarung\n\nEingang ohne Stufen.\n\n"
        "Sprechzeiten: Montag 09:00–12:00 (nach Vereinbarung)"
    )
