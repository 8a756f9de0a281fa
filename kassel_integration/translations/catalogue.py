"""Interface texts (.po catalogues): the checks shared by CI, the upload and the apply command.

Translators download the current catalogue of their language from the
translation dashboard and upload it back. An upload is checked message by
message against the catalogue in force and either rejected as a whole, with
every problem listed, or stored as an accepted upload. It never writes into
locale/ (in production part of the read-only image): its changes become
accepted texts (overrides.py), live on every worker within a minute (live.py),
and `manage.py export_interface_texts` writes them into the checkout for a release.

This module imports nothing that needs configured settings, so that
tests/tools/check_po.py (run without Django) shares the placeholder check.
"""

import codecs
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po
from django.conf import settings
from django.utils.translation import get_language_info, gettext

# A message that loses or renames a placeholder makes the page crash or show
# the wrong value at run time.
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{(\w*)\}")

# HTML tags as written (name and attributes). Some templates mark their texts
# safe ({% translate %} of a literal is not escaped): a translation may only
# keep the markup of its source, so that no translator can add a link, a form
# or an image to a public page.
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>")

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# How the catalogues in locale/ are written (Babel, 100 columns): an applied
# upload changes only the lines of the messages it changes.
WRITE_OPTIONS = {"width": 100, "omit_header": False, "include_previous": False}

# The messages in the code (msgid) are English, whatever the portal's languages:
# upload reports mark them so.
MSGID_LANGUAGE = "en"


def permission_codename(language: str) -> str:
    """One permission per language of the settings (InterfaceCatalogueUpload.Meta).

    The interface texts of the source language stay with the editors; each
    other language's are granted to its group of translators
    (editorial/roles.py, translator_group).
    """
    return f"translate_interface_{language}"


# ---------------------------------------------------------------- placeholders
def placeholders(text: str) -> list[str]:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


def as_tuple(value) -> tuple:
    return value if isinstance(value, tuple) else (value,)


@dataclass(frozen=True)
class PlaceholderMismatch:
    form: int  # index of the translation (plural form); 0 for a message without plural
    expected: list[str]
    found: list[str]


def markup(text: str) -> list[str]:
    return sorted(MARKUP.findall(text))


def markup_mismatches(msgid, msgstr) -> list[PlaceholderMismatch]:
    """Translations (each plural form) whose HTML tags are not those of the source."""
    ids, strings = as_tuple(msgid), as_tuple(msgstr)
    allowed = (markup(ids[-1]), markup(ids[0]))
    return [
        PlaceholderMismatch(index, allowed[0], markup(string))
        for index, string in enumerate(strings)
        if string and markup(string) not in allowed
    ]


def placeholder_mismatches(msgid, msgstr) -> list[PlaceholderMismatch]:
    """Translations (each plural form) whose placeholders are not those of the source.

    A plural form may keep the placeholders of either the singular or the
    plural source: "one item" may be translated without the number.
    """
    ids, strings = as_tuple(msgid), as_tuple(msgstr)
    expected = placeholders(ids[-1])
    singular = placeholders(ids[0])
    found = []
    for index, string in enumerate(strings):
        if not string:
            continue  # untranslated is reported on its own
        actual = placeholders(string)
        if actual not in (expected, singular):
            found.append(PlaceholderMismatch(index, expected, actual))
    return found


# ---------------------------------------------------------------- permissions and files
def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def language_name(code: str) -> str:
    return get_language_info(code)["name_translated"]


def languages_for(user) -> list[str]:
    """The languages whose interface texts this user may export and import.

    Granted through the per-language groups (and to superusers); the
    permission check uses the permissions Django has already loaded for the
    admin, so it costs no query.
    """
    return [
        code
        for code in language_codes()
        if user.has_perm(f"kassel_integration.{permission_codename(code)}")
    ]


def catalogue_path(language: str, root=None) -> Path:
    root = Path(root) if root is not None else Path(settings.LOCALE_PATHS[0])
    return root / language / "LC_MESSAGES" / "django.po"


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def catalogue_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, **WRITE_OPTIONS)
    return out.getvalue()


# ---------------------------------------------------------------- checking an upload
class CatalogueError(Exception):
    """The file as a whole is unusable; the message is for the person who uploaded it."""


def too_large_message() -> str:
    return gettext("The file is larger than %(size)s MB.") % {
        "size": MAX_UPLOAD_BYTES // (1024 * 1024)
    }


def parse_upload(data: bytes, language: str) -> tuple[Catalog, str]:
    """The uploaded bytes as a catalogue for `language` and as text, or CatalogueError."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise CatalogueError(too_large_message())
    # Some Windows editors start UTF-8 files with a byte order mark.
    data = data.removeprefix(codecs.BOM_UTF8)
    if not data.strip():
        raise CatalogueError(gettext("The file is empty."))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise CatalogueError(
            gettext("The file is not UTF-8 encoded. Save it as UTF-8 and upload it again.")
        ) from None
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except PoFileError as error:
        raise CatalogueError(
            gettext("This is not a readable .po file: line %(line)s is not valid.")
            % {"line": error.lineno + 1}
        ) from None
    except (UnknownLocaleError, ValueError, TypeError, UnicodeError):
        # Babel raises these for headers it cannot understand (language,
        # plural forms, character set) and for binary files.
        raise CatalogueError(gettext("This is not a readable .po file.")) from None
    if (catalog.charset or "").lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise CatalogueError(
            gettext("The file declares the character set “%(charset)s”; only UTF-8 is accepted.")
            % {"charset": catalog.charset}
        )
    found = str(catalog.locale) if catalog.locale else ""
    if found != language:
        raise CatalogueError(
            gettext(
                "The file’s Language header says “%(found)s”, but a file for %(language)s "
                "must say “%(code)s”."
            )
            % {"found": found, "language": language_name(language), "code": language}
        )
    if not any(message.id for message in catalog):
        raise CatalogueError(gettext("The file contains no messages."))
    return catalog, text


@dataclass(frozen=True)
class Problem:
    msgid: str
    context: str | None
    text: str


@dataclass(frozen=True)
class Change:
    msgid: tuple
    context: str | None
    old: tuple
    new: tuple

    @property
    def label(self):
        return self.msgid[0]

    def as_json(self):
        return {
            "msgid": list(self.msgid),
            "context": self.context,
            "old": list(self.old),
            "new": list(self.new),
        }

    @classmethod
    def from_json(cls, data):
        return cls(tuple(data["msgid"]), data["context"], tuple(data["old"]), tuple(data["new"]))


@dataclass
class Review:
    message_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


def _join(names):
    return ", ".join(names) if names else gettext("none")


def message_problems(msgid, msgstr, fuzzy, current, num_plurals) -> list[str]:
    """What is wrong with one uploaded message, measured against the current catalogue."""
    if current is None:
        return [gettext("This message is not in the current catalogue.")]
    if as_tuple(current.id) != as_tuple(msgid) or (
        not isinstance(msgid, tuple) and isinstance(msgstr, tuple)
    ):
        return [gettext("The plural of this message differs from the current catalogue.")]
    strings = as_tuple(msgstr)
    if isinstance(msgid, tuple) and len(strings) != num_plurals:
        # Comes from a wrong Plural-Forms header; form by form checks would only add noise.
        return [
            gettext("Number of plural forms: %(found)s instead of %(expected)s.")
            % {"found": len(strings), "expected": num_plurals}
        ]
    problems = []
    if fuzzy:
        problems.append(gettext("The translation is marked fuzzy (not checked)."))
    if not all(strings):
        problems.append(gettext("The translation is empty."))
    for mismatch in markup_mismatches(msgid, msgstr):
        values = {"expected": _join(mismatch.expected), "found": _join(mismatch.found)}
        if isinstance(msgid, tuple):
            values["form"] = mismatch.form + 1
            problems.append(
                gettext(
                    "Plural form %(form)s changes the HTML markup (original: %(expected)s; "
                    "translation: %(found)s)."
                )
                % values
            )
        else:
            problems.append(
                gettext(
                    "The translation changes the HTML markup (original: %(expected)s; "
                    "translation: %(found)s)."
                )
                % values
            )
    for mismatch in placeholder_mismatches(msgid, msgstr):
        values = {"expected": _join(mismatch.expected), "found": _join(mismatch.found)}
        if isinstance(msgid, tuple):
            values["form"] = mismatch.form + 1
            problems.append(
                gettext(
                    "Plural form %(form)s changes the placeholders (original: %(expected)s; "
                    "translation: %(found)s)."
                )
                % values
            )
        else:
            problems.append(
                gettext(
                    "The translation changes the placeholders (original: %(expected)s; "
                    "translation: %(found)s)."
                )
                % values
            )
    return problems


def review(upload: Catalog, current: Catalog) -> Review:
    """Every problem of the upload, and what it would change where it has none."""
    result = Review()
    for message in upload:
        if not message.id:
            continue
        result.message_count += 1
        existing = current.get(message.id, context=message.context)
        texts = message_problems(
            message.id, message.string, message.fuzzy, existing, current.num_plurals
        )
        label = as_tuple(message.id)[0]
        result.problems += [Problem(label, message.context, text) for text in texts]
        if texts:
            continue
        old, new = as_tuple(existing.string), as_tuple(message.string)
        if old != new or existing.fuzzy:
            result.changes.append(Change(as_tuple(message.id), message.context, old, new))
    return result


# ---------------------------------------------------------------- applying an accepted upload
@dataclass
class Applied:
    written: list[Change] = field(default_factory=list)
    unchanged: list[Change] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)


def apply_changes(current: Catalog, changes) -> Applied:
    """Write the translations of `changes` into `current`; nothing else in it changes.

    Each change is checked again: the catalogue may have moved on since the
    upload (a message removed or rewritten in the code).
    """
    result = Applied()
    for change in changes:
        msgid = change.msgid if len(change.msgid) > 1 else change.msgid[0]
        msgstr = change.new if len(change.msgid) > 1 else change.new[0]
        existing = current.get(msgid, context=change.context)
        texts = message_problems(msgid, msgstr, False, existing, current.num_plurals)
        if texts:
            result.skipped += [Problem(change.label, change.context, text) for text in texts]
            continue
        if as_tuple(existing.string) == change.new and not existing.fuzzy:
            result.unchanged.append(change)
            continue
        existing.string = msgstr
        existing.flags.discard("fuzzy")
        result.written.append(change)
    return result
