"""What the domain apps contribute to the shared core.

The core (this package) never imports a domain app. Each app declares what it
adds — history-tracked models, content for the page cache and the translation
dashboard, sitemaps, attention panels, search suggestions — in a module of its
own, ``<app>/contributions.py``, which is imported at start-up the way Django
finds ``admin.py`` (``autodiscover_modules``).

A kind of contribution is a small dataclass defined by the room of the core
that reads it (``editorial.history.Tracked``, ``site.sitemaps.SitemapSection``…).
An app contributes instances; the room asks for all instances of its class::

    contribute(Tracked("shop.Order", follow=("lines",)))  # in <app>/contributions.py
    contributed(Tracked)                                  # in editorial/history.py

Items come in the order of INSTALLED_APPS, then in the order each app lists
them. The core's own items are written in the room that reads them, not here.
"""

from collections import defaultdict

from django.utils.module_loading import autodiscover_modules

_registry = defaultdict(list)
_discovered = False


def contribute(*items):
    """Add items; the class of each item is its kind."""
    for item in items:
        _registry[type(item)].append(item)


def contributed(kind: type) -> list:
    """Every item of this kind the installed apps contributed, in INSTALLED_APPS order."""
    # The admin registers its models (and with them the history) in its own
    # ready(), before this app's: the first reader discovers, whoever it is.
    autodiscover()
    return list(_registry[kind])


def autodiscover():
    """Import each installed app's contributions module, once."""
    global _discovered
    if not _discovered:
        # Re-entry while an app's module is being imported is harmless: a
        # module is executed only once, so nothing is contributed twice.
        autodiscover_modules("contributions")
        _discovered = True
