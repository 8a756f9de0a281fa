"""The admin's start page lists what waits for the signed-in user, and only what they may see."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events.models import Event, EventSeries, Registration
from kassel_integration.editorial import attention as admin_attention
from kassel_integration.models import LegalPage, Publishable
from kassel_integration.translations import state as ts
from officers.models import Office
from tests.concept.factories import GoalFactory
from tests.events.factories import (
    EventFactory,
    EventSeriesFactory,
    RegistrationEventFactory,
    RegistrationFactory,
)
from tests.factories import FieldOfActionFactory
from tests.kassel_integration.admin_helpers import ADMIN, member
from tests.officers.factories import OfficeFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime.datetime(2029, 12, 20, 9, 0, tzinfo=BERLIN)
DAY = datetime.timedelta(days=1)
Status = EventSeries.Status


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def outdate(obj, field, language):
    """Record a translation as made from a German text that has changed since."""
    ts.TranslationState.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj), for_concrete_model=False),
        object_id=obj.pk,
        field=field,
        language=language,
        source_hash=ts.fingerprint("Alter Text"),
        source_text_then="Alter Text",
    )


def up_to_date(obj, field, language):
    german = getattr(obj, ts.localized(field, ts.SOURCE_LANGUAGE))
    ts.TranslationState.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj), for_concrete_model=False),
        object_id=obj.pk,
        field=field,
        language=language,
        source_hash=ts.fingerprint(german),
        source_text_then=german,
    )


@pytest.fixture
def known():
    """One of each case, and a near miss next to each."""
    field = FieldOfActionFactory(
        number=1, title_de="Bildung", title_en="Education", status=Status.REVIEW
    )
    EventSeriesFactory(title_de="Werkstattgespräche", status=Status.REVIEW)
    EventSeriesFactory(title_de="Längst veröffentlicht", status=Status.PUBLISHED)
    EventFactory(title_de="Neujahrsempfang", publish_from=NOW + 2 * DAY, series=None)
    EventFactory(
        title_de="Noch im Entwurf", status=Status.DRAFT, publish_from=NOW + 3 * DAY, series=None
    )
    EventFactory(title_de="Zu weit weg", publish_from=NOW + 10 * DAY, series=None)
    EventFactory(title_de="Schon online", publish_from=NOW - DAY, series=None)
    EventFactory(
        title_de="Archiviert", status=Status.ARCHIVED, publish_until=NOW + DAY, series=None
    )
    OfficeFactory(title_de="Büro der Integrationsbeauftragten", publish_until=NOW + 5 * DAY)

    imprint = LegalPage.objects.create(
        kind=LegalPage.Kind.IMPRINT,
        title_de="Impressum",
        title_en="Imprint",
        title_sl="Impresum",
        body_de="<p>Stadt Kassel</p>",
        body_en="<p>City of Kassel</p>",
    )
    outdate(imprint, "title", "en")
    up_to_date(imprint, "title", "sl")
    goal = GoalFactory(field=field, title_de="Sprachkurse", title_en="Courses", title_sl="Tečaji")
    outdate(goal, "title", "sl")
    outdate(goal, "title", "en")
    current = GoalFactory(field=field, title_de="Kitas", title_en="Day care")
    up_to_date(current, "title", "en")

    event = RegistrationEventFactory(
        title_de="Runder Tisch", start=NOW + 4 * DAY, end=NOW + 4 * DAY, capacity=30, series=None
    )
    RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
    RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
    RegistrationFactory(
        event=event,
        status=Registration.Status.HELD,
        hold_expires_at=NOW + datetime.timedelta(hours=1),
    )
    RegistrationFactory(
        event=event, status=Registration.Status.WAITING, email_confirmed_at=NOW - DAY
    )
    RegistrationFactory(event=event, status=Registration.Status.CANCELLED)
    RegistrationEventFactory(title_de="Vorbei", start=NOW - 3 * DAY, end=NOW - 3 * DAY, series=None)
    EventFactory(title_de="Ohne Anmeldung", start=NOW + DAY, end=NOW + DAY, series=None)
    return {"field": field, "imprint": imprint, "goal": goal, "event": event}


def collect_for(user):
    request = RequestFactory().get(ADMIN)
    request.user = user
    with translation.override("de"):
        return admin_attention.collect(request)


def rows(section):
    return [(e.label, e.kind, e.status, e.change, e.when) for e in section.entries]


def change_url(obj):
    meta = obj._meta
    return f"{ADMIN}{meta.app_label}/{meta.model_name}/{obj.pk}/change/"


def test_a_superuser_sees_every_list_exactly(admin_user, known):
    attention = collect_for(admin_user)
    assert [(e.label, e.kind, e.url) for e in attention["review"].entries] == [
        ("1. Bildung", "Handlungsfeld", change_url(known["field"])),
        (
            "Werkstattgespräche",
            "Veranstaltungsreihe",
            change_url(EventSeries.objects.get(status=Status.REVIEW)),
        ),
    ]
    assert rows(attention["scheduled"]) == [
        ("Neujahrsempfang", "Veranstaltung", "Veröffentlicht", "geht online", NOW + 2 * DAY),
        ("Noch im Entwurf", "Veranstaltung", "Entwurf", "geht online", NOW + 3 * DAY),
        (
            "Büro der Integrationsbeauftragten",
            "Amt",
            "Veröffentlicht",
            "geht offline",
            NOW + 5 * DAY,
        ),
    ]
    assert [e.url for e in attention["scheduled"].entries] == [
        change_url(Event.objects.get(title_de="Neujahrsempfang")),
        change_url(Event.objects.get(title_de="Noch im Entwurf")),
        change_url(Office.objects.get()),
    ]
    # A goal is edited on its field of action: the link goes there.
    assert [(e.label, e.kind, e.url, e.languages) for e in attention["outdated"].entries] == [
        ("Impressum", "Pflichtseite", change_url(known["imprint"]), ["Englisch"]),
        ("Sprachkurse", "Ziel", change_url(known["field"]), ["Englisch", "Slowenisch"]),
    ]
    event = known["event"]
    assert [
        (e.label, e.url, e.start, e.confirmed, e.held, e.waiting, e.capacity, e.registrations_url)
        for e in attention["events"].entries
    ] == [
        (
            "Runder Tisch",
            change_url(event),
            NOW + 4 * DAY,
            2,
            1,
            1,
            30,
            f"{ADMIN}events/registration/?event__id__exact={event.pk}",
        )
    ]


def test_an_editor_sees_counts_but_no_way_to_the_registrations(django_user_model, known):
    attention = collect_for(member(django_user_model, "Editors"))
    assert [e.label for e in attention["review"].entries] == ["1. Bildung", "Werkstattgespräche"]
    assert len(attention["scheduled"].entries) == 3
    assert [e.label for e in attention["outdated"].entries] == ["Impressum", "Sprachkurse"]
    assert [(e.label, e.confirmed, e.registrations_url) for e in attention["events"].entries] == [
        ("Runder Tisch", 2, "")
    ]


def test_a_translator_sees_only_outdated_translations(django_user_model, known):
    attention = collect_for(member(django_user_model, "Translators"))
    assert attention["review"] is None
    assert attention["scheduled"] is None
    assert attention["events"] is None
    assert [e.label for e in attention["outdated"].entries] == ["Impressum", "Sprachkurse"]


def test_staff_without_a_role_see_nothing(django_user_model, known):
    attention = collect_for(django_user_model.objects.create_user("clerk", is_staff=True))
    assert attention == {
        "review": None,
        "scheduled": None,
        "outdated": None,
        "messages": None,
        "pending": None,
        "notices": None,
        "events": None,
        "gaps": None,
        "window_days": 7,
        "anything": False,
    }


def test_the_panel_on_the_start_page_links_each_item(client, admin_user, known):
    client.force_login(admin_user)
    response = client.get(ADMIN)
    assert response.status_code == 200
    panel = BeautifulSoup(response.content, "html.parser").select_one("section.attention")
    assert panel.h2.get_text() == "Das wartet auf Sie"
    assert [h.get_text(" ", strip=True) for h in panel.select("h3")] == [
        "In Prüfung",
        "Online oder offline innerhalb von 7 Tagen",
        "Veraltete Übersetzungen",
        "Neue Kontaktnachrichten",
        "Kommende Veranstaltungen mit Online-Anmeldung",
        "Fehlt noch auf den öffentlichen Seiten",
    ]
    # What waits for the user; the gaps are a list of their own (tests/…/test_gaps.py).
    links = [
        (a.get_text(strip=True), a["href"])
        for a in panel.select('table:not([aria-labelledby="attention-gaps"]) td a')
    ]
    assert ("1. Bildung", change_url(known["field"])) in links
    assert ("Sprachkurse", change_url(known["field"])) in links
    assert ("Runder Tisch", change_url(known["event"])) in links
    assert (
        "Anmeldungen",
        f"{ADMIN}events/registration/?event__id__exact={known['event'].pk}",
    ) in links
    assert len(links) == 2 + 3 + 2 + 2
    assert panel.select_one(f'a[href="{ADMIN}kassel_integration/translationstate/?state=outdated"]')
    # The apps are still listed below.
    assert BeautifulSoup(response.content, "html.parser").select("#content-main .app-events")


def test_a_translator_start_page_shows_no_registrations(client, django_user_model, known):
    client.force_login(member(django_user_model, "Translators"))
    html = client.get(ADMIN).content.decode()
    panel = BeautifulSoup(html, "html.parser").select_one("section.attention")
    assert [h.get_text(strip=True) for h in panel.select("h3")] == [
        "Veraltete Übersetzungen",
        "Fehlt noch auf den öffentlichen Seiten",
    ]
    assert "Runder Tisch" not in html
    assert "registration" not in str(panel)


def test_an_empty_panel_says_so(client, admin_user):
    client.force_login(admin_user)
    panel = BeautifulSoup(client.get(ADMIN).content, "html.parser").select_one("section.attention")
    assert panel.select_one(".attention-none").get_text() == "Im Moment wartet nichts auf Sie."
    assert [p.get_text() for p in panel.select("p")][1:] == [
        "Nichts ist in Prüfung.",
        "In dieser Zeit geht nichts online oder offline.",
        "Keine Übersetzung ist veraltet.",
        "Alle veralteten Übersetzungen in der Übersicht der Übersetzungen",
        "Keine neuen Kontaktnachrichten.",
        "Alle Kontaktnachrichten",
        "Keine kommende Veranstaltung nimmt Anmeldungen online entgegen.",
        "Es fehlt nichts.",
    ]


def test_long_lists_are_cut_and_say_how_long_they_are(client, admin_user, monkeypatch):
    monkeypatch.setattr(admin_attention, "MAX_ROWS", 2)
    for n in range(3):
        EventSeriesFactory(title_de=f"Reihe {n}", status=Status.REVIEW)
    client.force_login(admin_user)
    panel = BeautifulSoup(client.get(ADMIN).content, "html.parser").select_one("section.attention")
    assert len(panel.select("table")[0].select("tbody tr")) == 2
    assert panel.select_one(".attention-more").get_text(strip=True) == (
        "Die ersten 2 von 3 Einträgen werden angezeigt."
    )


def _more_of_everything(known):
    """As many again of every kind of item, in the same models."""
    for n in range(5):
        FieldOfActionFactory(number=10 + n, title_de=f"Feld {n}", status=Status.REVIEW)
        EventFactory(title_de=f"Bald {n}", publish_from=NOW + DAY, series=None)
        goal = GoalFactory(field=known["field"], title_de=f"Ziel {n}", title_en=f"Goal {n}")
        outdate(goal, "title", "en")
        event = RegistrationEventFactory(
            title_de=f"Tisch {n}", start=NOW + 6 * DAY, end=NOW + 6 * DAY, series=None
        )
        RegistrationFactory(event=event)


def test_the_lists_take_a_constant_number_of_queries(admin_user, known, django_user_model):
    editor = member(django_user_model, "Editors")
    for user in (admin_user, editor):
        collect_for(user)  # content types cached, as on any running server

    def queries(user):
        user = django_user_model.objects.get(pk=user.pk)  # no permission cache
        with CaptureQueriesContext(connection) as captured:
            collect_for(user)
        return len(captured)

    before = {"admin": queries(admin_user), "editor": queries(editor)}
    _more_of_everything(known)
    after = {"admin": queries(admin_user), "editor": queries(editor)}
    assert collect_for(admin_user)["review"].total == 7
    assert after == before
    # groups 1; one per model with a publication state (7); translation states 1 and
    # one per model with any (legal pages, goals: 2); contact messages 1; events 1;
    # gaps: legal pages, the office, fields of action, events (4);
    # changes waiting for review 1, unsent notifications 1 (for those who may see them).
    assert before["admin"] == 1 + 7 + 1 + 2 + 1 + 1 + 4 + 1 + 1
    # Editors: their permissions (2 more queries); no contact messages (personal data) and
    # no unsent notifications to see (2 less).
    assert before["editor"] == before["admin"] + 2 - 2


def test_the_start_page_takes_a_constant_number_of_queries(client, admin_user, known):
    client.force_login(admin_user)
    client.get(ADMIN)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(ADMIN).status_code == 200
        return len(captured)

    before = count()
    _more_of_everything(known)
    assert count() == before


def test_every_content_model_with_a_publication_state_is_looked_at():
    # The query figures above count one query for each of these.
    assert sorted(
        model._meta.label for model in admin.site._registry if issubclass(model, Publishable)
    ) == [
        "concept.ConceptVersion",
        "concept.Document",
        "concept.FieldOfAction",
        "concept.IntegrationReport",
        "events.Event",
        "events.EventSeries",
        "officers.Office",
    ]
