"""Journeys through the real admin in Chromium, per role, with the admin in de, en and sl.

Issue 15: the admin was tested the way it was built (German interface, LF
line endings, one restore in isolation). These tests use it the way people do:
the interface language comes from the browser's Accept-Language, text is
typed (a browser sends textarea text with CRLF), and after every journey the
whole database is compared with a snapshot, so a save that also changes
something nobody touched fails.

The heavy journeys run in one interface language each, rotating de/en/sl over
the roles; the cheap checks run in all three. Every role is driven in each
language at least once.
"""

import pytest
import reversion
from django.utils import translation
from reversion.models import Version

from concept.models import FieldOfAction, Measure
from events.models import Event, ProgrammeItem
from kassel_integration.content.richtext import RichTextField
from kassel_integration.models import PendingChange, ReviewEvent
from kassel_integration.translations import state as ts
from kassel_integration.translations.state import TranslationState, fingerprint
from officers.models import Office, Task
from tests.browser import open_page, sign_in_to_admin
from tests.db_snapshot import assert_only_changed, diff, snapshot
from tests.kassel_integration.admin_helpers import ADMIN, member, publish_pending
from tests.languages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"
OTHER_TRANSLATION = {"en": "sl", "sl": "en"}
# Tables every admin save writes besides the content: the history and the translation states;
# the loaded content is public, so a save waits for review and a reviewer publishes it
# (review steps; the pending change is written and removed again).
HISTORY = {
    "reversion_revision": None,
    "reversion_version": None,
    "kassel_integration_reviewevent": None,
}
STATES = "kassel_integration_translationstate"


# ---------------------------------------------------------------- people
@pytest.fixture(autouse=True)
def publisher(django_user_model):
    """The reviewer who publishes saves held for review (admin_helpers.publish_pending)."""
    return member(django_user_model, "Editors", "publishing-reviewer", "Reviewers")


@pytest.fixture
def editor(django_user_model, content):
    return member(django_user_model, "Editors", "redakteurin")


@pytest.fixture
def reviewer(django_user_model, content):
    return member(django_user_model, "Editors", "prueferin", "Reviewers")


@pytest.fixture
def translators(django_user_model, content):
    return {
        "en": member(django_user_model, "Translators (English)", "translator-en"),
        "sl": member(django_user_model, "Translators (Slovenian)", "prevajalka-sl"),
    }


def sign_in(page, live_server, user, language, next_path=ADMIN):
    sign_in_to_admin(page, live_server.url, user.username, PASSWORD, next_path, language)


# ---------------------------------------------------------------- the browser side
def show(page, name):
    """The field named `name`, its language tab opened first if the field is in a hidden tab."""
    field = page.locator(f'form [name="{name}"]')
    if field.count() == 1 and not field.is_visible():
        page.locator(f'a[href="#tab_id_{name}"]').click()
    return field


def rich_text_editor(page, name):
    """The visual editor that stands in for the (hidden) textarea of a rich text field."""
    return page.locator(f'.prose-editor:has(textarea[name="{name}"]) .ProseMirror')


def type_into(page, name, text):
    """Replace the field's text by typing it, as a person does (new lines with Enter).

    A rich text field is typed into its visual editor (the textarea behind it is
    hidden): each line becomes a paragraph.
    """
    field = show(page, name)
    if field.get_attribute("data-rich-text-editor") is not None:
        field = rich_text_editor(page, name)
        field.wait_for()
    field.click()
    field.press("Control+a")
    field.press("Delete")
    for number, line in enumerate(text.split("\n")):
        if number:
            field.press("Enter")
        field.press_sequentially(line)


def save(page, button="_save", publish=True):
    """Click a save button and return the status of the page it leads to.

    A change of a public item waits for review: with `publish`, a reviewer then
    publishes it (test_pending_changes*.py test the waiting itself).
    """
    with page.expect_navigation() as navigation:
        page.locator(f'.submit-row [name="{button}"]').click()
    if publish:
        for change in PendingChange.objects.all():
            publish_pending(change.content_type.get_object_for_this_type(pk=change.object_id))
    return navigation.value.status


def success_messages(page):
    return page.locator(".messagelist li.success").all_inner_texts()


def error_texts(page):
    return page.locator(".errornote, ul.errorlist li").all_inner_texts()


def change_url(obj):
    opts = obj._meta
    return f"{ADMIN}{opts.app_label}/{opts.model_name}/{obj.pk}/change/"


def public_url(live_server, obj, language):
    with translation.override(language):
        return f"{live_server.url}{obj.get_absolute_url()}"


# ---------------------------------------------------------------- the database side
def table(model):
    return model._meta.db_table


def changed_columns(before, after, model, pk):
    """The columns of one row that differ between two snapshots.

    Left out: `updated_at`, and modeltranslation's original column (`title`),
    which only mirrors one of the per-language columns. An empty text stored
    as NULL by the loader and as "" by the admin's form counts as unchanged.
    """
    old, new = before[table(model)][pk], after[table(model)][pk]
    return {
        column
        for column in old
        if old[column] != new[column]
        and {old[column], new[column]} - {None, ""}
        and column != "updated_at"
        and f"{column}_{ts.SOURCE_LANGUAGE}" not in old
    }


def assert_columns(before, after, model, pk, expected):
    changed = changed_columns(before, after, model, pk)
    assert changed == set(expected), f"{model.__name__} {pk}: changed {changed}"


def assert_untouched_save(page, obj):
    """Saving the form as it is changes no text, no flag and no other row."""
    model = type(obj)
    before = snapshot()
    assert save(page) == 200
    assert len(success_messages(page)) == 1, error_texts(page)
    after = snapshot()
    assert_only_changed(before, after, {table(model): {obj.pk}, **HISTORY})
    if obj.pk in after[table(model)]:
        assert_columns(before, after, model, obj.pk, set())


def state(obj, field, language):
    from django.contrib.contenttypes.models import ContentType

    return TranslationState.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        field=field,
        language=language,
    ).first()


def is_outdated(obj, field, language):
    obj.refresh_from_db()
    row = state(obj, field, language)
    return row is not None and row.source_hash != fingerprint(getattr(obj, f"{field}_de"))


# ---------------------------------------------------------------- translators
def translator_forms(language):
    """What a translator translates: the item, its typed fields, an inline and its typed fields."""
    tag = language.upper()
    return [
        (
            Office.objects.get(),
            {"lead": f"Lead {tag}: the office in one sentence"},
            Task,
            "tasks-0",
            {"explanation": f"Task {tag} line one\nTask {tag} line two"},
        ),
        (
            FieldOfAction.objects.get(number=4),
            {"summary": f"Work {tag}: jobs and training"},
            Measure,
            "measures-0",
            {"description": f"Measure {tag} first line\nMeasure {tag} second line"},
        ),
        (
            Event.objects.get(slug_de="runder-tisch-integration-2025"),
            {"summary": f"Round table {tag}: the revision begins"},
            ProgrammeItem,
            "programme_items-0",
            {"description": f"Programme {tag} first line\nProgramme {tag} second line"},
        ),
    ]


def assert_others_locked(page, language):
    """German and the other translation cannot be typed into: absent or read-only."""
    other = OTHER_TRANSLATION[language]
    for name in page.locator("form [name]").evaluate_all("els => els.map(e => e.name)"):
        if name.endswith(("_de", f"_{other}")):
            field = page.locator(f'form [name="{name}"]')
            assert (
                field.get_attribute("readonly") is not None
                or field.get_attribute("disabled") is not None
                or field.get_attribute("type") == "hidden"
            ), f"{name} can be changed by the {language} translator"


@pytest.mark.parametrize(
    ("translation_language", "interface"),
    [
        ("en", "de"),
        ("en", "sl"),
        ("sl", "en"),
    ],
)
def test_translator_translates_office_field_and_event(
    page, live_server, translators, translation_language, interface
):
    language = translation_language
    user = translators[language]
    sign_in(page, live_server, user, interface)
    for obj, fields, inline_model, prefix, inline_fields in translator_forms(language):
        model = type(obj)
        url = f"{live_server.url}{change_url(obj)}"
        for attempt in ("first save", "after a reload"):
            response = page.goto(url)
            assert response.status == 200, f"{attempt}: {url} answered {response.status}"
            assert page.locator("html").get_attribute("lang") == interface
            assert_others_locked(page, language)
            inline = inline_model.objects.get(
                pk=page.locator(f'[name="{prefix}-id"]').input_value()
            )
            texts = {f"{name}_{language}": f"{text} ({attempt})" for name, text in fields.items()}
            inline_texts = {
                f"{prefix}-{name}_{language}": f"{text} ({attempt})"
                for name, text in inline_fields.items()
            }
            for name, text in {**texts, **inline_texts}.items():
                type_into(page, name, text)
            before = snapshot()
            assert save(page) == 200
            assert page.url.endswith(f"{ADMIN}{model._meta.app_label}/{model._meta.model_name}/")
            assert len(success_messages(page)) == 1, error_texts(page)
            after = snapshot()
            assert_only_changed(
                before,
                after,
                {
                    table(model): {obj.pk},
                    table(inline_model): {inline.pk},
                    STATES: None,
                    **HISTORY,
                },
            )
            assert_columns(before, after, model, obj.pk, texts)
            assert_columns(
                before, after, inline_model, inline.pk, inline_texts_columns(inline_texts)
            )
            obj.refresh_from_db()
            inline.refresh_from_db()
            for name, text in texts.items():
                assert getattr(obj, name) == text
            for name, text in inline_fields.items():
                stored = as_stored(inline_model, name, f"{text} ({attempt})")
                assert getattr(inline, f"{name}_{language}") == stored
            open_page(page, public_url(live_server, obj, language))
            body = page.locator("main").inner_text()
            for text in texts.values():
                assert text in body
        # A second save of the untouched form changes nothing at all.
        open_page(page, url)
        assert_untouched_save(page, obj)


def as_stored(model, name, typed):
    """The typed text as stored: a rich text field's editor makes each line a paragraph."""
    if isinstance(model._meta.get_field(name), RichTextField):
        return "".join(f"<p>{line}</p>" for line in typed.split("\n"))
    return typed


def inline_texts_columns(inline_texts):
    return {name.rsplit("-", 1)[1] for name in inline_texts}


@pytest.mark.parametrize("interface", LANGUAGES)
@pytest.mark.parametrize("language", ["en", "sl"])
def test_translator_cannot_change_german_or_the_other_translation(
    page, live_server, translators, language, interface
):
    """A crafted change (fields enabled or added in the page) is refused with nothing changed."""
    other = OTHER_TRANSLATION[language]
    field = FieldOfAction.objects.get(number=4)
    url = f"{live_server.url}{change_url(field)}"
    sign_in(page, live_server, translators[language], interface, change_url(field))
    assert page.locator(f'form [name="title_{language}"]').count() == 1
    assert_others_locked(page, language)
    crafted = {
        "title_de": "Gehackt",
        f"title_{other}": "Hacked",
        "number": "9",
        "status": "draft",
    }
    page.evaluate(
        """crafted => {
            const form = document.querySelector('#content-main form');
            for (const [name, value] of Object.entries(crafted)) {
                let field = form.querySelector(`[name="${name}"]`);
                if (!field) {
                    field = document.createElement('input');
                    field.type = 'hidden';
                    field.name = name;
                    form.appendChild(field);
                }
                field.removeAttribute('readonly');
                field.removeAttribute('disabled');
                field.value = value;
            }
        }""",
        crafted,
    )
    before = snapshot()
    save(page)
    after = snapshot()
    # modeltranslation's original columns (`title`, `slug`) may follow the
    # interface language; no text anybody reads changes.
    assert_only_changed(before, after, {table(FieldOfAction): {field.pk}, **HISTORY})
    assert_columns(before, after, FieldOfAction, field.pk, set())
    field.refresh_from_db()
    assert (field.title_de, field.number, field.status) == (
        "Teilhabe am Arbeitsmarkt",
        4,
        "published",
    )
    assert getattr(field, f"title_{other}") != "Hacked"
    assert open_page(page, url).status == 200


@pytest.mark.parametrize(
    ("language", "interface"),
    [
        ("sl", "de"),
        ("en", "en"),
    ],
)
def test_translator_restore_is_refused(page, live_server, translators, language, interface):
    event = Event.objects.get(slug_de="runder-tisch-integration-2025")
    with reversion.create_revision():
        event.status = Event.Status.REVIEW
        event.title_de = "Runder Tisch (Entwurf)"
        event.save()
    old = Version.objects.get_for_object(event).order_by("-pk").first()
    with reversion.create_revision():
        event.status = Event.Status.PUBLISHED
        event.title_de = "Runder Tisch Integration 2025"
        event.save()
    sign_in(page, live_server, translators[language], interface, change_url(event))
    # The translator works on this event: its form opens.
    assert page.locator(f'form [name="summary_{language}"]').count() == 1
    before = snapshot()
    # The old version, from the history's link or typed in: refused, or its save is.
    revision = f"{live_server.url}{ADMIN}events/event/{event.pk}/history/{old.pk}/"
    response = page.goto(revision)
    # Refused: sent back to the history with the reason, and no form to save.
    assert response.status == 200
    assert page.url == f"{live_server.url}{ADMIN}events/event/{event.pk}/history/"
    assert page.locator('[name="_save"]').count() == 0
    assert page.locator(".messagelist .error").count() == 1
    assert page.locator(f'a[href$="/history/{old.pk}/"]').count() == 0
    assert_only_changed(before, snapshot(), set())
    event.refresh_from_db()
    assert (event.status, event.title_de) == ("published", "Runder Tisch Integration 2025")
    open_page(page, public_url(live_server, event, "de"))


# ---------------------------------------------------------------- editors
@pytest.mark.parametrize("interface", LANGUAGES)
def test_editor_is_not_offered_states_they_cannot_choose(page, live_server, editor, interface):
    event = Event.objects.get(slug_de="runder-tisch-integration-2024")
    with reversion.create_revision():
        event.status = Event.Status.DRAFT
        event.save()
    sign_in(page, live_server, editor, interface, change_url(event))
    assert page.locator("html").get_attribute("lang") == interface
    options = page.locator('select[name="status"] option').evaluate_all(
        "els => els.map(e => e.value)"
    )
    assert options == ["draft", "review"]


@pytest.mark.parametrize(
    "interface",
    [
        "de",
        "en",
        "sl",
    ],
)
def test_editor_changes_german_translations_become_outdated_minor_edit_keeps_them(
    page, live_server, editor, interface
):
    changed = Event.objects.get(slug_de="runder-tisch-integration-2025")
    typo = Event.objects.get(slug_de="runder-tisch-integration-2024")
    dashboard = f"{live_server.url}{ADMIN}kassel_integration/translationstate/?state=outdated"
    sign_in(page, live_server, editor, interface, change_url(changed))
    focus = "Der Integrationsbericht 2023/2024\nDie Fortschreibung des Integrationskonzepts"
    type_into(page, "focus_de", focus)
    before = snapshot()
    assert save(page) == 200
    assert len(success_messages(page)) == 1, error_texts(page)
    after = snapshot()
    assert_only_changed(before, after, {table(Event): {changed.pk}, STATES: None, **HISTORY})
    assert_columns(before, after, Event, changed.pk, {"focus_de"})
    changed.refresh_from_db()
    assert changed.focus_de == focus
    assert is_outdated(changed, "focus", "en")
    assert is_outdated(changed, "focus", "sl")
    assert not is_outdated(changed, "summary", "en")

    # The dashboard and the item's form say so.
    open_page(page, dashboard)
    rows = page.locator("table.translation-items tbody tr")
    assert rows.locator("th").all_inner_texts() == [changed.title_de]
    assert rows.locator("td.state-outdated").count() == 2

    # A typo fix with "Minor edit" leaves the translations current.
    open_page(page, f"{live_server.url}{change_url(typo)}")
    type_into(page, "summary_de", typo.summary_de.replace("Fachforum", "Fach-Forum", 1))
    page.locator('[name="minor_edit"]').check()
    before = snapshot()
    assert save(page) == 200
    assert len(success_messages(page)) == 1, error_texts(page)
    after = snapshot()
    assert_only_changed(before, after, {table(Event): {typo.pk}, STATES: None, **HISTORY})
    assert_columns(before, after, Event, typo.pk, {"summary_de"})
    assert not is_outdated(typo, "summary", "en")
    assert not is_outdated(typo, "summary", "sl")
    open_page(page, dashboard)
    assert rows.locator("th").all_inner_texts() == [changed.title_de]

    # After a reload, a second save of the untouched form changes no text and no flag.
    open_page(page, f"{live_server.url}{change_url(changed)}")
    assert_untouched_save(page, changed)
    assert is_outdated(changed, "focus", "en")


# ---------------------------------------------------------------- reviewers
@pytest.mark.parametrize(
    "interface",
    [
        "de",
        "en",
        "sl",
    ],
)
def test_reviewer_publishes_and_takes_offline_with_a_reason(page, live_server, reviewer, interface):
    waiting = Event.objects.get(slug_de="runder-tisch-integration-2024")
    with reversion.create_revision():
        waiting.status = Event.Status.REVIEW
        waiting.save()
    online = Event.objects.get(slug_de="runder-tisch-integration-2025")
    sign_in(page, live_server, reviewer, interface, change_url(waiting))

    page.locator('select[name="status"]').select_option("published")
    before = snapshot()
    assert save(page) == 200
    assert len(success_messages(page)) == 1, error_texts(page)
    after = snapshot()
    steps = ReviewEvent.objects.values_list("action", "from_status", "to_status")
    assert list(steps) == [("published", "review", "published")]
    assert_only_changed(
        before,
        after,
        {table(Event): {waiting.pk}, table(ReviewEvent): None, STATES: None, **HISTORY},
    )
    assert_columns(before, after, Event, waiting.pk, {"status"})
    open_page(page, public_url(live_server, waiting, interface))

    # Offline without a reason: refused, nothing changes.
    open_page(page, f"{live_server.url}{change_url(online)}")
    page.locator('select[name="status"]').select_option("draft")
    before = snapshot()
    assert save(page) == 200
    assert page.locator(".field-review_comment ul.errorlist li").count() == 1
    assert_only_changed(before, snapshot(), set())
    # With the reason typed: offline, the reason kept as a review step.
    reason = "Die Fotos sind noch nicht freigegeben.\nBitte erst nach Rückmeldung wieder online."
    type_into(page, "review_comment", reason)
    before = snapshot()
    assert save(page) == 200
    assert len(success_messages(page)) == 1, error_texts(page)
    after = snapshot()
    assert_columns(before, after, Event, online.pk, {"status"})
    step = ReviewEvent.objects.get(object_id=online.pk)
    assert (step.action, step.to_status, step.comment) == ("withdrawn", "draft", reason)
    response = page.goto(public_url(live_server, online, interface))
    assert response.status == 404


# ---------------------------------------------------------------- restore
@pytest.mark.parametrize("interface", ["en"])
def test_reviewer_restores_one_item_and_nothing_else_changes(
    page, live_server, reviewer, interface
):
    # Public items are restored by reviewers (an editor's restore would wait for review).
    editor = reviewer
    field = FieldOfAction.objects.get(number=4)
    loaded = Version.objects.get_for_object(field).order_by("pk").first()
    summary_then = field.summary_de
    with reversion.create_revision():
        field.summary_de = "Arbeit und Ausbildung, überarbeitet"
        field.save()
    # Meanwhile other items change.
    event = Event.objects.get(slug_de="runder-tisch-integration-2024")
    with reversion.create_revision():
        ProgrammeItem.objects.create(
            event=event, order=99, kind=ProgrammeItem.Kind.choices[0][0], title_de="Nachtrag"
        )
        event.save()
    office = Office.objects.get()
    with reversion.create_revision():
        office.lead_de = "Ein neuer Einleitungssatz."
        office.save()

    history = f"{ADMIN}concept/fieldofaction/{field.pk}/history/"
    sign_in(page, live_server, editor, interface, history)
    with page.expect_navigation():
        page.locator(f'a[href$="/history/{loaded.pk}/"]').first.click()
    before = snapshot()
    assert save(page) == 200
    assert len(success_messages(page)) == 1, error_texts(page)
    after = snapshot()
    measures = set(Measure.objects.filter(field=field).values_list("pk", flat=True))
    assert_only_changed(
        before,
        after,
        {
            table(FieldOfAction): {field.pk},
            table(Measure): measures,
            STATES: None,
            **HISTORY,
        },
    )
    assert_columns(before, after, FieldOfAction, field.pk, {"summary_de"})
    field.refresh_from_db()
    assert field.summary_de == summary_then
    assert ProgrammeItem.objects.filter(event=event, title_de="Nachtrag").count() == 1
    assert Office.objects.get().lead_de == "Ein neuer Einleitungssatz."
    differences = diff(before, after)
    assert "reversion_revision" in differences
