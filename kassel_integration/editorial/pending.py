"""Changes to live content kept for review (drafts of live pages, as in Wagtail).

Someone who may not publish (an editor, a translator) saves a change to an item
the public sees: a published item, or a legal page (always live). The admin
runs the normal form and save, so every check and every derived value is the
same as for a direct save, but inside a transaction that is rolled back: what
the save wrote (the item, the inline rows edited with it, their translation
states) is serialised into a PendingChange instead. The public page keeps the
published version; public pages never look at pending changes, so they cost
them no query.

While a change is pending, the item's form, its preview and a further save
start from the pending version: it is written into the database inside a
transaction that is rolled back after the response is rendered (signals
muted, as when the history shows an old version). A second save by an editor
or a translator replaces the pending version (their translations of a pending
German text wait with it). A reviewer's save publishes it, with their
corrections; the reviewer may also publish it unchanged, send it back with a
comment (it stays, for its authors to rework) or discard it.

Rows added by the pending change have no id in the database yet: they are
stored with the id the rolled-back save gave them (PostgreSQL never hands that
number out again; SQLite may, so a taken id is replaced by a new one).
Files are stored on upload, so a pending change's new image or document is in
storage before it is published; a discarded change leaves it there.
"""

import json
from contextlib import contextmanager

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone
from reversion.utils import mute_signals

from kassel_integration.editorial.history import followed_relations
from kassel_integration.editorial.roles import translated_names
from kassel_integration.models import PendingChange, Publishable, TranslationState


def content_type(model):
    return ContentType.objects.get_for_model(model, for_concrete_model=False)


def pending_for(obj):
    """The item's pending change, or None (one query; never run by public pages)."""
    if obj is None or obj.pk is None:
        return None
    return (
        PendingChange.objects.filter(content_type=content_type(type(obj)), object_id=obj.pk)
        .select_related("created_by", "updated_by")
        .first()
    )


def is_live(model, stored_status) -> bool:
    """Whether the public sees the item's saves at once: published items and legal pages."""
    if issubclass(model, Publishable):
        return stored_status == Publishable.Status.PUBLISHED
    return True


# ---------------------------------------------------------------- snapshots
def _serialise(obj) -> dict:
    return json.loads(serializers.serialize("json", [obj]))[0]


def rows_of(obj) -> list:
    """The item and the inline rows its history follows, as stored now."""
    rows = [obj]
    for relation in followed_relations(type(obj)):
        children = relation.related_model._default_manager.filter(
            **{relation.field.name: obj.pk}
        ).order_by("pk")
        rows += list(children)
    return rows


def snapshot(obj, live_keys=frozenset()) -> dict:
    """The item as the database holds it now, to be stored as a pending change.

    live_keys: (model label, pk) of the rows the public version has; the others
    are new and get a new id if theirs is taken when the change is applied.
    """
    rows = []
    states = []
    for row in rows_of(obj):
        data = _serialise(row)
        data["new"] = (data["model"], str(data["pk"])) not in live_keys
        rows.append(data)
        for state in TranslationState.objects.filter(
            content_type=content_type(type(row)), object_id=row.pk
        ).order_by("pk"):
            states.append(
                {
                    "model": data["model"],
                    "pk": row.pk,
                    "field": state.field,
                    "language": state.language,
                    "source_hash": state.source_hash,
                    "source_text_then": state.source_text_then,
                }
            )
    return {"rows": rows, "states": states}


def keys(obj) -> frozenset:
    return frozenset((row._meta.label_lower, str(row.pk)) for row in rows_of(obj))


def _editable_values(row) -> dict:
    """The row's content: editable fields, without modeltranslation's original
    (it mirrors the active language on every save), an empty text as "" whether
    stored as NULL or not."""
    model = apps.get_model(row["model"])
    mirrors = translated_names(model)
    fields = {}
    for name, value in row["fields"].items():
        try:
            model_field = model._meta.get_field(name)
        except LookupError:
            continue
        if model_field.editable and name not in mirrors:
            fields[name] = "" if value is None else value
    return fields


def same_content(one: dict, other: dict) -> bool:
    """Whether two snapshots hold the same content (timestamps and new ids aside)."""

    def content(snap):
        rows = sorted(
            (
                (row["model"], "" if row.get("new") else str(row["pk"])),
                json.dumps(_editable_values(row), sort_keys=True),
            )
            for row in snap["rows"]
        )
        states = sorted(
            (s["model"], s["field"], s["language"], s["source_hash"]) for s in snap["states"]
        )
        return rows, states

    return content(one) == content(other)


# ---------------------------------------------------------------- applying
def apply(obj, data) -> None:
    """Write a pending version over the item and its inlines (inside a transaction)."""
    model = type(obj)
    rows = data["rows"]
    live = keys(obj)
    wanted = {(row["model"], str(row["pk"])) for row in rows}
    # Inline rows the pending version no longer has.
    for relation in followed_relations(model):
        child = relation.related_model
        gone = [pk for label, pk in live if label == child._meta.label_lower]
        gone = [pk for pk in gone if (child._meta.label_lower, pk) not in wanted]
        if gone:
            child._default_manager.filter(pk__in=gone).delete()
    new_ids = {}
    for row in rows:
        row_model = apps.get_model(row["model"])
        stored = {"model": row["model"], "pk": row["pk"], "fields": dict(row["fields"])}
        for relation in followed_relations(model):
            if relation.related_model is row_model:
                stored["fields"][relation.field.name] = obj.pk
        taken = row_model._default_manager.filter(pk=row["pk"])
        if row.get("new") and (row["model"], str(row["pk"])) not in live and taken.exists():
            stored["pk"] = None  # SQLite gave the id to another row meanwhile
        [restored] = serializers.deserialize("python", [stored], ignorenonexistent=True)
        current = taken.first() if stored["pk"] is not None else None
        if current is not None:
            # What the form never writes (created_at…) stays as stored: JSON keeps
            # times to the millisecond only. The publication state and window are
            # the reviewers' and stay as they are now (those who wait for review
            # cannot change them; a reviewer may have since).
            kept = (*Publishable.SCHEDULE_FIELDS, "status") if row_model is model else ()
            for model_field in row_model._meta.concrete_fields:
                if model_field.name in kept or not (
                    model_field.editable or model_field.primary_key
                ):
                    value = getattr(current, model_field.attname)
                    setattr(restored.object, model_field.attname, value)
        restored.save()
        new_ids[(row["model"], str(row["pk"]))] = restored.object.pk
    # Translation states: as the pending save left them.
    targets = set(live) | {(label, str(pk)) for (label, _old), pk in new_ids.items()}
    for label, pk in targets:
        TranslationState.objects.filter(
            content_type=content_type(apps.get_model(label)), object_id=pk
        ).delete()
    for state in data["states"]:
        row_model = apps.get_model(state["model"])
        object_id = new_ids.get((state["model"], str(state["pk"])))
        if object_id is None:
            continue
        TranslationState.objects.create(
            content_type=content_type(row_model),
            object_id=object_id,
            field=state["field"],
            language=state["language"],
            source_hash=state["source_hash"],
            source_text_then=state["source_text_then"],
        )


QUIET = (pre_save, post_save, pre_delete, post_delete, m2m_changed)


def quiet():
    """No page cache, search index or file clean-up for writes that are rolled back."""
    return mute_signals(*QUIET)


class _RolledBack(Exception):  # noqa: N818 - control flow, not an error
    def __init__(self, result):
        super().__init__()
        self.result = result


@contextmanager
def looking_at(obj, pending):
    """Inside: the database holds the pending version; afterwards nothing changed."""
    try:
        with transaction.atomic():
            if pending is not None:
                with quiet():
                    apply(obj, pending.data)
            holder = []
            yield holder
            raise _RolledBack(holder)
    except _RolledBack:
        pass


def store(obj, data, user, existing):
    """Save `data` as the item's pending change (a new one or the existing one, updated)."""
    now = timezone.now()
    if existing is None:
        change = PendingChange.objects.create(
            content_type=content_type(type(obj)),
            object_id=obj.pk,
            object_repr=str(obj)[:300],
            data=data,
            created_by=user,
            created_at=now,
            updated_by=user,
            updated_at=now,
        )
    else:
        change = existing
        change.data = data
        change.object_repr = str(obj)[:300]
        change.state = PendingChange.State.REVIEW
        change.updated_by = user
        change.updated_at = now
        change.save()
    change.contributors.add(user)
    return change
