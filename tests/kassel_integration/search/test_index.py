"""The search index follows the content: saves, deletes, parents, windows, rebuilds."""

import ast
import datetime
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concept.models import FieldOfAction, Goal
from events.models import Event, ProgrammeItem
from kassel_integration.search import index
from kassel_integration.search.models import SearchEntry, SearchWord
from kassel_integration.search.sources import sources
from officers.models import Term
from tests.events.factories import EventFactory
from tests.factories import FieldOfActionFactory, PersonFactory
from tests.officers.factories import OfficeFactory

MIGRATIONS = Path(__file__).resolve().parents[3] / "kassel_integration" / "migrations"


def rows(obj, **filters):
    """(language, title, url) of an item's rows."""
    entries = SearchEntry.objects.filter(object_id=obj.pk, **filters).order_by("language", "pk")
    return [(e.language, e.title, e.url) for e in entries]


def everything():
    fields = [f.name for f in SearchEntry._meta.fields if f.name != "id"]
    return sorted(SearchEntry.objects.values_list(*fields), key=repr)


def test_the_apps_declare_what_is_searched():
    assert [source.kind for source in sources()] == [
        "office",
        "task",
        "person",
        "field",
        "goal",
        "measure",
        "version",
        "report",
        "reportentry",
        "document",
        "series",
        "event",
        "programmeitem",
        "legal",
    ]


def test_a_saved_item_has_a_row_per_language_with_the_german_text_as_fallback(db):
    event = EventFactory(title_de="Sommerfest", title_en="Summer party", title_sl="")
    assert rows(event, kind="event") == [
        ("de", "Sommerfest", event.get_absolute_url()),
        ("en", "Summer party", f"/en/events/{event.slug_en or event.slug_de}/"),
        ("sl", "Sommerfest", f"/sl/dogodki/{event.slug_sl or event.slug_de}/"),
    ]
    row = SearchEntry.objects.get(object_id=event.pk, kind="event", language="de")
    assert row.title_terms == "sommerf"
    assert row.starts_at == event.start


def test_edits_and_deletes_reach_the_index(db):
    event = EventFactory(title_de="Sommerfest")
    event.title_de = "Herbstfest"
    event.save()
    assert [title for _l, title, _u in rows(event, kind="event", language="de")] == ["Herbstfest"]
    pk = event.pk
    event.delete()
    assert not SearchEntry.objects.filter(object_id=pk, kind="event").exists()


def test_an_unchanged_save_writes_nothing(db):
    event = EventFactory(title_de="Sommerfest")
    with CaptureQueriesContext(connection) as queries:
        event.save()
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if "searchentry" in q["sql"] and not q["sql"].startswith("SELECT")
    ]
    assert writes == []


def test_drafts_have_no_rows_and_publishing_adds_them(db):
    event = EventFactory(title_de="Entwurfsfest", status=Event.Status.DRAFT)
    assert rows(event, kind="event") == []
    event.status = Event.Status.PUBLISHED
    event.save()
    assert len(rows(event, kind="event")) == 3


def test_children_follow_their_parent(db):
    field = FieldOfActionFactory(number=2, title_de="Wohnen")
    goal = Goal.objects.create(field=field, title_de="Mehr Wohnraum")
    assert rows(goal, kind="goal")[0][1] == "Mehr Wohnraum"
    context = SearchEntry.objects.get(object_id=goal.pk, kind="goal", language="de").context
    assert context == "2. Wohnen"
    field.title_de = "Wohnen im Stadtteil"
    field.save()
    context = SearchEntry.objects.get(object_id=goal.pk, kind="goal", language="de").context
    assert context == "2. Wohnen im Stadtteil"
    field.status = FieldOfAction.Status.DRAFT
    field.save()
    assert rows(goal, kind="goal") == []


def test_a_child_carries_the_narrowest_window_of_its_parents(db):
    now = timezone.now()
    event = EventFactory(
        title_de="Fenster",
        publish_from=now + datetime.timedelta(days=1),
        publish_until=now + datetime.timedelta(days=5),
    )
    item = ProgrammeItem.objects.create(event=event, kind="talk", title_de="Vortrag")
    entry = SearchEntry.objects.get(object_id=item.pk, kind="programmeitem", language="de")
    assert (entry.published_from, entry.published_until) == (
        event.publish_from,
        event.publish_until,
    )
    assert entry.title == "Fenster"  # shown under its event's title, on its event's page
    assert entry.url == event.get_absolute_url()


def test_a_renamed_person_is_found_under_the_new_name(db):
    office = OfficeFactory(key="amt", title_de="Amt")
    person = PersonFactory(given_name="Erika", family_name="Muster")
    term = Term.objects.create(office=office, person=person)
    person.family_name = "Beispiel"
    person.save()
    assert [title for _l, title, _u in rows(term, kind="person", language="de")] == [
        "Erika Beispiel"
    ]


def test_the_vocabulary_keeps_words_as_written(db):
    EventFactory(title_de="Straßenfest in Kassel")
    words = dict(SearchWord.objects.filter(language="de").values_list("term", "word"))
    assert words["strassenfest"] == "Straßenfest"
    assert words["kassel"] == "Kassel"


def test_rebuild_gives_what_the_saves_gave(db):
    field = FieldOfActionFactory(number=1, title_de="Bildung")
    Goal.objects.create(field=field, title_de="Mehr Kitaplätze")
    EventFactory(title_de="Sommerfest")
    before = everything()
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", verbosity=0)
    assert everything() == before


def test_paused_indexing_leaves_the_index_to_a_rebuild(db):
    with index.paused():
        event = EventFactory(title_de="Stillfest")
    assert rows(event, kind="event") == []
    index.rebuild()
    assert len(rows(event, kind="event")) == 3


def test_search_migrations_import_no_application_code():
    """A migration runs for years against code that keeps changing: it must copy what it needs."""
    for name in ("0003_search_indexes.py", "0010_search_index.py"):
        tree = ast.parse((MIGRATIONS / name).read_text())
        imported = [
            node.module if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        ]
        assert all(module.startswith("django") for module in imported), (name, imported)
