"""Version history: what is versioned, restoring one item, comparing, and history comments.

django-reversion stores a *revision* per save: the saved item and the inlines
it follows (`Tracked.follow`). A revision may hold more than one item: the content
loader once stored all shipped content in one, and a database loaded that way
keeps it. Reversion's own revert puts back a whole revision, so restoring one
item there reverted the office, deleted programme items of other events and
wiped a portrait. Here a restore is scoped at restore time, with reversion's
public Version API and Django's serializers:

- the item's version, and from the *same revision* only the versions of the
  rows it follows (goals of this field of action, not of another one);
- its current inline rows that the old version lacks are deleted, and nothing
  else: the deletion is refused if it would reach any other row;
- files are not versioned (a replaced image is deleted from storage, see
  images.py), so the history cannot bring one back: a restore keeps the
  current file of a row, with its size, copies and description, and says so.
  The editor removes it in the form ("Clear") if it should go, which is a
  visible decision, never a silent one. An inline row that holds a file is
  not deleted by a restore for the same reason; the form shows it, with its
  "Delete" box.

History comments are stored as Django's JSON change message (with field names
and model labels added) and rendered when read, in the reader's language.
"""

import json
from dataclasses import dataclass, field

import reversion
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import Collector
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext
from reversion.errors import RevertError

from kassel_integration.contributions import contributed
from kassel_integration.editorial.roles import translated_names


@dataclass(frozen=True)
class Tracked:
    """A model whose saves django-reversion keeps, contributed by its app.

    `follow`: its inlines (reverse foreign keys) edited with it and saved in
    the same revision, so that restoring it puts them back too.
    """

    label: str  # "app_label.ModelName"
    follow: tuple[str, ...] = ()


# The core's own content; the apps declare theirs in <app>/contributions.py.
CORE_TRACKED = (Tracked("kassel_integration.LegalPage"),)


def tracked() -> list[Tracked]:
    return [*CORE_TRACKED, *contributed(Tracked)]


def history_models() -> list[str]:
    """The labels of the versioned models: the core's, then each app's, in app order."""
    return [item.label for item in tracked()]


def history_follow() -> dict[str, tuple[str, ...]]:
    """label -> the inlines its revisions carry, for the models that have any."""
    return {item.label: item.follow for item in tracked() if item.follow}


# Stored as plain text by the content loader (and so in databases loaded before
# comments were stored as JSON); translated when shown.
LOADED = "Loaded from the source texts (load_kassel_content)"


def register_history():
    """Register the content models with reversion.

    Called from the admin module, after modeltranslation has added the
    per-language fields: reversion fixes the list of fields at registration.
    """
    for item in tracked():
        model = apps.get_model(item.label)
        if not reversion.is_registered(model):
            # Re-running the content loader must not pile up identical versions.
            reversion.register(model, follow=item.follow, ignore_duplicates=True)


def followed_relations(model):
    """The inlines a model's versions carry: (reverse foreign key, inline model)."""
    relations = []
    for name in history_follow().get(model._meta.label, ()):
        relation = model._meta.get_field(name)
        if not isinstance(relation, models.ManyToOneRel) or relation.many_to_many:
            raise TypeError(f"{model._meta.label}.{name}: only inlines (reverse foreign keys)")
        relations.append(relation)
    return relations


# ---------------------------------------------------------------- the initial load
def version_each_item(comment: str):
    """One revision per item, with its inlines: the first version of loaded content.

    Inline models (goals, programme items…) get a revision of their own only for
    rows that no parent carries.
    """
    inline_models = {
        relation.related_model
        for label in history_follow()
        for relation in followed_relations(apps.get_model(label))
    }
    models_in_order = [apps.get_model(label) for label in history_models()]
    covered = set()
    for model in [
        *(m for m in models_in_order if m not in inline_models),
        *(m for m in models_in_order if m in inline_models),
    ]:
        for obj in model._default_manager.order_by("pk"):
            if (model, obj.pk) in covered:
                continue
            with reversion.create_revision():
                reversion.set_comment(comment)
                reversion.add_to_revision(obj)
            covered.update(_with_inlines(obj))


def _with_inlines(obj):
    rows = {(type(obj), obj.pk)}
    for relation in followed_relations(type(obj)):
        for child in relation.related_model._default_manager.filter(**{relation.field.name: obj}):
            rows.update(_with_inlines(child))
    return rows


# ---------------------------------------------------------------- restore
@dataclass
class Restored:
    """What a restore did besides putting the old values back."""

    obj: models.Model
    kept_files: list = field(default_factory=list)  # (field label, item)
    missing_files: list = field(default_factory=list)  # (field label, item)
    kept_rows: list = field(default_factory=list)  # inline rows with files, not deleted
    kept_fields: list = field(default_factory=list)  # labels of fields kept as they are


def _data(version) -> dict:
    if version.format != "json":
        raise RevertError(gettext("This version was stored in a format that cannot be restored."))
    try:
        [data] = json.loads(version.serialized_data)
    except ValueError:
        raise RevertError(gettext("This version is damaged and cannot be restored.")) from None
    return data


def _model_of(version):
    return ContentType.objects.get_for_id(version.content_type_id).model_class()


def _scope(version, data, revision_versions):
    """The version and, from its revision, the versions of the rows it follows."""
    model = _model_of(version)
    scope = [(model, version, data)]
    for relation in followed_relations(model):
        content_type = ContentType.objects.get_for_model(relation.related_model)
        for child in revision_versions:
            if child.content_type_id != content_type.pk or child.db != version.db:
                continue
            child_data = _data(child)
            if str(child_data["fields"].get(relation.field.name)) == str(version.object_id):
                scope += _scope(child, child_data, revision_versions)
    return scope


def _file_companions(model, file_field):
    """The fields stored with a file: its size, copies, description and their translations."""
    names = [file_field.name]
    for option in ("width_field", "height_field", "renditions_field", "decorative_field"):
        if getattr(file_field, option, None):
            names.append(getattr(file_field, option))
    alt = getattr(file_field, "alt_field", None)
    if alt:
        names += [alt, *(f"{alt}_{code}" for code, _name in settings.LANGUAGES)]
    concrete = {f.name for f in model._meta.concrete_fields}
    return [name for name in names if name in concrete]


def _current_fields(obj) -> dict:
    return json.loads(serializers.serialize("json", [obj]))[0]["fields"]


def _keep_files(model, data, current, restored: Restored):
    """Never change or drop a file by restoring (files are not versioned)."""
    fields = data["fields"]
    current_fields = _current_fields(current) if current is not None else {}
    for file_field in model._meta.concrete_fields:
        if not isinstance(file_field, models.FileField):
            continue
        old = fields.get(file_field.name) or ""
        now = current_fields.get(file_field.name) or ""
        if old == now:
            continue
        old_exists = bool(old) and file_field.storage.exists(old)
        if not now and old_exists:
            continue  # the old file is still there: restoring it loses nothing
        item = current if current is not None else model(pk=data.get("pk"))
        label = capfirst(file_field.verbose_name)
        for name in _file_companions(model, file_field):
            if current is not None:
                fields[name] = current_fields.get(name)
            elif name == file_field.name:
                fields[name] = ""
        if now:
            restored.kept_files.append((label, item))
        else:
            restored.missing_files.append((label, item))


def _check_references(model, data):
    """A version that points to a row deleted since cannot be saved: say so, do not fail."""
    fields = data["fields"]
    for model_field in model._meta.concrete_fields:
        value = fields.get(model_field.name)
        if model_field.many_to_one and value is not None:
            target = model_field.remote_field.model
            if not target._default_manager.filter(pk=value).exists():
                raise RevertError(
                    gettext("This version cannot be restored: its “%(field)s” no longer exists.")
                    % {"field": model_field.verbose_name}
                )
    for model_field in model._meta.many_to_many:
        values = fields.get(model_field.name)
        if values:
            target = model_field.remote_field.model
            existing = set(
                target._default_manager.filter(pk__in=values).values_list("pk", flat=True)
            )
            fields[model_field.name] = [v for v in values if v in existing]


def _delete_rows(rows, allowed_models, using):
    """Delete inline rows added since; refuse if that would reach any other row."""
    if not rows:
        return
    collector = Collector(using=using)
    collector.collect(rows)
    reached = set(collector.data) | {qs.model for qs in collector.fast_deletes}
    allowed = set(allowed_models)
    for model in allowed_models:
        allowed |= {
            m2m.remote_field.through
            for m2m in model._meta.many_to_many
            if m2m.remote_field.through._meta.auto_created
        }
    if not reached <= allowed or collector.field_updates:
        raise RevertError(
            gettext(
                "This version cannot be restored: removing the rows added since would change "
                "other items."
            )
        )
    collector.delete()


def restore_version(version, keep=()) -> Restored:
    """Put back one item as it was in `version`, with its own inlines; nothing else.

    `keep` names fields of the item that keep their current value (the
    publication state for people who may not publish). Must run inside a
    transaction (the admin's restore view rolls back when only looking).
    """
    data = _data(version)
    model = _model_of(version)
    revision_versions = list(version.revision.version_set.all())
    scope = _scope(version, data, revision_versions)
    in_scope = {(m, str(v.object_id)) for m, v, _d in scope}
    current = model._default_manager.using(version.db).filter(pk=data["pk"]).first()
    restored = Restored(obj=current)

    if keep:
        current_fields = _current_fields(current) if current is not None else {}
        for name in keep:
            model_field = model._meta.get_field(name)
            value = current_fields[name] if current is not None else model_field.get_default()
            if data["fields"].get(name) != value:
                restored.kept_fields.append(capfirst(model_field.verbose_name))
            data["fields"][name] = value

    # Inline rows added since the version: delete, unless they hold a file.
    to_delete, allowed = [], set()
    for parent_model, parent_version, _parent_data in scope:
        for relation in followed_relations(parent_model):
            child_model = relation.related_model
            rows = child_model._default_manager.using(version.db).filter(
                **{relation.field.name: parent_version.object_id}
            )
            for row in rows:
                if (child_model, str(row.pk)) in in_scope:
                    continue
                if any(
                    isinstance(f, models.FileField) and getattr(row, f.attname)
                    for f in child_model._meta.concrete_fields
                ):
                    restored.kept_rows.append(row)
                    continue
                to_delete.append(row)
                allowed.add(child_model)
    _delete_rows(to_delete, allowed, version.db)

    for row_model, row_version, row_data in scope:
        row_current = (
            current
            if row_version is version
            else row_model._default_manager.using(version.db).filter(pk=row_data["pk"]).first()
        )
        _keep_files(row_model, row_data, row_current, restored)
        _check_references(row_model, row_data)
        [obj] = serializers.deserialize("json", json.dumps([row_data]), ignorenonexistent=True)
        try:
            with transaction.atomic(using=version.db):
                obj.save(using=version.db)
        except IntegrityError:
            raise RevertError(
                gettext(
                    "This version cannot be restored: it conflicts with the current content "
                    "(for example, another item now has its address). Change it by hand instead."
                )
            ) from None
    restored.obj = model._default_manager.using(version.db).get(pk=data["pk"])
    return restored


# ---------------------------------------------------------------- compare
def _local(moment) -> str:
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "DATETIME_FORMAT")


def _related_names(model, pks) -> str:
    objects = model._default_manager.filter(pk__in=pks)
    found = {obj.pk: str(obj) for obj in objects}
    return ", ".join(sorted(found.get(pk, f"#{pk}") for pk in pks))


def as_text(model_field, value) -> str:
    """A stored value as a person reads it, in their language and local time."""
    if value is None:
        return ""
    if model_field.many_to_many:
        return _related_names(model_field.remote_field.model, value)
    if model_field.many_to_one:
        return _related_names(model_field.remote_field.model, [value])
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(model_field, models.DateTimeField):
        return _local(value)
    if isinstance(model_field, models.DateField):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(model_field, models.TimeField):
        return formats.time_format(value, "TIME_FORMAT")
    if isinstance(model_field, models.FileField):
        return str(getattr(value, "name", value) or "")
    return str(value)


def changed_fields(model, older, newer, word_diff, skip=()):
    """The fields that differ between two versions: label, old HTML, new HTML."""
    old_data, new_data = older.field_dict, newer.field_dict
    # modeltranslation's original field only mirrors the German one.
    mirrors = translated_names(model)
    rows = []
    for model_field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if model_field.primary_key or not model_field.editable or model_field.name in mirrors:
            continue
        if model_field.name in skip or (
            model_field.many_to_many and model_field.attname not in new_data
        ):
            continue
        old = as_text(model_field, old_data.get(model_field.attname))
        new = as_text(model_field, new_data.get(model_field.attname))
        if old != new:
            rows.append((model_field.verbose_name, *word_diff(old, new)))
    return rows


def _children(version, relation):
    content_type = ContentType.objects.get_for_model(relation.related_model)
    children = version.revision.version_set.filter(content_type=content_type, db=version.db)
    return {
        child.object_id: child
        for child in children
        if str(child.field_dict.get(relation.field.attname)) == str(version.object_id)
    }


def _name(version) -> str:
    """The row's name in the reader's language (the stored one is the saver's)."""
    try:
        [obj] = serializers.deserialize(
            version.format, version.serialized_data, ignorenonexistent=True
        )
        return str(obj.object)
    except (ObjectDoesNotExist, ValueError, serializers.base.DeserializationError):
        return version.object_repr


def changed_inlines(model, older, newer, word_diff):
    """Per inline (goals, programme…): the rows added, removed and changed."""
    sections = []
    for relation in followed_relations(model):
        child_model = relation.related_model
        old, new = _children(older, relation), _children(newer, relation)
        changed = []
        for key in sorted(old.keys() & new.keys(), key=lambda k: (len(k), k)):
            rows = changed_fields(
                child_model, old[key], new[key], word_diff, skip={relation.field.name}
            )
            if rows:
                changed.append((_name(new[key]), rows))
        added = [_name(new[k]) for k in sorted(new.keys() - old.keys(), key=lambda k: (len(k), k))]
        removed = [
            _name(old[k]) for k in sorted(old.keys() - new.keys(), key=lambda k: (len(k), k))
        ]
        if added or removed or changed:
            sections.append(
                {
                    "label": capfirst(child_model._meta.verbose_name_plural),
                    "added": added,
                    "removed": removed,
                    "changed": changed,
                }
            )
    return sections


# ---------------------------------------------------------------- comments
def enrich_change_message(message, form, formsets, add):
    """Django's change message, with field names and model labels for rendering later.

    Django stores the form's labels untranslated; a translated field's label
    ("Title [de]") has no translation of its own, so the names are kept too.
    """
    extras = []
    if add:
        extras.append({})
    elif form.changed_data:
        extras.append({"names": list(form.changed_data)})
    for formset in formsets or ():
        label = formset.model._meta.label_lower
        extras += [{"model": label} for _obj in formset.new_objects]
        extras += [
            {"model": label, "names": list(names)} for _obj, names in formset.changed_objects
        ]
        extras += [{"model": label} for _obj in formset.deleted_objects]
    if len(extras) == len(message):
        for entry, extra in zip(message, extras, strict=True):
            next(iter(entry.values())).update(extra)
    return message


def _labels(model, names, stored):
    labels = []
    for index, name in enumerate(names or ()):
        try:
            labels.append(str(capfirst(model._meta.get_field(name).verbose_name)))
        except (FieldDoesNotExist, AttributeError):
            fallback = stored[index] if index < len(stored) else name
            labels.append(gettext(fallback))
    if not names:
        labels = [gettext(label) for label in stored]
    return labels


def _model(label):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError, TypeError):
        return None


def _entry_text(entry, model) -> str | None:
    from kassel_integration.models import ReviewEvent

    if "added" in entry:
        added = entry["added"]
        if not added.get("name"):
            return gettext("Added.")
        inline = _model(added.get("model"))
        name = inline._meta.verbose_name if inline else gettext(added["name"])
        return gettext("Added {name} “{object}”.").format(name=name, object=added["object"])
    if "changed" in entry:
        changed = entry["changed"]
        if changed.get("name"):
            inline = _model(changed.get("model"))
            fields = (
                _labels(inline, changed.get("names"), changed.get("fields", []))
                if inline
                else [gettext(label) for label in changed.get("fields", [])]
            )
            name = inline._meta.verbose_name if inline else gettext(changed["name"])
            return gettext("Changed {fields} for {name} “{object}”.").format(
                fields=get_text_list(fields, gettext("and")), name=name, object=changed["object"]
            )
        fields = _labels(model, changed.get("names"), changed.get("fields", []))
        return gettext("Changed {fields}.").format(fields=get_text_list(fields, gettext("and")))
    if "deleted" in entry:
        deleted = entry["deleted"]
        inline = _model(deleted.get("model"))
        name = inline._meta.verbose_name if inline else gettext(deleted["name"])
        return gettext("Deleted {name} “{object}”.").format(name=name, object=deleted["object"])
    if "review" in entry:
        try:
            action = ReviewEvent.Action(entry["review"]["action"]).label
        except (KeyError, ValueError):
            return None
        return gettext("Review step: %(action)s.") % {"action": action}
    if "restored" in entry:
        moment = parse_datetime(entry["restored"].get("date") or "")
        if moment is None:
            return gettext("Restored an earlier version.")
        return gettext("Restored the version of %(date)s.") % {"date": _local(moment)}
    return None


def render_comment(comment: str, model) -> str:
    """A revision's comment in the reader's language."""
    if comment == LOADED:
        return gettext("Loaded from the source texts (load_kassel_content)")
    if not comment.startswith("["):
        return comment  # written as text before comments were stored as JSON
    try:
        entries = json.loads(comment)
    except ValueError:
        return comment
    texts = [
        text for entry in entries if isinstance(entry, dict) and (text := _entry_text(entry, model))
    ]
    if not texts:
        return gettext("No fields changed.")
    return " ".join(text[0].upper() + text[1:] for text in texts)


def restored_entry(version) -> dict:
    return {"restored": {"date": version.revision.date_created.isoformat()}}


def review_entry(event) -> dict:
    return {"review": {"action": event.action}}
