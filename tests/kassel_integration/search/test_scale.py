"""At 100 times the shipped content, PostgreSQL answers a search from the GIN index in < 50 ms.

The content is the benchmark's synthetic content (tests/bench/synthetic.py) on
top of the shipped content, indexed with one rebuild. The database time is
PostgreSQL's own "Execution Time" of EXPLAIN ANALYZE for the statement the
search sends, the best of three runs (the machine is shared).
"""

import json

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from kassel_integration.search import engine as site_search
from kassel_integration.search import index
from kassel_integration.search.analysis import query_terms
from kassel_integration.search.backends import PostgreSQLBackend
from kassel_integration.search.models import SearchEntry
from tests.bench import synthetic

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL only"
)

SCALE = 100
LIMIT_MS = 50
QUERIES = [
    ("de", "Integration"),
    ("de", "Sprache"),
    ("de", "Runder Tisch"),
    ("en", "labour market"),
    ("en", "round table"),
    ("sl", "integracija"),
    ("sl", "okrogla miza"),
    ("sl", "jezikovna podpora"),
]


@pytest.fixture(scope="module")
def hundredfold(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_kassel_content", verbosity=0)
        shipped = SearchEntry.objects.count()
        with index.paused():
            synthetic.generate(SCALE)
        index.rebuild()
        yield shipped, SearchEntry.objects.count()
        transaction.set_rollback(True)


def explain(language, query):
    terms = query_terms(query, language, site_search.MAX_TERMS)
    sql, params = PostgreSQLBackend().statement(
        language, terms, timezone.now(), site_search.MAX_HITS_PER_SOURCE + 1
    )
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    return plan[0] if isinstance(plan, list) else json.loads(plan)[0]


def index_names(node):
    found = {node.get("Index Name")} - {None}
    for child in node.get("Plans", []):
        found |= index_names(child)
    return found


@pytest.mark.parametrize(("language", "query"), QUERIES)
def test_the_search_uses_the_gin_index_in_under_50_ms(hundredfold, db, language, query):
    shipped, rows = hundredfold
    assert rows > 50 * shipped  # the index really is many times larger
    plans = [explain(language, query) for _ in range(3)]
    assert "searchentry_vector_idx" in index_names(plans[0]["Plan"]), json.dumps(plans[0])
    best = min(plan["Execution Time"] for plan in plans)
    print(f"{language} {query!r}: {best:.1f} ms")
    assert best < LIMIT_MS
    assert site_search.search(query, language).hits
