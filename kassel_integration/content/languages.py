"""The portal's languages, as the settings describe them.

settings.LANGUAGES lists the languages, settings.LANGUAGE_DETAILS adds what
Django does not know about them (Open Graph locale, date formats, the note
under a translated quote), and Django knows each language's name and text
direction (get_language_info). Code and templates ask here and never name a
language themselves, so a language added to the settings works everywhere.
"""

from functools import lru_cache

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_language_info, to_locale


def codes() -> list[str]:
    """Every language of the portal, the default one first as in the settings."""
    return [code for code, _name in settings.LANGUAGES]


def source() -> str:
    """The language content is written in and every other one falls back to."""
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def targets() -> list[str]:
    """The languages content is translated into."""
    return [code for code in codes() if code != source()]


def current() -> str:
    return get_language() or settings.LANGUAGE_CODE


def detail(code: str, key: str, default=None):
    """A value of settings.LANGUAGE_DETAILS for `code` (a regional code reads its language's), else `default`."""
    details = settings.LANGUAGE_DETAILS
    entry = details.get(code) or details.get((code or "").split("-")[0]) or {}
    return entry.get(key, default)


def name(code: str) -> str:
    """The language's name in the reader's language ("German", "Deutsch", "nemščina")."""
    return str(detail(code, "name") or get_language_info(code)["name_translated"])


def choices() -> list[tuple[str, str]]:
    """The portal's languages as model or form choices, named in the reader's language.

    A callable, so that a model field using it keeps no language list in its
    migrations.
    """
    return [(code, name(code)) for code in codes()]


# Django's data on a language never changes while the process runs.
@lru_cache(maxsize=64)
def direction(code: str) -> str:
    """ "rtl" or "ltr", from Django's data on the language.

    A code Django does not know (a quote's original language may be any) is
    taken as left-to-right, the default of HTML.
    """
    try:
        return "rtl" if get_language_info(code)["bidi"] else "ltr"
    except KeyError:
        return "ltr"


def og_locale(code: str) -> str:
    return detail(code, "og_locale") or to_locale(code)


def lang_attributes(code: str) -> SafeString:
    """` lang="…"` for an element in language `code`, and ` dir="…"` if the page runs the other way.

    A German text on an Arabic page keeps its left-to-right order; on a page
    in the same direction the attribute would only repeat the page's own.
    """
    if direction(code) == direction(current()):
        return format_html(' lang="{}"', code)
    return format_html(' lang="{}" dir="{}"', code, direction(code))


def source_lang_attributes() -> SafeString:
    return lang_attributes(source())
