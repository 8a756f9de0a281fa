from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, override


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str
    url: str
    is_current: bool
    # Where the language switcher leads: the same address with the visitor's
    # query (a search, the filters of a list) kept. hreflang links use `url`.
    switch_url: str = ""


def alternate_urls(request, obj=None) -> list[Alternate]:
    """The current page in every language.

    Pages about one object ask the object for its URL in each language, so
    translated slugs work; other pages translate the resolved URL pattern.
    A path that does not resolve (an error page) falls back to each
    language's home page rather than pointing at another broken URL.
    """
    current = get_language()
    alternates = []
    # A staff preview switches to the preview in the other language: the
    # public address of a draft does not exist yet.
    previewing = getattr(request, "editorial_preview", None) is not None
    for code, name in settings.LANGUAGES:
        if obj is not None and hasattr(obj, "get_absolute_url") and not previewing:
            with override(code):
                url = obj.get_absolute_url()
        else:
            url = translate_url(request.path, code)
            if url == request.path and code != current:
                with override(code):
                    url = reverse("home")
        query = request.GET.urlencode() if obj is None and request.method == "GET" else ""
        switch_url = f"{url}?{query}" if query else url
        alternates.append(Alternate(code, name, url, code == current, switch_url))
    return alternates
