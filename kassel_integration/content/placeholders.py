"""Editors' placeholders in shipped texts: listed for staff, never shown to the public.

The legal pages were shipped with sentences saying that the editorial office
will add the facts the source texts do not give (the imprint's postal address,
the data protection officer's contact). Such a sentence is a note to staff, not
information for a citizen: public pages leave it out (`without_placeholders`),
and the admin's start page lists every text that still contains one
(`has_placeholder`), per language, until staff replace it.

A placeholder is a sentence containing one of PHRASES (any language's, since a
translation may still hold the German note).
"""

import html
import re

from django.utils.html import strip_tags

PHRASES = (
    "werden von der Redaktion hier ergänzt",
    "wird von der Redaktion hier ergänzt",
    "will be added here by the editorial office",
    "bo uredništvo dodalo tukaj",
)

# The whole sentence around a phrase, within one element: it starts after a
# tag or after the end of the sentence before it and runs to its full stop.
_SENTENCE = re.compile(
    r"(?:(?<=>)|(?<=[.!?]\s))\s*[^<>.!?]*?(?:"
    + "|".join(re.escape(phrase) for phrase in PHRASES)
    + r")[^<>.!?]*[.!?]?[ \t]*",
)
_EMPTY_PARAGRAPH = re.compile(r"\s*<p>\s*</p>")
# As search.text.plain_text (a higher room): paragraphs stay apart as words.
_BLOCK_END = re.compile(r"(</(?:p|li|h\d|blockquote|ul|ol)>|<br\s*/?>)", re.IGNORECASE)


def has_placeholder(html) -> bool:
    text = " ".join((html or "").split())
    return any(phrase in text for phrase in PHRASES)


def without_placeholders(html) -> str:
    """The text with every placeholder sentence removed, and paragraphs left empty by it."""
    if not has_placeholder(html):
        return html
    text = " ".join(html.split())
    text = _SENTENCE.sub("", text)
    text = re.sub(r"\s+</p>", "</p>", text)
    return _EMPTY_PARAGRAPH.sub("", text)


def public_text(value) -> str:
    """Rich text without placeholders, as one line of plain text: what the search indexes."""
    text = _BLOCK_END.sub(r"\1 ", without_placeholders(value or ""))
    return " ".join(html.unescape(strip_tags(text)).split())
