"""The editorial office: lists with filters, and clear errors for impossible data."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from events.models import Event, Venue
from tests.events.factories import EventFactory, EventSeriesFactory

pytestmark = pytest.mark.django_db
ADMIN = "/" + settings.ADMIN_URL_PATH


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def form_data(html):
    """The add form's fields as a browser would submit them untouched."""
    form = BeautifulSoup(html, "html.parser").find("form", id="event_form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button"):
            continue
        if field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = "on"
        elif field.name == "select":
            selected = [o["value"] for o in field.find_all("option", selected=True)]
            if field.has_attr("multiple"):
                if selected:
                    data[name] = selected
            else:
                data[name] = selected[0] if selected else ""
        elif field.name == "textarea":
            data[name] = field.get_text()
        else:
            data[name] = field.get("value", "")
    return data


def add_event(staff_client, **values):
    url = f"{ADMIN}events/event/add/"
    data = form_data(staff_client.get(url).content)
    data.update(
        {
            "title_de": "Sommerfest",
            "slug_de": "sommerfest",
            "start_0": "01.07.2031",
            "start_1": "18:00:00",
            "status": "published",
            "event_status": "scheduled",
            "motto_kind": "motto",
        }
    )
    data.update(values)
    return staff_client.post(url, data)


def errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(strip=True) for li in soup.select("ul.errorlist li")]


def test_admin_adds_an_event(staff_client):
    response = add_event(staff_client, end_0="01.07.2031", end_1="20:00:00")
    assert response.status_code == 302, errors(response)
    event = Event.objects.get(slug_de="sommerfest")
    assert event.ends_at == event.end


def test_admin_rejects_end_before_start(staff_client):
    response = add_event(staff_client, end_0="01.07.2031", end_1="17:00:00")
    assert response.status_code == 200
    assert errors(response) == ["Die Veranstaltung kann nicht enden, bevor sie beginnt."]
    assert not Event.objects.exists()


def test_admin_rejects_duplicate_slug(staff_client):
    EventFactory(title_de="Frühlingsfest", slug_de="fest", slug_en="spring-party")
    response = add_event(staff_client, slug_de="sommerfest", slug_en="spring-party")
    assert response.status_code == 200
    assert errors(response) == [
        "Diese Adresse (Slug) wird bereits von „Frühlingsfest“ verwendet. "
        "Bitte wählen Sie eine andere."
    ]


@pytest.mark.parametrize(
    "query", ["", "?series__id__exact=1", "?year=2030", "?year=abc", "?event_status=cancelled"]
)
def test_event_changelist_with_filters(staff_client, query):
    EventFactory(series=EventSeriesFactory())
    response = staff_client.get(f"{ADMIN}events/event/{query}")
    assert response.status_code == 200


@pytest.mark.parametrize("model", ["event", "eventseries", "venue", "language"])
def test_add_pages_open(staff_client, model):
    assert staff_client.get(f"{ADMIN}events/{model}/add/").status_code == 200


def test_event_change_page_shows_programme_and_quotes_inline(staff_client, content):
    event = Event.objects.get(slug_de="runder-tisch-integration-2024")
    response = staff_client.get(f"{ADMIN}events/event/{event.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="programme_items-TOTAL_FORMS" value="4"' in html
    assert 'name="quote_links-TOTAL_FORMS" value="2"' in html
    # Partners and speakers are chosen by autocomplete.
    assert 'data-ajax--url="/verwaltung/autocomplete/"' in html


def test_venues_of_the_same_name_are_told_apart_in_autocomplete_and_select(admin_client):
    north = Venue.objects.create(
        name="Bürgerhaus",
        street_address="Holländische Str. 74",
        postal_code="34127",
        locality="Kassel",
    )
    Venue.objects.create(name="Bürgerhaus", locality="Baunatal")
    event = EventFactory(venue=north)
    response = admin_client.get(
        "/" + settings.ADMIN_URL_PATH + "autocomplete/",
        {"term": "Bürgerhaus", "app_label": "events", "model_name": "event", "field_name": "venue"},
    )
    assert sorted(r["text"] for r in response.json()["results"]) == [
        "Bürgerhaus, Baunatal",
        "Bürgerhaus, Holländische Str. 74, 34127 Kassel",
    ]
    html = admin_client.get(
        "/" + settings.ADMIN_URL_PATH + f"events/event/{event.pk}/change/"
    ).content.decode()
    selected = BeautifulSoup(html, "html.parser").select_one(
        'select[name="venue"] option[selected]'
    )
    assert selected.get_text() == "Bürgerhaus, Holländische Str. 74, 34127 Kassel"
