"""A change to a live page in a real Chromium: typed by an editor, invisible to the
public, announced to the reviewer in their language, published, sent back or discarded."""

import pytest
from django.conf import settings
from django.core import mail
from django.utils.translation import override

from events.models import Event
from kassel_integration.models import PendingChange, ReviewEvent, StaffPreferences
from tests.browser import assert_no_axe_violations, open_page, sign_in_to_admin
from tests.events.factories import EventFactory
from tests.kassel_integration.admin_helpers import ADMIN, member
from tests.kassel_integration.editorial.test_admin_journeys import save, type_into
from tests.languages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"
DRAFT = "ENTWURF – bitte noch nicht veröffentlichen"
SHOTS = "/tmp/shots/review"

# The item is named as the person who acted saw it, in their interface language.
KEPT = {
    "de": "Ihre Änderung an „Runder Tisch Integration“ wartet auf Prüfung.",
    "en": "Your change to “Round Table on Integration” is kept for review.",
    "sl": "Vaša sprememba vnosa »Okrogla miza o integraciji« čaka na pregled.",
}
SUBJECT = {
    "de": "Änderung zur Prüfung: „Runder Tisch Integration“",
    "en": "Change for review: “Round Table on Integration”",
    "sl": "Sprememba v pregled: »Okrogla miza o integraciji«",
}
PUBLISHED = {
    "de": "Änderung veröffentlicht: „ENTWURF – bitte noch nicht veröffentlichen“",
    "en": "Change published: “Round Table on Integration”",
    "sl": "Sprememba objavljena: »Okrogla miza o integraciji«",
}
BUTTON = {
    "de": (
        "Änderung veröffentlichen",
        "Mit dem Kommentar zur Prüfung zurückgeben",
        "Änderung verwerfen",
    ),
    "en": (
        "Publish the change",
        "Send it back with the comment for the review",
        "Discard the change",
    ),
    "sl": ("Objavi spremembo", "Vrni s komentarjem k pregledu", "Zavrzi spremembo"),
}


@pytest.fixture
def cast(django_user_model):
    editor = member(django_user_model, "Editors", "redakteurin")
    reviewer = member(django_user_model, "Editors", "pruefer", "Reviewers")
    for user, address in ((editor, "redaktion@example.org"), (reviewer, "pruefung@example.org")):
        user.email = address
        user.save()
    event = EventFactory(
        status=Event.Status.PUBLISHED,
        title_de="Runder Tisch Integration",
        title_en="Round Table on Integration",
        title_sl="Okrogla miza o integraciji",
    )
    other = EventFactory(status=Event.Status.PUBLISHED, title_de="Interkulturelle Woche")
    return editor, reviewer, event, other


def public_heading(page, site, event):
    with override("de"):
        url = site + event.get_absolute_url()
    context_page = page.context.browser.new_page()  # anonymous: no admin session
    try:
        open_page(context_page, url)
        return context_page.locator("h1").inner_text()
    finally:
        context_page.close()


def change_url(obj):
    return f"{ADMIN}events/event/{obj.pk}/change/"


def editor_submits(page, site, editor, event, language):
    sign_in_to_admin(page, site, editor.username, PASSWORD, change_url(event), language)
    type_into(page, "title_de", DRAFT)
    assert save(page, "_continue", publish=False) == 200
    assert page.locator(".messagelist li").first.inner_text().startswith(KEPT[language])
    # After the reload the form shows the pending version, with who and since when.
    assert page.locator('[name="title_de"]').input_value() == DRAFT
    assert page.locator("fieldset.pending-change").count() == 1
    assert editor.username in page.locator("fieldset.pending-change").inner_text()
    page.context.clear_cookies()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_change_to_a_live_page_waits_until_a_reviewer_publishes_it(
    page, live_server, cast, language
):
    editor, reviewer, event, other = cast
    StaffPreferences.objects.create(user=reviewer, language=language)
    StaffPreferences.objects.create(user=editor, language=language)
    site = live_server.url
    editor_submits(page, site, editor, event, language)

    assert public_heading(page, site, event) == "Runder Tisch Integration"
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["pruefung@example.org"], SUBJECT[language])
    ]
    assert f"{settings.SITE_URL}{change_url(event)}" in mail.outbox[0].body

    # The reviewer sees it on the start page, previews it and publishes it.
    sign_in_to_admin(page, site, reviewer.username, PASSWORD, ADMIN, language)
    panel = page.locator("table[aria-labelledby=attention-pending]")
    assert panel.locator("tbody tr").count() == 1
    assert_no_axe_violations(page, "section.attention")
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.locator("section.attention").screenshot(path=f"{SHOTS}/start-{language}-{width}.png")
    segment = {"de": "vorschau", "en": "preview", "sl": "predogled"}[language]
    open_page(page, f"{site}/{language}/{segment}/events.event/{event.pk}/")
    expected = {"de": DRAFT, "en": "Round Table on Integration", "sl": "Okrogla miza o integraciji"}
    assert page.locator("h1").inner_text() == expected[language]
    assert page.locator(".preview-notice").count() == 1
    assert_no_axe_violations(page)
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/preview-{language}-{width}.png")
    open_page(page, f"{site}{change_url(event)}")
    notice = page.locator("fieldset.pending-change")
    assert notice.count() == 1
    assert_no_axe_violations(page, "fieldset.pending-change")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=f"{SHOTS}/pending-form-{language}-1280.png", full_page=False)
    page.set_viewport_size({"width": 320, "height": 900})
    notice.screenshot(path=f"{SHOTS}/pending-form-{language}-320.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    with page.expect_navigation():
        page.get_by_role("button", name=BUTTON[language][0]).click()
    assert page.locator("fieldset.pending-change").count() == 0
    assert page.locator('[name="title_de"]').input_value() == DRAFT

    assert public_heading(page, site, event) == DRAFT
    event.refresh_from_db()
    other.refresh_from_db()
    assert (event.status, event.title_en, event.title_sl) == (
        Event.Status.PUBLISHED,
        "Round Table on Integration",
        "Okrogla miza o integraciji",
    )
    assert (other.status, other.title_de) == (Event.Status.PUBLISHED, "Interkulturelle Woche")
    assert not PendingChange.objects.exists()
    assert [(m.to, m.subject) for m in mail.outbox[1:]] == [
        (["redaktion@example.org"], PUBLISHED[language])
    ]
    assert list(ReviewEvent.objects.order_by("pk").values_list("action", "user__username")) == [
        ("change_submitted", "redakteurin"),
        ("change_published", "pruefer"),
    ]


def test_a_reviewer_sends_a_change_back_with_a_comment_then_discards_it(page, live_server, cast):
    editor, reviewer, event, _other = cast
    site = live_server.url
    editor_submits(page, site, editor, event, "de")
    sign_in_to_admin(page, site, reviewer.username, PASSWORD, change_url(event), "de")
    page.locator('[name="review_comment"]').fill("Bitte ohne „ENTWURF“ im Titel.")
    with page.expect_navigation():
        page.get_by_role("button", name=BUTTON["de"][1]).click()
    assert PendingChange.objects.get().state == PendingChange.State.RETURNED
    assert "Bitte ohne „ENTWURF“ im Titel." in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["redaktion@example.org"]
    assert public_heading(page, site, event) == "Runder Tisch Integration"
    # Second thoughts: discarded. The public page never changed.
    with page.expect_navigation():
        page.get_by_role("button", name=BUTTON["de"][2]).click()
    assert not PendingChange.objects.exists()
    assert page.locator('[name="title_de"]').input_value() == "Runder Tisch Integration"
    assert public_heading(page, site, event) == "Runder Tisch Integration"
    event.refresh_from_db()
    assert event.title_de == "Runder Tisch Integration"
