"""Accepted interface texts in force on every worker and machine within a minute, no restart.

How a change travels:

1. Accepting a change (overrides.py) stores it in the database and, after the
   commit, `publish()` writes every stored text with a fresh token under one
   key of the page cache's backend: a folder shared by the gunicorn workers of
   a machine, or Redis shared by all machines (REDIS_URL). It also bumps the
   page cache's content version, so no stored page keeps the old text.
2. Each worker's `InterfaceTextsMiddleware` reads that key at most every
   `INTERFACE_TEXTS_CHECK_SECONDS` (10; at most 30). A new token makes it
   write the texts in force into its translation catalogue for each language,
   and put back the catalogue's own translation of every text no longer in
   force (an undo). Should the key be gone (a cache flushed or culled), one
   query rebuilds it.
3. Until a worker has picked up a token, the page cache keeps its pages apart
   (`pages.set_interface_texts_version`): a worker with the old texts never
   stores a page under the key of one with the new.

Why the catalogue itself: every interface text goes through Django's gettext
(templates, forms, messages, the admin), so the catalogue is the one place
where a change reaches all of them. Django offers no documented way to add
or withdraw a translation at run time; `trans_real.catalog()` says the
catalogue it returns "can be used if you need to modify the catalog", and
that is what this module does, through the dict interface of the translation
object's `_catalog` (get and set of one key). That is the one private API
left (README, "Private APIs still in use"), guarded by
tests/kassel_integration/translations/test_interface_texts_live.py. The other
routes were worse: compiling the texts into a .mo in LOCALE_PATHS needs the
translation cache (`trans_real._translations`) emptied in every worker, and
overriding the template tags would miss every text from Python code.

Messages that are parts of URL patterns are not changed live (overrides.is_url_part).
Whoever keeps translated output in memory listens to `texts_applied`.
"""

import logging
import threading
import time
import uuid

from django.conf import settings
from django.dispatch import Signal, receiver
from django.utils.translation import trans_real

from kassel_integration.cache import pages
from kassel_integration.content import dates
from kassel_integration.models import InterfaceText
from kassel_integration.translations.overrides import Status, in_force, is_url_part

logger = logging.getLogger(__name__)

CACHE_KEY = "interface-texts:live"
# How gettext catalogues join a message's context and msgid (GNU gettext, .mo format).
CONTEXT_SEPARATOR = "\x04"
MISSING = object()

# Sent after this process's catalogues changed: whoever keeps translated output
# (the days written out per language, content/dates.py) forgets it.
texts_applied = Signal()


@receiver(texts_applied, dispatch_uid="forget-formatted-days")
def _forget_formatted_days(**kwargs):
    dates.forget_formatted()


_lock = threading.Lock()
# What this process has applied: the token, when it last looked, and for each
# language the catalogue's own translation of every key it changed.
_state = {"token": None, "checked": None, "originals": {}, "catalogues": {}}


def _payload_from_database():
    rows = InterfaceText.objects.exclude(status=Status.UNDONE).values_list(
        "language", "context", "msgid", "msgid_plural", "strings", "baseline", "status"
    )
    return {"token": uuid.uuid4().hex, "texts": [list(row) for row in rows]}


def publish():
    """Tell every worker (and machine) that the texts changed; empty the page cache."""
    pages.page_cache().set(CACHE_KEY, _payload_from_database(), None)
    pages.content_changed()


def _current_payload():
    cache = pages.page_cache()
    payload = cache.get(CACHE_KEY)
    if payload is None:
        built = _payload_from_database()
        cache.add(CACHE_KEY, built, None)
        payload = cache.get(CACHE_KEY) or built
    return payload


def catalogue_keys(context, msgid, msgid_plural, count):
    """The keys of one message in a Python gettext catalogue, one per translation form."""
    msgid = f"{context}{CONTEXT_SEPARATOR}{msgid}" if context else msgid
    if msgid_plural:
        return [(msgid, index) for index in range(count)]
    return [msgid]


def _wanted(texts, catalogues):
    """{language: {key: translation}} of the texts in force in this process's catalogues."""
    wanted = {}
    for language, context, msgid, msgid_plural, strings, baseline, status in texts:
        if language not in catalogues or is_url_part(msgid):
            continue
        catalog, originals = catalogues[language]
        keys = catalogue_keys(context, msgid, msgid_plural, len(strings))
        own = [originals[key] if key in originals else catalog.get(key, MISSING) for key in keys]
        if MISSING in own:
            continue  # not in this process's catalogue (an older release): nothing to replace
        if in_force(status, baseline, own) and list(strings) != own:
            wanted.setdefault(language, {}).update(zip(keys, strings, strict=True))
    return wanted


def _catalogues():
    """{language: (catalogue, originals)}; a translation object Django built anew (after
    a setting or a .mo file changed) starts with no originals of this module in it."""
    catalogues = {}
    for code, _name in settings.LANGUAGES:
        catalog = trans_real.translation(code)._catalog
        if _state["catalogues"].get(code) is not catalog:
            _state["catalogues"][code] = catalog
            _state["originals"][code] = {}
        catalogues[code] = (catalog, _state["originals"][code])
    return catalogues


def _rebuilt():
    return any(
        _state["catalogues"].get(code) is not trans_real.translation(code)._catalog
        for code, _name in settings.LANGUAGES
    )


def apply(texts):
    """Make this process's catalogues show `texts` (rows of the payload), and nothing else."""
    catalogues = _catalogues()
    wanted = _wanted(texts, catalogues)
    for code, (catalog, originals) in catalogues.items():
        want = wanted.get(code, {})
        for key in [key for key in originals if key not in want]:
            catalog[key] = originals.pop(key)
        for key, value in want.items():
            if key not in originals:
                originals[key] = catalog.get(key)
            catalog[key] = value


def refresh(force=False):
    """Pick up changed texts if the interval has passed (or `force`); cheap otherwise."""
    seconds = settings.INTERFACE_TEXTS_CHECK_SECONDS
    if seconds <= 0 and not force:
        return
    now = time.monotonic()
    checked = _state["checked"]
    if not force and checked is not None and now - checked < seconds:
        return
    with _lock:
        _state["checked"] = now
        try:
            payload = _current_payload()
        except Exception:
            # The shared cache or the database is away: pages are still served, with the
            # texts this worker has; it looks again after the interval.
            logger.warning("interface texts: could not read the accepted texts", exc_info=True)
            return
        if payload["token"] == _state["token"] and not _rebuilt():
            return
        apply(payload["texts"])
        _state["token"] = payload["token"]
        pages.set_interface_texts_version(payload["token"])
    texts_applied.send(sender=None)


def forget():
    """Put back the catalogue's own translations (tests; a process that stops applying)."""
    with _lock:
        apply([])
        _state.update(token=None, checked=None)
        pages.set_interface_texts_version("")
    texts_applied.send(sender=None)


class InterfaceTextsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refresh()
        return self.get_response(request)
