"""The search index: one table of published items per language, and each database's full text.

Self-contained on purpose: a migration must not import application code,
which changes after it is written.

- PostgreSQL: pg_trgm and btree_gin (standard contrib extensions, trusted
  since PostgreSQL 13); a stored generated tsvector column over the index's
  term columns (title weighted A, text B) with a GIN index on (language,
  search_vector): with the language in the index, the planner sees how few rows
  one language's words match and uses it even for common words (without it, a
  sequential scan won at 100 times the content, and took four times as long);
  a trigram GIN index on the vocabulary for "Did you mean". The expression
  indexes of the first search (0003) go.
- SQLite: an FTS5 table over the term columns, with the external content in
  the index table, kept in step by triggers (the pattern of SQLite's FTS5
  documentation, "External Content Tables"). SQLite drops triggers with their
  table, so a later migration that makes SQLite rebuild the index table must
  run `SQLITE_TRIGGERS` again.

The rows themselves are filled after `migrate` (and by `rebuild_search_index`).
"""

import django.db.models.deletion
from django.db import migrations, models

ENTRY = "kassel_integration_searchentry"
WORD = "kassel_integration_searchword"
FTS = f"{ENTRY}_fts"

POSTGRESQL = [
    # Kept when the migration is reversed: other code may use them too.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    f"""ALTER TABLE {ENTRY} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('simple'::regconfig, text_terms), 'B')
    ) STORED""",
    # fastupdate off: rows go straight into the index, not into a pending list
    # that every search would read through until the next vacuum.
    f"""CREATE INDEX searchentry_vector_idx ON {ENTRY} USING gin (language, search_vector)
        WITH (fastupdate = off)""",
    f"CREATE INDEX searchword_trigram_idx ON {WORD} USING gin (term gin_trgm_ops)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS searchword_trigram_idx",
    "DROP INDEX IF EXISTS searchentry_vector_idx",
    f"ALTER TABLE {ENTRY} DROP COLUMN IF EXISTS search_vector",
]
# The GIN expression indexes migration 0003 created on PostgreSQL until it became empty.
OLD_SOURCES = (
    "office", "task", "person", "term", "field", "goal", "measure", "version", "report",
    "reportentry", "series", "event", "programmeitem", "legal",
)
OLD_INDEXES = [
    f"DROP INDEX IF EXISTS kip_search_{key}_{language}"
    for key in OLD_SOURCES
    for language in ("de", "en", "sl")
]

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER {FTS}_insert AFTER INSERT ON {ENTRY} BEGIN
        INSERT INTO {FTS}(rowid, title_terms, text_terms)
        VALUES (new.id, new.title_terms, new.text_terms);
    END""",
    f"""CREATE TRIGGER {FTS}_delete AFTER DELETE ON {ENTRY} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_terms, text_terms)
        VALUES ('delete', old.id, old.title_terms, old.text_terms);
    END""",
    f"""CREATE TRIGGER {FTS}_update AFTER UPDATE ON {ENTRY} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_terms, text_terms)
        VALUES ('delete', old.id, old.title_terms, old.text_terms);
        INSERT INTO {FTS}(rowid, title_terms, text_terms)
        VALUES (new.id, new.title_terms, new.text_terms);
    END""",
]
SQLITE = [
    # The terms are already folded and stemmed in Python: the tokenizer only splits them.
    f"""CREATE VIRTUAL TABLE {FTS} USING fts5(
        title_terms, text_terms, content='{ENTRY}', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0'
    )""",
    *SQLITE_TRIGGERS,
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"DROP TABLE IF EXISTS {FTS}",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def create_full_text(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, [*OLD_INDEXES, *POSTGRESQL])
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE)


def drop_full_text(apps, schema_editor):
    # The old expression indexes are not rebuilt: the search they served is gone.
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_REVERSE)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_REVERSE)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('kassel_integration', '0009_review_comments'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=16, verbose_name='language')),
                ('term', models.CharField(max_length=60, verbose_name='term')),
                ('word', models.CharField(max_length=100, verbose_name='word')),
            ],
            options={
                'verbose_name': 'search word',
                'verbose_name_plural': 'search words',
                'default_permissions': (),
                'constraints': [models.UniqueConstraint(fields=('language', 'term'), name='searchword_unique_term')],
            },
        ),
        migrations.CreateModel(
            name='DocumentPage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='object ID')),
                ('file_name', models.CharField(max_length=300, verbose_name='file')),
                ('page', models.PositiveIntegerField(verbose_name='page')),
                ('text', models.TextField(blank=True, verbose_name='text')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='content type')),
            ],
            options={
                'verbose_name': 'document page',
                'verbose_name_plural': 'document pages',
                'ordering': ['content_type', 'object_id', 'page'],
                'default_permissions': (),
                'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id', 'page'), name='documentpage_unique_page')],
            },
        ),
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='object ID')),
                ('kind', models.CharField(max_length=40, verbose_name='kind')),
                ('language', models.CharField(max_length=16, verbose_name='language')),
                ('title', models.TextField(verbose_name='title')),
                ('text', models.TextField(blank=True, verbose_name='text')),
                ('url', models.CharField(max_length=500, verbose_name='address')),
                ('context', models.CharField(blank=True, max_length=500, verbose_name='context')),
                ('page', models.PositiveIntegerField(blank=True, null=True, verbose_name='page')),
                ('starts_at', models.DateTimeField(blank=True, null=True, verbose_name='start')),
                ('all_day', models.BooleanField(default=False, verbose_name='date only (all day or time not known)')),
                ('published_from', models.DateTimeField(blank=True, null=True, verbose_name='publish from')),
                ('published_until', models.DateTimeField(blank=True, null=True, verbose_name='publish until')),
                ('title_terms', models.TextField(blank=True, verbose_name='search terms of the title')),
                ('text_terms', models.TextField(blank=True, verbose_name='search terms of the text')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='content type')),
            ],
            options={
                'verbose_name': 'search index entry',
                'verbose_name_plural': 'search index entries',
                'default_permissions': (),
                'indexes': [models.Index(fields=['content_type', 'object_id'], name='searchentry_item_idx')],
            },
        ),
        migrations.RunPython(create_full_text, drop_full_text, elidable=False),
    ]
