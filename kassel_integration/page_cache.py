"""Whole-page cache for anonymous visitors, emptied whenever content changes.

Pages are the same for every anonymous visitor of one URL, and the URL carries
the language, so the full path is the key. A response is stored only when it
is a plain public page: GET, status 200, no cookie set (a form with a CSRF
token sets one), not marked private or no-store, and the request carried no
session (staff see live pages). Any save or delete of portal content clears
the whole cache; content changes are rare and a cold page costs milliseconds.

Pages also change without a save: when a publication window opens or closes
(and, for events, when one ends and leaves "upcoming"). No page is kept past
the next such moment, so scheduled publishing is exact despite the cache.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import get_max_age

CONTENT_APPS = {"kassel_integration", "officers", "concept", "events"}
# Saved often and not shown as such; events.registration clears the cache
# itself after each committed change to the places left.
NOT_CONTENT = {"events.registration", "kassel_integration.barrierreport"}


def is_content(model):
    return model._meta.app_label in CONTENT_APPS and model._meta.label_lower not in NOT_CONTENT


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


NEXT_CHANGE_KEY = "page:next-change"


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


def cache_key(request):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{request.method}:{digest}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.applies_to(request):
            return self.get_response(request)
        key = cache_key(request)
        cached = page_cache().get(key)
        if cached is not None:
            cached["X-Cache"] = "HIT"
            return cached
        response = self.get_response(request)
        if self.may_store(response):
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
        page_cache().clear()


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
        page_cache().clear()
