"""Querysets compiled once per process (`kassel_integration.content.prepared`)."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone
from django.utils.translation import override

from events.models import Event
from kassel_integration.content.prepared import UnpreparableQueryError, _prepared, prepared
from kassel_integration.content.slugs import any_slug
from kassel_integration.editorial.workflow import previewing
from tests.events.factories import EventFactory, EventSeriesFactory

pytestmark = pytest.mark.django_db

BUILDS = []


def counted(build):
    """`build`, noting each call, so a test can tell compiling from reusing."""

    def wrapper(*shape, **values):
        BUILDS.append(build.__name__)
        return build(*shape, **values)

    wrapper.__name__ = wrapper.__qualname__ = build.__name__
    return wrapper


@counted
def published_by_slug(slug, at):
    return Event.objects.published(at).filter(any_slug(slug)).prefetch_related(None)


@counted
def titles_in_series(series, at):
    return (
        Event.objects.published(at)
        .filter(series=series)
        .order_by("start")
        .values_list("title", flat=True)
    )


@pytest.fixture(autouse=True)
def fresh_cache():
    _prepared.cache_clear()
    BUILDS.clear()
    yield
    _prepared.cache_clear()


def test_each_call_gets_its_own_values_from_one_compilation():
    now = timezone.now()
    first = EventFactory(slug_de="erstes", slug_en="first", slug_sl="prvi")
    second = EventFactory(slug_de="zweites", slug_en="second", slug_sl="drugi")
    assert prepared(published_by_slug, slug="erstes", at=now) == [first]
    compiled = len(BUILDS)
    assert compiled == 3  # the stand-ins, then each value changed alone
    assert prepared(published_by_slug, slug="second", at=now) == [second]
    assert prepared(published_by_slug, slug="prvi", at=now) == [first]
    assert prepared(published_by_slug, slug="unknown", at=now) == []
    assert len(BUILDS) == compiled


def test_the_time_is_a_parameter_too():
    now = timezone.now()
    EventFactory(slug_de="bald", publish_from=now + datetime.timedelta(hours=1))
    assert prepared(published_by_slug, slug="bald", at=now) == []
    later = prepared(published_by_slug, slug="bald", at=now + datetime.timedelta(hours=2))
    assert [event.slug_de for event in later] == ["bald"]


def test_rows_come_as_the_querysets_iterable_makes_them():
    now = timezone.now()
    series = EventSeriesFactory()
    EventFactory(series=series, title_de="B", title_en="B en", start=now)
    EventFactory(series=series, title_de="A", title_en="A en", start=now - datetime.timedelta(1))
    EventFactory(title_de="Ohne Reihe")
    with override("de"):  # a request in another test may have left another one active
        assert prepared(titles_in_series, series=series.pk, at=now) == ["A", "B"]
    with override("en"):
        # Another language is another SQL (modeltranslation picks the column).
        assert prepared(titles_in_series, series=series.pk, at=now) == ["A en", "B en"]
    assert BUILDS.count("titles_in_series") == 2 * 3


@counted
def first_events(size, at):
    return Event.objects.published(at).prefetch_related(None).order_by("start")[:size]


def test_each_shape_is_compiled_on_its_own():
    now = timezone.now()
    events = [EventFactory(start=now + datetime.timedelta(days=n)) for n in range(3)]
    assert prepared(first_events, 1, at=now) == events[:1]
    assert prepared(first_events, 2, at=now) == events[:2]
    assert prepared(first_events, 1, at=now) == events[:1]
    assert BUILDS.count("first_events") == 2 * 2
    assert _prepared.cache_info().currsize == 2


def test_a_value_that_changes_the_sql_is_refused():
    def limited(size):
        return Event.objects.all()[:size]

    with pytest.raises(UnpreparableQueryError, match="size changes the SQL"):
        prepared(limited, size=3)


@pytest.mark.parametrize(
    ("build", "value"),
    [
        (lambda word: Event.objects.filter(title__icontains=word), "kassel"),
        (lambda year: Event.objects.filter(start__year=year), 2024),
    ],
    ids=["a LIKE pattern", "a year range"],
)
def test_a_value_the_sql_sees_transformed_is_refused(build, value):
    name = build.__code__.co_varnames[0]
    with pytest.raises(UnpreparableQueryError, match=f"{name} reaches the SQL transformed"):
        prepared(build, **{name: value})


def test_a_value_without_stand_in_is_refused():
    with pytest.raises(UnpreparableQueryError, match="no stand-in for flag"):
        prepared(lambda flag: Event.objects.filter(online_registration=flag), flag=True)


def test_a_preview_builds_its_own_query():
    """The previewed draft changes the SQL: it neither comes from nor goes into the cache."""
    now = timezone.now()
    draft = EventFactory(slug_de="entwurf", status=Event.Status.DRAFT)
    with previewing(draft):
        assert prepared(published_by_slug, slug="entwurf", at=now) == [draft]
    assert _prepared.cache_info().currsize == 0
    assert BUILDS == ["published_by_slug"]
    assert prepared(published_by_slug, slug="entwurf", at=now) == []


def test_changed_settings_forget_the_compiled_queries():
    now = timezone.now()
    EventFactory(slug_de="a")
    prepared(published_by_slug, slug="a", at=now)
    assert _prepared.cache_info().currsize == 1
    with override_settings(TIME_ZONE="UTC"):
        assert _prepared.cache_info().currsize == 0


def test_a_cached_query_holds_no_connection():
    """Its compiled copy lives on the connection: a finished thread's session can close."""
    from django.db import connections

    connection = connections["default"]
    now = timezone.now()
    EventFactory(slug_de="a")
    with override("de"):
        prepared(published_by_slug, slug="a", at=now)
        kinds = (("at", datetime.datetime), ("slug", str))
        query = _prepared(published_by_slug, (), connection.vendor, "de", kinds)
    assert query.compiler.connection is None
    assert connection.prepared_compilers[query].connection is connection
