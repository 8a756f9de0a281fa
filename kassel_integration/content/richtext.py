"""Rich text for editorial content, limited to what a municipal page needs.

Kept: paragraphs, line breaks, headings h2–h4 (the page's own title is the h1),
lists, links (http, https, mailto, tel and relative ones, always with
rel="noopener noreferrer"), strong and em, quotations, abbreviations and
`lang` on spans and blocks for foreign-language passages. Anything else is
removed; the text inside unknown elements stays, the content of elements that
hold no readable text (scripts, styles, Word's XML islands, embedded objects)
goes with them.

Text is sanitised with nh3 when it is saved and again when it is shown, so a
bypass of one layer (a raw SQL import, an old row) still cannot inject markup.
Sanitising is idempotent: a saved text comes out of the second pass unchanged.

HTML pasted from Word arrives with classes, inline styles, <o:p> elements,
conditional comments and <span>s that only carried those styles. nh3 removes
the attributes; what is left (bare spans, <b>/<i>, empty paragraphs, the list
bullets Word writes as text) is tidied by `_tidy` afterwards.
"""

import inspect
import re
from functools import lru_cache
from urllib.parse import urlsplit

import nh3
from django.db import models
from django.utils.safestring import mark_safe
from modeltranslation.fields import TranslationFieldDescriptor

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em",
    "span", "blockquote", "abbr",
    # Only let through to be renamed by _tidy: Word and browsers paste these.
    "b", "i", "h1", "h5", "h6",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    # Without this, nh3 allows its own defaults (title and lang) on every element.
    "*": set(),
    "a": {"href", "hreflang", "lang"},
    "span": {"lang"},
    "abbr": {"title", "lang"},
    "blockquote": {"lang"},
    "p": {"lang"},
    "li": {"lang"},
    "h2": {"lang"},
    "h3": {"lang"},
    "h4": {"lang"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed together with their content: none of it is text a reader should see.
# (Word's <o:p> holds only the &nbsp; that keeps an empty paragraph open.)
DROPPED_WITH_CONTENT = {
    "script", "style", "xml", "title", "template", "noscript", "noembed", "noframes",
    "iframe", "object", "applet", "svg", "math", "textarea", "select", "o:p",
}  # fmt: skip
RENAMED = {"b": "strong", "i": "em", "h1": "h2", "h5": "h4", "h6": "h4"}

# A language tag as pages use it: language, optional script, optional region
# ("fr", "tr", "en-GB", "sr-Latn", "es-419"). Anything else is dropped rather
# than shown to screen readers as a language they cannot know.
LANGUAGE_TAG = re.compile(
    r"(?P<language>[a-z]{2,3})(?:-(?P<script>[a-z]{4}))?(?:-(?P<region>[a-z]{2}|\d{3}))?",
    re.IGNORECASE,
)
LANGUAGE_ATTRIBUTES = {"lang", "hreflang"}

# Word's "downlevel-revealed" conditional blocks: <![if !supportLists]>·&nbsp;<![endif]>.
# The parser drops the markers but would keep what is between them (the list
# bullet Word writes as text), so they go first, content and all.
WORD_CONDITIONAL = re.compile(r"<!\[if[^\]]*\]>.*?<!\[endif\]>", re.IGNORECASE | re.DOTALL)
# nh3 output escapes "<" and ">" everywhere but in tags, so this finds every tag.
TAG = re.compile(r"<(/?)([a-z0-9]+)((?: [^>]*)?)>")
# What removed elements leave behind: runs of blank lines.
BLANK_LINES = re.compile(r"\n[ \t\r]*(?:\n[ \t\r]*)+")
EMPTY_ELEMENT = re.compile(
    r"<(p|h2|h3|h4|ul|ol|li|strong|em|span|blockquote)(?: [^>]*)?>(?:\s|&nbsp;|<br>)*</\1>"
)


def normalise_language(value: str) -> str | None:
    """The tag in its usual spelling ("EN-us" → "en-US"), or None if it is no language tag."""
    match = LANGUAGE_TAG.fullmatch(value.strip())
    if match is None:
        return None
    parts = [match["language"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    return "-".join(parts)


def _filter_attribute(element, attribute, value):
    if attribute in LANGUAGE_ATTRIBUTES:
        return normalise_language(value)
    return value


def _tidy(html: str) -> str:
    """Rename and unwrap what nh3 let through only for this step."""
    out = []
    # Per element name, whether each open tag was kept (its end tag follows suit).
    open_tags: dict[str, list[bool]] = {}
    position = 0
    for match in TAG.finditer(html):
        out.append(html[position : match.start()])
        position = match.end()
        closing, name, attributes = match.groups()
        if closing:
            stack = open_tags.get(name)
            # nh3's output is balanced; an unmatched end tag cannot occur, but is dropped.
            if stack and stack.pop():
                out.append(f"</{RENAMED.get(name, name)}>")
            continue
        # A span that lost all its attributes, or a link that lost its address, is junk.
        kept = not (
            (name == "span" and not attributes) or (name == "a" and " href=" not in attributes)
        )
        if name != "br":
            open_tags.setdefault(name, []).append(kept)
        if kept:
            out.append(f"<{RENAMED.get(name, name)}{attributes}>")
    out.append(html[position:])
    html = "".join(out)
    previous = None
    while previous != html:
        previous, html = html, EMPTY_ELEMENT.sub("", html)
    return BLANK_LINES.sub("\n\n", html)


def sanitize(html: str) -> str:
    if not html:
        return ""
    html = WORD_CONDITIONAL.sub("", html)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _tidy(cleaned).strip()


# Output is sanitised again on every page view, and the same few texts come up
# again and again: a pure function of its input, so remembered per process
# (bounded: the texts of a few hundred pages).
_sanitize_for_output = lru_cache(maxsize=512)(sanitize)


def render(html: str) -> str:
    return mark_safe(_sanitize_for_output(html))  # noqa: S308 - sanitised by nh3 just above


class RichTextField(models.TextField):
    """A TextField whose value is sanitised before it reaches the database."""

    def pre_save(self, model_instance, add):
        value = sanitize(getattr(model_instance, self.attname) or "")
        # For a modeltranslation base field (`body` beside `body_<language>`...),
        # reading gives the active language *with German fallback*; writing that
        # back would copy German into an empty translation. The per-language
        # fields are sanitised by their own pre_save.
        descriptor = inspect.getattr_static(type(model_instance), self.attname, None)
        if not isinstance(descriptor, TranslationFieldDescriptor):
            setattr(model_instance, self.attname, value)
        return value


def safe_url(value) -> str:
    """A stored URL if it may be a link (http, https, mailto, tel), else "".

    The admin refuses other schemes, but data imports and old rows bypass
    forms: like rich text, URLs are checked again on the way out. Every
    template and every JSON-LD that renders a stored URL goes through this.
    """
    text = str(value or "").strip()
    if not text or any(ord(char) < 32 or ord(char) == 127 for char in text):
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES or (scheme in {"http", "https"} and not parts.netloc):
        return ""
    return text
