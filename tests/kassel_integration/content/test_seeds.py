"""The seed files and the one rule that loads them (kassel_integration/content/seeds.py)."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from events.models import Event, EventQuote, ProgrammeItem
from kassel_integration.content import seeds
from kassel_integration.content.seeds import SeedError, load_seeds, seed_files
from kassel_integration.models import LegalPage
from officers.models import Organisation, Person, Quote
from tests.db_snapshot import DERIVED

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
CODES = [code for code, _name in settings.LANGUAGES]
DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
WRITES = ("INSERT", "UPDATE", "DELETE")

FIRST_LOAD = """\
  legal page imprint: created
  legal page privacy: created
  legal page accessibility: created
  7 organisations: 7 created
  6 people: 6 created
  3 quotes: 3 created
  1 office with 5 tasks, 2 terms, 3 quote links: 11 created
  6 fields of action with 2 measures: 8 created
  3 concept versions: 3 created
  1 integration report with 6 entries: 7 created
  1 language of events: 1 created
  2 event series: 2 created
  1 venue: 1 created
  1 event with 4 programme items, 2 quote links: 9 created
  1 event with 3 programme items, 4 quote links: 12 created
Kassel content loaded.
"""


def load(**options):
    out = StringIO()
    call_command("load_kassel_content", stdout=out, verbosity=2, **options)
    return out.getvalue()


def written_tables(queries):
    """The content tables a load wrote to, from the SQL it ran.

    The search index is derived from the content and follows it (its own tests
    check it), so it is left out here.
    """
    tables = set()
    for query in queries:
        sql = query["sql"].lstrip()
        if sql.upper().startswith(WRITES):
            words = sql.replace('"', " ").split()
            after = {"INSERT": "INTO", "UPDATE": None, "DELETE": "FROM"}[words[0].upper()]
            tables.add(words[words.index(after) + 1] if after else words[1])
    return {table for table in tables if not table.startswith(DERIVED)}


def seed(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_apps_ship_their_seeds_in_installed_apps_order():
    assert [str(path.relative_to(ROOT)) for path in seed_files()] == [
        "kassel_integration/seeds/legal_pages.toml",
        "officers/seeds/1_organisations.toml",
        "officers/seeds/2_people.toml",
        "officers/seeds/3_quotes.toml",
        "officers/seeds/4_office.toml",
        "concept/seeds/1_fields_of_action.toml",
        "concept/seeds/2_concept_versions.toml",
        "concept/seeds/3_integration_report.toml",
        "events/seeds/1_languages.toml",
        "events/seeds/2_series.toml",
        "events/seeds/3_venues.toml",
        "events/seeds/4_runder_tisch_integration_2024.toml",
        "events/seeds/5_runder_tisch_integration_2025.toml",
    ]


def test_the_first_load_says_what_it_created(db):
    assert load() == FIRST_LOAD


def test_reloading_unchanged_content_writes_nothing(content):
    with CaptureQueriesContext(connection) as queries:
        output = load(overwrite=True)
    assert written_tables(queries) == set()
    assert output == (
        FIRST_LOAD.replace(": created", ": kept")
        .replace(": 7 created", ": unchanged")
        .replace(": 6 created", ": unchanged")
        .replace(": 3 created", ": unchanged")
        .replace(": 11 created", ": unchanged")
        .replace(": 8 created", ": unchanged")
        .replace(": 2 created", ": unchanged")
        .replace(": 1 created", ": unchanged")
        .replace(": 9 created", ": unchanged")
        .replace(": 12 created", ": unchanged")
    )


def test_a_reload_saves_only_the_row_that_differs(content):
    changed, other = Event.objects.order_by("-start")
    stamps = dict(Event.objects.values_list("pk", "updated_at"))
    setattr(changed, f"title_{DEFAULT}", "Ein anderer Titel")
    changed.save()
    Event.objects.filter(pk=changed.pk).update(updated_at=stamps[changed.pk])
    with CaptureQueriesContext(connection) as queries:
        output = load(overwrite=True)
    assert written_tables(queries) == {"events_event"}
    assert "  1 event with 3 programme items, 4 quote links: 1 changed\n" in output
    assert "  1 event with 4 programme items, 2 quote links: unchanged\n" in output
    changed.refresh_from_db()
    assert getattr(changed, f"title_{DEFAULT}") == "Runder Tisch Integration 2025"
    assert changed.updated_at > stamps[changed.pk]
    assert Event.objects.get(pk=other.pk).updated_at == stamps[other.pk]


def test_legal_pages_are_created_once_and_then_kept(content):
    page = LegalPage.objects.get(kind="imprint")
    setattr(page, f"body_{DEFAULT}", "<p>Von der Redaktion ergänzt.</p>")
    page.save()
    output = load(overwrite=True)
    assert "  legal page imprint: kept\n" in output
    page.refresh_from_db()
    assert getattr(page, f"body_{DEFAULT}") == "<p>Von der Redaktion ergänzt.</p>"


def test_a_pruned_list_loses_what_the_seed_does_not_have(content):
    event = Event.objects.get(**{f"slug_{DEFAULT}": "runder-tisch-integration-2025"})
    office_quote = Quote.objects.get(key="schuetz-herkunft-teilhabe")
    extra_item = ProgrammeItem.objects.create(event=event, order=9, kind="other", title="Extra")
    extra_quote = Quote.objects.create(speaker=office_quote.speaker, text="Extra", source="Extra")
    EventQuote.objects.create(event=event, quote=extra_quote, order=5)
    EventQuote.objects.create(event=event, quote=office_quote, order=6)
    event_quotes = list(event.quote_links.filter(order__lte=4).values_list("quote", flat=True))
    output = load(overwrite=True)
    assert "  1 event with 3 programme items, 4 quote links: 4 deleted\n" in output
    assert not ProgrammeItem.objects.filter(pk=extra_item.pk).exists()
    assert not Quote.objects.filter(pk=extra_quote.pk).exists()
    # Still on the office page: only the event's link to it goes.
    assert Quote.objects.filter(pk=office_quote.pk).exists()
    assert list(event.quote_links.values_list("order", "quote")) == list(
        enumerate(event_quotes, start=1)
    )


def test_an_owned_row_is_updated_in_place(content):
    link = EventQuote.objects.select_related("quote").order_by("pk").first()
    pk, text = link.quote.pk, getattr(link.quote, f"text_{DEFAULT}")
    setattr(link.quote, f"text_{DEFAULT}", "Anders")
    link.quote.save()
    load(overwrite=True)
    link.refresh_from_db()
    assert (link.quote.pk, getattr(link.quote, f"text_{DEFAULT}")) == (pk, text)


ORGANISATIONS = """
model = "officers.Organisation"
key = "slug"

[[organisation]]
slug = "amt"
name.{default} = "Amt"
"""


def test_a_translated_field_takes_the_languages_of_the_settings(db, tmp_path, settings):
    *kept, dropped = CODES
    settings.LANGUAGES = [(code, code) for code in kept]
    path = seed(tmp_path, "1.toml", ORGANISATIONS.format(default=DEFAULT) + f'name.{dropped} = "x"')
    load_seeds(paths=[path])
    organisation = Organisation.objects.get(slug="amt")
    # Given: set; not given: empty; a language the portal does not have: left alone.
    assert {code: getattr(organisation, f"name_{code}") for code in CODES} == {
        **dict.fromkeys(kept, ""),
        DEFAULT: "Amt",
        dropped: None,
    }


def test_a_language_key_that_is_no_language_is_refused(db, tmp_path):
    path = seed(tmp_path, "1.toml", ORGANISATIONS.format(default=DEFAULT) + 'name.dee = "Amt"')
    with pytest.raises(SeedError) as error:
        load_seeds(paths=[path])
    assert str(error.value) == (
        f"{path}, [[organisation]] no. 1, name: 'dee' is not a language code"
    )


def test_a_reference_to_a_missing_row_stops_the_load_and_writes_nothing(db, tmp_path, monkeypatch):
    organisations = seed(tmp_path, "1.toml", ORGANISATIONS.format(default=DEFAULT))
    people = seed(
        tmp_path,
        "2.toml",
        'model = "officers.Person"\nkey = "slug"\n\n[[person]]\nslug = "eine-person"\n'
        'given_name = "Eine"\nfamily_name = "Person"\norganisation = "nirgendwo"\n',
    )
    monkeypatch.setattr(seeds, "seed_files", lambda: [organisations, people])
    with pytest.raises(CommandError) as error:
        call_command("load_kassel_content", verbosity=0)
    assert str(error.value) == (
        f"{people}, [[person]] no. 1, organisation: no officers.Organisation 'nirgendwo'; is "
        "it in a seed file loaded before this one (an earlier file, or an app listed earlier "
        "in INSTALLED_APPS)?"
    )
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("id = 3", ": id: seeds name rows by natural keys, not by ids"),
        ("units = []", ": units is a relation the file declares no inline for"),
        ('kind = "nonsense"', ": {'kind': [\"Value 'nonsense' is not a valid choice.\"]}"),
        ('colour = "blue"', ": officers.Organisation has no field 'colour'"),
        (
            'parent = ["a", "b"]',
            ", parent: officers.Organisation is named by ['slug'], not ['a', 'b']",
        ),
    ],
)
def test_a_row_the_model_cannot_take_is_refused(db, tmp_path, row, message):
    path = seed(tmp_path, "1.toml", ORGANISATIONS.format(default=DEFAULT) + row)
    with pytest.raises(SeedError) as error:
        load_seeds(paths=[path])
    assert str(error.value) == f"{path}, [[organisation]] no. 1{message}"


def test_a_file_beside_the_seed_is_stored_like_an_upload_once(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    Image.new("RGB", (400, 300), "red").save(tmp_path / "portrait.png")
    path = seed(
        tmp_path,
        "1.toml",
        'model = "officers.Person"\nkey = "slug"\n\n[[person]]\nslug = "eine-person"\n'
        'given_name = "Eine"\nfamily_name = "Person"\nportrait = "portrait.png"\n'
        "portrait_decorative = true\n",
    )
    load_seeds(paths=[path])
    person = Person.objects.get(slug="eine-person")
    stored = person.portrait.name
    assert (person.portrait_width, person.portrait_height) == (400, 300)
    assert (settings.MEDIA_ROOT / stored).is_file()
    load_seeds(paths=[path])
    person.refresh_from_db()
    assert person.portrait.name == stored


def test_a_file_outside_the_seed_folder_is_refused(db, tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    Image.new("RGB", (10, 10)).save(tmp_path / "outside.png")
    path = seed(
        folder,
        "1.toml",
        'model = "officers.Person"\nkey = "slug"\n\n[[person]]\nslug = "p"\n'
        'given_name = "P"\nfamily_name = "P"\nportrait = "../outside.png"\n',
    )
    with pytest.raises(SeedError) as error:
        load_seeds(paths=[path])
    assert str(error.value) == f"{path}, [[person]] no. 1: no file '../outside.png' beside the seed"
