"""Querysets whose SQL is compiled once per process.

Building a queryset and compiling it is pure Python, and with this project's
wide rows (four columns for every translated field) it costs more CPU than the
database needs to answer: 1 to 3 ms for an event page's query. A public page's
queries have a fixed shape in which only a few values change from request to
request: the current time, a slug, a primary key.

`prepared(build, *shape, **values)` calls `build(*shape, **values)` with
stand-ins for the values, once per process, database, language and shape. It
builds the queryset again with each value changed alone and keeps the SQL only
if nothing but the parameters holding that value changed, and if they hold it
the way the ORM writes it. Every later call copies those parameters, puts the
real values in, and runs the SQL; the rows become instances through the
queryset's own iterable, so `select_related`, annotations, `values_list` and
`prefetch_related` behave as before.

What a value must not change is the SQL itself. An argument that decides the
shape (a page number becomes `LIMIT`/`OFFSET`, `None` becomes `IS NULL`) is
passed in `shape`; so is one the SQL sees only after a calculation (a year
that becomes a date range). Getting that wrong raises `UnpreparableQueryError`
the first time the query runs, so tests find it, never a reader.

`build` must not branch on a value either: the check cannot see a branch
that both stand-ins take the same way. Build the query from the values, and
decide its shape from `shape` only.

A preview lets one draft through `published()` and so changes the SQL: while
one is shown, everything is built fresh.
"""

import copy
import datetime
import weakref
from functools import lru_cache

from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, connections
from django.dispatch import receiver
from django.utils.translation import get_language

from kassel_integration.models import previewed_item

# Two distinct stand-ins per type. A real value may equal one: slots are found by
# comparing two compilations, not by searching for the value.
STAND_INS = {
    datetime.datetime: (
        datetime.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC),
        datetime.datetime(1902, 3, 4, 5, 6, 7, 890123, tzinfo=datetime.UTC),
    ),
    str: ("stand-in-4b1e9a07", "stand-in-7c2d0f13"),
    # Valid as a primary key, a year, a slice: only the SQL may tell them apart.
    int: (7919, 7927),
}


class UnpreparableQueryError(Exception):
    """A value changes the SQL, or reaches it transformed: it belongs in `shape`."""


def _adapt(connection, value):
    """The parameter the ORM passes for `value` in a lookup on a model field."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _stand_ins(kinds, changed=None):
    """The first stand-in of each value's type; the second for the value `changed`."""
    return {name: STAND_INS[kind][1 if name == changed else 0] for name, kind in kinds.items()}


def _compile(queryset):
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    return compiler, sql, tuple(params)


class PreparedQuery:
    """One compiled queryset and the parameter positions of each of its values."""

    def __init__(self, build, shape, kinds):
        name_of_build = getattr(build, "__qualname__", repr(build))
        for name, kind in kinds.items():
            if kind not in STAND_INS:
                raise UnpreparableQueryError(f"{name_of_build}: no stand-in for {name} ({kind}).")
        first = build(*shape, **_stand_ins(kinds))
        compiler, sql, params = _compile(first)
        connection = connections[first.db]
        slots = {}
        for name, kind in kinds.items():
            _compiler, other_sql, other_params = _compile(build(*shape, **_stand_ins(kinds, name)))
            if other_sql != sql or len(other_params) != len(params):
                raise UnpreparableQueryError(f"{name_of_build}: {name} changes the SQL.")
            expected = tuple(_adapt(connection, stand_in) for stand_in in STAND_INS[kind])
            positions = tuple(
                i
                for i, pair in enumerate(zip(params, other_params, strict=True))
                if pair[0] != pair[1]
            )
            if any((params[i], other_params[i]) != expected for i in positions):
                raise UnpreparableQueryError(
                    f"{name_of_build}: {name} reaches the SQL transformed."
                )
            slots[name] = positions
        self.queryset = first
        self.compiler = compiler
        self.sql = sql
        self.params = params
        self.slots = slots
        # Nothing here may hold a connection: a cached query would keep a
        # finished thread's database session open.
        compiler.connection = None

    def _compiler_for(self, connection):
        """The compiled compiler on `connection`, with its converters found once.

        Kept on the connection (one per thread), so it goes when the connection goes.
        """
        compilers = connection.__dict__.setdefault(
            "prepared_compilers", weakref.WeakKeyDictionary()
        )
        compiler = compilers.get(self)
        if compiler is None:
            compiler = copy.copy(self.compiler)
            compiler.connection = connection
            columns = [column for column, *_rest in compiler.select[: compiler.col_count]]
            converters = compiler.get_converters(columns)
            compiler.get_converters = lambda expressions: converters
            compilers[self] = compiler
        return compiler

    def run(self, values):
        queryset = self.queryset._chain()
        connection = connections[queryset.db]
        params = list(self.params)
        for name, positions in self.slots.items():
            value = _adapt(connection, values[name])
            for position in positions:
                params[position] = value
        # The queryset's iterable asks its query for a compiler and reads the
        # columns off it: hand it a copy of the compiled one that answers with
        # this call's parameters.
        compiler = copy.copy(self._compiler_for(connection))
        sql = self.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)


@lru_cache(maxsize=256)
def _prepared(build, shape, vendor, language, kinds):
    return PreparedQuery(build, shape, dict(kinds))


def prepared(build, *shape, **values):
    """The rows of `build(*shape, **values)` as a list, from SQL compiled once per shape.

    `values` are datetimes, strings or integers that reach the SQL as plain
    parameters; the positional `shape` arguments (hashable) may change the SQL.
    """
    if previewed_item.get() is not None:
        return list(build(*shape, **values))
    kinds = tuple(sorted((name, type(value)) for name, value in values.items()))
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    return _prepared(build, shape, vendor, get_language(), kinds).run(values)


@receiver(setting_changed)
def _forget_prepared_queries(**kwargs):
    # Settings shape SQL (languages, time zone): a test that changes them starts afresh.
    _prepared.cache_clear()


def attach_related(instance, name, objects):
    """Give `instance.<name>.all()` these objects, as `prefetch_related(name)` would.

    For related rows fetched by a prepared query of their own. Rows of a
    reverse foreign key point back to `instance` without a query, as after a
    prefetch.
    """
    manager = getattr(instance, name)
    objects = list(objects)
    field = getattr(manager, "field", None)
    if field is not None and field.many_to_one:
        for obj in objects:
            field.set_cached_value(obj, instance)
    queryset = manager.model._base_manager.none()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset
