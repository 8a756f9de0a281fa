"""Whole model rows carried as JSON inside another query, on SQLite and PostgreSQL alike.

A page that needs rows of several tables pays one query per table with
`prefetch_related`. Where a page would otherwise go over its query budget, the
rows travel as a JSON value in a query that runs anyway (a correlated subquery
aggregated with `JSONArrayAgg`) and become model
instances again here. Every concrete field is carried, so no attribute of such
an instance is deferred: using one never costs a query of its own.
"""

import datetime
import uuid
from decimal import Decimal
from functools import cache

from django.db import connection, models
from django.db.models import F
from django.utils.dateparse import parse_date, parse_datetime, parse_time

# PostgreSQL's functions take at most 100 arguments, SQLite's 127 by default:
# wider rows are split into nested arrays.
VALUES_PER_ARRAY = 90


class JSONArrayAgg(models.Aggregate):
    """The aggregated values as one JSON array (json_group_array / jsonb_agg)."""

    function = "JSON_GROUP_ARRAY"
    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


class JSONArray(models.Func):
    """json_array(...) in SQLite, jsonb_build_array(...) in PostgreSQL."""

    function = "JSON_ARRAY"
    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_BUILD_ARRAY", **extra_context)


class NestedJSON(models.Func):
    """A JSON column as JSON inside the row: SQLite would otherwise quote it as a string."""

    function = "JSON"
    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])


def json_row(model, path=""):
    """Every concrete field of `model` (reached through `path`), as JSON arrays in field order.

    Arrays rather than objects: no keys to send and compile.
    """
    fields = model._meta.concrete_fields

    def column(field):
        value = F(f"{path}__{field.attname}" if path else field.attname)
        return NestedJSON(value) if isinstance(field, models.JSONField) else value

    return JSONArray(
        *(
            JSONArray(*(column(field) for field in fields[i : i + VALUES_PER_ARRAY]))
            for i in range(0, len(fields), VALUES_PER_ARRAY)
        )
    )


def _identity(value):
    return value


def _aware_datetime(value):
    parsed = parse_datetime(value)
    # SQLite keeps UTC without an offset; PostgreSQL writes the offset.
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


def _converter(field):
    """How a JSON value of `field` becomes the Python value the ORM would give."""
    if isinstance(field, models.JSONField):
        return _identity  # nested as JSON by json_row, parsed with the whole row
    if hasattr(field, "from_db_value") or isinstance(
        field, models.BinaryField | models.DurationField
    ):
        raise TypeError(f"{field} cannot travel in a JSON row")
    if isinstance(field, models.DateTimeField):
        return _aware_datetime
    if isinstance(field, models.DateField):
        return parse_date
    if isinstance(field, models.TimeField):
        return parse_time
    if isinstance(field, models.UUIDField):
        return uuid.UUID
    if isinstance(field, models.BooleanField):
        return bool  # SQLite stores 0 and 1
    if isinstance(field, models.DecimalField):
        return lambda value: Decimal(str(value))
    return _identity


@cache
def _converters(model):
    fields = model._meta.concrete_fields
    pk_index = fields.index(model._meta.pk)
    return [field.attname for field in fields], [_converter(field) for field in fields], pk_index


def instance_from_json(model, data):
    """The instance that `json_row(model)` described, or None for a missing related row."""
    if data is None:
        return None
    values = [value for chunk in data for value in chunk]
    names, converters, pk_index = _converters(model)
    if values[pk_index] is None:
        return None  # the LEFT JOIN of a null foreign key
    return model.from_db(
        connection.alias,
        names,
        [
            None if value is None else convert(value)
            for value, convert in zip(values, converters, strict=True)
        ],
    )
