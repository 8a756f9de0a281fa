"""The admin: friendly errors for the term rules, inlines, lists."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from officers.models import Office, Term
from tests.factories import PersonFactory
from tests.kassel_integration.admin_helpers import form_data
from tests.officers.factories import OfficeFactory, TermFactory

pytestmark = pytest.mark.django_db

FRIENDLY_ONE_CURRENT = (
    "Dieses Amt ist bereits besetzt. Markieren Sie zuerst die bisherige Amtszeit als beendet "
    "und tragen Sie dann die neue Person ein."
)


def add_term_form(data, prefix, person, **fields):
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data[f"{prefix}-{index}-person"] = str(person.pk)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    return index


def errors_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(strip=True) for li in soup.select("ul.errorlist li")]


@pytest.fixture
def office_url(content):
    office = Office.objects.get(key="integrationsbeauftragte")
    return reverse("admin:officers_office_change", args=[office.pk])


def test_office_change_page_lists_terms_tasks_and_quotes_inline(admin_client, office_url):
    response = admin_client.get(office_url)
    assert response.status_code == 200
    data = form_data(response.content)
    assert data["terms-TOTAL_FORMS"] == "2"
    assert data["tasks-TOTAL_FORMS"] == "5"
    assert data["quote_links-TOTAL_FORMS"] == "3"
    assert data["hours-TOTAL_FORMS"] == "0"
    # Translation tabs: every translated field in de, en and sl.
    assert {"title_de", "title_en", "title_sl"} <= data.keys()
    assert data["tasks-0-title_de"] == "Förderung der interkulturellen Orientierung"


def test_unchanged_office_form_saves(admin_client, office_url):
    data = form_data(admin_client.get(office_url).content)
    response = admin_client.post(office_url, data)
    assert response.status_code == 302, errors_of(response)


def test_second_current_holder_in_the_office_inline_gets_a_friendly_error(admin_client, office_url):
    data = form_data(admin_client.get(office_url).content)
    index = add_term_form(data, "terms", PersonFactory(), started_on="2026-01-01")
    response = admin_client.post(office_url, data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert FRIENDLY_ONE_CURRENT in errors_of(response)
    # The error sits at the new term's "has ended" box, where it can be fixed.
    field = soup.find(id=f"id_terms-{index}-has_ended")
    assert FRIENDLY_ONE_CURRENT in field.find_parent(class_="form-row").get_text()
    assert Term.objects.count() == 2


def test_handing_over_in_one_submission_is_allowed(admin_client, office_url):
    data = form_data(admin_client.get(office_url).content)
    current = Term.objects.get(has_ended=False)
    index = next(
        i for i in range(int(data["terms-TOTAL_FORMS"])) if data[f"terms-{i}-id"] == str(current.pk)
    )
    data[f"terms-{index}-ended_on"] = "2026-06-30"
    add_term_form(data, "terms", PersonFactory(), started_on="2026-07-01")
    response = admin_client.post(office_url, data)
    assert response.status_code == 302, errors_of(response)
    current.refresh_from_db()
    assert current.has_ended is True
    assert Term.objects.get(has_ended=False).started_on == datetime.date(2026, 7, 1)


def test_a_deleted_current_term_makes_room_for_a_new_holder(admin_client, office_url):
    """A form marked for deletion does not count as a current holder."""
    data = form_data(admin_client.get(office_url).content)
    current = Term.objects.get(has_ended=False)
    index = next(
        i for i in range(int(data["terms-TOTAL_FORMS"])) if data[f"terms-{i}-id"] == str(current.pk)
    )
    data[f"terms-{index}-DELETE"] = "on"
    add_term_form(data, "terms", PersonFactory(slug="new-holder"), started_on="2026-07-01")
    response = admin_client.post(office_url, data)
    assert response.status_code == 302, errors_of(response)
    assert not Term.objects.filter(pk=current.pk).exists()
    assert Term.objects.get(has_ended=False).person.slug == "new-holder"


def test_handing_back_to_an_earlier_term_saves_whatever_the_order_of_the_forms(
    admin_client, office_url
):
    data = form_data(admin_client.get(office_url).content)
    ayalp = Term.objects.get(person__slug="teslihan-ayalp")
    schuetz = Term.objects.get(person__slug="alena-schuetz")
    # Ayalp's form comes first on the page: saved in page order, she would become
    # current while Schütz still is, and the database would refuse.
    assert [data["terms-0-id"], data["terms-1-id"]] == [str(ayalp.pk), str(schuetz.pk)]
    del data["terms-0-has_ended"]
    data["terms-1-has_ended"] = "on"
    response = admin_client.post(office_url, data)
    assert response.status_code == 302, errors_of(response)
    assert Term.objects.get(has_ended=False) == ayalp


def test_term_ending_before_it_starts_gets_a_friendly_error(admin_client, office_url):
    data = form_data(admin_client.get(office_url).content)
    add_term_form(
        data,
        "terms",
        PersonFactory(),
        started_on="2020-05-01",
        has_ended="on",
        ended_on="2020-04-30",
    )
    response = admin_client.post(office_url, data)
    assert response.status_code == 200
    assert "Die Amtszeit kann nicht enden, bevor sie beginnt. Bitte prüfen Sie beide Daten." in (
        errors_of(response)
    )


def test_second_current_term_on_the_person_page_gets_a_friendly_error(admin_client):
    office = OfficeFactory()
    TermFactory(office=office, has_ended=False)
    person = PersonFactory()
    person_url = reverse("admin:officers_person_change", args=[person.pk])
    data = form_data(admin_client.get(person_url).content)
    index = int(data["terms-TOTAL_FORMS"])
    data["terms-TOTAL_FORMS"] = str(index + 1)
    data[f"terms-{index}-office"] = str(office.pk)
    data[f"terms-{index}-started_on"] = "2026-01-01"
    response = admin_client.post(person_url, data)
    assert response.status_code == 200
    assert errors_of(response).count(FRIENDLY_ONE_CURRENT) == 1
    assert not person.terms.exists()


def test_term_admin_add_form_gets_a_friendly_error(admin_client):
    office = OfficeFactory()
    TermFactory(office=office, has_ended=False)
    add_url = reverse("admin:officers_term_add")
    data = form_data(admin_client.get(add_url).content)
    data.update(office=str(office.pk), person=str(PersonFactory().pk), started_on="2026-01-01")
    response = admin_client.post(add_url, data)
    assert response.status_code == 200
    assert FRIENDLY_ONE_CURRENT in errors_of(response)


def test_portrait_without_description_is_refused(admin_client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.officers.test_models import PNG

    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory()
    person_url = reverse("admin:officers_person_change", args=[person.pk])
    data = form_data(admin_client.get(person_url).content)
    data["portrait"] = SimpleUploadedFile("p.png", PNG, content_type="image/png")
    response = admin_client.post(person_url, data)
    assert response.status_code == 200
    assert (
        "Bitte beschreiben Sie das Bild: Menschen, die es nicht sehen können, brauchen diese "
        "Beschreibung. Ist es nur Schmuck, kreuzen Sie stattdessen „dekoratives Bild“ an."
        in errors_of(response)
    )


@pytest.mark.parametrize(
    "name",
    [
        "officers_office_changelist",
        "officers_term_changelist",
        "officers_task_changelist",
        "officers_quote_changelist",
        "officers_person_changelist",
    ],
)
def test_changelists_answer_with_search(admin_client, content, name):
    response = admin_client.get(reverse(f"admin:{name}"), {"q": "Schütz"})
    assert response.status_code == 200


def test_office_list_shows_the_current_holder(admin_client, content):
    response = admin_client.get(reverse("admin:officers_office_changelist"))
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Alena Schütz" in soup.select_one("#result_list tbody tr").get_text(" ")


@pytest.mark.parametrize(
    ("language", "again"),
    [
        ("de", "Die Datei „p.png“ wurde wegen der Fehler auf dieser Seite nicht gespeichert"),
        ("en", "The file “p.png” was not saved because of the errors on this page"),
        ("sl", "Datoteka „p.png“ zaradi napak na tej strani ni bila shranjena"),
    ],
)
def test_after_a_form_error_the_portrait_field_asks_for_the_file_again(
    admin_client, settings, tmp_path, language, again
):
    from bs4 import BeautifulSoup
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.officers.test_models import PNG

    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory()
    person_url = reverse("admin:officers_person_change", args=[person.pk])
    data = form_data(admin_client.get(person_url, HTTP_ACCEPT_LANGUAGE=language).content)
    data["portrait"] = SimpleUploadedFile("p.png", PNG, content_type="image/png")
    data["portrait_alt_de"] = "Porträt"
    data["family_name"] = ""  # an error elsewhere on the page
    response = admin_client.post(person_url, data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    row = BeautifulSoup(response.content, "html.parser").select_one(".field-portrait")
    assert again in row.select_one("ul.errorlist").get_text()
    assert list(tmp_path.rglob("*.*")) == []  # nothing kept behind on the server
    person.refresh_from_db()
    assert not person.portrait
