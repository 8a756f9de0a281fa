"""Site search over the published content of every app, in the active language.

One interface, two engines:

- PostgreSQL: full-text search. German and English use their stemming
  configurations; Slovenian has none in PostgreSQL, so its text is folded
  (č → c, ü → ue, ...) by `fold_sql` and searched with the `simple`
  configuration and prefix matching, which also catches inflected endings
  ("Kazahstan" finds "Kazahstana"). Each source has one GIN expression index
  per language (migration 0002), built from `search_vector`, so the query and
  the index use the very same expression.
- SQLite: the same sources and filters, matched with LIKE against the text
  folded by the Python function `fold`, registered as an SQL function.

German readers type "ue" for "ü" and the other way round: the query is
expanded to both spellings (PostgreSQL), or both sides are folded to the
spelling with "ue" (SQLite, Slovenian on PostgreSQL).

All sources are searched in one query (a UNION of one part per source, each
row carried whole as JSON, see `kassel_integration.content.json_rows`), whatever the
number of hits, and only `.published()` content (or content of published
parents) is ever searched.
"""

import datetime
import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from django.conf import settings
from django.db import connection
from django.db.models import (
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kassel_integration.content.json_rows import JSONObject, instance_from_json, json_row
from kassel_integration.models import previewed_item

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# Enough for any real question; a page shows the best of them.
MAX_HITS_PER_SOURCE = 50
SNIPPET_LENGTH = 240

# PostgreSQL text-search configuration per language. Slovenian has no stemmer
# in PostgreSQL: `simple` on folded text, with prefix matching for its endings.
CONFIGS = {"de": "german", "en": "english", "sl": "simple"}
FOLDED_LANGUAGES = {"sl"}

# ---------------------------------------------------------------- folding
DIGRAPHS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}


@cache
def fold_char(char: str) -> str:
    lower = char.lower()
    if lower in DIGRAPHS:
        return DIGRAPHS[lower]
    decomposed = unicodedata.normalize("NFKD", lower)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str | None) -> str:
    """Lower case, ä/ö/ü/ß written as ae/oe/ue/ss, other accents removed."""
    if not text:
        return ""
    if text.isascii():  # most text: nothing to fold but the case
        return text.lower()
    return "".join(map(fold_char, text))


def _single_letter_folds():
    """Accented Latin letters that fold to one plain letter, for SQL translate()."""
    source, target = [], []
    for code in range(0xC0, 0x180):  # Latin-1 Supplement and Latin Extended-A
        char = chr(code)
        if char.lower() in DIGRAPHS or char == "ẞ":
            continue
        folded = fold_char(char)
        if len(folded) == 1 and folded.isascii() and folded.isalpha() and folded != char:
            source.append(char)
            target.append(folded)
    return "".join(source), "".join(target)


TRANSLATE_FROM, TRANSLATE_TO = _single_letter_folds()


# Text expressions of the search are typed CharField throughout: SearchVector
# coalesces each with Value(""), and compiling that for an index refuses to
# mix a TextField (or RichTextField) with the CharField of the Value.
class Translate(Func):
    function = "translate"
    output_field = CharField()


class Replace(Func):
    function = "replace"
    output_field = CharField()


class Joined(Func):
    """a || ' ' || b ...: flat, where Concat would nest too deep for SQLite's parser."""

    template = "(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = CharField()


class Constant(Value):
    """A constant string of this module written into the SQL, not sent as a parameter.

    The fold below has 18 of them per text column: as parameters they made a
    Slovenian search's UNION carry about 1,400, which psycopg interpolates on
    every search (the query is too long for its statement cache). Only for the
    fixed strings here: the text is quoted, but must never be user input.
    """

    def as_sql(self, compiler, connection):
        quoted = self.value.replace("'", "''").replace("%", "%%")
        return f"'{quoted}'", []


def fold_sql(expression):
    """`fold` in SQL, built from immutable functions only, so an index can use it."""
    for char, digraph in (*DIGRAPHS.items(), ("Ä", "ae"), ("Ö", "oe"), ("Ü", "ue"), ("ẞ", "ss")):
        expression = Replace(expression, Constant(char), Constant(digraph))
    return Func(
        Translate(expression, Constant(TRANSLATE_FROM), Constant(TRANSLATE_TO)),
        function="lower",
        output_field=CharField(),
    )


class SQLiteFold(Func):
    """The Python `fold`, registered on the SQLite connection by `register_sqlite_functions`."""

    function = "kip_fold"
    output_field = TextField()


def register_sqlite_functions():
    # Idempotent and free (no query): done before each search rather than on
    # connection_created, which a connection opened before app loading would miss.
    connection.ensure_connection()
    connection.connection.create_function("kip_fold", 1, _fold_for_sql, deterministic=True)


# SQLite calls the fold for every searched text of every row, each search anew:
# the texts change rarely, so their folded form is remembered (by value, bounded).
_fold_for_sql = lru_cache(maxsize=4096)(fold)


# ---------------------------------------------------------------- sources
@dataclass(frozen=True)
class Source:
    """One searchable kind of content."""

    key: str
    model: str  # "app_label.ModelName"
    title_fields: tuple[str, ...]
    body_fields: tuple[str, ...]
    group: str

    def get_model(self, apps=None):
        from django.apps import apps as global_apps

        return (apps or global_apps).get_model(self.model)

    def index_name(self, language):
        return f"kip_search_{self.key}_{language}"


GROUP_OFFICE = "office"
GROUP_CONCEPT = "concept"
GROUP_EVENTS = "events"
GROUP_LEGAL = "legal"

GROUP_TITLES = {
    GROUP_OFFICE: _("Integration Officer"),
    GROUP_CONCEPT: _("Integration concept"),
    GROUP_EVENTS: _("Events"),
    GROUP_LEGAL: _("Legal information"),
}

# The migration that creates the indexes freezes its own copy of this list.
SOURCES = (
    Source(
        "office",
        "officers.Office",
        ("title",),
        ("lead", "description", "contact_note"),
        GROUP_OFFICE,
    ),
    Source("task", "officers.Task", ("title",), ("explanation",), GROUP_OFFICE),
    Source(
        "person",
        "officers.Person",
        ("honorific_prefix", "given_name", "family_name"),
        ("role", "biography"),
        GROUP_OFFICE,
    ),
    Source(
        "term",
        "officers.Term",
        (),
        ("previous_position", "next_position", "dates_note"),
        GROUP_OFFICE,
    ),
    Source(
        "field",
        "concept.FieldOfAction",
        ("title",),
        ("summary", "description"),
        GROUP_CONCEPT,
    ),
    Source("goal", "concept.Goal", ("title",), ("description",), GROUP_CONCEPT),
    Source("measure", "concept.Measure", ("title",), ("description",), GROUP_CONCEPT),
    Source(
        "version",
        "concept.ConceptVersion",
        ("title", "official_title"),
        ("official_title_meaning", "summary", "description"),
        GROUP_CONCEPT,
    ),
    Source(
        "report",
        "concept.IntegrationReport",
        ("title",),
        ("summary", "author", "discussed_at"),
        GROUP_CONCEPT,
    ),
    Source("reportentry", "concept.ReportEntry", (), ("text",), GROUP_CONCEPT),
    Source(
        "series",
        "events.EventSeries",
        ("title",),
        ("summary", "description"),
        GROUP_EVENTS,
    ),
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
        GROUP_EVENTS,
    ),
    Source(
        "programmeitem",
        "events.ProgrammeItem",
        ("title",),
        ("description",),
        GROUP_EVENTS,
    ),
    Source("legal", "kassel_integration.LegalPage", ("title",), ("body",), GROUP_LEGAL),
)
SOURCES_BY_KEY = {source.key: source for source in SOURCES}


def _is_translated(model, name):
    return any(f.name == f"{name}_{settings.LANGUAGE_CODE}" for f in model._meta.get_fields())


def column(model, name, language):
    """The text the visitor sees: the language's own column, else the German one."""
    if not _is_translated(model, name):
        expression = F(name)
    elif language == settings.LANGUAGE_CODE:
        expression = F(f"{name}_{language}")
    else:
        expression = Coalesce(
            NullIf(F(f"{name}_{language}"), Value(""), output_field=CharField()),
            F(f"{name}_{settings.LANGUAGE_CODE}"),
            output_field=CharField(),
        )
    return ExpressionWrapper(expression, output_field=CharField())


def search_vector(model, source, language):
    """The tsvector of one source in one language: the query's and the index's expression."""
    from django.contrib.postgres.search import SearchVector

    config = CONFIGS[language]

    def part(names, weight):
        columns = [column(model, name, language) for name in names]
        if language in FOLDED_LANGUAGES:
            # Folded once over the joined text: the index definition must stay
            # small enough for PostgreSQL's catalog row.
            coalesced = [Coalesce(c, Value(""), output_field=CharField()) for c in columns]
            columns = [fold_sql(Joined(*coalesced))]
        return SearchVector(*columns, config=config, weight=weight)

    parts = []
    if source.title_fields:
        parts.append(part(source.title_fields, "A"))
    if source.body_fields:
        parts.append(part(source.body_fields, "B"))
    vector = parts[0]
    for extra in parts[1:]:
        vector = vector + extra
    return vector


def sqlite_document(model, source, language):
    names = (*source.title_fields, *source.body_fields)
    return SQLiteFold(Joined(*(Coalesce(column(model, n, language), Value("")) for n in names)))


# ---------------------------------------------------------------- querysets per source
def _published(model_label, at):
    from django.apps import apps

    return apps.get_model(model_label).objects.published(at=at)


def base_queryset(source, at=None):
    """Published rows of the source, with what building a hit needs, in one query."""
    at = at or timezone.now()
    model = source.get_model()
    key = source.key
    if key == "office":
        return model.objects.published(at=at).select_related(None).prefetch_related(None)
    offices = _published("officers.Office", at).select_related(None)
    if key == "task":
        return model.objects.filter(office__in=offices.values("pk"))
    if key == "person":
        from officers.models import Term

        return model.objects.filter(
            Exists(Term.objects.filter(person=OuterRef("pk"), office__in=offices.values("pk")))
        )
    if key == "term":
        return model.objects.filter(office__in=offices.values("pk")).select_related("person")
    fields = _published("concept.FieldOfAction", at).prefetch_related(None)
    if key == "field":
        return fields
    if key in ("goal", "measure"):
        return model.objects.filter(field__in=fields.values("pk")).select_related("field")
    if key in ("version", "report", "series"):
        return model.objects.published(at=at)
    if key == "reportentry":
        reports = _published("concept.IntegrationReport", at)
        return model.objects.filter(
            Q(field__isnull=True) | Q(field__in=fields.values("pk")),
            report__in=reports.values("pk"),
        ).select_related("report", "field")
    events = _published("events.Event", at).select_related(None).prefetch_related(None)
    if key == "event":
        return events
    if key == "programmeitem":
        return model.objects.filter(event__in=events.values("pk")).select_related("event")
    if key == "legal":
        return model.objects.all()
    raise ValueError(key)


# ---------------------------------------------------------------- what a hit shows
KIND_LABELS = {
    "office": _("Office"),
    "task": _("Task of the office"),
    "person": _("Person"),
    "term": _("Person"),
    "field": _("Field of action"),
    "goal": _("Goal"),
    "measure": _("Measure"),
    "version": _("Integration concept"),
    "report": _("Integration report"),
    "reportentry": _("Integration report"),
    "series": _("Series of events"),
    "event": _("Event"),
    "programmeitem": _("Event"),
    "legal": _("Legal information"),
}


def hit_title_and_url(source, obj):
    key = source.key
    if key == "task":
        return obj.title, reverse("officers:index")
    if key in ("person", "term"):
        person = obj.person if key == "term" else obj
        return person.full_name, reverse("officers:index")
    if key == "reportentry":
        # A statement is short: it is its own title, placed by report and field.
        target = obj.field if obj.field_id else obj.report
        return obj.text, target.get_absolute_url()
    if key == "programmeitem":
        return obj.event.title, obj.event.get_absolute_url()
    return str(obj), obj.get_absolute_url()


def hit_context(source, obj):
    """A line that places the hit: the field of a goal, the date of an event."""
    if source.key in ("goal", "measure"):
        return str(obj.field)
    if source.key == "reportentry":
        return " · ".join(str(part) for part in (obj.report, obj.field) if part is not None)
    return ""


def hit_date(source, obj):
    if source.key == "event":
        return obj
    if source.key == "programmeitem":
        return obj.event
    return None


BLOCK_END = re.compile(r"(</(?:p|li|h\d|blockquote|ul|ol)>|<br\s*/?>)", re.IGNORECASE)


def plain_text(value) -> str:
    """Rich or plain text as one line; paragraphs stay apart as words."""
    return _plain_text(str(value or ""))


# Search hits and page descriptions strip the same few texts again and again,
# and strip_tags parses the HTML in Python: remembered by value, bounded.
@lru_cache(maxsize=1024)
def _plain_text(value: str) -> str:
    text = BLOCK_END.sub(r"\1 ", value)
    return " ".join(html.unescape(strip_tags(text)).split())


# ---------------------------------------------------------------- the query
WORD = re.compile(r"[^\W_]+")


def terms_of(query: str) -> list[str]:
    """The words of a query, lower case, without duplicates; punctuation is dropped."""
    seen = []
    for word in WORD.findall(query.lower()):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


def spellings(term: str) -> list[str]:
    """The term as typed, with umlauts written out, and with digraphs as umlauts."""
    written_out = "".join(DIGRAPHS.get(c, c) for c in term)
    as_umlauts = term
    for char, digraph in DIGRAPHS.items():
        as_umlauts = as_umlauts.replace(digraph, char)
    return list(dict.fromkeys([term, written_out, as_umlauts]))


def tsquery_text(terms, language) -> str:
    """A to_tsquery() string: every term (in any spelling) must occur.

    Terms are letters and digits only (see `terms_of`), so the string cannot
    carry tsquery operators or quotes typed by the visitor.
    """
    clauses = []
    for term in terms:
        variants = [fold(term)] if language in FOLDED_LANGUAGES else spellings(term)
        # Prefix matching: compounds ("Arbeit" finds "Arbeitsmarkt") and
        # endings that no stemmer removes ("Kazahstan" finds "Kazahstana").
        alternatives = [f"'{v}':*" if len(v) >= 3 else f"'{v}'" for v in variants]
        clauses.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(clauses)


def is_postgresql():
    return connection.vendor == "postgresql"


@dataclass
class Hit:
    source: Source
    title: str
    url: str
    kind: str
    rank: float
    text: str = ""
    context: str = ""
    event: object = None
    title_html: str = ""
    snippet_html: str = ""


@dataclass
class Group:
    key: str
    title: str
    hits: list = field(default_factory=list)


@dataclass
class Results:
    query: str
    terms: list
    hits: list
    truncated: bool

    def __len__(self):
        return len(self.hits)


def _pg_vector_and_query(model, source, terms, language):
    from django.contrib.postgres.search import SearchQuery

    query = SearchQuery(tsquery_text(terms, language), config=CONFIGS[language], search_type="raw")
    return search_vector(model, source, language), query


def _matching(source, terms, language, at):
    """The source's published rows that match every term, best first."""
    model = source.get_model()
    queryset = base_queryset(source, at)
    if is_postgresql():
        from django.contrib.postgres.search import SearchRank

        vector, query = _pg_vector_and_query(model, source, terms, language)
        return (
            queryset.annotate(search_document=vector)
            .filter(search_document=query)
            .annotate(search_rank=SearchRank(F("search_document"), query))
            .order_by("-search_rank", "pk")
        )
    queryset = queryset.annotate(search_document=sqlite_document(model, source, language))
    for term in terms:
        queryset = queryset.filter(search_document__contains=fold(term))
    return queryset.order_by("pk")


def _related_paths(source, queryset):
    """The foreign keys `base_queryset` joins for building a hit (one level deep)."""
    related = queryset.query.select_related
    if related is False:
        return []
    if related is True or any(nested for nested in related.values()):
        raise ValueError(f"{source.key}: only plain select_related(name, ...) is supported")
    return list(related)


def _branch(source, terms, language, at):
    """One source's part of the UNION: its best rows, each whole as JSON, with its rank."""
    model = source.get_model()
    matching = _matching(source, terms, language, at)
    related = {
        name: model._meta.get_field(name).related_model for name in _related_paths(source, matching)
    }
    limit = MAX_HITS_PER_SOURCE + 1
    if connection.features.supports_slicing_ordering_in_compound:
        # PostgreSQL: each part of the UNION keeps its own order and limit.
        chosen, rank = matching, "search_rank"
    else:
        # SQLite allows no LIMIT in a part: the limit runs in a subquery instead.
        chosen = model._base_manager.filter(pk__in=matching.values("pk")[:limit]).annotate(
            hit_rank=Value(0.0, output_field=FloatField())
        )
        rank = "hit_rank"
    rows = chosen.annotate(
        hit_source=Value(source.key, output_field=CharField()),
        hit_row=json_row(model),
        hit_related=JSONObject(**{name: json_row(rel, name) for name, rel in related.items()}),
    ).values_list("hit_source", rank, "hit_row", "hit_related")
    if connection.features.supports_slicing_ordering_in_compound:
        return rows[:limit]
    return rows.order_by()


def union_of_sources(terms, language, at):
    """The query over every source: rows of (source key, rank, row as JSON, related rows as JSON)."""
    branches = [_branch(source, terms, language, at) for source in SOURCES]
    return branches[0].union(*branches[1:], all=True)


# Building that UNION (14 parts, every column of every row as JSON) costs the
# ORM about 50 ms of CPU, running it about 2 ms. Its SQL only depends on the
# database, the language and the number of terms: it is compiled once per
# process for stand-in values, which each search then swaps for its own.
_STAND_IN_AT = datetime.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)


def _stand_in_terms(count):
    return [f"qqsearchterm{index}qq" for index in range(count)]


def _term_parameters(terms, language):
    """The query parameters that carry the terms, in the order of `terms`' stand-ins."""
    if is_postgresql():
        return [tsquery_text(terms, language)]
    from django.contrib.contenttypes.models import ContentType

    # The LIKE pattern exactly as the ORM escapes it for `__contains`.
    return [
        ContentType.objects.filter(model__contains=fold(term)).query.sql_with_params()[1][-1]
        for term in terms
    ]


@lru_cache(maxsize=64)
def _compiled_union(vendor, language, term_count):
    at, terms = _STAND_IN_AT, _stand_in_terms(term_count)
    union = union_of_sources(terms, language, at)
    sql, params = union.query.sql_with_params()
    stand_ins = {
        connection.ops.adapt_datetimefield_value(at): "at",
        **{value: index for index, value in enumerate(_term_parameters(terms, language))},
    }
    slots = tuple(
        (position, stand_ins[value])
        for position, value in enumerate(params)
        if _hashable(value) in stand_ins
    )
    # A compound SELECT answers with the columns of its first part. Their order
    # there is the ORM's business (values_list() order is not kept): read it off.
    rank = "search_rank" if is_postgresql() else "hit_rank"
    first_part = re.findall(rf'AS "(hit_source|{rank}|hit_row|hit_related)"', sql)[:4]
    order = tuple(first_part.index(name) for name in ("hit_source", rank, "hit_row", "hit_related"))
    return sql, tuple(params), slots, order


def _hashable(value):
    return value if isinstance(value, str | datetime.datetime) else None


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def _union_rows(terms, language, at):
    if not is_postgresql():
        register_sqlite_functions()
    if previewed_item.get() is not None:
        # A preview lets one item through `published()`: another SQL, built fresh.
        return list(union_of_sources(terms, language, at))
    sql, params, slots, order = _compiled_union(connection.vendor, language, len(terms))
    values = {"at": connection.ops.adapt_datetimefield_value(at)}
    values.update(enumerate(_term_parameters(terms, language)))
    params = list(params)
    for position, name in slots:
        params[position] = values[name]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [[row[index] for index in order] for row in cursor]
    return [(key, rank, _json(row), _json(related)) for key, rank, row, related in rows]


def _fetch_all(terms, language, at=None):
    """The matching rows of every source as instances, in one query: {key: [obj, ...]}.

    Each instance has `search_rank`; the foreign keys `base_queryset` selects are
    filled in, so building a hit costs no further query.
    """
    found = {source.key: [] for source in SOURCES}
    for key, rank, row, related in _union_rows(terms, language, at or timezone.now()):
        model = SOURCES_BY_KEY[key].get_model()
        obj = instance_from_json(model, row)
        for name, data in related.items():
            setattr(obj, name, instance_from_json(model._meta.get_field(name).related_model, data))
        obj.search_rank = rank
        found[key].append(obj)
    for rows in found.values():
        rows.sort(key=lambda obj: (-obj.search_rank, obj.pk))
    return found


def _local_rank(terms, title, text):
    """SQLite has no ranking: count the terms, those in the title three times."""
    folded_title, folded_text = fold(title), fold(text)
    return sum(3 * folded_title.count(fold(t)) + folded_text.count(fold(t)) for t in terms)


def search(query: str, language: str | None = None) -> Results:
    """Published content matching every word of `query`, best first within each source."""
    language = language or get_language() or settings.LANGUAGE_CODE
    if language not in CONFIGS:
        language = settings.LANGUAGE_CODE
    terms = terms_of(query)
    hits, truncated = [], False
    if not terms:
        return Results(query, terms, hits, truncated)
    found = _fetch_all(terms, language)
    for source in SOURCES:
        rows = found[source.key]
        if len(rows) > MAX_HITS_PER_SOURCE:
            truncated = True
            rows = rows[:MAX_HITS_PER_SOURCE]
        for obj in rows:
            title, url = hit_title_and_url(source, obj)
            # The passage comes from the body; the title is shown (and highlighted) anyway.
            body = [plain_text(getattr(obj, name)) for name in source.body_fields]
            text = " ".join(part for part in body if part)
            if text == title:
                text = ""
            rank = obj.search_rank if is_postgresql() else _local_rank(terms, title, text)
            hits.append(
                Hit(
                    source=source,
                    title=title,
                    url=url,
                    kind=KIND_LABELS[source.key],
                    rank=float(rank or 0),
                    text=text,
                    context=hit_context(source, obj),
                    event=hit_date(source, obj),
                )
            )
    return Results(query, terms, _merge(hits), truncated)


def _merge(hits):
    """One hit per page section: a person found by name and by term, an event by its
    programme. Groups are ordered by their best hit, hits within a group by rank."""
    merged = {}
    for hit in sorted(hits, key=lambda h: -h.rank):
        key = (hit.url, hit.title)
        if key in merged:
            merged[key].text = f"{merged[key].text} {hit.text}"
        else:
            merged[key] = hit
    by_group = {}
    for hit in merged.values():
        by_group.setdefault(hit.source.group, []).append(hit)
    group_order = list(GROUP_TITLES)
    ordered = sorted(
        by_group.items(), key=lambda item: (-item[1][0].rank, group_order.index(item[0]))
    )
    return [hit for _group, group_hits in ordered for hit in group_hits]


def group_hits(hits):
    """Consecutive hits of one group, for the headings of one results page."""
    groups = []
    for hit in hits:
        if not groups or groups[-1].key != hit.source.group:
            groups.append(Group(hit.source.group, GROUP_TITLES[hit.source.group]))
        groups[-1].hits.append(hit)
    return groups


# ---------------------------------------------------------------- highlighting
@lru_cache(maxsize=256)
def _folded_with_positions(text):
    """`fold(text)`, and for each folded character the index it came from in `text`.

    Remembered: a results page highlights the same few texts for every search.
    """
    if text.isascii():
        return text.lower(), range(len(text))
    pieces = list(map(fold_char, text))
    positions = tuple(index for index, piece in enumerate(pieces) for _ in piece)
    return "".join(pieces), positions


def match_spans(text: str, terms) -> list[tuple[int, int]]:
    """Where the terms occur in `text`: whole words that start with a term.

    A stemmed match ("markets" for "market") is found by shortening the term
    by up to two letters when its full form does not occur.
    """
    folded, positions = _folded_with_positions(text)
    spans = []
    for term in terms:
        term = fold(term)
        for cut in (0, 1, 2):
            stem = term[: len(term) - cut] if cut else term
            if len(stem) < 3 and cut:
                break
            found = [
                (positions[m.start()], positions[m.end() - 1] + 1)
                for m in re.finditer(rf"(?<!\w){re.escape(stem)}\w*", folded)
            ]
            if found:
                spans += found
                break
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, terms, spans=None) -> str:
    """`text` escaped, with the matches wrapped in <mark>."""
    spans = match_spans(text, terms) if spans is None else spans
    out, last = [], 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def snippet(text: str, terms, length=SNIPPET_LENGTH) -> str:
    """The passage around the first match, cut at word boundaries, highlighted."""
    spans = match_spans(text, terms)
    if len(text) <= length:
        return highlight(text, terms, spans)
    first = spans[0][0] if spans else 0
    start = max(0, first - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    passage = text[start:end]
    inner = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    body = highlight(passage, terms, inner)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")  # noqa: S308 - body is escaped by highlight


def decorate(hits, terms):
    """Highlighted title and passage for the hits shown on one page."""
    for hit in hits:
        hit.title_html = highlight(hit.title, terms)
        hit.snippet_html = snippet(hit.text, terms) if hit.text else ""
    return hits
