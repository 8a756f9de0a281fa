"""What the public pages still lack: listed per language on the admin's start page.

The core checks its legal pages for editors' placeholders; the apps contribute
their checks (the office's contact data, fields of action without a description,
events without a venue). Public pages leave all of these out.
"""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from concept.models import FieldOfAction
from events.models import Event
from kassel_integration.content.placeholders import has_placeholder, without_placeholders
from kassel_integration.editorial import attention as admin_attention
from kassel_integration.editorial import gaps as content_gaps
from kassel_integration.models import LegalPage
from officers.models import Office
from tests.kassel_integration.admin_helpers import ADMIN, member
from tests.officers.factories import OfficeHoursFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 3, 1, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def change_url(obj):
    meta = obj._meta
    return f"{ADMIN}{meta.app_label}/{meta.model_name}/{obj.pk}/change/"


def gaps_for(user, language="de"):
    request = RequestFactory().get(ADMIN)
    request.user = user
    with translation.override(language):
        return content_gaps.collect(admin_attention.admin.site, request)


def rows(gaps):
    return [(gap.label, gap.url, str(gap.missing), gap.languages) for gap in gaps]


ALL_DE = ["Deutsch", "Englisch", "Slowenisch"]


def test_the_shipped_content_lists_every_gap_per_language(admin_user, content):
    imprint = LegalPage.objects.get(kind="imprint")
    privacy = LegalPage.objects.get(kind="privacy")
    office = Office.objects.get(key="integrationsbeauftragte")
    event_2025 = Event.objects.get(slug_de="runder-tisch-integration-2025")
    placeholder = "Der Text enthält noch einen Platzhalter der Redaktion (wird Besucherinnen und "
    placeholder += "Besuchern nicht gezeigt)."
    fields = [
        (str(field), change_url(field), "Beschreibung", ALL_DE)
        for field in FieldOfAction.objects.order_by("number")
        if not field.description_de
    ]
    assert rows(gaps_for(admin_user)) == [
        ("Impressum", change_url(imprint), placeholder, ALL_DE),
        ("Datenschutzerklärung", change_url(privacy), placeholder, ALL_DE),
        (str(office), change_url(office), "Postanschrift", ALL_DE),
        (str(office), change_url(office), "Telefon", ALL_DE),
        (str(office), change_url(office), "E-Mail-Adresse", ALL_DE),
        (str(office), change_url(office), "Sprechzeiten", ALL_DE),
        (str(office), change_url(office), "barrierefreie Anreise", ALL_DE),
        *fields,
        (str(event_2025), change_url(event_2025), "Veranstaltungsort", ALL_DE),
    ]


def test_a_gap_closes_when_staff_fill_it_in_and_a_translation_gap_names_its_language(
    admin_user, content
):
    office = Office.objects.get(key="integrationsbeauftragte")
    office.street_address, office.postal_code, office.locality = "Musterstraße 1", "34117", "Kassel"
    office.phone = "+49 561 000-0"
    office.email = "integration@example.org"
    office.accessible_arrival_de = "Eingang ohne Stufen."
    office.accessible_arrival_en = "Step-free entrance."
    office.save()
    OfficeHoursFactory(office=office)
    imprint = LegalPage.objects.get(kind="imprint")
    imprint.body_de = "<p>Stadt Kassel, Obere Königsstraße 8, 34117 Kassel</p>"
    imprint.save()
    shown = rows(gaps_for(admin_user, "en"))
    with translation.override("en"):
        office_label = str(office)
    assert [row for row in shown if row[0] in {office_label, "Imprint"}] == [
        (
            "Imprint",
            change_url(imprint),
            "The text still contains an editor's placeholder (not shown to visitors).",
            ["English", "Slovenian"],
        ),
        (office_label, change_url(office), "accessible arrival", ["Slovenian"]),
    ]


def test_the_start_page_shows_the_gaps_table_in_the_admin_language(client, admin_user, content):
    client.force_login(admin_user)
    soup = BeautifulSoup(client.get(ADMIN, HTTP_ACCEPT_LANGUAGE="sl").content, "html.parser")
    heading = soup.find(id="attention-gaps")
    assert heading.get_text(strip=True) == "Na javnih straneh še manjka"
    table = soup.find("table", attrs={"aria-labelledby": "attention-gaps"})
    assert [th.get_text(strip=True) for th in table.thead.find_all("th")] == [
        "Vnos",
        "Kaj manjka",
        "Jeziki",
    ]
    first = [td.get_text(" ", strip=True) for td in table.tbody.tr.find_all("td")]
    assert first == [
        "Impresum",
        "Besedilo še vsebuje uredniško oznako za dopolnitev (obiskovalci je ne vidijo).",
        "nemščina, angleščina, slovenščina",
    ]
    assert table.tbody.tr.a["href"] == change_url(LegalPage.objects.get(kind="imprint"))


def test_gaps_follow_the_users_permissions(django_user_model, content):
    # Staff without any view permission see no gaps list at all.
    assert gaps_for(django_user_model.objects.create_user("nobody", is_staff=True)) is None
    editor_rows = rows(gaps_for(member(django_user_model, "Editors")))
    assert {row[2] for row in editor_rows} >= {"Postanschrift", "Veranstaltungsort"}


def test_the_gaps_cost_one_query_per_check(admin_user, content):
    gaps_for(admin_user)  # content types and permissions cached, as on a running server
    with CaptureQueriesContext(connection) as captured:
        gaps_for(admin_user)
    # legal pages, office, fields of action, events
    assert len(captured) == 4


def test_gaps_are_not_work_waiting(client, admin_user, db):
    # A standing to-do list: the panel still says nothing is waiting.
    LegalPage.objects.create(
        kind="imprint", title="Impressum", body="<p>wird von der Redaktion hier ergänzt.</p>"
    )
    client.force_login(admin_user)
    soup = BeautifulSoup(client.get(ADMIN).content, "html.parser")
    assert soup.select_one(".attention-none") is not None
    assert soup.find(id="attention-gaps") is not None


# ---------------------------------------------------------------- placeholders
def test_a_placeholder_sentence_goes_and_the_rest_of_its_paragraph_stays():
    html = (
        "<h2>Verantwortliche Stelle</h2><p>Verantwortlich ist die Stadt Kassel. Die "
        "Kontaktdaten werden von der Redaktion hier ergänzt.</p><p>Weiter.</p>"
    )
    assert has_placeholder(html)
    assert without_placeholders(html) == (
        "<h2>Verantwortliche Stelle</h2><p>Verantwortlich ist die Stadt Kassel.</p><p>Weiter.</p>"
    )


def test_a_paragraph_of_only_a_placeholder_goes_entirely():
    html = "<p>Eins.</p>\n<p>The details will be added here by the editorial office.</p>"
    assert without_placeholders(html) == "<p>Eins.</p>"


def test_text_without_placeholders_is_left_exactly_as_it_is():
    html = "<p>Stadt Kassel,\n  Rathaus.</p>"
    assert not has_placeholder(html)
    assert without_placeholders(html) == html


def test_the_search_indexes_the_legal_pages_without_placeholders(client, content):
    from django.core.management import call_command

    call_command("rebuild_search_index", verbosity=0)
    for query in ("Redaktion ergänzt", "werden von der Redaktion hier ergänzt"):
        response = client.get("/de/suche/", {"q": query})
        text = " ".join(BeautifulSoup(response.content, "html.parser").main.get_text().split())
        assert "hier ergänzt." not in text
    response = client.get("/de/suche/", {"q": "Verantwortlich Stadt Kassel"})
    assert "Datenschutzerklärung" in response.content.decode()
