"""Compare the databases two revisions of the project load: every row of every table.

For changes to how the Kassel content is loaded (the seeds, the loader) that must
not change what ends up in the database. Each revision is exported with
`git archive` to a temporary directory and run with this checkout's virtualenv:
`migrate` and `load_kassel_content` on a fresh SQLite file, then every table is
read row by row. Rows are compared by primary key and every column, so a text
that differs by one character, a row created in another order or a missing
many-to-many link is reported. Only values that differ on every load anyway
are left out: the creation and "last updated" moments, an event's random
calendar UID, and the same inside reversion's stored versions.

Usage: python -m tests.tools.compare_loaded_content OLD_REVISION [NEW_REVISION]
(NEW_REVISION defaults to the working tree; exit status 1 when they differ).
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable

# Columns whose value is the moment of loading or random, whatever the content.
VOLATILE = {"created_at", "updated_at", "uid", "date_created"}

DUMP = """
import json, sys
VOLATILE_NAMES = {volatile!r}
from django.db import connection
VOLATILE = set(VOLATILE_NAMES)
def plain(value):
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return str(value)
def version_data(text):
    objects = json.loads(text)
    for obj in objects:
        for name in VOLATILE:
            obj["fields"].pop(name, None)
    return objects
tables = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names(cursor)):
        if table.startswith("sqlite_") or table == "django_migrations":
            continue
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        columns = [c[0] for c in cursor.description]
        rows = []
        for row in cursor.fetchall():
            values = {c: plain(v) for c, v in zip(columns, row) if c not in VOLATILE}
            if table == "reversion_version":
                values["serialized_data"] = version_data(values["serialized_data"])
            rows.append(values)
        rows.sort(key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))
        tables[table] = rows
import os
with open(os.environ["DUMP_TO"], "w", encoding="utf-8") as out:
    json.dump(tables, out, ensure_ascii=False, sort_keys=True, indent=1)
"""


def loaded_database(source: Path, workdir: Path) -> dict:
    """Every table's rows after a fresh migrate and load with the project in `source`."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "DJANGO_DEBUG": "true",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
    }
    manage = [PYTHON, str(source / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["load_kassel_content", "-v2"]):
        subprocess.run([*manage, *command], cwd=source, env=env, check=True)
    dump = workdir / "tables.json"
    subprocess.run(
        [*manage, "shell", "-c", DUMP.replace("{volatile!r}", repr(sorted(VOLATILE)))],
        cwd=source,
        env={**env, "DUMP_TO": str(dump)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return json.loads(dump.read_text(encoding="utf-8"))


def export(revision: str | None, target: Path) -> Path:
    """The project at `revision` (None: the working tree as it is) in `target`."""
    if revision is None:
        return ROOT
    target.mkdir()
    archive = subprocess.run(
        ["git", "archive", revision], cwd=ROOT, check=True, capture_output=True
    )
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    # Compiled catalogues are not in git; the loader does not need them.
    return target


def short(value) -> str:
    return json.dumps(value, ensure_ascii=False)[:300]


def differences(old: dict, new: dict) -> list[str]:
    """Rows only in one database; for a row in both (same id), the columns that differ."""
    found = []
    for table in sorted(set(old) | set(new)):
        before, after = old.get(table, []), new.get(table, [])
        if before == after:
            continue
        found.append(f"{table}: {len(before)} rows before, {len(after)} after")
        gone = [row for row in before if row not in after]
        added = [row for row in after if row not in before]
        added_by_id = {row["id"]: row for row in added if "id" in row}
        for row in gone:
            twin = added_by_id.pop(row.get("id"), None) if "id" in row else None
            if twin is None:
                found.append(f"  - {short(row)}")
                continue
            for column in sorted(set(row) | set(twin)):
                if row.get(column) != twin.get(column):
                    found.append(f"  id {row['id']} {column}: {short(row.get(column))}")
                    found.append(f"  {' ' * len(str(row['id']))}    now: {short(twin.get(column))}")
        found += [
            f"  + {short(row)}" for row in added if row.get("id") in added_by_id or "id" not in row
        ]
    return found


def main(argv):
    if not 1 <= len(argv) <= 2:
        sys.exit(__doc__)
    old_revision, new_revision = argv[0], (argv[1] if len(argv) > 1 else None)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        databases = []
        for name, revision in (("old", old_revision), ("new", new_revision)):
            workdir = tmp / f"{name}-db"
            workdir.mkdir()
            databases.append(loaded_database(export(revision, tmp / name), workdir))
    found = differences(*databases)
    rows = sum(len(rows) for rows in databases[0].values())
    if found:
        print("\n".join(found))
        sys.exit(1)
    print(f"Identical: {len(databases[0])} tables, {rows} rows.")


if __name__ == "__main__":
    main(sys.argv[1:])
