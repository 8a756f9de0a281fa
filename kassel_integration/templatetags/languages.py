"""The language attributes of elements, from the settings (see content/languages.py).

    {% load languages %}
    <html lang="{{ LANGUAGE_CODE }}" dir="{% text_direction %}">
    <q{% source_lang_attributes %}>Alle gehören dazu!</q>
    <span{% lang_attributes quote.original_language %}>…</span>

`lang_attributes` gives ` lang="…"`, with ` dir="…"` when that language runs
the other way than the page (German inside an Arabic page).
"""

from django import template

from kassel_integration.content import languages

register = template.Library()


@register.simple_tag
def text_direction(code=None):
    """ "rtl" or "ltr" for `code`, by default the current language."""
    return languages.direction(code or languages.current())


@register.simple_tag
def lang_attributes(code):
    return languages.lang_attributes(code)


@register.simple_tag
def source_lang_attributes():
    """The attributes for a text in the source language (the official German title)."""
    return languages.source_lang_attributes()
