"""Keeping the search index up to date: rows built from the declared sources.

Each save of an item re-indexes it; each save of an item others depend on
(an office for its tasks, an event for its programme) re-indexes those; a
delete removes its rows. Rows are only rewritten when they changed. Items
that are not published (or depend on one that is not) have no rows; items
published for a window carry it, and each search compares it with its own
time, so scheduled publishing needs no job.

`rebuild()` (the `rebuild_search_index` command) builds everything anew; a
migrated database with an empty index is filled once after `migrate`.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import translation

from kassel_integration.content.richtext import RichTextField
from kassel_integration.search.analysis import terms_of_text, vocabulary
from kassel_integration.search.models import DocumentPage, SearchEntry, SearchWord
from kassel_integration.search.sources import sources
from kassel_integration.search.text import plain_text

# Compared to decide whether an item's rows changed.
COMPARED = (
    "kind",
    "language",
    "title",
    "text",
    "url",
    "context",
    "page",
    "starts_at",
    "all_day",
    "published_from",
    "published_until",
)
BATCH = 500

_paused = ContextVar("search_index_paused", default=False)


def languages():
    return [code for code, _name in settings.LANGUAGES]


# ---------------------------------------------------------------- reading an item
def _resolve(obj, path):
    for name in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def _is_rich_text(model, path):
    *steps, name = path.split(".")
    try:
        for step in steps:
            model = model._meta.get_field(step).related_model
        return isinstance(model._meta.get_field(name), RichTextField)
    except (FieldDoesNotExist, AttributeError):
        return False  # a property: plain text


def _text(obj, source, paths):
    model = type(obj)
    values = []
    for path in paths:
        value = _resolve(obj, path)
        if value in (None, ""):
            continue
        value = plain_text(value) if _is_rich_text(model, path) else " ".join(str(value).split())
        if value:
            values.append(value)
    return values


def publication_window(obj, source):
    """(from, until) while the item and every parent are published, or None if never."""
    from kassel_integration.models import Publishable

    start = end = None
    chain = [obj, *(_resolve(obj, path) for path in source.parents)]
    for item in chain:
        if item is None or not isinstance(item, Publishable):
            continue
        if item.status != Publishable.Status.PUBLISHED:
            return None
        if item.publish_from and (start is None or item.publish_from > start):
            start = item.publish_from
        if item.publish_until and (end is None or item.publish_until < end):
            end = item.publish_until
    if start and end and start >= end:
        return None
    return start, end


def _pages(obj, source):
    """{page number: text} of the item's file, extracted when it arrived."""
    file = getattr(obj, source.pages)
    if not file:
        return {}
    rows = DocumentPage.objects.filter(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        file_name=file.name,
    )
    return dict(rows.values_list("page", "text"))


def rows_for(obj, source):
    """The unsaved index rows of one item, one per language (a document: one per page)."""
    window = publication_window(obj, source)
    if window is None:
        return []
    content_type = ContentType.objects.get_for_model(obj)
    pages = _pages(obj, source) if source.pages else {}
    written_in = _resolve(obj, source.written_in) if source.written_in else None
    rows = []
    for language in languages():
        with translation.override(language):
            # The title attributes are searched with the title's weight; the hit
            # shows them, or the source's own heading (a programme item: its event).
            searched_title = " ".join(_text(obj, source, source.title))
            title = source.heading(obj) if source.heading else searched_title
            if not title:
                continue
            text = " ".join(_text(obj, source, source.text))
            if text == title:
                text = ""  # a statement that is its own title
            common = {
                "content_type": content_type,
                "object_id": obj.pk,
                "kind": source.kind,
                "language": language,
                "title": title,
                "url": source.url(obj) if source.url else obj.get_absolute_url(),
                "context": source.context(obj) if source.context else "",
                "starts_at": _resolve(obj, source.starts_at) if source.starts_at else None,
                "all_day": bool(_resolve(obj, source.all_day)) if source.all_day else False,
                "published_from": window[0],
                "published_until": window[1],
            }
            shown_and_searched = title if title == searched_title else f"{title} {searched_title}"
            title_terms = terms_of_text(shown_and_searched, language)
        if pages and language == written_in:
            for number, page_text in sorted(pages.items()):
                row = {**common, "url": f"{common['url']}#page={number}"}
                rows.append(_entry(row, title_terms, text=page_text, page=number))
        else:
            rows.append(_entry(common, title_terms, text=text))
    return rows


def _entry(values, title_terms, text, page=None):
    entry = SearchEntry(**values, text=text, page=page, title_terms=title_terms)
    entry.text_terms = terms_of_text(entry.text, entry.language)
    return entry


def _words(entries):
    """The vocabulary of the entries: each word once per language, as written."""
    found = {}
    for entry in entries:
        for text in (entry.title, entry.text):
            for term, word in vocabulary(text).items():
                if len(word) <= 100 and not term.isdigit():
                    found.setdefault((entry.language, term), word)
    return [SearchWord(language=lang, term=term, word=word) for (lang, term), word in found.items()]


def _key(entry):
    return tuple(getattr(entry, name) for name in COMPARED)


# ---------------------------------------------------------------- writing
def index_item(obj, source):
    """Bring the rows of one item up to date; nothing is written if they did not change."""
    wanted = rows_for(obj, source)
    current = SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, kind=source.kind
    )
    if sorted(map(_key, wanted), key=repr) == sorted(map(_key, current), key=repr):
        return
    current.delete()
    SearchEntry.objects.bulk_create(wanted, batch_size=BATCH)
    # Words are only added: one left behind by a changed text suggests nothing,
    # as a suggestion is shown only when searching for it finds something.
    SearchWord.objects.bulk_create(_words(wanted), batch_size=BATCH, ignore_conflicts=True)


def remove_item(obj, source):
    content_type = ContentType.objects.get_for_model(obj)
    SearchEntry.objects.filter(
        content_type=content_type, object_id=obj.pk, kind=source.kind
    ).delete()


def rebuild(stdout=None):
    """Empty the index and build it from every source; the extracted document text is kept."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchWord.objects.all().delete()
        for source in sources():
            model = source.get_model()
            items = model._default_manager.select_related(*source.parents).order_by("pk")
            entries = []
            for obj in items.iterator(chunk_size=BATCH):
                if source.pages:
                    extract_pages(obj, source)
                entries += rows_for(obj, source)
            SearchEntry.objects.bulk_create(entries, batch_size=BATCH)
            SearchWord.objects.bulk_create(_words(entries), batch_size=BATCH, ignore_conflicts=True)
            if stdout:
                stdout.write(f"{source.kind}: {len(entries)} entries")
        if connection.vendor == "postgresql":
            # Every row is new: the planner needs statistics to choose the GIN index.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")
    return SearchEntry.objects.count()


@contextmanager
def paused():
    """Skip indexing on saves inside the block (bulk loads); call `rebuild()` after it."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


# ---------------------------------------------------------------- documents
def extract_pages(obj, source):
    """Extract the text of the item's file once: again only when a new file was uploaded."""
    from kassel_integration.search.documents import pdf_pages

    file = getattr(obj, source.pages)
    stored = DocumentPage.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )
    if file and stored.filter(file_name=file.name).exists():
        return
    stored.delete()
    if not file:
        return
    DocumentPage.objects.bulk_create(
        DocumentPage(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            file_name=file.name,
            page=number,
            text=text,
        )
        for number, text in enumerate(pdf_pages(file), start=1)
    )


# ---------------------------------------------------------------- signals
def _dependents(source):
    """(model, path) pairs: a save of `model` re-indexes the source's items along `path`."""
    model = source.get_model()
    for path in source.related_paths:
        target = model
        for step in path.split("."):
            target = target._meta.get_field(step).related_model
        yield target, path


def _on_save(sender, instance, raw=False, **kwargs):
    if _paused.get():
        return
    try:
        for source in sources():
            model = source.get_model()
            if sender is model:
                if source.pages:
                    extract_pages(instance, source)
                index_item(instance, source)
            for target, path in _dependents(source):
                if sender is target:
                    lookup = {path.replace(".", "__"): instance.pk}
                    for item in model._default_manager.filter(**lookup).order_by("pk"):
                        index_item(item, source)
    except ObjectDoesNotExist:
        # A fixture load (raw) saves an item before what it points to; the
        # parent's own save indexes it.
        if not raw:
            raise


def _on_delete(sender, instance, **kwargs):
    for source in sources():
        if sender is source.get_model():
            remove_item(instance, source)
            if source.pages:
                DocumentPage.objects.filter(
                    content_type=ContentType.objects.get_for_model(instance),
                    object_id=instance.pk,
                ).delete()


def _fill_empty_index(sender, using, **kwargs):
    """After `migrate`: fill an empty index once, e.g. on a database that had content before it.

    Only on a fully migrated database: the content tables must match the models.
    """
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    if not SearchEntry.objects.using(using).exists():
        rebuild()


def watched_models():
    models = set()
    for source in sources():
        models.add(source.get_model())
        models.update(target for target, _path in _dependents(source))
    return models


def connect_signals(app_config):
    for model in watched_models():
        label = model._meta.label
        post_save.connect(_on_save, sender=model, dispatch_uid=f"search-save-{label}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search-delete-{label}")
    post_migrate.connect(_fill_empty_index, sender=app_config, dispatch_uid="search-fill")
