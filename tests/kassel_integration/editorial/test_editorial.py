"""Editorial workflow: publication rules, preview, review path and version history."""

from datetime import UTC, datetime, timedelta

import pytest
import reversion
import time_machine
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from reversion.models import Version

from concept.models import ConceptVersion, Document, FieldOfAction, IntegrationReport
from events.models import Event, EventSeries
from kassel_integration.editorial.workflow import previewing, review_action, word_diff
from kassel_integration.models import PendingChange, Publishable, ReviewEvent
from officers.models import Office
from tests.concept.factories import ConceptVersionFactory, IntegrationReportFactory
from tests.events.factories import EventFactory, EventSeriesFactory
from tests.factories import FieldOfActionFactory
from tests.kassel_integration.admin_helpers import ADMIN, errors_of, form_data, member
from tests.languages import LANGUAGES
from tests.officers.factories import OfficeFactory

pytestmark = pytest.mark.django_db

Status = Publishable.Status
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
# The admin speaks German to these users (the default language).
ONLY_REVIEWERS_PUBLISH = "Nur Prüferinnen und Prüfer können veröffentlichen oder archivieren."


def make_document(**fields):
    return Document.objects.create(
        title="Integrationskonzept (PDF)",
        file="documents/konzept.pdf",
        file_format="pdf",
        concept_version=ConceptVersionFactory(),
        **fields,
    )


FACTORIES = {
    Office: OfficeFactory,
    ConceptVersion: ConceptVersionFactory,
    FieldOfAction: FieldOfActionFactory,
    IntegrationReport: IntegrationReportFactory,
    Document: make_document,
    EventSeries: EventSeriesFactory,
    Event: EventFactory,
}


def test_every_publishable_model_is_covered():
    concrete = {m for m in apps.get_models() if issubclass(m, Publishable)}
    assert concrete == set(FACTORIES)


# ---------------------------------------------------------------- publication rules
WINDOW_CASES = [
    # status, publish_from, publish_until (relative to NOW), public?
    (Status.DRAFT, None, None, False),
    (Status.REVIEW, None, None, False),
    (Status.ARCHIVED, None, None, False),
    (Status.PUBLISHED, None, None, True),
    (Status.PUBLISHED, timedelta(0), None, True),  # from is inclusive
    (Status.PUBLISHED, timedelta(seconds=1), None, False),
    (Status.PUBLISHED, None, timedelta(0), False),  # until is exclusive
    (Status.PUBLISHED, None, timedelta(seconds=1), True),
    (Status.PUBLISHED, -timedelta(days=1), timedelta(days=1), True),
    (Status.DRAFT, -timedelta(days=1), timedelta(days=1), False),
]


@pytest.mark.parametrize("model", list(FACTORIES), ids=lambda m: m.__name__)
@pytest.mark.parametrize(("status", "start", "end", "public"), WINDOW_CASES)
def test_published_follows_state_and_window(model, status, start, end, public):
    with time_machine.travel(NOW, tick=False):
        item = FACTORIES[model](
            status=status,
            publish_from=NOW + start if start is not None else None,
            publish_until=NOW + end if end is not None else None,
        )
        assert model.objects.published().filter(pk=item.pk).exists() is public
        # The same rule in Python, for objects already loaded.
        assert item.is_public() is public


@pytest.mark.parametrize("model", list(FACTORIES), ids=lambda m: m.__name__)
def test_scheduled_item_appears_and_disappears_on_time(model):
    start, end = NOW + timedelta(hours=1), NOW + timedelta(days=2)
    with time_machine.travel(NOW, tick=False) as clock:
        item = FACTORIES[model](status=Status.PUBLISHED, publish_from=start, publish_until=end)
        visible = []
        for moment in (NOW, start, end - timedelta(seconds=1), end):
            clock.move_to(moment)
            visible.append(model.objects.published().filter(pk=item.pk).exists())
    assert visible == [False, True, True, False]


def test_preview_lets_exactly_one_item_through_and_only_while_previewing():
    draft, other = EventFactory(status=Status.DRAFT), EventFactory(status=Status.DRAFT)
    with previewing(draft):
        assert list(Event.objects.published().filter(pk__in=[draft.pk, other.pk])) == [draft]
        assert not FieldOfAction.objects.published().exists()
    assert not Event.objects.published().filter(pk=draft.pk).exists()


# ---------------------------------------------------------------- the public never sees a draft
@pytest.fixture
def drafts(content):
    """A draft of each kind beside the shipped content, with words found nowhere else."""
    series = EventSeries.objects.published().first()
    event = EventFactory(
        title_de="Geheimentwurf Veranstaltung",
        title_en="Secretdraft event",
        title_sl="Skrivniosnutek dogodek",
        slug_de="geheimentwurf",
        slug_en="secretdraft",
        slug_sl="skrivniosnutek",
        series=series,
        status=Status.REVIEW,
        start=datetime(2027, 5, 4, 16, tzinfo=UTC),
    )
    version = ConceptVersionFactory(title_de="Geheimentwurf Fassung", status=Status.DRAFT)
    scheduled = EventFactory(
        title_de="Geheimentwurf Zukunft",
        slug_de="geheimentwurf-zukunft",
        status=Status.PUBLISHED,
        publish_from=datetime(2099, 1, 1, tzinfo=UTC),
        start=datetime(2027, 6, 1, 16, tzinfo=UTC),
    )
    return event, version, scheduled


PUBLIC_PLACES = [
    "/de/",
    "/en/",
    "/de/veranstaltungen/",
    "/en/events/",
    "/de/veranstaltungen/feed.atom",
    "/de/veranstaltungen/calendar.ics",
    "/de/integrationskonzept/",
    "/sitemap.xml",
]


@pytest.mark.parametrize("url", PUBLIC_PLACES)
def test_drafts_appear_nowhere_public(client, drafts, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode().lower()
    for word in ("geheimentwurf", "secretdraft", "skrivniosnutek"):
        assert word not in body


@pytest.mark.parametrize(
    ("url", "query"), [("/de/suche/", "Geheimentwurf"), ("/en/search/", "Secretdraft")]
)
def test_search_finds_drafts_only_once_published(client, drafts, url, query):
    def hits():
        soup = BeautifulSoup(client.get(url, {"q": query}).content, "html.parser")
        return [" ".join(a.get_text().split()) for a in soup.select(".search-hit-title a")]

    assert hits() == []
    event, _version, _scheduled = drafts
    event.status = Status.PUBLISHED
    event.save()
    assert hits() == [event.title_de if url.startswith("/de/") else event.title_en]


def test_draft_pages_answer_404(client, drafts):
    for url in (
        "/de/veranstaltungen/geheimentwurf/",
        "/en/events/secretdraft/",
        "/de/veranstaltungen/geheimentwurf/event.ics",
        "/de/veranstaltungen/geheimentwurf-zukunft/",
    ):
        assert client.get(url).status_code == 404, url


# ---------------------------------------------------------------- preview
def preview_path(obj, language="de"):
    segment = {"de": "vorschau", "en": "preview", "sl": "predogled"}[language]
    return f"/{language}/{segment}/{obj._meta.label_lower}/{obj.pk}/"


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(member(django_user_model, "Editors"))
    return client


def test_anonymous_visitors_get_404_for_a_preview(client, drafts):
    event, *_ = drafts
    assert client.get(preview_path(event)).status_code == 404
    # Published items too: the preview address itself is staff-only.
    published = Event.objects.published().first()
    assert client.get(preview_path(published)).status_code == 404


def test_staff_without_permission_and_unknown_models_get_404(client, django_user_model, drafts):
    event, *_ = drafts
    staff = django_user_model.objects.create_user("someone", is_staff=True)
    client.force_login(staff)
    assert client.get(preview_path(event)).status_code == 404
    client.force_login(django_user_model.objects.create_superuser("root"))
    assert client.get("/de/vorschau/auth.user/1/").status_code == 404
    assert client.get("/de/vorschau/nothing.here/1/").status_code == 404
    assert client.get("/de/vorschau/events.event/999999/").status_code == 404


@pytest.mark.parametrize(
    ("language", "title", "notice"),
    [
        ("de", "Geheimentwurf Veranstaltung", "Diese Seite ist nicht öffentlich."),
        ("en", "Secretdraft event", "This page is not public."),
        ("sl", "Skrivniosnutek dogodek", "Ta stran ni javna."),
    ],
)
def test_editor_previews_a_draft_as_it_will_look(editor, drafts, language, title, notice):
    event, *_ = drafts
    response = editor.get(preview_path(event, language))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == title
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert soup.find("link", rel="canonical") is None
    assert notice in soup.select_one(".preview-notice").get_text(" ", strip=True)
    switcher = {a["hreflang"]: a["href"] for a in soup.select(".language-switcher a")}
    assert switcher == {code: preview_path(event, code) for code in LANGUAGES}
    # The public address still does not exist, and the preview left no trace.
    assert editor.get(event.get_absolute_url()).status_code == 404
    assert not Event.objects.published().filter(pk=event.pk).exists()


def test_preview_of_an_item_without_own_page_shows_the_page_listing_it(editor, drafts):
    _event, version, _ = drafts
    response = editor.get(preview_path(version))
    assert response.status_code == 200
    assert "Geheimentwurf Fassung" in response.content.decode()
    assert "Geheimentwurf Fassung" not in editor.get("/de/integrationskonzept/").content.decode()


# ---------------------------------------------------------------- review path
@pytest.fixture
def reviewer(client, django_user_model):
    client.force_login(member(django_user_model, "Editors", "reviewer", "Reviewers"))
    return client


def change_url(obj):
    return f"{ADMIN}{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def submit(client, obj, **changes):
    data = form_data(client.get(change_url(obj)).content.decode())
    data.update(changes)
    return client.post(change_url(obj), data)


def steps(obj):
    return list(
        ReviewEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
        .order_by("created_at", "pk")
        .values_list("action", "from_status", "to_status", "comment", "user__username")
    )


def test_review_path_from_draft_to_published(client, django_user_model):
    event = EventFactory(status=Status.DRAFT)
    client.force_login(member(django_user_model, "Editors"))
    response = submit(client, event, status=Status.REVIEW)
    assert response.status_code == 302, errors_of(response)

    client.force_login(member(django_user_model, "Editors", "reviewer", "Reviewers"))
    response = submit(client, event, status=Status.DRAFT)
    assert response.status_code == 200
    assert errors_of(response) == [
        "Bitte schreiben Sie in den Kommentar, was sich ändern muss, bevor der Eintrag "
        "veröffentlicht werden kann."
    ]
    response = submit(client, event, status=Status.DRAFT, review_comment="Bitte das Datum prüfen.")
    assert response.status_code == 302, errors_of(response)

    client.force_login(django_user_model.objects.get(username="editors"))
    assert submit(client, event, status=Status.REVIEW).status_code == 302
    client.force_login(django_user_model.objects.get(username="reviewer"))
    assert submit(client, event, status=Status.PUBLISHED).status_code == 302

    event.refresh_from_db()
    assert event.status == Status.PUBLISHED
    assert steps(event) == [
        ("submitted", "draft", "review", "", "editors"),
        ("returned", "review", "draft", "Bitte das Datum prüfen.", "reviewer"),
        ("submitted", "draft", "review", "", "editors"),
        ("published", "review", "published", "", "reviewer"),
    ]
    page = client.get(change_url(event)).content.decode()
    review = BeautifulSoup(page, "html.parser").select_one("ol.review-steps")
    assert len(review.find_all("li")) == 4
    assert "Bitte das Datum prüfen." in review.get_text()


@pytest.mark.parametrize(
    ("start", "changes", "field_error"),
    [
        (Status.REVIEW, {"status": Status.PUBLISHED}, ONLY_REVIEWERS_PUBLISH),
        (Status.DRAFT, {"status": Status.ARCHIVED}, ONLY_REVIEWERS_PUBLISH),
        (
            Status.PUBLISHED,
            {"status": Status.DRAFT},
            "Nur Prüferinnen und Prüfer können einen veröffentlichten oder archivierten "
            "Eintrag zurückziehen.",
        ),
        (
            Status.PUBLISHED,
            {"publish_until_0": "01.01.2027", "publish_until_1": "00:00:00"},
            "Nur Prüferinnen und Prüfer können ändern, wann ein veröffentlichter Eintrag "
            "angezeigt wird.",
        ),
    ],
)
def test_editors_cannot_publish_or_unpublish(editor, start, changes, field_error):
    event = EventFactory(status=start, title_de="Runder Tisch")
    response = submit(editor, event, title_de="Runder Tisch Integration", **changes)
    assert response.status_code == 200
    assert any(error.startswith(field_error) for error in errors_of(response)), errors_of(response)
    event.refresh_from_db()
    assert (event.status, event.title_de, event.publish_until) == (start, "Runder Tisch", None)
    assert steps(event) == []


def test_an_editors_change_to_a_published_item_waits_for_review(editor):
    event = EventFactory(status=Status.PUBLISHED, title_de="Runder Tisch")
    response = submit(editor, event, title_de="Runder Tisch Integration")
    assert response.status_code == 302, errors_of(response)
    event.refresh_from_db()
    # Public as it was until a reviewer publishes the change (test_pending_changes.py).
    assert (event.status, event.title_de) == (Status.PUBLISHED, "Runder Tisch")
    [change] = PendingChange.objects.all()
    assert change.data["rows"][0]["fields"]["title_de"] == "Runder Tisch Integration"


def test_translators_do_not_touch_the_state(client, django_user_model):
    event = EventFactory(status=Status.REVIEW)
    client.force_login(member(django_user_model, "Translators"))
    page = client.get(change_url(event)).content.decode()
    assert 'name="status"' not in page
    assert 'name="review_comment"' not in page


@pytest.mark.parametrize(
    ("before", "after", "publisher", "action"),
    [
        ("draft", "review", False, "submitted"),
        ("review", "draft", False, "withdrawn"),
        ("review", "draft", True, "returned"),
        ("review", "published", True, "published"),
        ("published", "archived", True, "archived"),
        ("published", "draft", True, "withdrawn"),
        ("published", "published", True, None),
    ],
)
def test_review_actions(before, after, publisher, action):
    assert review_action(before, after, publisher) == action


# ---------------------------------------------------------------- history
def test_every_admin_save_keeps_a_version_and_two_can_be_compared(reviewer):
    event = EventFactory(title_de="Runder Tisch Integration 2025", status=Status.DRAFT)
    assert submit(reviewer, event, title_de="Runder Tisch 2025").status_code == 302
    assert submit(reviewer, event, title_de="Runder Tisch Integration 2026").status_code == 302
    history = reviewer.get(f"{ADMIN}events/event/{event.pk}/history/")
    soup = BeautifulSoup(history.content, "html.parser")
    newer, older = [int(i["value"]) for i in soup.select('input[name="newer"]')]
    response = reviewer.get(
        f"{ADMIN}events/event/{event.pk}/history/compare/",
        {"older": older, "newer": newer},
    )
    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select("table.version-compare tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == ["Titel [de]"]
    old, new = rows[0].find_all("td")
    assert [d.get_text() for d in old.find_all("del")] == ["2025"]
    assert [i.get_text() for i in new.find_all("ins")] == ["Integration 2026"]


def test_compare_with_bad_input_explains_instead_of_failing(reviewer):
    event = EventFactory(status=Status.DRAFT)
    assert submit(reviewer, event, title_de="Neu").status_code == 302
    url = f"{ADMIN}events/event/{event.pk}/history/compare/"
    for params in ({}, {"older": "x", "newer": "1"}, {"older": "999999", "newer": "999999"}):
        response = reviewer.get(url, params, follow=True)
        assert response.status_code == 200
        assert (
            "Wählen Sie zwei verschiedene Fassungen zum Vergleichen." in response.content.decode()
        )


def test_restoring_an_old_version(reviewer):
    event = EventFactory(title_de="Erste Fassung", status=Status.DRAFT)
    assert submit(reviewer, event, title_de="Erste Fassung").status_code == 302
    assert submit(reviewer, event, title_de="Zweite Fassung").status_code == 302
    history = reviewer.get(f"{ADMIN}events/event/{event.pk}/history/")
    oldest = BeautifulSoup(history.content, "html.parser").select('input[name="older"]')[-1]
    url = f"{ADMIN}events/event/{event.pk}/history/{oldest['value']}/"
    form = reviewer.get(url)
    assert 'value="Erste Fassung"' in form.content.decode()
    event.refresh_from_db()
    assert event.title_de == "Zweite Fassung"  # looking at a version changes nothing
    response = reviewer.post(url, form_data(form.content.decode()))
    assert response.status_code == 302, errors_of(response)
    event.refresh_from_db()
    assert event.title_de == "Erste Fassung"


def test_restoring_a_published_version_does_not_let_an_editor_publish(client, django_user_model):
    # Adapted: the restore used to show the old state ("published") and then
    # refuse the editor's save, so an editor could not restore the text at all.
    # Now an editor's restore keeps the current state and window (README,
    # "Editorial workflow"); asking for the old state is still refused.
    event = EventFactory(title_de="Öffentlich", status=Status.REVIEW)
    client.force_login(member(django_user_model, "Editors", "reviewer", "Reviewers"))
    assert submit(client, event, status=Status.PUBLISHED).status_code == 302
    response = submit(
        client, event, status=Status.DRAFT, title_de="Zurückgezogen", review_comment="Veraltet."
    )
    assert response.status_code == 302
    client.force_login(member(django_user_model, "Editors"))
    history = client.get(f"{ADMIN}events/event/{event.pk}/history/")
    published_version = BeautifulSoup(history.content, "html.parser").select('input[name="older"]')[
        -1
    ]["value"]
    url = f"{ADMIN}events/event/{event.pk}/history/{published_version}/"
    form = form_data(client.get(url).content.decode())
    assert (form["status"], form["title_de"]) == (Status.DRAFT, "Öffentlich")
    review_steps = steps(event)

    response = client.post(url, {**form, "status": Status.PUBLISHED})
    assert response.status_code == 200
    assert ONLY_REVIEWERS_PUBLISH in " ".join(errors_of(response))
    event.refresh_from_db()
    assert (event.status, event.title_de) == (Status.DRAFT, "Zurückgezogen")

    response = client.post(url, form)
    assert response.status_code == 302, errors_of(response)
    event.refresh_from_db()
    assert (event.status, event.title_de) == (Status.DRAFT, "Öffentlich")
    assert steps(event) == review_steps


def test_registrations_are_not_kept_in_the_history():
    import reversion

    from events.models import Registration

    assert reversion.is_registered(Event)
    assert not reversion.is_registered(Registration)
    assert "registrations" not in reversion.revisions._get_options(Event).follow


def test_word_diff_escapes_html():
    old, new = word_diff("<b>alt</b>", "<b>neu</b>")
    assert str(old) == "&lt;b&gt;<del>alt</del>&lt;/b&gt;"
    assert str(new) == "&lt;b&gt;<ins>neu</ins>&lt;/b&gt;"


def test_malformed_object_ids_in_the_admin_are_404_not_500(reviewer):
    for suffix in ("abc/change/", "1/change/widgets.css/change/", "abc/history/compare/"):
        response = reviewer.get(f"{ADMIN}events/event/{suffix}", follow=True)
        assert response.status_code in (200, 404), suffix
        assert response.status_code != 500


def test_loaded_content_is_the_first_version_and_reloading_adds_none(content):
    from django.core.management import call_command
    from reversion.models import Version

    office = Office.objects.get()
    [version] = Version.objects.get_for_object(office)
    assert version.revision.get_comment() == "Loaded from the source texts (load_kassel_content)"
    before = Version.objects.count()
    stamps = dict(Event.objects.values_list("pk", "updated_at"))
    call_command("load_kassel_content", overwrite=True, verbosity=0)
    assert Version.objects.count() == before
    # Feeds and calendars pass "last updated" on: an unchanged event keeps it.
    assert dict(Event.objects.values_list("pk", "updated_at")) == stamps


@pytest.mark.parametrize(
    ("language", "added", "changed", "moment"),
    [
        ("de", "Hinzugefügt", "Geändert: Begrüßung und Einführung", "1. Juli 2026 12:00"),
        ("en", "Added", "Changed: Begrüßung und Einführung", "July 1, 2026, noon"),
        ("sl", "Dodano", "Spremenjeno: Begrüßung und Einführung", "1. julij 2026. 12:00"),
    ],
)
def test_compare_shows_inline_rows_added_and_changed_in_local_time(
    reviewer, language, added, changed, moment
):
    # Programme items are edited inside the event: "the versions do not differ"
    # after only they changed was wrong.
    from events.models import ProgrammeItem

    event = EventFactory(title_de="Runder Tisch", status=Status.DRAFT)
    with time_machine.travel(datetime(2026, 7, 1, 10, 0, tzinfo=UTC), tick=False):
        first = ProgrammeItem.objects.create(event=event, title_de="Begrüßung", order=1)
        with reversion.create_revision():
            event.save()
    with time_machine.travel(datetime(2026, 7, 2, 10, 0, tzinfo=UTC), tick=False):
        first.title_de = "Begrüßung und Einführung"
        first.save()
        ProgrammeItem.objects.create(event=event, title_de="Podiumsgespräch", order=2)
        with reversion.create_revision():
            event.save()
    older, newer = Version.objects.get_for_object(event).order_by("pk")
    response = reviewer.get(
        f"{ADMIN}events/event/{event.pk}/history/compare/",
        {"older": older.pk, "newer": newer.pk},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select("table.version-compare:not(.version-changed)") == []
    [section] = soup.select("section.version-inline")
    assert [h.get_text(strip=True) for h in section.select("h3")] == [added]
    assert [i.get_text() for i in section.select(".version-added ins")] == ["Podiumsgespräch"]
    [table] = section.select("table.version-changed")
    assert table.caption.get_text(strip=True) == changed
    _old, new = table.select("tbody td")
    assert [i.get_text() for i in new.find_all("ins")] == [" und Einführung"]
    assert moment in " ".join(soup.select_one("#content-main p").get_text().split())
