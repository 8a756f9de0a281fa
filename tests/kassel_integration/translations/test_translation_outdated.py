"""A change to the German text marks its translations outdated, unless it was a typo fix."""

import pytest
from bs4 import BeautifulSoup

from kassel_integration.models import LegalPage
from kassel_integration.translations import state as ts
from tests.concept.factories import GoalFactory
from tests.factories import FieldOfActionFactory
from tests.kassel_integration.admin_helpers import (
    ADMIN,
    errors_of,
    form_data,
    member,
    publish_pending,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return member(django_user_model, "Editors")


@pytest.fixture
def translator(django_user_model):
    return member(django_user_model, "Translators")


@pytest.fixture
def legal_page():
    return LegalPage.objects.create(
        kind=LegalPage.Kind.IMPRINT,
        title_de="Impressum",
        title_en="Imprint",
        title_sl="Impresum",
        body_de="<p>Stadt Kassel</p>",
        body_en="<p>City of Kassel</p>",
    )


def url(page):
    return f"{ADMIN}kassel_integration/legalpage/{page.pk}/change/"


def save(client, user, page, **changes):
    client.force_login(user)
    data = form_data(client.get(url(page)).content.decode())
    data.update(changes)
    response = client.post(url(page), data)
    assert response.status_code == 302, errors_of(response)
    # Legal pages are reviewed: what a save did counts once a reviewer publishes it.
    publish_pending(page)
    page.refresh_from_db()
    return page


def outdated(page):
    return [(c.field, c.languages, c.german_then, c.german_now) for c in ts.outdated_fields(page)]


def test_a_german_change_marks_existing_translations_outdated(client, editor, legal_page):
    save(client, editor, legal_page, title_de="Impressum der Stadt")
    # body_sl was never translated: it is missing, not outdated.
    assert outdated(legal_page) == [
        ("title", ["en", "sl"], "Impressum", "Impressum der Stadt"),
    ]


def test_a_minor_edit_marks_nothing(client, editor, legal_page):
    save(client, editor, legal_page, title_de="Impresum", minor_edit="on")
    assert outdated(legal_page) == []
    save(client, editor, legal_page, title_de="Impressum", minor_edit="on")
    assert outdated(legal_page) == []


def test_a_minor_edit_does_not_hide_an_earlier_change(client, editor, legal_page):
    save(client, editor, legal_page, body_de="<p>Stadt Kassel, Rathaus</p>")
    save(client, editor, legal_page, body_de="<p>Stadt Kassel, Rathaus.</p>", minor_edit="on")
    assert outdated(legal_page) == [
        ("body", ["en"], "<p>Stadt Kassel</p>", "<p>Stadt Kassel, Rathaus.</p>"),
    ]


def test_the_translator_sees_then_and_now_and_saving_the_translation_clears_it(
    client, editor, translator, legal_page
):
    save(client, editor, legal_page, title_de="Impressum der Stadt Kassel")
    client.force_login(translator)
    soup = BeautifulSoup(client.get(url(legal_page)).content, "html.parser")
    table = soup.select_one("table.german-changes")
    cells = [td.get_text().strip() for td in table.select("tbody td")]
    assert cells == ["en, sl", "Impressum", "Impressum der Stadt Kassel"]
    # The German text of now marks what was added since the translation.
    assert [ins.get_text() for ins in table.select("td.german-now ins")] == [" der Stadt Kassel"]
    save(client, translator, legal_page, title_en="Imprint of the City of Kassel")
    assert outdated(legal_page) == [
        ("title", ["sl"], "Impressum", "Impressum der Stadt Kassel"),
    ]
    save(client, translator, legal_page, title_sl="Impresum mesta Kassel")
    assert outdated(legal_page) == []
    soup = BeautifulSoup(client.get(url(legal_page)).content, "html.parser")
    assert soup.select_one("table.german-changes") is None


def test_the_translator_can_confirm_translations_that_are_still_right(
    client, editor, translator, legal_page
):
    save(client, editor, legal_page, title_de="Impressum.")
    assert [c.field for c in ts.outdated_fields(legal_page)] == ["title"]
    save(client, translator, legal_page, translations_checked="on")
    assert outdated(legal_page) == []
    assert legal_page.title_en == "Imprint"


def test_a_crafted_minor_edit_from_a_translator_is_ignored(client, editor, translator, legal_page):
    save(client, editor, legal_page, title_de="Impressum neu")
    save(client, translator, legal_page, minor_edit="on", body_en="<p>The City of Kassel</p>")
    assert [c.field for c in ts.outdated_fields(legal_page)] == ["title"]


def test_only_editors_get_the_minor_edit_box(client, editor, translator, legal_page):
    client.force_login(editor)
    assert 'name="minor_edit"' in client.get(url(legal_page)).content.decode()
    client.force_login(translator)
    html = client.get(url(legal_page)).content.decode()
    assert 'name="minor_edit"' not in html
    assert 'name="translations_checked"' in html


def test_inline_texts_are_tracked_too(client, editor):
    field = FieldOfActionFactory(title_de="Sprache", title_en="Language")
    goal = GoalFactory(field=field, title_de="Kurse ausbauen", title_en="More courses", order=1)
    client.force_login(editor)
    change = f"{ADMIN}concept/fieldofaction/{field.pk}/change/"
    data = form_data(client.get(change).content.decode())
    prefix = next(k for k in data if k.startswith("goal") and k.endswith("-TOTAL_FORMS"))
    prefix = prefix.split("-")[0]
    data[f"{prefix}-0-title_de"] = "Deutschkurse ausbauen"
    response = client.post(change, data)
    assert response.status_code == 302, errors_of(response)
    assert publish_pending(field)  # the field of action is public: a reviewer publishes
    goal.refresh_from_db()
    assert [(c.field, c.languages, c.german_then) for c in ts.outdated_fields(goal)] == [
        ("title", ["en"], "Kurse ausbauen"),
    ]
    field.refresh_from_db()
    assert ts.outdated_fields(field) == []


def test_an_editor_who_also_translates_keeps_the_translation_current(client, editor, legal_page):
    save(client, editor, legal_page, title_de="Impressum neu", title_en="New imprint")
    assert outdated(legal_page) == [("title", ["sl"], "Impressum", "Impressum neu")]


def test_deleting_an_object_forgets_its_states(client, editor):
    field = FieldOfActionFactory(title_de="Sprache", title_en="Language")
    client.force_login(editor)
    change = f"{ADMIN}concept/fieldofaction/{field.pk}/change/"
    data = form_data(client.get(change).content.decode())
    data["title_de"] = "Sprache und Bildung"
    assert client.post(change, data).status_code == 302
    assert publish_pending(field)
    client.force_login(editor)
    assert ts.TranslationState.objects.count() == 1
    response = client.post(f"{ADMIN}concept/fieldofaction/{field.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert ts.TranslationState.objects.count() == 0
