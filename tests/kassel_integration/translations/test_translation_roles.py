"""The role matrix, checked by what the server accepts, not by what the forms show."""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from modeltranslation.translator import translator

from concept.models import FieldOfAction, Goal
from events.models import Event
from kassel_integration.editorial.roles import check_only_translations
from kassel_integration.models import LegalPage
from officers.models import Task
from tests.browser import sign_in_to_admin
from tests.concept.factories import GoalFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import FieldOfActionFactory
from tests.kassel_integration.admin_helpers import (
    ADMIN,
    ensure_roles,
    errors_of,
    form_data,
    member,
    publish_pending,
)
from tests.officers.factories import TaskFactory

pytestmark = pytest.mark.django_db

CONTENT_APPS = ("officers", "concept", "events")


@pytest.fixture
def translator_client(client, django_user_model):
    client.force_login(member(django_user_model, "Translators"))
    return client


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(member(django_user_model, "Editors"))
    return client


@pytest.fixture
def legal_page():
    return LegalPage.objects.create(
        kind=LegalPage.Kind.IMPRINT,
        title_de="Impressum",
        title_en="Imprint",
        body_de="<p>Stadt Kassel</p>",
        body_en="<p>City of Kassel</p>",
    )


def codenames(group):
    ensure_roles()
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=group).permissions.select_related("content_type")
    }


def content_models():
    models = [m for app in CONTENT_APPS for m in apps.get_app_config(app).get_models()]
    return [*models, LegalPage]


@pytest.mark.parametrize(
    ("group", "language"), [("Translators (English)", "en"), ("Translators (Slovenian)", "sl")]
)
def test_translators_may_change_every_translated_model_and_nothing_else(group, language):
    translated = set(translator.get_registered_models())
    expected = set()
    for model in content_models():
        if model in translated:
            label, name = model._meta.app_label, model._meta.model_name
            expected |= {f"{label}.change_{name}", f"{label}.view_{name}"}
    expected.add("kassel_integration.view_translationstate")
    expected.add(f"kassel_integration.translate_interface_{language}")
    assert codenames(group) == expected


def test_one_translator_group_per_language_and_the_combined_group_is_gone():
    ensure_roles()
    names = set(Group.objects.filter(name__startswith="Translators").values_list("name", flat=True))
    assert names == {"Translators (English)", "Translators (Slovenian)"}


def test_editors_maintain_all_content_but_not_personal_data():
    # The German interface texts (.po) are theirs too (migration 0006).
    expected = {
        "kassel_integration.view_translationstate",
        "kassel_integration.translate_interface_de",
        "kassel_integration.view_reviewevent",
    }
    for model in content_models():
        # Personal data from the public forms: event registrations, contact messages.
        if model._meta.model_name in {"registration", "contactmessage"}:
            continue
        label, name = model._meta.app_label, model._meta.model_name
        expected |= {f"{label}.{action}_{name}" for action in ("add", "change", "delete", "view")}
    assert codenames("Editors") == expected


def test_translator_changes_english_but_a_crafted_german_value_is_ignored(
    translator_client, legal_page
):
    url = f"{ADMIN}kassel_integration/legalpage/{legal_page.pk}/change/"
    page = translator_client.get(url)
    assert page.status_code == 200
    data = form_data(page.content.decode())
    assert "title_de" not in data
    assert "body_de" not in data
    assert data["title_en"] == "Imprint"
    data.update(
        title_en="Legal notice",
        body_sl="<p>Mesto Kassel</p>",
        title_de="Gehackt",
        body_de="<p>Gehackt</p>",
        kind=LegalPage.Kind.PRIVACY,
    )
    response = translator_client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    assert publish_pending(legal_page)  # legal pages are reviewed
    legal_page.refresh_from_db()
    assert (legal_page.title_de, legal_page.body_de, legal_page.kind) == (
        "Impressum",
        "<p>Stadt Kassel</p>",
        "imprint",
    )
    assert (legal_page.title_en, legal_page.body_sl) == ("Legal notice", "<p>Mesto Kassel</p>")


def test_translator_sees_the_german_text_read_only(translator_client, legal_page):
    html = translator_client.get(
        f"{ADMIN}kassel_integration/legalpage/{legal_page.pk}/change/"
    ).content.decode()
    assert '<div class="readonly">Impressum</div>' in html
    assert 'name="title_en"' in html
    assert 'name="title_sl"' in html
    assert 'name="title_de"' not in html


def test_translator_cannot_publish_or_unpublish(translator_client):
    event = EventFactory(title_de="Runder Tisch", status=Event.Status.DRAFT)
    url = f"{ADMIN}events/event/{event.pk}/change/"
    page = translator_client.get(url).content.decode()
    assert 'name="status"' not in page
    assert "publish_from" not in page
    data = form_data(page)
    data.update(
        title_en="Round table",
        status=Event.Status.PUBLISHED,
        publish_from_0="01.01.2030",
        publish_from_1="10:00:00",
    )
    response = translator_client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    event.refresh_from_db()
    assert (event.title_en, event.status, event.publish_from) == ("Round table", "draft", None)


def test_translator_cannot_delete_or_add(translator_client):
    event = EventFactory()
    delete_url = f"{ADMIN}events/event/{event.pk}/delete/"
    assert translator_client.get(delete_url).status_code == 403
    assert translator_client.post(delete_url, {"post": "yes"}).status_code == 403
    changelist = translator_client.post(
        f"{ADMIN}events/event/",
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    assert changelist.status_code == 200
    assert Event.objects.filter(pk=event.pk).exists()
    assert translator_client.get(f"{ADMIN}events/event/add/").status_code == 403
    created = translator_client.post(
        f"{ADMIN}events/event/add/", {"title_de": "Neu", "slug_de": "neu"}
    )
    assert created.status_code == 403
    assert Event.objects.count() == 1


def test_translator_cannot_use_the_list_editing(translator_client):
    task = TaskFactory(order=3)
    response = translator_client.post(
        f"{ADMIN}officers/task/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(task.pk),
            "form-0-order": "99",
            "_save": "Save",
        },
    )
    assert response.status_code == 200
    task.refresh_from_db()
    assert task.order == 3


def test_translator_edits_inline_translations_only(translator_client):
    field = FieldOfActionFactory(title_de="Sprache", status=FieldOfAction.Status.DRAFT)
    goal = GoalFactory(field=field, title_de="Deutschkurse ausbauen", order=1)
    url = f"{ADMIN}concept/fieldofaction/{field.pk}/change/"
    data = form_data(translator_client.get(url).content.decode())
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS") and k.startswith("goal")).split(
        "-"
    )[0]
    data.update(
        {
            f"{prefix}-0-title_en": "More German courses",
            f"{prefix}-0-title_de": "Gehackt",
            f"{prefix}-0-order": "7",
            f"{prefix}-0-DELETE": "on",
            # A second, new goal smuggled in.
            f"{prefix}-TOTAL_FORMS": "2",
            f"{prefix}-1-title_de": "Neues Ziel",
            f"{prefix}-1-title_en": "New goal",
            f"{prefix}-1-order": "2",
            f"{prefix}-1-progress": goal.progress,
        }
    )
    response = translator_client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    goal.refresh_from_db()
    assert (goal.title_de, goal.title_en, goal.order) == (
        "Deutschkurse ausbauen",
        "More German courses",
        1,
    )
    assert Goal.objects.count() == 1


def test_translator_never_sees_registrations(translator_client):
    registration = RegistrationFactory(name="Ana Novak", email="ana@example.org")
    event = registration.event
    assert translator_client.get(f"{ADMIN}events/registration/").status_code == 403
    change = f"{ADMIN}events/registration/{registration.pk}/change/"
    assert translator_client.get(change).status_code == 403
    assert translator_client.get(
        f"{ADMIN}events/event/{event.pk}/participants.csv"
    ).status_code == (403)
    export = translator_client.post(
        f"{ADMIN}events/event/",
        {"action": "export_participants", "_selected_action": [event.pk]},
    )
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/html")
    page = translator_client.get(f"{ADMIN}events/event/{event.pk}/change/").content.decode()
    assert "Ana Novak" not in page
    assert "ana@example.org" not in page


def test_editor_changes_german_submits_adds_and_deletes(editor_client):
    event = EventFactory(title_de="Runder Tisch", status=Event.Status.DRAFT)
    url = f"{ADMIN}events/event/{event.pk}/change/"
    data = form_data(editor_client.get(url).content.decode())
    data.update(title_de="Runder Tisch Integration", status=Event.Status.REVIEW)
    response = editor_client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    event.refresh_from_db()
    assert (event.title_de, event.status) == ("Runder Tisch Integration", "review")
    assert editor_client.get(f"{ADMIN}events/event/add/").status_code == 200
    task = TaskFactory()
    response = editor_client.post(f"{ADMIN}officers/task/{task.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Task.objects.filter(pk=task.pk).exists()


def test_editor_does_not_see_registrations_either(editor_client):
    registration = RegistrationFactory()
    assert editor_client.get(f"{ADMIN}events/registration/").status_code == 403
    csv_url = f"{ADMIN}events/event/{registration.event.pk}/participants.csv"
    assert editor_client.get(csv_url).status_code == 403


def test_save_check_refuses_anything_but_translations(legal_page):
    legal_page.title_en = "Legal notice"
    check_only_translations(LegalPage, legal_page, ["title_en"])
    with pytest.raises(PermissionDenied):
        check_only_translations(LegalPage, legal_page, ["title_de"])
    legal_page.title_de = "Gehackt"
    with pytest.raises(PermissionDenied):
        check_only_translations(LegalPage, legal_page, ["title_en"])
    with pytest.raises(PermissionDenied):
        check_only_translations(LegalPage, LegalPage(title_en="x"), ["title_en"])


def test_an_error_in_a_hidden_language_is_named_at_the_top(editor_client):
    EventFactory(title_de="Frühlingsfest", slug_de="fest", slug_en="spring-party")
    event = EventFactory(title_de="Sommerfest")
    url = f"{ADMIN}events/event/{event.pk}/change/"
    data = form_data(editor_client.get(url).content.decode())
    data["slug_en"] = "spring-party"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert [li.get_text(strip=True) for li in soup.select("ul.messagelist li.error")] == [
        "Die Sprachfassung Englisch (Reiter „en“) enthält Fehler in: Kurzname in der Adresse."
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_tab_with_the_error_is_marked_and_described(page, live_server, django_user_model):
    EventFactory(title_de="Frühlingsfest", slug_de="fest", slug_sl="pomladni-praznik")
    event = EventFactory(title_de="Sommerfest")
    member(django_user_model, "Editors", username="redakteurin")
    sign_in_to_admin(
        page,
        live_server.url,
        "redakteurin",
        "correct-horse-battery",
        f"{ADMIN}events/event/{event.pk}/change/",
    )
    page.locator("a[href='#tab_id_slug_sl']").click()
    page.fill("#id_slug_sl", "pomladni-praznik")
    page.locator("a[href='#tab_id_slug_de']").click()  # the Slovenian tab is hidden again
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    summary = page.locator("ul.messagelist li.translation-errors")
    assert summary.all_inner_texts() == ["The Slovenian version (tab “sl”) has errors in: Slug."]
    tab = page.locator(".ui-tab-has-errors[role=tab]")
    assert tab.all_text_contents() == ["sl"]
    assert tab.get_attribute("aria-describedby") == summary.get_attribute("id")
