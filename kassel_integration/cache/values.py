"""What a page loaded, kept between requests with Django's cache framework.

For a page whose queries cost more CPU than its limit allows even with the
page cache off (docs/performance.md): its loader's result — model instances
with their related rows — is kept in the `values` cache (settings
`VALUE_CACHE_ALIAS`; in memory, per process, bounded by its MAX_ENTRIES) and
the next request renders from it without a query.

A value's key holds:

- the page's name and its arguments (a slug);
- the active language: prefetched rows are ordered by translated columns, and
  a language switch must never show another language's value;
- version tokens kept in the page cache's shared backend
  (`kassel_integration.cache.pages`): the content version, which every save,
  delete or many-to-many change of content bumps in every process, and any
  the caller adds (an event's registrations bump its event's version).

A value is kept at most `VALUE_CACHE_SECONDS`, and never past the next
publication boundary (a `publish_from` or `publish_until`, an event's start or
end: `Publishable.SCHEDULE_FIELDS`), nor past a moment the caller names (the
first hold of a place that runs out). The next boundary is looked up in one
query when the first value is stored after a save, and kept beside the
version tokens for every process.

A preview never reads or stores a value: it shows a draft.
"""

import hashlib
import logging

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import get_language

from kassel_integration.cache import pages as page_cache
from kassel_integration.models import Publishable, previewed_item

logger = logging.getLogger(__name__)

MISSING = object()
NO_BOUNDARY = "none"  # stored for "nothing is scheduled" (None means "not stored")


def value_cache():
    return caches[settings.VALUE_CACHE_ALIAS]


def enabled():
    return settings.VALUE_CACHE_SECONDS > 0 and previewed_item.get() is None


def next_boundary(now):
    """The next moment any published content changes by itself, or None; one query."""
    parts = [
        model._default_manager.filter(status=Publishable.Status.PUBLISHED, **{f"{field}__gt": now})
        .order_by()
        .values("status")
        .annotate(moment=Min(field))
        .values_list("moment", flat=True)
        for model in apps.get_models()
        if issubclass(model, Publishable)
        for field in model.SCHEDULE_FIELDS
    ]
    if not parts:
        return None
    return min(parts[0].union(*parts[1:], all=True), default=None)


def _boundary_after(now, content_version):
    """`next_boundary(now)`, looked up once per content version and boundary for all processes."""
    key = f"value:next-boundary:{content_version}"
    cache = page_cache.page_cache()
    stored = cache.get(key)
    if stored == NO_BOUNDARY:
        return None
    if stored is None or stored <= now:
        stored = next_boundary(now)
        cache.set(key, stored or NO_BOUNDARY, settings.VALUE_CACHE_SECONDS)
    return stored


def _seconds_until(moment):
    return int((moment - timezone.now()).total_seconds())


def cached(name, argument, load, now, *, versions=(), until=None):
    """`load()`, or what it gave for the same name, argument, language and versions.

    `now` is the moment `load` filters publication by; `versions` are extra
    version keys of the page cache; `until(value)` may name a moment after
    which the value must not be served (or None).
    """
    if not enabled():
        return load()
    try:
        tokens = page_cache.versions([page_cache.CONTENT_VERSION, *versions])
    except Exception:  # the shared cache is down (Redis gone): load it as if uncached
        logger.warning("value cache: version tokens unavailable; loading uncached", exc_info=True)
        return load()
    content_version, *other_versions = tokens
    parts = [name, str(argument), get_language() or "", content_version, *other_versions]
    key = "value:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
    cache = value_cache()
    value = cache.get(key, MISSING)
    if value is not MISSING:
        return value
    value = load()
    seconds = settings.VALUE_CACHE_SECONDS
    for moment in (_boundary_after(now, content_version), until(value) if until else None):
        if moment is not None:
            seconds = min(seconds, _seconds_until(moment))
    if seconds > 0:
        cache.set(key, value, seconds)
    return value
