"""The home page: the sections the apps contribute, with the Kassel content and with factory data."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import override

from concept.home import fields, latest_report
from events.home import next_events
from kassel_integration.site.home import HomeSection, home_sections
from officers.home import officer
from officers.models import Office, Term
from tests.concept.factories import IntegrationReportFactory
from tests.events.factories import BERLIN, EventFactory, LanguageFactory
from tests.factories import FieldOfActionFactory, OrganisationFactory
from tests.languages import LANGUAGES
from tests.officers.factories import OfficeFactory, TaskFactory, TermFactory
from tests.officers.test_models import PNG

pytestmark = pytest.mark.django_db


def home(client, language):
    with override(language):
        path = reverse("home")
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def texts(elements):
    return [element.get_text(" ", strip=True) for element in elements]


def section(soup, key):
    return soup.find("section", attrs={"aria-labelledby": f"home-{key}-title"})


def test_the_apps_contribute_the_sections_in_order():
    assert home_sections() == [
        HomeSection("officer", 10, "officers/home/officer.html", load=officer),
        HomeSection(
            "events", 20, "events/home/events.html", load=next_events, stylesheet="css/events.css"
        ),
        HomeSection("report", 30, "concept/home/report.html", load=latest_report),
        HomeSection("fields", 40, "concept/home/fields.html", load=fields),
    ]


KASSEL = {
    "de": {
        "headings": [
            "Integrationsbeauftragte der Stadt Kassel",
            "Wer die Integrationsbeauftragte ist",
            "Kommende Veranstaltungen",
            "Der neueste Integrationsbericht",
            "Die Handlungsfelder auf einen Blick",
            "Kontakt",
            "Service",
            "Kontakt",
            "Diese Website",
            "Rechtliche Hinweise",
        ],
        "officer": [
            "Alena Schütz",
            "Im Amt seit 14. Januar 2025",
            "Zuvor: Referentin für Zuwanderung und Integration in Wiesbaden",
        ],
        "no_events": "Es sind noch keine kommenden Veranstaltungen angekündigt.",
        "recent": ["Runder Tisch Integration 2025", "Runder Tisch Integration 2024"],
        "archive": (
            "Alle vergangenen Veranstaltungen (Archiv)",
            "/de/veranstaltungen/#past-heading",
        ),
        "calendar": "/de/veranstaltungen/calendar.ics",
        "report": "Integrationsbericht 2023/2024",
        "field": "1 Bildung und Sprachförderung",
        "unit": "Integrationsbeauftragte der Stadt Kassel",
    },
    "en": {
        "headings": [
            "Integration Officer of the City of Kassel",
            "Who the Integration Officer is",
            "Upcoming events",
            "The latest integration report",
            "The fields of action at a glance",
            "Contact",
            "Services",
            "Contact",
            "This website",
            "Legal information",
        ],
        "officer": [
            "Alena Schütz",
            "In office since 14 January 2025",
            "Previously: Officer for immigration and integration (Referentin für Zuwanderung "
            "und Integration) in Wiesbaden",
        ],
        "no_events": "No upcoming events have been announced yet.",
        "recent": ["Runder Tisch Integration 2025", "Runder Tisch Integration 2024"],
        "archive": ("All past events (archive)", "/en/events/#past-heading"),
        "calendar": "/en/events/calendar.ics",
        "report": "Integration report 2023–2024",
        "field": "1 Education and language support",
        "unit": "Integration Officer of the City of Kassel",
    },
    "sl": {
        "headings": [
            "Pooblaščenka za integracijo mesta Kassel",
            "Kdo je pooblaščenka za integracijo",
            "Prihodnji dogodki",
            "Najnovejše poročilo o integraciji",
            "Področja delovanja na prvi pogled",
            "Kontakt",
            "Storitve",
            "Kontakt",
            "To spletišče",
            "Pravna obvestila",
        ],
        "officer": [
            "Alena Schütz",
            "Na funkciji od 14. januarja 2025",  # as the office page writes it
            "Prej: Referentka za priseljevanje in integracijo v Wiesbadnu",
        ],
        "no_events": "Prihodnji dogodki še niso napovedani.",
        "recent": ["Runder Tisch Integration 2025", "Runder Tisch Integration 2024"],
        "archive": ("Vsi pretekli dogodki (arhiv)", "/sl/dogodki/#past-heading"),
        "calendar": "/sl/dogodki/calendar.ics",
        "report": "Poročilo o integraciji 2023–2024",
        "field": "1 Izobraževanje in jezikovna podpora",
        "unit": "Pooblaščenka za integracijo mesta Kassel",
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_with_the_kassel_content(client, content, language):
    facts = KASSEL[language]
    soup = home(client, language)
    assert texts(soup.find_all(["h1", "h2"])) == facts["headings"]
    officer_section = section(soup, "officer")
    assert texts(officer_section.select(".home-officer-text p")) == facts["officer"]
    # No portrait was uploaded: no image, and no empty frame in its place.
    assert officer_section.find("img") is None
    assert len(officer_section.select(".home-tasks li")) == 5
    events = section(soup, "events")
    assert events.p.get_text(strip=True) == facts["no_events"]
    assert texts(events.select(".event-card h3")) == facts["recent"]
    archive = events.select(".home-more a")
    assert [(a.get_text(strip=True), a["href"]) for a in archive] == [facts["archive"]]
    assert events.select_one(".home-subscribe a")["href"] == facts["calendar"]
    assert section(soup, "report").h3.get_text(strip=True) == facts["report"]
    field_links = section(soup, "fields").select(".home-field-list a")
    assert len(field_links) == 6
    assert field_links[0].get_text(" ", strip=True) == facts["field"]
    contact = soup.select_one("aside .contact-box")
    assert contact.select_one(".contact-box-office").get_text(" ", strip=True) == facts["unit"]
    # No contact details exist yet: none are shown, none invented.
    assert contact.find("address") is None
    assert contact.select_one(".contact-box-list") is None


def test_upcoming_events_replace_the_past_ones(client, db):
    EventFactory(title_de="Früher", start=datetime.datetime(2020, 1, 1, 10, tzinfo=BERLIN))
    EventFactory(title_de="Später", start=datetime.datetime(2040, 1, 1, 10, tzinfo=BERLIN))
    events = section(home(client, "de"), "events")
    assert texts(events.select(".event-card h3")) == ["Später"]
    assert texts(events.select(".home-more a")) == ["Alle Veranstaltungen"]
    assert "Es sind noch keine" not in events.get_text()


def test_sections_without_content_are_left_out(client, db):
    soup = home(client, "en")
    assert texts(soup.find_all("h2")) == [
        "Upcoming events",
        "Contact",
        "Services",
        "Contact",
        "This website",
        "Legal information",
    ]
    assert section(soup, "events").p.get_text(strip=True) == (
        "No upcoming events have been announced yet."
    )
    assert section(soup, "events").select(".event-card") == []


def test_an_unpublished_office_is_not_shown(client, db):
    OfficeFactory(status=Office.Status.DRAFT)
    assert section(home(client, "de"), "officer") is None


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("count", [1, 10])
def test_home_query_count_is_constant(client, django_assert_num_queries, count, language):
    office = OfficeFactory(organisation=OrganisationFactory(parent=OrganisationFactory()))
    for number in range(count):
        TaskFactory(office=office)
        TermFactory(office=office, started_on=datetime.date(2000 + number, 1, 1), has_ended=True)
        FieldOfActionFactory()
        IntegrationReportFactory()
        EventFactory(languages=[LanguageFactory(code=f"l{number}")])
    TermFactory(office=office, has_ended=False, started_on=datetime.date(2030, 1, 1))
    with override(language):
        path = reverse("home")
    # office with its unit, its tasks, its current term with the person;
    # the next events with their languages; the latest report; the fields of action
    with django_assert_num_queries(6):
        soup = BeautifulSoup(client.get(path).content, "html.parser")
    assert len(section(soup, "officer").select(".home-tasks li")) == count
    assert len(section(soup, "events").select(".event-card")) == min(count, 3)
    assert len(section(soup, "fields").select(".home-field-list li")) == count


def test_the_contact_box_shows_what_the_office_has_filled_in(client, db):
    OfficeFactory(
        street_address="Musterstraße 1",
        postal_code="34117",
        locality="Kassel",
        phone="+49 561 0",
        email="buero@example.org",
        contact_note_de="Termine nach Vereinbarung",
    )
    soup = home(client, "de")
    box = soup.select_one("aside .contact-box")
    assert texts(box.select(".contact-box-address")) == ["Musterstraße 1 34117 Kassel"]
    assert texts(box.select(".contact-box-list dt, .contact-box-list dd")) == [
        "Telefon",
        "+49 561 0",
        "E-Mail",
        "buero@example.org",
    ]
    assert box.select_one("a[href^=tel]")["href"] == "tel:+495610"
    # The footer shows the details the home page loaded once.
    footer = soup.select_one("footer .contact-box")
    assert texts(footer.select(".contact-box-address, .contact-box-list dd")) == texts(
        box.select(".contact-box-address, .contact-box-list dd")
    )
    # On other pages the column and the footer cost no query: the contact form and the way
    # to the office's page; the imprint adds the full box below its text.
    with override("de"):
        imprint = BeautifulSoup(client.get(reverse("imprint")).content, "html.parser")
    for other in imprint.select("aside .contact-box, footer .contact-box"):
        assert other.select_one(".contact-box-address") is None
        assert [a["href"] for a in other.select("a")] == ["/de/integrationsbeauftragte/schreiben/"]


@pytest.mark.parametrize(
    ("language", "alt"),
    [("de", "Porträt von Alena Schütz"), ("en", "Portrait of Alena Schütz")],
)
def test_an_uploaded_portrait_is_shown_with_its_description(
    client, content, settings, tmp_path, language, alt
):
    settings.MEDIA_ROOT = tmp_path
    person = Term.objects.get(has_ended=False).person
    person.portrait = SimpleUploadedFile("alena.png", PNG, content_type="image/png")
    person.portrait_alt_de = "Porträt von Alena Schütz"
    person.portrait_alt_en = "Portrait of Alena Schütz"
    person.save()
    [image] = section(home(client, language), "officer").find_all("img")
    assert image["alt"] == alt
    assert image["class"] == ["home-portrait"]
    assert re.fullmatch(r"/media/people/[A-Za-z0-9_-]{22}\.png", image["src"])
