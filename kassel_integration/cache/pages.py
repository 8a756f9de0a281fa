"""Whole-page cache for anonymous visitors, emptied whenever content changes.

Pages are the same for every anonymous visitor of one URL, and the URL carries
the language, so the full path is the key. A response is stored only when it
is a plain public page: GET, status 200, no cookie set (a form with a CSRF
token sets one), not marked private or no-store, and the request carried no
session (staff see live pages). Any save or delete of portal content makes
every stored page stale; content changes are rare and a cold page costs milliseconds.

Pages also change without a save: when a publication window opens or closes
(and, for events, when one ends and leaves "upcoming"). No page is kept past
the next such moment, so scheduled publishing is exact despite the cache.

The key holds everything a page depends on: scheme, host, language, path and
the query parameters the views read (`QUERY_PARAMETERS`, sorted); a request with
any other parameter may be served a stored page but never stores one, so
made-up parameters cannot fill the cache or plant a page for others. It also
holds version tokens kept in the cache itself: one for all content and one per
event page (by slug). A save bumps the content version; a registration bumps
only its event's version, so every other page stays cached. Bumping a token
instead of deleting entries works the same with a cache shared by many machines.
"""

import hashlib
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_max_age
from django.utils.translation import get_language

from kassel_integration.content.content_apps import content_app_labels
from kassel_integration.contributions import contributed


@dataclass(frozen=True)
class NotPageContent:
    """A model of a content app that is saved often and not shown as such: its
    saves leave the stored pages alone (it bumps its own versions, if any)."""

    label: str  # model label in lower case, "app_label.modelname"


@dataclass(frozen=True)
class EventPage:
    """A URL name whose page shows one event's places left, and the URL argument
    naming the event: such a page has a version token of its own (event_changed)."""

    view_name: str
    argument: str


# The core's own; the apps declare theirs in <app>/contributions.py.
CORE_NOT_PAGE_CONTENT = (NotPageContent("kassel_integration.barrierreport"),)


def not_page_content() -> frozenset[str]:
    return frozenset(item.label for item in (*CORE_NOT_PAGE_CONTENT, *contributed(NotPageContent)))


def is_content(model):
    return (
        model._meta.app_label in content_app_labels()
        and model._meta.label_lower not in not_page_content()
    )


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


NEXT_CHANGE_KEY = "page:next-change"
# The only query parameters any cached page reads: pagination, the events filter, search.
QUERY_PARAMETERS = frozenset({"page", "series", "field", "year", "language", "q"})
CONTENT_VERSION = "page:version:content"


def event_pages() -> dict[str, str]:
    """URL name -> the URL argument naming the event (see EventPage)."""
    return {page.view_name: page.argument for page in contributed(EventPage)}


def event_version_key(slug):
    return f"page:version:event:{slug}"


def versions(keys):
    """The current token of each version key; a missing one starts as a fresh token."""
    cache = page_cache()
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, None)
            found[key] = cache.get(key)
    return [found[key] for key in keys]


def bump(*keys):
    """Make every page stored under the old tokens unreachable (they expire on their own)."""
    page_cache().set_many({key: uuid.uuid4().hex for key in keys}, None)


def content_changed():
    bump(CONTENT_VERSION)
    page_cache().delete(NEXT_CHANGE_KEY)


# The version of the interface texts this process renders with (set by
# kassel_integration/translations/live.py when it applies accepted texts): a
# worker that has not yet picked up a change never stores its page under the
# key of one that has, nor serves it one.
_rendering = {"interface_texts": ""}


def set_interface_texts_version(token):
    _rendering["interface_texts"] = token


def event_changed(event):
    """After a registration changed the places left of `event`: only its own pages."""
    slugs = {getattr(event, f"slug_{code}", None) for code, _name in settings.LANGUAGES}
    slugs.add(event.slug)
    bump(*(event_version_key(slug) for slug in sorted(s for s in slugs if s)))


def next_change(now):
    """The next moment a page may change although nobody saved anything."""
    from kassel_integration.models import Publishable

    moments = []
    for model in apps.get_models():
        if not issubclass(model, Publishable):
            continue
        published = model._default_manager.filter(status=Publishable.Status.PUBLISHED)
        found = published.aggregate(
            **{
                field: Min(field, filter=Q(**{f"{field}__gt": now}))
                for field in model.SCHEDULE_FIELDS
            }
        )
        moments += found.values()
    return min((m for m in moments if m is not None), default=None)


def seconds_to_keep(now):
    """How long a page stored now may be served: the configured time or less."""
    cache = page_cache()
    moment = cache.get(NEXT_CHANGE_KEY)
    if moment is None:
        moment = next_change(now) or False  # False: nothing scheduled
        cache.set(NEXT_CHANGE_KEY, moment, settings.PAGE_CACHE_SECONDS)
    if moment is False:
        return settings.PAGE_CACHE_SECONDS
    return max(0, min(settings.PAGE_CACHE_SECONDS, int((moment - now).total_seconds())))


def version_keys(request):
    keys = [CONTENT_VERSION]
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return keys
    argument = event_pages().get(match.view_name)
    if argument and argument in match.kwargs:
        keys.append(event_version_key(match.kwargs[argument]))
    return keys


def known_query(request):
    """The sorted known parameters, and whether the query held anything else."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    known = sorted((name, value) for name, value in pairs if name in QUERY_PARAMETERS)
    return urlencode(known), len(known) == len(pairs)


def cache_key(request, query=None):
    if query is None:
        query = known_query(request)[0]
    parts = [
        request.scheme,
        request.get_host(),
        get_language() or "",
        request.path,
        query,
        _rendering["interface_texts"],
        *versions(version_keys(request)),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{request.method}:{digest}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.applies_to(request):
            return self.get_response(request)
        query, only_known = known_query(request)
        key = cache_key(request, query)
        cached = page_cache().get(key)
        if cached is not None:
            cached["X-Cache"] = "HIT"
            return cached
        response = self.get_response(request)
        if only_known and self.may_store(response):
            response["X-Cache"] = "MISS"
            keep = seconds_to_keep(timezone.now())
            if keep > 0:
                page_cache().set(key, response, keep)
        return response

    @staticmethod
    def applies_to(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    @staticmethod
    def may_store(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and get_max_age(response) != 0
        )


def clear_pages(sender, **kwargs):
    if is_content(sender):
        content_changed()


def connect_signals():
    for model in apps.get_models():
        if is_content(model):
            post_save.connect(
                clear_pages, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}"
            )
            post_delete.connect(
                clear_pages, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}"
            )
    m2m_changed.connect(clear_m2m, dispatch_uid="page-cache-m2m")


def clear_m2m(sender, instance, **kwargs):
    if is_content(type(instance)):
        content_changed()
