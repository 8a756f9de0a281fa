"""Which language a translated field is really shown in.

django-modeltranslation answers ``obj.title`` with the German text when the
reader's language has none, and says nothing about it. A page that mixes
languages silently fails WCAG 3.1.2 (screen readers pronounce German with
English rules) and leaves the reader guessing. Here the fallback is made
visible: the German text is marked with its ``lang`` (and ``dir="ltr"`` on a
right-to-left page) and the page can tell the reader, in their own language,
that a text is not yet translated.
"""

import uuid
from dataclasses import dataclass
from functools import lru_cache

import nh3
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.template.defaultfilters import linebreaks_filter, linebreaksbr
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname, resolution_order

from kassel_integration.content import languages, richtext
from kassel_integration.content.richtext import RichTextField

# Translators: shown above a page when some of its texts are shown in German
# because they have not been translated yet. Name the language of THIS
# translation, the reader's own (Slovenian: "… v slovenščini").
NOTICE = _("This text is not yet available in English.")
# Translators: the same notice for a language of the portal whose interface
# texts are not translated yet, so the page shows them in German instead;
# %(language)s is that language's name, e.g. "Arabic".
NOTICE_FOR_LANGUAGE = _("This text is not yet available in %(language)s.")

# How a value is turned into HTML, and which element can carry its lang
# attribute there: a <span> inside running text, a <div> around blocks.
FORMATS = {
    "text": "span",
    "linebreaksbr": "span",
    "linebreaks": "div",
    "rich": "div",
}


@dataclass(frozen=True)
class Shown:
    """A field's value as the page shows it, and the language it is in."""

    value: object
    language: str
    fell_back: bool

    def __str__(self):
        return "" if self.value is None else str(self.value)

    def __bool__(self):
        return not _is_empty(self.value)

    @property
    def lang_attribute(self):
        """` lang` (and `dir`) of an element that holds a fallback text, else nothing."""
        if not self.fell_back:
            return ""
        return languages.lang_attributes(self.language)


def _is_empty(value, rich=False):
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    if rich:
        return _has_no_text(value)
    return not value.strip()


@lru_cache(maxsize=512)
def _has_no_text(html):
    """An editor's leftover "<p><br></p>" is no translation either.

    Asked for every rich field on every page view; remembered per process.
    """
    return not nh3.clean(html, tags=set()).strip()


def _translated_fields(model):
    try:
        return translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return {}


def _is_rich(model, field):
    try:
        return isinstance(model._meta.get_field(field), RichTextField)
    except FieldDoesNotExist:
        return False


def shown(obj, field, language=None) -> Shown:
    """The value of ``obj.field`` in the reader's language, or the fallback used.

    Follows modeltranslation's resolution order (the reader's language, then
    MODELTRANSLATION_FALLBACK_LANGUAGES), so the text is the one
    ``obj.field`` would give; only the language is reported as well.
    """
    language = language or get_language() or settings.LANGUAGE_CODE
    if obj is None:
        return Shown("", language, False)
    model = type(obj)
    if field not in _translated_fields(model):
        return Shown(getattr(obj, field, ""), language, False)
    rich = _is_rich(model, field)
    for code in resolution_order(language):
        value = getattr(obj, build_localized_fieldname(field, code), None)
        if not _is_empty(value, rich=rich):
            return Shown(value, code, code != language)
    return Shown("", language, False)


def render(value: Shown, format="text") -> SafeString:
    """The value as HTML; a fallback text wrapped in an element with its lang."""
    if format not in FORMATS:
        raise ValueError(f"Unknown format {format!r}; use one of {', '.join(FORMATS)}.")
    text = str(value)
    if format == "rich":
        html = richtext.render(text)
    elif format == "linebreaks":
        html = linebreaks_filter(text, autoescape=True)
    elif format == "linebreaksbr":
        html = linebreaksbr(text, autoescape=True)
    else:
        html = conditional_escape(text)
    if not value.fell_back or not html:
        return html
    element = FORMATS[format]
    return format_html(
        "<{0}{1}>{2}</{0}>", element, languages.lang_attributes(value.language), html
    )


class Collector:
    """Gathers the fallbacks of one page section, for its single notice."""

    def __init__(self):
        self.fallbacks = []
        # Where the notice goes; random per page, so no stored text can contain it.
        self.marker = f"<!--fallback-notice-{uuid.uuid4().hex}-->"

    def add(self, obj, field, value: Shown):
        if value.fell_back:
            self.fallbacks.append((obj, field, value.language))

    def __bool__(self):
        return bool(self.fallbacks)


def notice_html() -> SafeString:
    language = languages.current()
    default = settings.LANGUAGE_CODE
    if language != default:
        with override(default):
            in_default = str(NOTICE)
        if str(NOTICE) == in_default:
            # No interface texts in the reader's language yet: gettext gives the
            # default language's notice, which would name that language. Say it
            # in the default language, marked as such, with the reader's language
            # named; the notice itself stays part of the page's layout.
            with override(default):
                text = NOTICE_FOR_LANGUAGE % {"language": languages.name(language)}
            return format_html(
                '<p class="fallback-notice"><span{}>{}</span></p>',
                languages.lang_attributes(default),
                text,
            )
    return format_html('<p class="fallback-notice">{}</p>', NOTICE)
