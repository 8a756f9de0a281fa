"""The German source of a rich text as translators see it: rendered, with its changes marked.

A translator's form shows the other languages' versions read-only beside the
field they write. Rich text is shown as a reader sees it (headings, lists,
links' text), never as HTML source, and the German text marks the words that
changed since the translation was last made from it: the translation state
(translations/state.py) keeps the German text of that moment. Added or changed
words are `<ins>`, removed ones `<del>`, placed inside the element the text is
in, so the markup stays valid; the text of both versions is compared word by
word, tags aside.
"""

import difflib
import html
import re
from functools import lru_cache

from django.conf import settings
from django.contrib import admin
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info, gettext

from kassel_integration.content.richtext import RichTextField, render, sanitize
from kassel_integration.translations import state as ts

# Sanitised HTML: every "<" starts a tag (nh3 escapes the others).
_PARTS = re.compile(r"(<[^>]*>)")
_WORDS = re.compile(r"\s+|\w+|[^\w\s]")


def _tokens(cleaned: str) -> list[tuple[bool, str]]:
    """(is_tag, text) pieces of sanitised HTML; text is split into words, spaces, signs."""
    tokens = []
    for part in _PARTS.split(cleaned):
        if not part:
            continue
        if part.startswith("<"):
            tokens.append((True, part))
        else:
            tokens.extend((False, word) for word in _WORDS.findall(html.unescape(part)))
    return tokens


def rendered_diff(then: str, now: str) -> SafeString:
    """`now` rendered, with words added or changed since `then` in <ins>, removed ones in <del>."""
    new = _tokens(sanitize(now))
    old_words = [text for is_tag, text in _tokens(sanitize(then)) if not is_tag]
    positions = [index for index, (is_tag, _text) in enumerate(new) if not is_tag]
    new_words = [new[index][1] for index in positions]
    added = set()
    removed_before = {}  # position in new_words -> removed text shown there
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if any(word.strip() for word in new_words[j1:j2]):
            added.update(range(j1, j2))
        removed = "".join(old_words[i1:i2])
        if removed.strip():
            removed_before[j1] = removed
    out = []
    open_ins = False
    word = 0
    last_word = len(new_words) - 1

    def close():
        nonlocal open_ins
        if open_ins:
            out.append("</ins>")
            open_ins = False

    for is_tag, text in new:
        if is_tag:
            close()
            out.append(text)
            continue
        if word in removed_before:
            close()
            out.append(f"<del>{escape(removed_before[word])}</del>")
        if word in added and not open_ins:
            out.append("<ins>")
            open_ins = True
        elif word not in added:
            close()
        out.append(escape(text))
        if word == last_word:
            close()
            if len(new_words) in removed_before:
                out.append(f"<del>{escape(removed_before[len(new_words)])}</del>")
        word += 1
    close()
    if not new_words and len(new_words) in removed_before:
        out.append(f"<del>{escape(removed_before[0])}</del>")
    return mark_safe("".join(out))  # noqa: S308 - tags from sanitize(), text escaped above


def _outdated_source(obj, field, languages):
    """The German text the translation into one of `languages` was made from, if outdated."""
    states = ts.states_for(obj)
    german = getattr(obj, ts.localized(field, ts.SOURCE_LANGUAGE)) or ""
    for language in languages:
        state = states.get((field, language))
        translation = getattr(obj, ts.localized(field, language))
        if ts.field_status(german, translation, state) == ts.OUTDATED:
            return state.source_text_then
    return None


@lru_cache(maxsize=256)
def source_display(model, field: str, language: str, languages: tuple[str, ...]):
    """A read-only "field" for the admin: `field` in `language`, rendered.

    The same object for the same arguments, as the admin's readonly_fields and
    fieldsets must name the same callable.
    """
    name = ts.localized(field, language)
    bidi = get_language_info(language).get("bidi", False)

    def display(obj):
        text = getattr(obj, name) or ""
        if not text.strip():
            return ""
        legend = ""
        then = _outdated_source(obj, field, languages) if language == ts.SOURCE_LANGUAGE else None
        if then is None:
            shown = render(text)
        else:
            shown = rendered_diff(then, text)
            legend = format_html(
                '<p class="rendered-source-legend">{}</p>',
                gettext(
                    "Since the last translation, marked words were added or changed and "
                    "struck-through words were removed."
                ),
            )
        return format_html(
            '{}<div class="rendered-source" lang="{}" dir="{}">{}</div>',
            legend,
            language,
            "rtl" if bidi else "ltr",
            shown,
        )

    display.__name__ = name
    display.__qualname__ = name
    return admin.display(description=model._meta.get_field(name).verbose_name)(display)


def rendered_sources(model, languages) -> dict:
    """Localized rich text field name -> its rendered display, for each language not in `languages`."""
    languages = tuple(languages)
    result = {}
    for field in ts.tracked_fields(model):
        if not isinstance(model._meta.get_field(field), RichTextField):
            continue
        for language, _name in settings.LANGUAGES:
            if language not in languages:
                result[ts.localized(field, language)] = source_display(
                    model, field, language, languages
                )
    return result


def with_rendered_sources(readonly, sources: dict) -> list:
    """Read-only fields with the rendered displays added.

    The names stay, so that the form leaves those fields out on every path of
    the admin; the displays are what the fieldsets show (`in_fieldsets`).
    """
    readonly = list(readonly)
    return readonly + [sources[name] for name in readonly if name in sources]


def in_fieldsets(fieldsets, sources: dict) -> list:
    """Fieldsets showing the rendered displays in place of the fields, each once."""
    result = []
    for title, options in fieldsets:
        seen, fields = set(), []
        for entry in options.get("fields", ()):
            if isinstance(entry, (list, tuple)):
                mapped = (sources.get(name, name) for name in entry)
                line = tuple(dict.fromkeys(e for e in mapped if e not in seen))
                seen.update(line)
                if line:
                    fields.append(line)
            else:
                entry = sources.get(entry, entry)
                if entry not in seen:
                    seen.add(entry)
                    fields.append(entry)
        result.append((title, {**options, "fields": fields}))
    return result


def changes_then_and_now(obj) -> list[dict]:
    """The outdated German texts of `obj`, then and now, shown as readers see them.

    For the table "German text then and now" on a translator's form: rich text
    rendered, plain text as it is, and in the text of now the changed words marked.
    """
    rows = []
    for change in ts.outdated_fields(obj):
        rich = isinstance(type(obj)._meta.get_field(change.field), RichTextField)
        rows.append(
            {
                "label": change.label,
                "languages": change.languages,
                "rich": rich,
                "then": render(change.german_then) if rich else change.german_then,
                "now": rendered_diff(change.german_then, change.german_now),
            }
        )
    return rows
