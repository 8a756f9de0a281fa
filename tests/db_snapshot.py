"""What else changed in the database: a snapshot of every table, and the difference of two.

A test of an admin journey asserts the change it expects *and* that nothing else
changed: `assert_only_changed(before, snapshot(), expected)` fails with the
tables and rows that changed beyond what was expected. Rows are compared by
their primary key and every column's value, so a restore that rewrites a row
of another item with equal-looking but different text is caught too.

Tables that record the act of working rather than content (sessions, sign-in
logs, admin log, review steps, versions) change on every save; tests name them
in `expected` when they care, and `BOOKKEEPING` lists the ones ignored by default.
"""

from dataclasses import dataclass, field

from django.db import connection

# Changed by signing in and by every admin request; not content.
BOOKKEEPING = frozenset(
    {
        "django_session",
        "django_admin_log",
        "auth_user",  # last_login
        "axes_accessattempt",
        "axes_accesslog",
        "axes_accessfailurelog",
    }
)


@dataclass
class TableDiff:
    added: dict = field(default_factory=dict)
    removed: dict = field(default_factory=dict)
    changed: dict = field(default_factory=dict)  # pk -> (before row, after row)

    def __bool__(self):
        return bool(self.added or self.removed or self.changed)


# Derived from the content and rewritten with it: the search index (with SQLite's
# FTS5 tables beside it) and the text extracted from uploaded documents. Its
# own tests (tests/kassel_integration/search/) check what it holds.
DERIVED = (
    "kassel_integration_searchentry",
    "kassel_integration_searchword",
    "kassel_integration_documentpage",
)


def _tables():
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return sorted(n for n in names if not n.startswith(("sqlite_", "django_migrations", *DERIVED)))


def snapshot(ignore=BOOKKEEPING) -> dict:
    """Every row of every table, keyed by table and primary key (or the whole row)."""
    result = {}
    with connection.cursor() as cursor:
        for table in _tables():
            if table in ignore:
                continue
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - introspected table names
            columns = [c[0] for c in cursor.description]
            rows = {}
            for row in cursor.fetchall():
                values = dict(zip(columns, row, strict=True))
                key = values.get("id", tuple(row))
                rows[key] = values
            result[table] = rows
    return result


def diff(before: dict, after: dict) -> dict[str, TableDiff]:
    """The tables whose rows differ, with the rows added, removed and changed."""
    result = {}
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table, {}), after.get(table, {})
        table_diff = TableDiff(
            added={k: new[k] for k in new.keys() - old.keys()},
            removed={k: old[k] for k in old.keys() - new.keys()},
            changed={k: (old[k], new[k]) for k in old.keys() & new.keys() if old[k] != new[k]},
        )
        if table_diff:
            result[table] = table_diff
    return result


def changed_tables(before: dict, after: dict) -> set[str]:
    return set(diff(before, after))


def describe(differences: dict[str, TableDiff]) -> str:
    """A readable account of the differences, for assertion messages."""
    lines = []
    for table, d in differences.items():
        for key, row in d.added.items():
            lines.append(f"{table}: added {key}: {row}")
        for key, row in d.removed.items():
            lines.append(f"{table}: removed {key}: {row}")
        for key, (old, new) in d.changed.items():
            changed = {c: (old[c], new[c]) for c in old if old[c] != new.get(c)}
            lines.append(f"{table}: changed {key}: {changed}")
    return "\n".join(lines)


def assert_only_changed(before: dict, after: dict, expected: dict[str, set] | set):
    """Fail if any row changed outside `expected`.

    `expected` is either a set of table names (any change there is fine) or a
    mapping of table name to the set of primary keys allowed to change (added,
    removed or changed). Tables named in neither must be unchanged.
    """
    if isinstance(expected, set):
        expected = dict.fromkeys(expected)
    unexpected = {}
    for table, d in diff(before, after).items():
        if table not in expected:
            unexpected[table] = d
            continue
        allowed = expected[table]
        if allowed is None:
            continue
        extra = TableDiff(
            added={k: v for k, v in d.added.items() if k not in allowed},
            removed={k: v for k, v in d.removed.items() if k not in allowed},
            changed={k: v for k, v in d.changed.items() if k not in allowed},
        )
        if extra:
            unexpected[table] = extra
    assert not unexpected, "Unexpected database changes:\n" + describe(unexpected)
