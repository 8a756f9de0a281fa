"""What the search finds: kinds of content, declared by the app that owns each.

An app declares its kinds in its own `contributions.py`:

    contribute(SearchSource(kind="article", model="news.Article", ...))

and the core reads them with `sources()`; it never names an app. A source
says which attributes hold the title and the text, which published items it
depends on, and how a hit is shown (address, the line that places it, a date).
Everything else — keeping the index up to date on saves and deletes,
publication windows, rebuilding — follows from the declaration
(`kassel_integration.search.index`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from kassel_integration.contributions import contributed


@dataclass(frozen=True)
class SearchSource:
    """One kind of content the search finds.

    kind: short, stable key stored in the index ("event"); unique.
    model: "app_label.ModelName" of the items.
    label: what one hit is called ("Event"), group / group_title: the heading the
        hits are listed under; the sources of one app usually share one.
    title / text: attributes (dotted for related objects, e.g. "person.full_name")
        whose values are the hit's title (ranked above the text) and its searched
        and shown text. Rich-text fields are reduced to plain text.
    parents: foreign keys (dotted for several steps) to published items the item
        is shown with: it is found only while each of them is published (one left
        empty is skipped, like the field of a report statement without one).
    follows: further foreign keys whose objects the hit shows; a save of one of
        them re-indexes the items pointing to it (the parents and the related
        objects of `title`, `text` and `starts_at` are followed anyway).
    url, heading, context: callables(item) for the hit's address (default
        `get_absolute_url()`), title (default the title attributes joined) and
        the line that places it (the field of a goal).
    starts_at / all_day: attributes with the date shown with the hit.
    pages: a file field whose PDF text is extracted once per upload and indexed
        page by page, each hit linking to its page (`…#page=N`).
    written_in: attribute naming the single language the item's file is written
        in; its pages are searched in that language only.
    """

    kind: str
    model: str
    label: str
    group: str
    group_title: str
    title: tuple[str, ...] = ("title",)
    text: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    follows: tuple[str, ...] = ()
    url: Callable | None = None
    heading: Callable | None = None
    context: Callable | None = None
    starts_at: str | None = None
    all_day: str | None = None
    pages: str | None = None
    written_in: str | None = None

    def get_model(self):
        return apps.get_model(self.model)

    @cached_property
    def related_paths(self) -> tuple[str, ...]:
        """Every foreign-key path the rows of an item depend on."""
        paths = set(self.parents) | set(self.follows)
        for attribute in (*self.title, *self.text, self.starts_at, self.all_day):
            if attribute and "." in attribute:
                paths.add(attribute.rsplit(".", 1)[0])
        return tuple(sorted(paths))


# The core's own content: the legal pages. Everything else comes from the apps.
LEGAL_PAGES = SearchSource(
    kind="legal",
    model="kassel_integration.LegalPage",
    label=_("Legal information"),
    group="legal",
    group_title=_("Legal information"),
    # The body without editors' placeholders, which the public page leaves out too.
    text=("public_text",),
)


def sources() -> list[SearchSource]:
    """The kinds of content the search finds, the apps' in the order of INSTALLED_APPS."""
    return [*contributed(SearchSource), LEGAL_PAGES]


def source_for(kind: str) -> SearchSource | None:
    return next((source for source in sources() if source.kind == kind), None)
