"""Site search over the published content of every app, in the active language.

The search reads one index (`kassel_integration.search.models.SearchEntry`,
kept up to date by `kassel_integration.search.index`) in one statement
(`kassel_integration.search.backends`): every word of the query must match,
through the language's analysis (`kassel_integration.search.analysis`), and
the best hits of each kind come back ranked. A query that finds nothing gets
the closest words of the index in the same statement; if the corrected query
finds something, its results are shown with "Did you mean …" (one more query).

This module turns the rows into hits: merged per page section, grouped by
kind, with the matched words highlighted in the title and the passage.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from kassel_integration.search.analysis import edit_distance, query_terms, terms_of_word, words
from kassel_integration.search.backends import backend
from kassel_integration.search.sources import sources
from kassel_integration.search.text import plain_text

__all__ = [
    "MAX_HITS_PER_SOURCE",
    "MAX_QUERY_LENGTH",
    "decorate",
    "group_hits",
    "highlight",
    "plain_text",
    "search",
    "snippet",
]

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# Enough for any real question; a page shows the best of them.
MAX_HITS_PER_SOURCE = 50
SNIPPET_LENGTH = 240
# How close a word of the index must be to a misspelt one to be suggested.
MIN_SUGGESTION_SIMILARITY = 0.5
LONG_WORD = 12


@dataclass
class Hit:
    source: object
    title: str
    url: str
    rank: float
    text: str = ""
    context: str = ""
    page: int | None = None
    starts_at: datetime.datetime | None = None
    all_day: bool = False
    title_html: str = ""
    snippet_html: str = ""

    @property
    def kind(self):
        return self.source.label

    @property
    def group(self):
        return self.source.group


@dataclass
class Group:
    key: str
    title: str
    hits: list = field(default_factory=list)


@dataclass
class Results:
    query: str
    language: str
    terms: list
    hits: list
    truncated: bool
    # The corrected query whose results these are, when the query itself found nothing.
    suggestion: str = ""

    def __len__(self):
        return len(self.hits)


def reader_language(language=None):
    codes = [code for code, _name in settings.LANGUAGES]
    language = language or get_language() or settings.LANGUAGE_CODE
    return language if language in codes else settings.LANGUAGE_CODE


def search(query: str, language: str | None = None, at=None) -> Results:
    """Published content matching every word of `query`, best first, grouped by kind."""
    language = reader_language(language)
    at = at or timezone.now()
    terms = query_terms(query, language, MAX_TERMS)
    if not terms:
        return Results(query, language, terms, [], False)
    rows, candidates = backend().search(language, terms, at, MAX_HITS_PER_SOURCE + 1)
    suggestion = ""
    if not rows and candidates:
        corrected = correction(terms, candidates, language)
        if corrected:
            corrected_terms = query_terms(corrected, language, MAX_TERMS)
            rows, _none = backend().search(
                language, corrected_terms, at, MAX_HITS_PER_SOURCE + 1, suggest=False
            )
            if rows:
                terms, suggestion = corrected_terms, corrected
    hits, truncated = _hits(rows)
    return Results(query, language, terms, _merge(hits), truncated, suggestion)


def correction(terms, candidates, language):
    """The query with each word that matches nothing replaced by the closest word of the index.

    Close means: most of the letter triples shared (pg_trgm's similarity), or
    one typo (a letter missing, extra, wrong or two swapped; two in words of
    twelve letters or more). A word of another language is no typo: on the
    English pages "Kasachstan" (two letters off) suggests nothing.
    """
    words_, changed = [], False
    for position, term in enumerate(terms):
        options = [c for c in candidates if c.position == position]
        if not options or any(
            term.matches(own) for c in options for own in terms_of_word(c.word, language)
        ):
            words_.append(term.word)
            continue
        allowed = 1 if len(term.folded) < LONG_WORD else 2
        close = [
            (edit_distance(term.folded, c.term), -c.similarity, c.term, c)
            for c in options
            if c.similarity >= MIN_SUGGESTION_SIMILARITY
            or edit_distance(term.folded, c.term) <= allowed
        ]
        if not close:
            words_.append(term.word)
            continue
        words_.append(min(close)[-1].word)
        changed = True
    return " ".join(words_) if changed else ""


def _hits(rows):
    by_kind = {source.kind: source for source in sources()}
    counts, hits, truncated = {}, [], False
    for row in sorted(rows, key=lambda r: (-r.rank, r.id)):
        source = by_kind.get(row.kind)
        if source is None:
            continue  # an app that declared it is gone; the next rebuild drops its rows
        counts[row.kind] = counts.get(row.kind, 0) + 1
        if counts[row.kind] > MAX_HITS_PER_SOURCE:
            truncated = True
            continue
        hits.append(
            Hit(
                source=source,
                title=row.title,
                url=row.url,
                rank=float(row.rank or 0),
                text=row.text,
                context=row.context,
                page=row.page,
                starts_at=row.starts_at,
                all_day=row.all_day,
            )
        )
    return hits, truncated


def _merge(hits):
    """One hit per page section: a person found by name and by term, an event by its
    programme. Groups are ordered by their best hit, hits within a group by rank."""
    merged = {}
    for hit in sorted(hits, key=lambda h: -h.rank):
        key = (hit.url, hit.title)
        if key in merged:
            merged[key].text = f"{merged[key].text} {hit.text}".strip()
        else:
            merged[key] = hit
    by_group = {}
    for hit in merged.values():
        by_group.setdefault(hit.group, []).append(hit)
    group_order = list(dict.fromkeys(source.group for source in sources()))
    ordered = sorted(
        by_group.items(), key=lambda item: (-item[1][0].rank, group_order.index(item[0]))
    )
    return [hit for _group, group_hits in ordered for hit in group_hits]


def group_hits(hits):
    """Consecutive hits of one group, for the headings of one results page."""
    groups = []
    for hit in hits:
        if not groups or groups[-1].key != hit.group:
            groups.append(Group(hit.group, hit.source.group_title))
        groups[-1].hits.append(hit)
    return groups


# ---------------------------------------------------------------- highlighting
def match_spans(text: str, terms, language) -> list[tuple[int, int]]:
    """Where the query's words occur in `text`: the words whose terms they match."""
    spans = []
    for start, end, word in words(text):
        if any(term.matches(own) for own in terms_of_word(word, language) for term in terms):
            if spans and spans[-1][1] == start:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return spans


def highlight(text: str, terms, language, spans=None) -> str:
    """`text` escaped, with the matches wrapped in <mark>."""
    spans = match_spans(text, terms, language) if spans is None else spans
    out, last = [], 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def snippet(text: str, terms, language, length=SNIPPET_LENGTH) -> str:
    """The passage around the first match, cut at word boundaries, highlighted."""
    spans = match_spans(text, terms, language)
    if len(text) <= length:
        return highlight(text, terms, language, spans)
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
    body = highlight(passage, terms, language, inner)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")  # noqa: S308 - body is escaped by highlight


def decorate(hits, results):
    """Highlighted title and passage for the hits shown on one page."""
    for hit in hits:
        hit.title_html = highlight(hit.title, results.terms, results.language)
        hit.snippet_html = snippet(hit.text, results.terms, results.language) if hit.text else ""
    return hits
