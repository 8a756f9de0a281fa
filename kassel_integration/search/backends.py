"""The one search query, for PostgreSQL and for SQLite.

Both answer the same question in one statement: the published index rows of
a language that contain every query word (a term, or a longer term starting
with it), ranked with the title above the text, at most `per_kind` of each
kind. When nothing matches, the same statement also returns the words of the
index closest to each query word (trigram similarity, as pg_trgm defines it),
for "Did you mean". Only the full-text part differs:

- PostgreSQL: `search_vector @@ to_tsquery('simple', …)` answered from the GIN
  index on (language, search_vector), ranked by `ts_rank` (weights A for the title, B for the text);
  similar terms through pg_trgm's `%` operator and its GIN index.
- SQLite: FTS5 `MATCH`, ranked by `bm25` with the title weighted 2.5 times the
  text (PostgreSQL's A = 1.0 against B = 0.4); similar terms through the same
  similarity computed in Python (`analysis.similarity`).
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from kassel_integration.search.analysis import is_prefix, similarity
from kassel_integration.search.models import SearchEntry, SearchWord

ENTRY = SearchEntry._meta.db_table
WORD = SearchWord._meta.db_table
FTS = f"{ENTRY}_fts"
# Vocabulary terms offered for one query word, and the least similarity for them.
CANDIDATES = 3
MIN_SIMILARITY = 0.3
MIN_CORRECTED_LENGTH = 4


@dataclass
class Row:
    id: int
    kind: str
    title: str
    text: str
    url: str
    context: str
    page: int | None
    starts_at: datetime.datetime | None
    all_day: bool
    rank: float


@dataclass
class Candidate:
    position: int  # which word of the query
    term: str
    word: str
    similarity: float


def quoted(term):
    """Terms are letters and digits only (`analysis.strip_accents`): nothing to escape."""
    if not term.isalnum():
        raise ValueError(term)
    return term


def boolean_query(query_terms, whole, prefix, any_of, all_of):
    """Every word must match: one of its terms, whole or (from three letters) as a prefix.

    The whole term is named too, so an exact match ranks above a longer word.
    `whole` and `prefix` are the database's spellings of a term ("'{}'", "'{}':*").
    """
    clauses = []
    for query_term in query_terms:
        alternatives = []
        for term in map(quoted, query_term.terms):
            alternatives.append(whole.format(term))
            if is_prefix(term):
                alternatives.append(prefix.format(term))
        clauses.append("(" + any_of.join(alternatives) + ")")
    return all_of.join(clauses)


class Backend:
    # Narrows the index rows read for the hits to the chosen ones (see PostgreSQL).
    chosen_rows = "1 = 1"

    def match_sql(self, query_terms):
        raise NotImplementedError

    def candidates_sql(self, position, term, language):
        raise NotImplementedError

    def prepare(self):
        pass

    def convert(self, row):
        return row

    def statement(self, language, query_terms, at, per_kind, suggest=True):
        """The SQL and parameters of one search."""
        now = connection.ops.adapt_datetimefield_value(at)
        match, match_params = self.match_sql(query_terms)
        sql = f"""
            WITH found AS MATERIALIZED (
                SELECT e.id, e.kind, {match["rank"]} AS rank
                FROM {match["from"]}
                WHERE {match["where"]} AND e.language = %s
                    AND (e.published_from IS NULL OR e.published_from <= %s)
                    AND (e.published_until IS NULL OR e.published_until > %s)
            ), best AS MATERIALIZED (
                SELECT id, rank FROM (
                    SELECT id, rank,
                        ROW_NUMBER() OVER (PARTITION BY kind ORDER BY rank DESC, id) AS position
                    FROM found
                ) ranked
                WHERE position <= %s
            )
            SELECT e.id, e.kind, e.title, e.text, e.url, e.context, e.page, e.starts_at,
                e.all_day, b.rank, CAST(NULL AS INTEGER), CAST(NULL AS TEXT), CAST(NULL AS TEXT)
            FROM best b JOIN {ENTRY} e ON e.id = b.id
            WHERE {self.chosen_rows}
        """  # noqa: S608 - table names and SQL fragments of this module; values are parameters
        params = [*match_params, language, now, now, per_kind]
        parts = []
        if suggest:
            for position, query_term in enumerate(query_terms):
                term = query_term.folded
                if len(term) >= MIN_CORRECTED_LENGTH and not term.isdigit():
                    part_sql, part_params = self.candidates_sql(position, term, language)
                    parts.append(part_sql)
                    params += part_params
        if parts:
            sql += f"""
            UNION ALL
            SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                c.similarity, c.position, c.term, c.word
            FROM ({" UNION ALL ".join(parts)}) c
            WHERE NOT EXISTS (SELECT 1 FROM found)
            """  # noqa: S608 - as above
        return sql, params

    def search(self, language, query_terms, at, per_kind, suggest=True):
        """(rows, candidates) for the query, in one statement."""
        self.prepare()
        sql, params = self.statement(language, query_terms, at, per_kind, suggest)
        rows, candidates = [], []
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for row in cursor.fetchall():
                if row[0] is None:
                    candidates.append(Candidate(row[10], row[11], row[12], float(row[9])))
                else:
                    rows.append(Row(*self.convert(list(row[:10]))))
        return rows, candidates


class PostgreSQLBackend(Backend):
    # The planner cannot know how few rows the window function keeps and would
    # read the whole index to join them; as an array they are looked up by key.
    chosen_rows = "e.id = ANY(ARRAY(SELECT id FROM best))"

    def match_sql(self, query_terms):
        return {
            "from": f"{ENTRY} e CROSS JOIN to_tsquery('simple', %s) AS q(query)",
            "where": "e.search_vector @@ q.query",
            # 1: divided by 1 + log(length), so a long page does not win by length alone.
            "rank": "ts_rank(e.search_vector, q.query, 1)",
        }, [self.tsquery(query_terms)]

    @staticmethod
    def tsquery(query_terms):
        """Every word must match: one of its terms, whole or (from three letters) as a prefix."""
        return boolean_query(query_terms, "'{}'", "'{}':*", " | ", " & ")

    def candidates_sql(self, position, term, language):
        return (
            f"""SELECT * FROM (
                SELECT %s AS position, term, word, similarity(term, %s) AS similarity
                FROM {WORD} WHERE language = %s AND term %% %s AND similarity(term, %s) >= %s
                ORDER BY similarity DESC, term LIMIT {CANDIDATES}
            ) c{position}""",  # noqa: S608 - table name of this module; values are parameters
            [position, term, language, term, term, MIN_SIMILARITY],
        )


class SQLiteBackend(Backend):
    def prepare(self):
        # Idempotent and free (no query); done before each search rather than on
        # connection_created, which a connection opened before app loading would miss.
        connection.ensure_connection()
        connection.connection.create_function("kip_similarity", 2, similarity, deterministic=True)

    def match_sql(self, query_terms):
        return {
            "from": f"{FTS} JOIN {ENTRY} e ON e.id = {FTS}.rowid",
            "where": f"{FTS} MATCH %s",
            "rank": f"-bm25({FTS}, 2.5, 1.0)",
        }, [self.fts_query(query_terms)]

    @staticmethod
    def fts_query(query_terms):
        """The FTS5 form of `PostgreSQLBackend.tsquery`."""
        return boolean_query(query_terms, '"{}"', '"{}"*', " OR ", " AND ")

    def candidates_sql(self, position, term, language):
        # Only terms of about the same length can be this similar: the
        # similarity is computed for those alone.
        return (
            f"""SELECT * FROM (
                SELECT %s AS position, term, word, kip_similarity(term, %s) AS similarity
                FROM {WORD} WHERE language = %s AND length(term) BETWEEN %s AND %s
                    AND kip_similarity(term, %s) >= %s
                ORDER BY similarity DESC, term LIMIT {CANDIDATES}
            ) c{position}""",  # noqa: S608 - table name of this module; values are parameters
            [position, term, language, len(term) - 3, len(term) + 3, term, MIN_SIMILARITY],
        )

    def convert(self, row):
        # SQLite stores datetimes as UTC without a zone (and may hand them back as
        # text); booleans as 0/1.
        value = row[7]
        if isinstance(value, str):
            value = parse_datetime(value)
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
        row[7] = value
        row[8] = bool(row[8])
        return row


def backend():
    return PostgreSQLBackend() if connection.vendor == "postgresql" else SQLiteBackend()
