"""templates/includes/contact_box.html: the office's contact wherever the frame shows it.

The core's templates include it; the data come from the officers app's
TemplateValue "contact_details" (no import of the app by the core), asked for by
the page that wants the whole box. Empty parts are left out; the way to the
contact form is always there.
"""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from officers import contact
from officers.models import Office
from tests.languages import LANGUAGES
from tests.officers.factories import OfficeFactory, OfficeHoursExceptionFactory, OfficeHoursFactory

pytestmark = pytest.mark.django_db

WRITE = {
    "de": ("Der Integrationsbeauftragten schreiben", "/de/integrationsbeauftragte/schreiben/"),
    "en": ("Write to the Integration Officer", "/en/integration-officer/write/"),
    "sl": ("Pišite pooblaščenki za integracijo", "/sl/pooblascenka-za-integracijo/pisite/"),
}


def render_box(language, **context):
    with override(language):
        request = RequestFactory().get(f"/{language}/")
        html = render_to_string("includes/contact_box.html", context, request=request)
    return BeautifulSoup(html, "html.parser")


def render_loaded_box(language, **context):
    """As a page that wants the whole box: it asks the officers app for the details."""
    with override(language):
        return render_box(language, contact_details=contact.contact_details(), **context)


def texts(soup, selector):
    return [" ".join(el.get_text().split()) for el in soup.select(selector)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_empty_the_box_offers_only_the_contact_form(content, language):
    box = render_loaded_box(language).find("section", class_="contact-box")
    heading = box.find("h2")
    assert (
        heading.get_text(strip=True)
        == {"de": "Kontakt", "en": "Contact", "sl": "Kontakt"}[language]
    )
    assert box["aria-labelledby"] == heading["id"] == "contact-box-heading"
    assert box.find("address") is None
    assert box.select("dl, ul, h3") == []
    assert [(a.get_text(strip=True), a["href"]) for a in box.find_all("a")] == [WRITE[language]]


@time_machine.travel(datetime.datetime(2026, 12, 20, 10, tzinfo=datetime.UTC), tick=False)
def test_filled_in_the_box_shows_every_part_and_links_to_the_office_page(db):
    office = OfficeFactory(
        street_address="Musterstraße 1",
        postal_code="34117",
        locality="Kassel",
        phone="+49 561 000-0",
        email="integration@example.org",
    )
    OfficeHoursFactory(office=office, note_de="nach Vereinbarung")
    OfficeHoursExceptionFactory(office=office, note_de="Weihnachtsferien")
    OfficeHoursExceptionFactory(
        office=office, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 1, 1)
    )
    box = render_loaded_box("de", box_id="footer-contact").find("section", class_="contact-box")
    assert box["aria-labelledby"] == "footer-contact-heading"
    assert texts(box, ".contact-box-office") == ["Integrationsbeauftragte der Stadt Kassel"]
    assert " ".join(box.address.get_text(" ").split()) == "Musterstraße 1 34117 Kassel"
    assert texts(box, "dt") == ["Telefon", "E-Mail"]
    assert box.select_one('a[href="tel:+495610000"]').get_text() == "+49 561 000-0"
    assert texts(box, "h3") == ["Sprechzeiten", "Abweichende Sprechzeiten"]
    assert texts(box, ".contact-box-hours li") == ["Montag 09:00–12:00 (nach Vereinbarung)"]
    # Only exceptions that have not ended.
    assert texts(box, ".hours-exceptions li") == [
        "24. Dezember 2026 bis 1. Januar 2027: geschlossen (Weihnachtsferien)"
    ]
    assert [a["href"] for a in box.select("p a")] == [
        "/de/integrationsbeauftragte/schreiben/",
        "/de/integrationsbeauftragte/#contact-heading",
    ]


def test_an_unpublished_office_shows_nothing_of_it(db):
    OfficeFactory(status=Office.Status.DRAFT, email="integration@example.org")
    box = render_loaded_box("en")
    assert box.find("a", href="mailto:integration@example.org") is None
    assert [a["href"] for a in box.find_all("a")] == [WRITE["en"][1]]


def test_the_data_are_loaded_once_per_request_however_often_the_box_is_shown(db):
    OfficeFactory(email="integration@example.org")
    template = Template(
        '{% load portal %}{% template_value "contact_details" as contact_details %}'
        '{% include "includes/contact_box.html" with box_id=box_id %}'
    )
    with override("de"):
        request = RequestFactory().get("/de/")
        with CaptureQueriesContext(connection) as captured:
            for box_id in ("aside-contact", "footer-contact"):
                html = template.render(Context({"box_id": box_id, "request": request}))
                assert 'href="mailto:integration@example.org"' in html
    # the office, its hours, its exceptions
    assert len(captured) == 3


def test_without_details_the_box_costs_no_query_and_offers_the_form(db):
    OfficeFactory(email="integration@example.org")
    with CaptureQueriesContext(connection) as captured:
        box = render_box("sl")
    assert len(captured) == 0
    assert [(a.get_text(strip=True), a["href"]) for a in box.find_all("a")] == [WRITE["sl"]]


def test_an_office_a_page_already_has_shows_its_address_without_a_query(db):
    office = OfficeFactory(phone="+49 561 1", email="integration@example.org")
    with CaptureQueriesContext(connection) as captured:
        box = render_box("de", contact=office)
    assert len(captured) == 0
    assert texts(box, "dd") == ["+49 561 1", "integration@example.org"]
    assert box.find("h3") is None


def test_the_office_page_gives_its_own_office_and_costs_no_query(client, db):
    # The page hands the loaded office to the box (context "contact_details").
    from officers import contact

    office = Office.objects.with_details().get(pk=OfficeFactory(phone="+49 561 1").pk)
    details = contact.contact_details(office=office)
    with CaptureQueriesContext(connection) as captured:
        box = render_box("de", contact_details=details)
    assert len(captured) == 0
    assert texts(box, "dd") == ["+49 561 1"]
