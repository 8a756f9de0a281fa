"""Which German text each translation was made from.

A row says: the translation of `field` into `language` was last written (or
confirmed) by someone looking at the German text `source_text_then`. When the
German text no longer hashes to `source_hash`, the translation is outdated.
No row means nothing is known against it: the translation counts as current.

Kept generically (content type + id) so that the content models stay as they
are and every translated model of every app is covered without a migration of
its own.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from kassel_integration.content.line_endings import normalise
from kassel_integration.models import TranslationState  # the rows, kept with the models

SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
TARGET_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE)
# Slugs are addresses, not texts: a new German slug does not make the English one wrong.
UNTRACKED_FIELDS = frozenset({"slug"})

COMPLETE = "complete"
MISSING = "missing"
OUTDATED = "outdated"
STATES = {
    COMPLETE: _("complete"),
    MISSING: _("missing"),
    OUTDATED: _("outdated"),
}


def fingerprint(text) -> str:
    """The hash of a text; line breaks count as LF however they were sent or stored."""
    return hashlib.sha256(normalise(text or "").encode()).hexdigest()


def tracked_fields(model) -> list[str]:
    """The translated text fields of a model, in the model's own order."""
    try:
        names = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []
    return [
        f.name for f in model._meta.fields if f.name in names and f.name not in UNTRACKED_FIELDS
    ]


def localized(field: str, language: str) -> str:
    return f"{field}_{language}"


def field_status(german, translation, state: "TranslationState | None"):
    """complete / missing / outdated, or None when there is no German text to translate."""
    if not (german or "").strip():
        return None
    if not (translation or "").strip():
        return MISSING
    if state is not None and state.source_hash != fingerprint(german):
        return OUTDATED
    return COMPLETE


def combine(statuses) -> str | None:
    """An item is outdated if any of its texts is, else missing if any is, else complete."""
    statuses = {s for s in statuses if s is not None}
    for status in (OUTDATED, MISSING, COMPLETE):
        if status in statuses:
            return status
    return None


def states_for(obj) -> dict[tuple[str, str], TranslationState]:
    content_type = ContentType.objects.get_for_model(type(obj), for_concrete_model=False)
    rows = TranslationState.objects.filter(content_type=content_type, object_id=obj.pk)
    return {(row.field, row.language): row for row in rows}


@dataclass
class OutdatedField:
    field: str
    label: str
    languages: list[str]
    german_then: str
    german_now: str


def outdated_fields(obj) -> list[OutdatedField]:
    """The German texts that changed since their translation, with the text then and now."""
    if obj is None or obj.pk is None:
        return []
    states = states_for(obj)
    result = []
    for field in tracked_fields(type(obj)):
        german = getattr(obj, localized(field, SOURCE_LANGUAGE)) or ""
        languages, then = [], ""
        for language in TARGET_LANGUAGES:
            state = states.get((field, language))
            translation = getattr(obj, localized(field, language))
            if field_status(german, translation, state) == OUTDATED:
                languages.append(language)
                then = then or state.source_text_then
        if languages:
            label = type(obj)._meta.get_field(field).verbose_name
            result.append(OutdatedField(field, str(label), languages, then, german))
    return result


def record_save(obj, *, german_before: dict, written: set, minor: bool) -> None:
    """Update the states after an admin save of `obj`.

    german_before: the German text of each tracked field before the save
    (missing keys mean "unchanged"); written: the localized field names
    whose value this save changed; minor: the editor's "typo fix" tick.
    """
    fields = tracked_fields(type(obj))
    if not fields:
        return
    content_type = ContentType.objects.get_for_model(type(obj), for_concrete_model=False)
    states = states_for(obj)
    for field in fields:
        german_now = normalise(getattr(obj, localized(field, SOURCE_LANGUAGE)) or "")
        german_then = normalise(german_before.get(field, german_now) or "")
        for language in TARGET_LANGUAGES:
            state = states.get((field, language))
            translation = getattr(obj, localized(field, language)) or ""
            if localized(field, language) in written:
                _remember(content_type, obj.pk, field, language, german_now, state)
            elif german_then == german_now:
                continue
            elif minor:
                # A typo fix carries along only what was current; outdated stays outdated.
                if state is not None and state.source_hash == fingerprint(german_then):
                    _remember(content_type, obj.pk, field, language, german_now, state)
            elif state is None and translation.strip():
                _remember(content_type, obj.pk, field, language, german_then, None)


def confirm_current(obj, languages=TARGET_LANGUAGES) -> None:
    """The translator has checked every translation into `languages` against today's German."""
    content_type = ContentType.objects.get_for_model(type(obj), for_concrete_model=False)
    states = states_for(obj)
    for field in tracked_fields(type(obj)):
        german_now = normalise(getattr(obj, localized(field, SOURCE_LANGUAGE)) or "")
        for language in languages:
            if (getattr(obj, localized(field, language)) or "").strip():
                state = states.get((field, language))
                _remember(content_type, obj.pk, field, language, german_now, state)


def forget(model, pks) -> None:
    """Drop the states of deleted objects, so that a new object with a reused id starts clean."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    TranslationState.objects.filter(content_type=content_type, object_id__in=list(pks)).delete()


def _remember(content_type, object_id, field, language, german, state):
    if state is None:
        TranslationState.objects.update_or_create(
            content_type=content_type,
            object_id=object_id,
            field=field,
            language=language,
            defaults={"source_hash": fingerprint(german), "source_text_then": german},
        )
    elif state.source_hash != fingerprint(german) or state.source_text_then != german:
        state.source_hash = fingerprint(german)
        state.source_text_then = german
        state.save(update_fields=["source_hash", "source_text_then", "updated_at"])
