"""GIN indexes for the site search on PostgreSQL; nothing on SQLite.

One expression index per searchable model and language, on exactly the
tsvector expression `kassel_integration.search.engine.search_vector` builds for the
query, so that PostgreSQL can answer the search from the index. The list of
sources is frozen here; tests/kassel_integration/search/test_search.py checks that
every source of the search has its index and that the planner uses it. A
source or field added to the search later needs a new migration like this one.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from kassel_integration.search.engine import Source, search_vector

LANGUAGES = ("de", "en", "sl")

SOURCES = (
    Source("office", "officers.Office", ("title",), ("lead", "description", "contact_note"), ""),
    Source("task", "officers.Task", ("title",), ("explanation",), ""),
    Source(
        "person",
        "officers.Person",
        ("honorific_prefix", "given_name", "family_name"),
        ("role", "biography"),
        "",
    ),
    Source("term", "officers.Term", (), ("previous_position", "next_position", "dates_note"), ""),
    Source("field", "concept.FieldOfAction", ("title",), ("summary", "description"), ""),
    Source("goal", "concept.Goal", ("title",), ("description",), ""),
    Source("measure", "concept.Measure", ("title",), ("description",), ""),
    Source(
        "version",
        "concept.ConceptVersion",
        ("title", "official_title"),
        ("official_title_meaning", "summary", "description"),
        "",
    ),
    Source(
        "report",
        "concept.IntegrationReport",
        ("title",),
        ("summary", "author", "discussed_at"),
        "",
    ),
    Source("reportentry", "concept.ReportEntry", (), ("text",), ""),
    Source("series", "events.EventSeries", ("title",), ("summary", "description"), ""),
    Source(
        "event",
        "events.Event",
        ("title",),
        (
            "motto",
            "summary",
            "description",
            "focus",
            "audience",
            "report",
            "results",
            "next_steps",
        ),
        "",
    ),
    Source("programmeitem", "events.ProgrammeItem", ("title",), ("description",), ""),
    Source("legal", "kassel_integration.LegalPage", ("title",), ("body",), ""),
)


def _indexes(apps):
    for source in SOURCES:
        model = source.get_model(apps)
        for language in LANGUAGES:
            vector = search_vector(model, source, language)
            yield model, GinIndex(vector, name=source.index_name(language))


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.add_index(model, index)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("kassel_integration", "0002_site_settings"),
        ("officers", "0002_office_tasks_terms"),
        ("concept", "0002_versions_goals_measures_report_documents"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
