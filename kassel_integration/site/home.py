"""The home page: sections the apps contribute, in their order.

The core knows no app (README, Architecture), so it cannot say what the home
page shows about the officer, the events or the concept. Each app contributes
``HomeSection`` items in its ``contributions.py``::

    contribute(HomeSection("news", 20, "news/home/latest.html", load=latest_news))

``load(now)`` returns the context its template needs (a dict, merged into the
page's context: name the keys after the app, e.g. ``news_latest``), or None to
leave the section out. ``stylesheet`` names a static file the template needs
(linked once in the page's head). Sections with ``column="aside"`` go to the right-hand
column on wide screens (below the main ones on narrow screens). A loader should
cost one or two queries: the home page's query count is pinned by a test.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from kassel_integration.contributions import contributed

MAIN = "main"
ASIDE = "aside"


@dataclass(frozen=True)
class HomeSection:
    key: str
    order: int
    template: str
    load: Callable[[datetime], dict | None] | None = None
    column: str = MAIN
    stylesheet: str = ""  # a static path the section's template needs, linked once


@dataclass(frozen=True)
class ShownSection:
    key: str
    template: str
    column: str


def home_sections() -> list[HomeSection]:
    return sorted(contributed(HomeSection), key=lambda section: section.order)


def load(now) -> dict:
    """The home page's context: every contributed section that has something to show."""
    context, shown, stylesheets = {}, [], []
    for section in home_sections():
        data = section.load(now) if section.load else {}
        if data is None:
            continue
        context.update(data)
        shown.append(ShownSection(section.key, section.template, section.column))
        if section.stylesheet and section.stylesheet not in stylesheets:
            stylesheets.append(section.stylesheet)
    context["home_stylesheets"] = stylesheets
    context["main_sections"] = [s for s in shown if s.column == MAIN]
    context["aside_sections"] = [s for s in shown if s.column == ASIDE]
    return context
