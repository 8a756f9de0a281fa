"""What the domain apps contribute to the shared core.

The core (this package) never imports a domain app. Each app declares what it
adds — search sources, sitemaps, history-tracked models, content for the page
cache and the translation dashboard, attention panels — in a module of its own,
``<app>/contributions.py``, which is imported at start-up the way Django finds
``admin.py`` (``autodiscover()`` from ``KasselIntegrationConfig.ready``).

A room of the core that consumes a kind of contribution defines what an item of
that kind looks like and reads them with ``contributed(kind)``.
"""

from collections import defaultdict

from django.utils.module_loading import autodiscover_modules

_registry = defaultdict(list)


def contribute(kind, *items):
    """Add items of one kind, in the order the apps are installed."""
    _registry[kind].extend(items)


def contributed(kind):
    """Everything the installed apps contributed of one kind."""
    return list(_registry[kind])


def autodiscover():
    autodiscover_modules("contributions")
