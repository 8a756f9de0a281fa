"""Whole-page cache for anonymous visitors, emptied whenever content changes; HTTP caching.

Pages are the same for every anonymous visitor of one URL, and the URL carries
the language, so the full path is the key. A response is stored only when it
is a plain public page: GET, status 200, no cookie set (a form with a CSRF
token sets one), not marked private or no-store, and the request carried no
session (staff see live pages). Any save or delete of portal content makes
every stored page stale; content changes are rare and a cold page costs milliseconds.

The middleware sits right after SecurityMiddleware and stores the page as the whole stack
produced it (CSP and security headers included), so a hit runs none of the rest. It asks
the questions the inner middleware would: the host must be allowed, the query well formed,
and the language is the one LocaleMiddleware would choose.

Pages also change without a save: when a publication window opens or closes
(and, for events, when one ends and leaves "upcoming"). No page is kept past
the next such moment, so scheduled publishing is exact despite the cache.

The key holds everything a page depends on: scheme, host, language, path and
the query parameters the views read (`QUERY_PARAMETERS`, sorted); a request with
any other parameter may be served a stored page but never stores one, so
made-up parameters cannot fill the cache or plant a page for others. It also
holds a version token kept in the cache itself, for all content; an event page also
remembers its event's token (by slug). A save bumps the content version; a registration bumps
only its event's version, so every other page stays cached. Bumping a token
instead of deleting entries works the same with a cache shared by many machines.

Every public page, stored or not, leaves with an ETag and Last-Modified (a conditional
request gets 304), `Cache-Control: public, max-age=0, s-maxage=N` so that a reverse proxy
may keep it briefly (never past the next publication boundary) while browsers revalidate,
and a brotli or gzip body when the browser accepts one. A save sends `pages_changed`, the
hook a deployment connects to purge its proxy (README, "Deployment notes").
"""

import gzip
import hashlib
import logging
import time
import urllib.request
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

import brotli
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, get_max_age
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language_from_path, get_language_from_request

from kassel_integration.content.content_apps import content_app_labels
from kassel_integration.contributions import contributed

logger = logging.getLogger(__name__)


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


# Sent after pages became stale (any content save, or one event's registrations): the hook a
# deployment connects to purge a reverse proxy or CDN. `event_slugs` is None for all pages.
pages_changed = Signal()


def bump(*keys):
    """Make every page stored under the old tokens unreachable (they expire on their own)."""
    page_cache().set_many({key: uuid.uuid4().hex for key in keys}, None)


def content_changed():
    bump(CONTENT_VERSION)
    page_cache().delete(NEXT_CHANGE_KEY)
    pages_changed.send(sender=PageCacheMiddleware, event_slugs=None)


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
    slugs = sorted(s for s in slugs if s)
    bump(*(event_version_key(slug) for slug in slugs))
    pages_changed.send(sender=PageCacheMiddleware, event_slugs=slugs)


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


def event_version_key_for(request):
    """The version key of the event a just-answered request showed, if it is an event page."""
    match = getattr(request, "resolver_match", None)
    argument = event_pages().get(match.view_name) if match else None
    if argument and argument in match.kwargs:
        return event_version_key(match.kwargs[argument])
    return None


class NotCacheableError(Exception):
    """The request is one the page cache must leave to the inner middleware (which answers 400)."""


def known_query(request):
    """The sorted known parameters, and whether the query held anything else.

    A query with invalid UTF-8, a NUL byte or too many parameters is refused here as well:
    a stored page must never answer what RejectMalformedQueryMiddleware answers with 400.
    """
    try:
        pairs = parse_qsl(
            request.META.get("QUERY_STRING", ""),
            keep_blank_values=True,
            errors="strict",
            max_num_fields=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        )
    except (UnicodeDecodeError, ValueError) as error:
        raise NotCacheableError from error
    if any("\x00" in name or "\x00" in value for name, value in pairs):
        raise NotCacheableError
    known = sorted((name, value) for name, value in pairs if name in QUERY_PARAMETERS)
    return urlencode(known), len(known) == len(pairs)


def request_language(request):
    """The language LocaleMiddleware will activate: the URL's prefix, else the browser's.

    The page cache runs before LocaleMiddleware, so that a stored page is answered without
    running the rest of the stack; it asks Django the same question the middleware does.
    """
    return get_language_from_path(request.path_info) or get_language_from_request(request)


def cache_key(request, query=None):
    if query is None:
        query = known_query(request)[0]
    try:
        host = request.get_host()
    except DisallowedHost as error:
        raise NotCacheableError from error  # CommonMiddleware answers 400 and logs it
    parts = [
        request.scheme,
        host,
        request_language(request),
        request.path,
        query,
        _rendering["interface_texts"],
        *versions([CONTENT_VERSION]),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{request.method}:{digest}"


# ---------------------------------------------------------------- what is stored
# Only text is worth compressing; images and PDFs are compressed already.
COMPRESSIBLE = ("text/", "application/xml", "application/atom+xml", "application/json")
MIN_COMPRESS_BYTES = 200


@dataclass
class StoredPage:
    """A public page as it leaves the portal, in one content coding.

    Kept in the page cache and answered from it without running the inner middleware: the
    headers they add (security headers, CSP, Content-Type) are part of the stored response.
    Each coding is stored under its own key, so a hit reads only the body it sends.
    """

    response: HttpResponse  # complete but for Cache-Control and X-Cache, set when sent
    expires: float  # seconds since the epoch: the next publication boundary or the cache time
    event_key: str | None = None
    event_token: str | None = None

    def is_current(self):
        """Still true for its event (a registration since then changes the places left)?"""
        return self.event_key is None or page_cache().get(self.event_key) == self.event_token


# The codings the portal sends, preferred first; "identity" is the body as it is.
CODINGS = ("br", "gzip")


def coding_for(request):
    """The coding to send: the first of CODINGS that Accept-Encoding lists without q=0."""
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if accepted:
        for coding in CODINGS:
            if accepts(accepted, coding):
                return coding
    return "identity"


def accepts(header, coding):
    """Whether an Accept-Encoding header accepts `coding` (listed, and not with q=0)."""
    for item in header.split(","):
        name, _semicolon, parameters = item.partition(";")
        if name.strip().lower() == coding:
            return parameters.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def compress(body, coding):
    if coding == "br":
        return brotli.compress(body, quality=5)
    return gzip.compress(body, compresslevel=6, mtime=0)


def variants(response, now):
    """The page in each coding, with its validators: ETag, Last-Modified, Vary.

    Public pages carry no secret (no CSRF token, no session), so compressing them exposes
    nothing to BREACH-style attacks; pages with a form token are never public.
    """
    body = response.content
    etag = hashlib.md5(body, usedforsecurity=False).hexdigest()
    headers = {
        name: value
        for name, value in response.items()
        if name.lower() not in ("content-length", "x-cache", "etag", "last-modified")
    }
    headers["Last-Modified"] = http_date(now)
    content_type = response.get("Content-Type", "")
    compressible = len(body) >= MIN_COMPRESS_BYTES and content_type.startswith(COMPRESSIBLE)
    if compressible:
        vary = [v.strip() for v in headers.get("Vary", "").split(",") if v.strip()]
        headers["Vary"] = ", ".join([*vary, "Accept-Encoding"])
    found = {"identity": HttpResponse(body, status=response.status_code, headers=headers)}
    found["identity"].headers["ETag"] = f'"{etag}"'
    for coding in CODINGS:
        if not compressible:
            found[coding] = found["identity"]
            continue
        compressed = compress(body, coding)
        found[coding] = HttpResponse(compressed, status=response.status_code, headers=headers)
        found[coding].headers["Content-Encoding"] = coding
        found[coding].headers["ETag"] = f'"{etag}-{coding}"'  # its own (RFC 9110 8.8.3)
    for variant in found.values():
        variant.headers["Content-Length"] = str(len(variant.content))
    return found


def send(response, request, now, expires, status):
    """The stored or fresh page as this visitor gets it: lifetime, cache status, 304."""
    shared = min(settings.SHARED_CACHE_SECONDS, max(0, int(expires - now)))
    response.headers["Cache-Control"] = f"public, max-age=0, s-maxage={shared}"
    if settings.EXPOSE_CACHE_STATUS:
        response.headers["X-Cache"] = status
    if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
        last_modified = parse_http_date_safe(response.headers["Last-Modified"])
        return get_conditional_response(
            request, etag=response.headers["ETag"], last_modified=last_modified, response=response
        )
    return response


def is_public(response):
    """A page the same for every anonymous visitor: it may be stored and shared."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and get_max_age(response) != 0
        and "Content-Encoding" not in response
    )


class PageCacheMiddleware:
    """Answers anonymous reads from the page cache, right after SecurityMiddleware.

    A stored page is what the whole stack produced, so a hit skips it; on the way out every
    public page gets an ETag, Last-Modified, a short shared-cache lifetime and, where the
    browser accepts it, a compressed body.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.skipped_prefixes = tuple(
            prefix
            for prefix in (settings.STATIC_URL, settings.MEDIA_URL)
            if prefix and prefix.startswith("/")
        )

    def __call__(self, request):
        if not self.applies_to(request):
            return self.get_response(request)
        enabled = settings.PAGE_CACHE_SECONDS > 0
        coding = coding_for(request)
        key = None
        only_known = False
        if enabled:
            try:
                query, only_known = known_query(request)
                key = cache_key(request, query)
                stored = page_cache().get(f"{key}:{coding}")
                if stored is not None and stored.is_current():
                    return send(stored.response, request, time.time(), stored.expires, "HIT")
            except NotCacheableError:
                return self.get_response(request)
            except Exception:  # any backend's failure (Redis gone, disk full)
                # The cache is an optimisation: without it the page is made as if uncached.
                logger.warning("page cache unavailable; answering without it", exc_info=True)
                enabled, key = False, None
        response = self.get_response(request)
        if not is_public(response):
            return response
        now = time.time()
        keep = self.keep(now) if enabled else 0
        found = variants(response, now)
        if key is not None and only_known and keep > 0:
            self.store(request, key, found, now, keep)
        return send(found[coding], request, now, now + keep, "MISS")

    @staticmethod
    def keep(now):
        try:
            return seconds_to_keep(timezone.now())
        except Exception:  # see __call__
            logger.warning("page cache unavailable; not storing", exc_info=True)
            return 0

    @staticmethod
    def store(request, key, found, now, keep):
        try:
            event_key = event_version_key_for(request)
            event_token = versions([event_key])[0] if event_key else None
            page_cache().set_many(
                {
                    f"{key}:{name}": StoredPage(variant, now + keep, event_key, event_token)
                    for name, variant in found.items()
                },
                keep,
            )
        except Exception:  # see __call__
            logger.warning("page cache unavailable; not storing", exc_info=True)

    def applies_to(self, request):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path_info.startswith(self.skipped_prefixes)
            and "\x00" not in request.path
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
    pages_changed.connect(purge_shared_cache, dispatch_uid="page-cache-purge")


def clear_m2m(sender, instance, **kwargs):
    if is_content(type(instance)):
        content_changed()


def purge_shared_cache(sender, event_slugs=None, **kwargs):
    """Ask the reverse proxy to drop its copies (SHARED_CACHE_PURGE_URL), after the commit.

    One request purges everything: saves are rare, and a page lists other pages' titles, so
    purging by URL would miss some. A failing proxy costs nothing but s-maxage seconds.
    """
    url = settings.SHARED_CACHE_PURGE_URL
    if url:
        keys = (
            (CONTENT_VERSION,)
            if event_slugs is None
            else tuple(event_version_key(slug) for slug in event_slugs)
        )
        transaction.on_commit(lambda: send_purge(url, keys))


# The version tokens the last purge of this process was sent for: one save touches several
# rows (and signals), and all of them are covered by one purge after the commit.
_purged = {"tokens": None}


def send_purge(url, keys):
    tokens = tuple(page_cache().get_many(keys).items())
    if tokens == _purged["tokens"]:
        return
    _purged["tokens"] = tokens
    request = urllib.request.Request(url, method="PURGE")  # noqa: S310 - http(s) only, see settings
    try:
        with urllib.request.urlopen(request, timeout=2):  # noqa: S310
            pass
    except OSError as error:
        logger.warning("Purging the shared cache at %s failed: %s", url, error)
