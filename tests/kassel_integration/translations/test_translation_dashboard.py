"""The translation dashboard: counts per language, filters, links, access and its accessibility."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType

from concept.models import Goal
from kassel_integration.models import LegalPage
from kassel_integration.translations import state as ts
from tests.browser import assert_no_axe_violations, sign_in_to_admin
from tests.concept.factories import GoalFactory
from tests.factories import FieldOfActionFactory
from tests.kassel_integration.admin_helpers import ADMIN, member

DASHBOARD = f"{ADMIN}kassel_integration/translationstate/"


@pytest.fixture
def pages(db):
    """Three legal pages: one translated, one without Slovenian body, one changed since."""
    complete = LegalPage.objects.create(
        kind="imprint",
        title_de="Impressum",
        title_en="Imprint",
        title_sl="Impresum",
        body_de="<p>Stadt Kassel</p>",
        body_en="<p>City of Kassel</p>",
        body_sl="<p>Mesto Kassel</p>",
    )
    missing = LegalPage.objects.create(
        kind="privacy",
        title_de="Datenschutz",
        title_en="Privacy",
        title_sl="Zasebnost",
        body_de="<p>Keine Cookies</p>",
        body_en="<p>No cookies</p>",
    )
    changed = LegalPage.objects.create(
        kind="accessibility",
        title_de="Barrierefreiheit",
        title_en="Accessibility",
        body_de="<p>Neu</p>",
        body_en="<p>Old</p>",
    )
    ts.TranslationState.objects.create(
        content_type=ContentType.objects.get_for_model(LegalPage),
        object_id=changed.pk,
        field="body",
        language="en",
        source_hash=ts.fingerprint("<p>Alt</p>"),
        source_text_then="<p>Alt</p>",
    )
    return complete, missing, changed


def counts(html):
    soup = BeautifulSoup(html, "html.parser")
    return {
        row.th.get_text(strip=True): [int(td.get_text()) for td in row.find_all("td")]
        for row in soup.select("table.translation-counts tbody tr")
    }


def listed(html):
    soup = BeautifulSoup(html, "html.parser")
    return [
        (a.get_text(strip=True), a["href"])
        for a in soup.select("table.translation-items tbody th a")
    ]


@pytest.fixture
def translator_client(client, django_user_model):
    client.force_login(member(django_user_model, "Translators"))
    return client


def test_counts_per_language(translator_client, pages):
    response = translator_client.get(DASHBOARD, {"model": "kassel_integration.legalpage"})
    assert response.status_code == 200
    # Columns: complete, missing, outdated.
    assert counts(response.content.decode()) == {"Englisch": [2, 0, 1], "Slowenisch": [1, 2, 0]}


def test_filter_by_state_and_language_links_to_the_change_form(translator_client, pages):
    _complete, _missing, changed = pages
    html = translator_client.get(
        DASHBOARD,
        {"model": "kassel_integration.legalpage", "state": "outdated", "language": "en"},
    ).content.decode()
    assert listed(html) == [
        ("Barrierefreiheit", f"{ADMIN}kassel_integration/legalpage/{changed.pk}/change/")
    ]
    html = translator_client.get(
        DASHBOARD, {"app": "kassel_integration", "state": "missing"}
    ).content.decode()
    assert [label for label, _url in listed(html)] == ["Datenschutz", "Barrierefreiheit"]
    cells = BeautifulSoup(html, "html.parser").select("table.translation-items tbody tr")
    assert [td.get_text(" ", strip=True) for td in cells[1].find_all("td")] == [
        "Pflichtseite",
        "Veraltet Veraltet: Text",
        "Fehlt Fehlt: Titel, Text",
    ]


def test_models_edited_inline_link_to_their_parent(translator_client):
    field = FieldOfActionFactory(title_de="Sprache")
    GoalFactory(field=field, title_de="Kurse ausbauen")
    html = translator_client.get(DASHBOARD, {"model": "concept.goal"}).content.decode()
    assert listed(html) == [("Kurse ausbauen", f"{ADMIN}concept/fieldofaction/{field.pk}/change/")]


def test_unknown_filter_values_are_ignored(translator_client, pages):
    response = translator_client.get(
        DASHBOARD, {"app": "auth", "model": "auth.user", "state": "x", "language": "de"}
    )
    assert response.status_code == 200
    assert "Impressum" in [label for label, _url in listed(response.content.decode())]


@pytest.mark.parametrize("number", [1, 10])
def test_query_count_does_not_grow_with_items(translator_client, django_assert_num_queries, number):
    field = FieldOfActionFactory()
    GoalFactory.create_batch(number, field=field)
    translator_client.get(DASHBOARD)  # content types cached, as in a running site
    # The same number for 1 and for 10 goals: states and texts are loaded once per model.
    # 8: the translator's groups grant their language's interface texts (recent uploads).
    with django_assert_num_queries(8):
        response = translator_client.get(DASHBOARD, {"model": "concept.goal"})
    assert len(listed(response.content.decode())) == number == Goal.objects.count()


def test_only_staff_with_a_role_see_it(client, django_user_model, pages):
    assert client.get(DASHBOARD).status_code == 302
    client.force_login(django_user_model.objects.create_user("clerk", is_staff=True))
    assert client.get(DASHBOARD).status_code == 403
    client.force_login(member(django_user_model, "Editors"))
    assert client.get(DASHBOARD).status_code == 200


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_has_no_axe_violations(page, live_server, content, django_user_model):
    member(django_user_model, "Translators", username="uebersetzerin")
    sign_in_to_admin(page, live_server.url, "uebersetzerin", "correct-horse-battery", DASHBOARD)
    # Chromium asks for English; the admin follows the browser.
    assert page.locator("h1").all_inner_texts() == ["Translations"]
    assert page.locator("table.translation-items tbody tr").count() > 10
    assert_no_axe_violations(page)
    page.select_option("#filter-state", "missing")
    page.click(".translation-filters button")
    page.wait_for_url("**state=missing**")
    assert_no_axe_violations(page)
