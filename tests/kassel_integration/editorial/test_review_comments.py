"""Review in the staff's own language: comments kept, reasons for going offline, status choices."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType

from kassel_integration.models import Publishable, ReviewEvent
from tests.db_snapshot import assert_only_changed, snapshot
from tests.events.factories import EventFactory
from tests.kassel_integration.admin_helpers import ADMIN, errors_of, form_data, member
from tests.languages import LANGUAGES

pytestmark = pytest.mark.django_db
Status = Publishable.Status


def change_url(obj):
    return f"{ADMIN}{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def submit(client, obj, language, **changes):
    page = client.get(change_url(obj), HTTP_ACCEPT_LANGUAGE=language)
    data = form_data(page.content.decode())
    data.update(changes)
    return client.post(change_url(obj), data, HTTP_ACCEPT_LANGUAGE=language)


def steps(obj):
    return list(
        ReviewEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
        .order_by("created_at", "pk")
        .values_list("action", "from_status", "to_status", "comment", "user__username")
    )


def offered_status(client, obj, language):
    html = client.get(change_url(obj), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    select = BeautifulSoup(html, "html.parser").find("select", attrs={"name": "status"})
    return [(o["value"], o.get_text(strip=True)) for o in select.find_all("option")]


@pytest.fixture
def reviewer(client, django_user_model):
    client.force_login(member(django_user_model, "Editors", "reviewer", "Reviewers"))
    return client


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(member(django_user_model, "Editors"))
    return client


COMMENTED = {"de": "kommentiert", "en": "commented", "sl": "komentirano"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_comment_without_a_change_of_status_is_kept(reviewer, language):
    event = EventFactory(status=Status.REVIEW, title_de="Runder Tisch")
    response = submit(reviewer, event, language, review_comment="Bitte Ort ergänzen.")
    assert response.status_code == 302, errors_of(response)
    assert steps(event) == [("commented", "review", "review", "Bitte Ort ergänzen.", "reviewer")]
    page = reviewer.get(change_url(event), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    review = BeautifulSoup(page, "html.parser").select_one("ol.review-steps").get_text()
    assert f"{COMMENTED[language]} (reviewer) – Bitte Ort ergänzen." in review


def test_an_editors_comment_is_kept_too(editor):
    event = EventFactory(status=Status.DRAFT)
    assert submit(editor, event, "de", review_comment="Fotos folgen.").status_code == 302
    assert steps(event) == [("commented", "draft", "draft", "Fotos folgen.", "editors")]


def test_a_save_without_comment_or_change_records_no_step(reviewer):
    event = EventFactory(status=Status.REVIEW)
    assert submit(reviewer, event, "de").status_code == 302
    assert steps(event) == []


def test_a_comment_only_save_changes_only_the_review_steps(reviewer):
    event = EventFactory(status=Status.PUBLISHED, title_de="Runder Tisch")
    data = form_data(reviewer.get(change_url(event)).content.decode())
    before = snapshot()
    data["review_comment"] = "Gelesen, alles gut."
    assert reviewer.post(change_url(event), data).status_code == 302
    # No new version of the item, no new "last updated": only the step (and the admin log).
    assert_only_changed(before, snapshot(), {"kassel_integration_reviewevent"})


OFFLINE_REASON = {
    "de": "Bitte schreiben Sie in den Kommentar, warum der Eintrag offline genommen wird.",
    "en": "Please say in the comment why the item is taken offline.",
    "sl": "V komentarju navedite, zakaj se vnos umika s spleta.",
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("start", [Status.PUBLISHED, Status.ARCHIVED])
def test_taking_an_item_offline_needs_a_reason(reviewer, language, start):
    event = EventFactory(status=start)
    response = submit(reviewer, event, language, status=Status.DRAFT)
    assert response.status_code == 200
    assert errors_of(response) == [OFFLINE_REASON[language]]
    event.refresh_from_db()
    assert (event.status, steps(event)) == (start, [])
    response = submit(
        reviewer, event, language, status=Status.DRAFT, review_comment="Termin abgesagt."
    )
    assert response.status_code == 302, errors_of(response)
    assert steps(event) == [("withdrawn", start, "draft", "Termin abgesagt.", "reviewer")]


CHOICES = {
    "de": {"draft": "Entwurf", "review": "In Prüfung", "published": "Veröffentlicht"},
    "en": {"draft": "Draft", "review": "In review", "published": "Published"},
    "sl": {"draft": "Osnutek", "review": "V pregledu", "published": "Objavljeno"},
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_editors_are_offered_only_the_states_they_may_choose(editor, language):
    names = CHOICES[language]
    draft = EventFactory(status=Status.DRAFT)
    published = EventFactory(status=Status.PUBLISHED)
    expected_draft = [("draft", names["draft"]), ("review", names["review"])]
    assert offered_status(editor, draft, language) == expected_draft
    # A published item shows the truth, and nothing an editor could not save.
    assert offered_status(editor, published, language) == [("published", names["published"])]


@pytest.mark.parametrize("language", LANGUAGES)
def test_reviewers_are_offered_every_state(reviewer, language):
    event = EventFactory(status=Status.DRAFT)
    assert [value for value, _label in offered_status(reviewer, event, language)] == [
        "draft",
        "review",
        "published",
        "archived",
    ]
