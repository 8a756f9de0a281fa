"""Changes to live content held for review: editors' saves wait, reviewers decide."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.utils.translation import override

from events.models import ProgrammeItem
from kassel_integration.models import (
    LegalPage,
    Notice,
    PendingChange,
    Publishable,
    ReviewEvent,
    StaffPreferences,
    TranslationState,
)
from tests.db_snapshot import assert_only_changed, snapshot
from tests.events.factories import EventFactory
from tests.kassel_integration.admin_helpers import ADMIN, errors_of, form_data, member
from tests.languages import LANGUAGES

pytestmark = pytest.mark.django_db
Status = Publishable.Status


def change_url(obj):
    return f"{ADMIN}{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def pending_url(obj):
    return f"{ADMIN}{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/pending/"


def submit(client, obj, language="de", **changes):
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
        .values_list("action", "comment", "user__username")
    )


@pytest.fixture
def people(django_user_model):
    editor = member(django_user_model, "Editors", "editor")
    editor.email = "editor@example.org"
    editor.save()
    reviewer = member(django_user_model, "Editors", "reviewer", "Reviewers")
    reviewer.email = "reviewer@example.org"
    reviewer.save()
    return editor, reviewer


@pytest.fixture
def live_event():
    return EventFactory(
        status=Status.PUBLISHED,
        title_de="Runder Tisch Integration",
        title_en="Round Table on Integration",
    )


def public_title(client, event, language="de"):
    client.logout()
    with override(language):
        url = event.get_absolute_url()
    page = client.get(url)
    assert page.status_code == 200
    return BeautifulSoup(page.content, "html.parser").h1.get_text(strip=True)


def test_an_editors_change_to_a_live_event_waits_for_review(
    client, people, live_event, django_capture_on_commit_callbacks
):
    editor, _reviewer = people
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, live_event, title_de="ENTWURF – bitte noch nicht veröffentlichen")
    assert response.status_code == 302, errors_of(response)
    live_event.refresh_from_db()
    assert live_event.title_de == "Runder Tisch Integration"
    change = PendingChange.objects.get()
    assert change.created_by == editor
    assert steps(live_event) == [("change_submitted", "", "editor")]
    assert [m.to for m in mail.outbox] == [["reviewer@example.org"]]
    assert mail.outbox[0].subject == "Änderung zur Prüfung: „Runder Tisch Integration“"
    # The form shows the pending version again.
    page = client.get(change_url(live_event)).content.decode()
    assert "ENTWURF – bitte noch nicht veröffentlichen" in page
    assert public_title(client, live_event) == "Runder Tisch Integration"


DRAFT = "ENTWURF – bitte noch nicht veröffentlichen"


def hold(client, user, event, **changes):
    client.force_login(user)
    response = submit(client, event, **changes)
    assert response.status_code == 302, errors_of(response)
    return response


def test_nothing_but_the_pending_change_and_its_record_is_written(client, people, live_event):
    editor, _reviewer = people
    other = EventFactory(status=Status.PUBLISHED, title_de="Interkulturelle Woche")
    client.force_login(editor)
    client.get(change_url(live_event))
    before = snapshot()
    hold(client, editor, live_event, title_de=DRAFT)
    change = PendingChange.objects.get()
    step = ReviewEvent.objects.get()
    assert_only_changed(
        before,
        snapshot(),
        {
            "kassel_integration_pendingchange": {change.pk},
            "kassel_integration_pendingchange_contributors": None,
            "kassel_integration_reviewevent": {step.pk},
            "kassel_integration_notice": None,
        },
    )
    other.refresh_from_db()
    assert other.title_de == "Interkulturelle Woche"
    assert list(change.contributors.all()) == [editor]


@pytest.mark.parametrize("language", LANGUAGES)
def test_preview_shows_the_pending_version_in_each_language(client, people, live_event, language):
    editor, _reviewer = people
    hold(client, editor, live_event, title_de=DRAFT, title_en="DRAFT – do not publish yet")
    segment = {"de": "vorschau", "en": "preview", "sl": "predogled"}[language]
    page = client.get(f"/{language}/{segment}/events.event/{live_event.pk}/")
    assert page.status_code == 200
    expected = {
        "de": DRAFT,
        "en": "DRAFT – do not publish yet",
        "sl": "Runder Tisch Integration",  # has a Slovenian title of its own
    }[language]
    assert BeautifulSoup(page.content, "html.parser").h1.get_text(strip=True) == expected
    assert public_title(client, live_event) == "Runder Tisch Integration"


def test_a_reviewer_publishes_the_change_and_the_editor_hears_of_it(
    client, people, live_event, django_capture_on_commit_callbacks
):
    editor, reviewer = people
    hold(client, editor, live_event, title_de=DRAFT, review_comment="Bitte prüfen.")
    client.force_login(reviewer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(pending_url(live_event), {"pending_action": "publish"})
    assert response.status_code == 302
    assert response["Location"] == change_url(live_event)
    live_event.refresh_from_db()
    assert live_event.title_de == DRAFT
    assert live_event.status == Status.PUBLISHED
    assert not PendingChange.objects.exists()
    assert steps(live_event) == [
        ("change_submitted", "Bitte prüfen.", "editor"),
        ("change_published", "", "reviewer"),
    ]
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]
    assert public_title(client, live_event) == DRAFT
    import reversion.models

    assert reversion.models.Version.objects.get_for_object(live_event).count() == 1


def test_inline_rows_added_changed_and_removed_wait_with_the_item(client, people, live_event):
    from tests.events.factories import ProgrammeItemFactory

    editor, reviewer = people
    kept = ProgrammeItemFactory(event=live_event, title_de="Begrüßung", order=1)
    dropped = ProgrammeItemFactory(event=live_event, title_de="Pause", order=2)
    client.force_login(editor)
    data = form_data(client.get(change_url(live_event)).content.decode())
    prefix = "programme_items"
    rows = {data[f"{prefix}-{i}-id"]: i for i in range(int(data[f"{prefix}-INITIAL_FORMS"]))}
    data[f"{prefix}-{rows[str(kept.pk)]}-title_de"] = "Begrüßung durch die Integrationsbeauftragte"
    data[f"{prefix}-{rows[str(dropped.pk)]}-DELETE"] = "on"
    new = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(new + 1)
    data.update(
        {
            f"{prefix}-{new}-title_de": "Podiumsgespräch",
            f"{prefix}-{new}-kind": ProgrammeItem.Kind.TALK,
            f"{prefix}-{new}-order": "3",
        }
    )
    response = client.post(change_url(live_event), data)
    assert response.status_code == 302, errors_of(response)
    titles = list(live_event.programme_items.order_by("order").values_list("title_de", flat=True))
    assert titles == ["Begrüßung", "Pause"]
    # The editor's form shows the pending rows; a second save keeps them.
    page = client.get(change_url(live_event)).content.decode()
    assert "Podiumsgespräch" in page
    assert "Begrüßung durch die Integrationsbeauftragte" in page
    assert 'value="Pause"' not in page
    hold(client, editor, live_event, title_de=DRAFT)
    assert PendingChange.objects.count() == 1
    client.force_login(reviewer)
    client.post(pending_url(live_event), {"pending_action": "publish"})
    titles = list(live_event.programme_items.order_by("order").values_list("title_de", flat=True))
    assert titles == ["Begrüßung durch die Integrationsbeauftragte", "Podiumsgespräch"]
    assert not ProgrammeItem.objects.filter(pk=dropped.pk).exists()
    live_event.refresh_from_db()
    assert live_event.title_de == DRAFT


def test_a_second_save_updates_the_one_pending_change(
    client, people, live_event, django_capture_on_commit_callbacks
):
    editor, _reviewer = people
    hold(client, editor, live_event, title_de=DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        hold(client, editor, live_event, title_de="Runder Tisch Integration 2026")
    change = PendingChange.objects.get()
    assert change.data["rows"][0]["fields"]["title_de"] == "Runder Tisch Integration 2026"
    assert [s[0] for s in steps(live_event)] == ["change_submitted", "change_submitted"]
    # Saving the same again is no new step.
    hold(client, editor, live_event)
    assert [s[0] for s in steps(live_event)] == ["change_submitted", "change_submitted"]
    live_event.refresh_from_db()
    assert live_event.title_de == "Runder Tisch Integration"


def test_a_translation_of_a_pending_german_change_waits_with_it(
    client, people, live_event, django_user_model
):
    editor, reviewer = people
    hold(client, editor, live_event, title_de=DRAFT)
    translator = member(django_user_model, "Translators (English)", "translator")
    hold(client, translator, live_event, title_en="DRAFT – do not publish yet")
    live_event.refresh_from_db()
    assert (live_event.title_de, live_event.title_en) == (
        "Runder Tisch Integration",
        "Round Table on Integration",
    )
    change = PendingChange.objects.get()
    assert {u.username for u in change.contributors.all()} == {"editor", "translator"}
    client.force_login(reviewer)
    client.post(pending_url(live_event), {"pending_action": "publish"})
    live_event.refresh_from_db()
    assert (live_event.title_de, live_event.title_en) == (DRAFT, "DRAFT – do not publish yet")
    state = TranslationState.objects.get(object_id=live_event.pk, field="title", language="en")
    assert state.source_text_then == DRAFT


@pytest.mark.parametrize("language", LANGUAGES)
def test_send_back_needs_a_comment_and_keeps_the_change(
    client, people, live_event, language, django_capture_on_commit_callbacks
):
    editor, reviewer = people
    StaffPreferences.objects.create(user=editor, language=language)
    hold(client, editor, live_event, title_de=DRAFT)
    client.force_login(reviewer)
    response = client.post(
        pending_url(live_event), {"pending_action": "return"}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 302
    assert PendingChange.objects.get().state == PendingChange.State.REVIEW
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            pending_url(live_event),
            {"pending_action": "return", "review_comment": "Titel bitte ohne ENTWURF."},
        )
    assert PendingChange.objects.get().state == PendingChange.State.RETURNED
    assert steps(live_event)[-1] == ("change_returned", "Titel bitte ohne ENTWURF.", "reviewer")
    [message] = mail.outbox
    assert message.to == ["editor@example.org"]
    assert "Titel bitte ohne ENTWURF." in message.body
    assert f"{ADMIN}events/event/{live_event.pk}/change/" in message.body
    assert message.subject == RETURNED_SUBJECT[language]
    live_event.refresh_from_db()
    assert live_event.title_de == "Runder Tisch Integration"
    # The editor reworks it: submitted again.
    hold(client, editor, live_event, title_de="Runder Tisch Integration 2026")
    assert PendingChange.objects.get().state == PendingChange.State.REVIEW


RETURNED_SUBJECT = {
    "de": "Änderung zurückgegeben: „Runder Tisch Integration“",
    "en": "Change sent back: “Runder Tisch Integration”",
    "sl": "Sprememba vrnjena: »Runder Tisch Integration«",
}


def test_discarding_leaves_the_published_version(client, people, live_event):
    editor, reviewer = people
    hold(client, editor, live_event, title_de=DRAFT)
    client.force_login(reviewer)
    before = snapshot()
    client.post(pending_url(live_event), {"pending_action": "discard"})
    change_step = ReviewEvent.objects.get(action="change_discarded")
    assert_only_changed(
        before,
        snapshot(),
        {
            "kassel_integration_pendingchange": None,
            "kassel_integration_pendingchange_contributors": None,
            "kassel_integration_reviewevent": {change_step.pk},
            "kassel_integration_notice": None,
        },
    )
    assert not PendingChange.objects.exists()
    assert public_title(client, live_event) == "Runder Tisch Integration"


def test_editors_cannot_decide_on_pending_changes(client, people, live_event):
    editor, _reviewer = people
    hold(client, editor, live_event, title_de=DRAFT)
    response = client.post(pending_url(live_event), {"pending_action": "publish"})
    assert response.status_code == 403
    assert client.get(pending_url(live_event)).status_code == 405
    live_event.refresh_from_db()
    assert live_event.title_de == "Runder Tisch Integration"


def test_a_reviewers_own_change_goes_live_at_once(client, people, live_event):
    _editor, reviewer = people
    hold(client, reviewer, live_event, title_de="Runder Tisch Integration 2026")
    live_event.refresh_from_db()
    assert live_event.title_de == "Runder Tisch Integration 2026"
    assert not PendingChange.objects.exists()


def test_a_reviewers_save_publishes_the_pending_change_with_corrections(client, people, live_event):
    editor, reviewer = people
    hold(client, editor, live_event, title_de=DRAFT, title_en="Draft title")
    hold(client, reviewer, live_event, title_de="Runder Tisch Integration 2026")
    live_event.refresh_from_db()
    assert (live_event.title_de, live_event.title_en) == (
        "Runder Tisch Integration 2026",
        "Draft title",
    )
    assert not PendingChange.objects.exists()
    assert steps(live_event)[-1] == ("change_published", "", "reviewer")


def test_drafts_are_saved_directly(client, people):
    editor, _reviewer = people
    draft = EventFactory(status=Status.DRAFT, title_de="Entwurf")
    hold(client, editor, draft, title_de="Entwurf 2")
    draft.refresh_from_db()
    assert draft.title_de == "Entwurf 2"
    assert not PendingChange.objects.exists()


def test_legal_pages_go_through_review(client, people):
    editor, reviewer = people
    imprint = LegalPage.objects.create(
        kind=LegalPage.Kind.IMPRINT, title_de="Impressum", body_de="<p>Stadt Kassel</p>"
    )
    hold(client, editor, imprint, body_de="<p>ENTWURF</p>")
    imprint.refresh_from_db()
    assert imprint.body_de == "<p>Stadt Kassel</p>"
    client.logout()
    assert "ENTWURF" not in client.get("/de/impressum/").content.decode()
    client.force_login(editor)
    preview = client.get(f"/de/vorschau/kassel_integration.legalpage/{imprint.pk}/")
    assert "ENTWURF" in preview.content.decode()
    client.force_login(reviewer)
    client.post(pending_url(imprint), {"pending_action": "publish"})
    client.logout()
    assert "ENTWURF" in client.get("/de/impressum/").content.decode()


def test_restoring_waits_until_the_pending_change_is_decided(client, people, live_event):
    editor, reviewer = people
    hold(client, editor, live_event, title_de=DRAFT)
    client.force_login(reviewer)
    response = client.get(f"{ADMIN}events/event/{live_event.pk}/history/1/")
    assert response.status_code == 302
    assert response["Location"] == change_url(live_event)


def test_notifications_follow_each_persons_settings(
    client, people, live_event, django_user_model, django_capture_on_commit_callbacks
):
    editor, reviewer = people
    second = member(django_user_model, "Reviewers", "second")
    second.email = "second@example.org"
    second.save()
    StaffPreferences.objects.create(user=second, notify_by_email=False)
    StaffPreferences.objects.create(user=reviewer, language="en")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        hold(client, editor, live_event, title_de=DRAFT)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["reviewer@example.org"], "Change for review: “Runder Tisch Integration”")
    ]
    assert Notice.objects.filter(sent_at__isnull=False).count() == 1


class RefusingBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("Connection refused")


def test_a_failing_mail_server_loses_nothing(
    client, people, live_event, settings, django_capture_on_commit_callbacks
):
    editor, reviewer = people
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        hold(client, editor, live_event, title_de=DRAFT)
    # The step and the change are recorded; the e-mail waits, with the error.
    assert steps(live_event) == [("change_submitted", "", "editor")]
    assert PendingChange.objects.count() == 1
    notice = Notice.objects.get()
    assert (notice.recipient, notice.sent_at, notice.attempts, notice.error) == (
        reviewer,
        None,
        1,
        "Connection refused",
    )
    # The reviewer's start page lists it.
    client.force_login(reviewer)
    page = BeautifulSoup(client.get(ADMIN).content, "html.parser")
    section = page.select_one("section.attention")
    assert "Nicht gesendete Benachrichtigungen" in [h.get_text() for h in section.select("h3")]
    rows = [
        [td.get_text(strip=True) for td in tr.select("td")]
        for tr in section.select("table[aria-labelledby=attention-notices] tbody tr")
    ]
    assert [row[:3] + row[4:] for row in rows] == [
        [
            "reviewer",
            "Änderung zur Prüfung gegeben",
            "Runder Tisch Integration",
            "Connection refused",
        ]
    ]
    # Once the server is back, the command sends it, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    call_command("send_notices", stdout=io.StringIO())
    call_command("send_notices", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["reviewer@example.org"]]
    notice.refresh_from_db()
    assert (notice.sent_at is not None, notice.attempts, notice.error) == (True, 2, "")
    page = BeautifulSoup(client.get(ADMIN).content, "html.parser")
    assert "Nicht gesendete Benachrichtigungen" not in page.get_text()


def test_unsent_notices_can_be_sent_again_from_their_list(
    client, people, live_event, settings, django_capture_on_commit_callbacks
):
    editor, reviewer = people
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        hold(client, editor, live_event, title_de=DRAFT)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(reviewer)
    notice = Notice.objects.get()
    response = client.post(
        f"{ADMIN}kassel_integration/notice/",
        {"action": "send_again", "_selected_action": [notice.pk]},
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["reviewer@example.org"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_person_sets_their_own_notification_language(client, people, language):
    editor, reviewer = people
    client.force_login(editor)
    url = f"{ADMIN}kassel_integration/staffpreferences/"
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302
    assert response["Location"] == f"{url}add/"
    response = client.post(
        f"{url}add/", {"language": language, "notify_by_email": ""}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 302, errors_of(response)
    own = StaffPreferences.objects.get()
    assert (own.user, own.language, own.notify_by_email) == (editor, language, False)
    assert client.get(url)["Location"] == f"{url}{own.pk}/change/"
    # Nobody sees or changes another person's settings.
    client.force_login(reviewer)
    # (The admin answers an object outside one's list with a redirect to its start page.)
    for response in (
        client.get(f"{url}{own.pk}/change/"),
        client.post(f"{url}{own.pk}/change/", {"language": "de"}),
    ):
        assert (response.status_code, response["Location"]) == (302, ADMIN)
    own.refresh_from_db()
    assert own.language == language


def test_publishing_a_change_keeps_the_state_a_reviewer_set_meanwhile(client, people, live_event):
    editor, reviewer = people
    hold(client, editor, live_event, title_de=DRAFT)
    type(live_event).objects.filter(pk=live_event.pk).update(status=Status.ARCHIVED)
    client.force_login(reviewer)
    client.post(pending_url(live_event), {"pending_action": "publish"})
    live_event.refresh_from_db()
    assert (live_event.status, live_event.title_de) == (Status.ARCHIVED, DRAFT)
