"""Accepted interface texts on top of the repository's catalogues (locale/).

The .po files in locale/ stay the baseline; what translators accept (an
uploaded file, or one text changed in the browser) is stored as an
InterfaceText per message and language, with its history
(InterfaceTextChange) and undo. The running site applies them within a
minute (live.py); `manage.py export_interface_texts` writes them into the
catalogue for a commit, after which they are marked exported and the next
release carries them.

The rule that decides whether a stored text is in force is the same for the
running site, the downloads and the checks of an upload (`in_force`):

- a live text is in force;
- an exported text is in force only while the catalogue in use still has the
  translation it replaced (`baseline`): once the release with the exported
  file is deployed, the catalogue has the text itself, and should the
  repository have moved on since, the repository wins;
- an undone text is not (its translation is the catalogue's again).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.db import transaction
from django.utils import timezone

from kassel_integration.models import InterfaceText, InterfaceTextChange
from kassel_integration.translations import catalogue as ic

Status = InterfaceText.Status

# Messages that are parts of URL patterns (translated path segments such as
# "imprint/", or "contact.vcf"): the URL resolver keeps their translation per
# process, so they change only with a release (export, commit, deploy).
URL_PART = re.compile(r"[\w.<>:/-]*/|[\w-]+\.[a-z]{2,4}")


def is_url_part(msgid: str) -> bool:
    return URL_PART.fullmatch(msgid) is not None


message_key = InterfaceText.message_key


def in_force(status, baseline, catalogue_strings) -> bool:
    if status == Status.LIVE:
        return True
    if status == Status.EXPORTED:
        return list(baseline) == list(catalogue_strings)
    return False


# ---------------------------------------------------------------- the catalogue as it is in force
@dataclass(frozen=True)
class Message:
    context: str
    ids: tuple  # (msgid,) or (msgid, msgid_plural)
    strings: tuple  # the catalogue's translation, one per plural form

    @property
    def msgid(self):
        return self.ids[0]

    @property
    def key(self):
        return message_key(self.context, self.msgid)


@lru_cache(maxsize=16)
def _catalogue_messages(path, mtime_ns):
    catalog = ic.read_catalogue(path)
    return (
        {
            (message.context or "", ic.as_tuple(message.id)[0]): Message(
                message.context or "", ic.as_tuple(message.id), ic.as_tuple(message.string)
            )
            for message in catalog
            if message.id
        },
        catalog.num_plurals,
    )


def catalogue_messages(language) -> tuple[dict, int]:
    """The repository's messages of `language`: {(context, msgid): Message}, and its plural count.

    Read once per change of the file.
    """
    path = ic.catalogue_path(language)
    return _catalogue_messages(path, path.stat().st_mtime_ns)


def texts_in_force(language, messages=None) -> dict:
    """{(context, msgid): InterfaceText} of the stored texts in force for `language`."""
    if messages is None:
        messages, _plurals = catalogue_messages(language)
    found = {}
    for text in InterfaceText.objects.filter(language=language).exclude(status=Status.UNDONE):
        message = messages.get((text.context, text.msgid))
        if message is not None and in_force(text.status, text.baseline, message.strings):
            found[(text.context, text.msgid)] = text
    return found


def effective_strings(language) -> dict:
    """{(context, msgid): translation in force} for every message of the catalogue."""
    messages, _plurals = catalogue_messages(language)
    texts = texts_in_force(language, messages)
    return {
        key: tuple(texts[key].strings) if key in texts else message.strings
        for key, message in messages.items()
    }


def effective_catalogue(language, root=None):
    """The catalogue file of `language` (Babel) with every text in force written into it."""
    catalog = ic.read_catalogue(ic.catalogue_path(language, root))
    messages = {
        (m.context or "", ic.as_tuple(m.id)[0]): ic.as_tuple(m.string) for m in catalog if m.id
    }
    for text in InterfaceText.objects.filter(language=language).exclude(status=Status.UNDONE):
        key = (text.context, text.msgid)
        if key not in messages or not in_force(text.status, text.baseline, messages[key]):
            continue
        message = catalog.get(
            (text.msgid, text.msgid_plural) if text.msgid_plural else text.msgid,
            context=text.context or None,
        )
        if message is None or len(ic.as_tuple(message.string)) != len(text.strings):
            continue
        message.string = tuple(text.strings) if text.msgid_plural else text.strings[0]
        message.flags.discard("fuzzy")
    return catalog


def effective_bytes(language) -> bytes:
    return ic.catalogue_bytes(effective_catalogue(language))


# ---------------------------------------------------------------- changing texts
def _publish_after_commit():
    from kassel_integration.translations import live

    transaction.on_commit(live.publish)


@transaction.atomic
def accept(language, changes, user, source, upload=None) -> list[InterfaceTextChange]:
    """Store checked changes (catalogue.Change) as the texts in force, each with its history.

    The running site picks them up within a minute (live.py).
    """
    messages, _plurals = catalogue_messages(language)
    recorded = []
    for change in changes:
        message = messages.get((change.context or "", change.msgid[0]))
        if message is None:
            continue  # checked before; the catalogue changed in between
        done = _set_text(language, message, tuple(change.new), user, source, upload=upload)
        if done is not None:
            recorded.append(done)
    if recorded:
        _publish_after_commit()
    return recorded


def _set_text(language, message, new, user, source, upload=None, undoing=None):
    text = (
        InterfaceText.objects.select_for_update()
        .filter(language=language, context=message.context, msgid=message.msgid)
        .first()
    )
    if text is None:
        if new == message.strings:
            return None
        # Two translators saving the same new message at once: one row, both steps.
        created, _new = InterfaceText.objects.get_or_create(
            language=language,
            context=message.context,
            msgid=message.msgid,
            defaults={
                "msgid_plural": message.ids[1] if len(message.ids) > 1 else "",
                "strings": list(message.strings),
                "baseline": list(message.strings),
                "status": Status.UNDONE,
            },
        )
        text = InterfaceText.objects.select_for_update().get(pk=created.pk)
    old = (
        tuple(text.strings)
        if in_force(text.status, text.baseline, message.strings)
        else message.strings
    )
    if old == new:
        return None
    if text.status != Status.LIVE:
        # Starting again from the catalogue in use (after an undo or an export).
        text.baseline = list(message.strings)
    text.strings = list(new)
    text.status = Status.UNDONE if new == message.strings else Status.LIVE
    text.save()
    change = InterfaceTextChange.objects.create(
        text=text,
        old=list(old),
        new=list(new),
        source=source,
        upload=upload,
        changed_by=user,
    )
    if undoing is not None:
        InterfaceTextChange.objects.filter(pk=undoing.pk).update(undone=True)
    return change


def change_one(language, message, new, user) -> InterfaceTextChange | None:
    """One text changed in the browser (already checked); None if nothing changed."""
    with transaction.atomic():
        change = _set_text(language, message, tuple(new), user, InterfaceTextChange.Source.BROWSER)
        if change is not None:
            _publish_after_commit()
    return change


class UndoError(Exception):
    pass


def undo(change, user) -> InterfaceTextChange:
    """Take back the latest change of a text: its translation becomes what it was before."""
    with transaction.atomic():
        text = InterfaceText.objects.select_for_update().get(pk=change.text_id)
        latest = text.changes.order_by("-changed_at", "-pk").first()
        if latest is None or latest.pk != change.pk:
            raise UndoError
        messages, _plurals = catalogue_messages(text.language)
        message = messages.get((text.context, text.msgid))
        if message is None or len(change.old) != len(message.strings):
            raise UndoError
        done = _set_text(
            text.language,
            message,
            tuple(change.old),
            user,
            InterfaceTextChange.Source.UNDO,
            undoing=change,
        )
        if done is None:
            raise UndoError
        _publish_after_commit()
    return done


def mark_exported(language, catalog) -> int:
    """Texts that `catalog` (the repository's file, just written) now holds: exported."""
    strings = {
        (m.context or "", ic.as_tuple(m.id)[0]): list(ic.as_tuple(m.string))
        for m in catalog
        if m.id
    }
    marked = 0
    for text in InterfaceText.objects.filter(language=language, status=Status.LIVE):
        if strings.get((text.context, text.msgid)) == list(text.strings):
            text.status = Status.EXPORTED
            text.exported_at = timezone.now()
            text.save(update_fields=["status", "exported_at", "updated_at"])
            marked += 1
    return marked
