"""The shipped content as data: seed files in TOML, and the one rule that loads them.

Where seeds live: every installed app may ship a ``seeds/`` folder of ``*.toml``
files; nothing else declares them, and the core names no app. They are loaded
app by app in the order of ``INSTALLED_APPS`` and, within an app, in the order
of their file names (hence the number in front). A file may refer to rows that
files loaded before it create: its own app's earlier files and the apps listed
before it in the settings. The settings list the core first and each domain app
after the apps it builds on, so no file needs to name its dependencies; a
reference to a row that does not exist stops the load, saying which file, row
and key, and nothing is written.

A seed file holds the rows of one model (see README.md, "Content seeds")::

    model = "<app label>.<Model>"
    key = "slug"                  # the natural key: one field or a list, never the id

    [[<model name>]]              # one table per row, named like the model in lower case
    slug = "…"
    kind = "…"                    # values as stored (choices by their value)
    parent = "…"                  # a foreign key: the natural key of the row it names
    name.<language> = "…"         # a translated field: one key per language code

Optional settings of a file:

- ``create_only``: fields set when a row is created and then left to the office
  (``true`` for all of them: an existing row is kept as it is).
- ``[inlines.<relation>]`` with ``key`` (and ``create_only``, ``prune``): rows
  edited with their parent (an office's tasks, an event's programme), given as
  ``[[<model name>.<relation>]]`` inside the parent's row and found by the parent
  and their own key. With ``prune = true`` the seed is the whole list: the
  parent's other rows of that relation are deleted.

Values: text, numbers, true/false, dates (``2025-01-14``) and times of day in the
portal's time zone (``2024-07-11T09:30:00``). A many-to-many field is a list of
natural keys. A foreign key given as a table (``[<row>.quote]``) is a row owned
by this one: created with it, updated in place, and deleted when its row is
pruned, unless something else still refers to it. A file field names a file
beside the seed; it is stored like an upload, once: a file the office has
replaced is not put back. There is no "empty" value in TOML: a field a row does
not name is left as it is (a new row gets the model's default). A translated
field takes the languages of ``settings.LANGUAGES``; a language the row does not
give is set empty, and keys of languages the portal does not have are skipped,
so adding a language is adding keys.

The rule (one for every row): find the row by its natural key, set the values
the seed gives, and save only if one of them differs from what is stored (rich
text compared as it is stored, i.e. sanitised). Reloading unchanged content
therefore writes nothing: no "last updated" moves, no signal fires, no cached
page is dropped. A row that is created or changed is validated like a form
would (``full_clean``) before it is saved. Texts are written with the default
language active, so the untranslated column that modeltranslation keeps beside
the translations always holds the default language, whoever runs the load.
"""

import datetime
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files import File
from django.db import models
from django.utils import timezone, translation
from modeltranslation import settings as modeltranslation_settings
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from kassel_integration.content.line_endings import normalise
from kassel_integration.content.richtext import RichTextField, sanitize

FILE_SETTINGS = {"model", "key", "create_only", "inlines"}
INLINE_SETTINGS = {"key", "create_only", "prune"}


class SeedError(Exception):
    """A seed file that cannot be loaded as it is; the message says where and why."""


def seed_files():
    """Every app's seed files: apps in INSTALLED_APPS order, files in name order."""
    for app_config in apps.get_app_configs():
        folder = Path(app_config.path) / "seeds"
        if folder.is_dir():
            yield from sorted(folder.glob("*.toml"))


@dataclass
class Spec:
    """How rows of one model are found and written (a file, or an inline of one)."""

    model: type[models.Model]
    key: tuple[str, ...]
    create_only: frozenset[str] | bool = frozenset()
    prune: bool = False
    # Reverse foreign key name -> spec of the rows edited with the parent.
    inlines: dict[str, "Spec"] = field(default_factory=dict)
    parent_field: models.ForeignKey | None = None


@dataclass
class Seed:
    path: Path
    spec: Spec
    rows: list[dict]


@dataclass
class Tally:
    """What loading one seed file did, for the log."""

    rows: Counter = field(default_factory=Counter)  # label -> rows in the seed
    created: int = 0
    changed: int = 0
    deleted: int = 0
    outcomes: list = field(default_factory=list)  # (key, created?) for create-only seeds


def read_seed(path: Path) -> Seed:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise SeedError(f"{path}: not valid TOML: {error}") from error
    try:
        model = apps.get_model(data.pop("model"))
    except (KeyError, LookupError, ValueError, TypeError, AttributeError) as error:
        raise SeedError(
            f'{path}: needs model = "<app label>.<Model>" of an installed app'
        ) from error
    spec = _spec(model, data, path)
    rows = data.pop(model._meta.model_name, [])
    unknown = sorted(set(data) - FILE_SETTINGS)
    if unknown or not isinstance(rows, list):
        raise SeedError(
            f"{path}: unknown settings {unknown}; the rows of {model._meta.label} "
            f"go in [[{model._meta.model_name}]] tables"
        )
    return Seed(path, spec, rows)


def _spec(model, data, where, parent_field=None) -> Spec:
    key = data.pop("key", None)
    if not key:
        raise SeedError(f"{where}: {model._meta.label} needs a natural key (key = ...)")
    key = (key,) if isinstance(key, str) else tuple(key)
    create_only = data.pop("create_only", frozenset())
    if not isinstance(create_only, bool):
        create_only = frozenset(create_only)
    spec = Spec(
        model,
        key,
        create_only,
        prune=data.pop("prune", False),
        parent_field=parent_field,
    )
    for name in (*key, *([] if isinstance(create_only, bool) else create_only)):
        _field(model, name, where)
    for name, settings_ in data.pop("inlines", {}).items():
        relation = _field(model, name, where)
        if not isinstance(relation, models.ManyToOneRel):
            raise SeedError(f"{where}: {model._meta.label}.{name} is not an inline relation")
        settings_ = dict(settings_)
        unknown = sorted(set(settings_) - INLINE_SETTINGS)
        if unknown:
            raise SeedError(f"{where}: unknown settings of inline {name}: {unknown}")
        spec.inlines[name] = _spec(relation.related_model, settings_, where, relation.field)
    return spec


def _field(model, name, where):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist as error:
        raise SeedError(f"{where}: {model._meta.label} has no field {name!r}") from error


def translated_fields(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


class Loader:
    """Applies the rule to every row of the given seeds; one instance per load."""

    def __init__(self, seeds, log=lambda line: None):
        self.seeds = list(seeds)
        self.log = log
        self.languages = [code for code, _name in settings.LANGUAGES]
        self.default_language = modeltranslation_settings.DEFAULT_LANGUAGE
        # How rows of each model are found when another row refers to them.
        self.keys = {}
        for seed in self.seeds:
            known = self.keys.setdefault(seed.spec.model, seed.spec.key)
            if known != seed.spec.key:
                raise SeedError(
                    f"{seed.path}: {seed.spec.model._meta.label} is found by {known} in "
                    f"another seed file, here by {seed.spec.key}"
                )
        self.found = {}  # (model, natural key) -> pk

    def load(self):
        with translation.override(self.default_language):
            for seed in self.seeds:
                tally = Tally()
                for number, row in enumerate(seed.rows, start=1):
                    where = f"{seed.path}, [[{seed.spec.model._meta.model_name}]] no. {number}"
                    self.upsert(seed.spec, row, tally, where, seed.path.parent)
                for line in self.describe(seed.spec, tally):
                    self.log(line)

    # ------------------------------------------------------------ one row
    def upsert(self, spec, row, tally, where, folder, parent=None, label=None):
        """Find the row by its natural key, set what the seed gives, save only what changed."""
        model = spec.model
        tally.rows[label] += 1
        if not isinstance(row, dict):
            raise SeedError(f"{where}: a row must be a table")
        values, many, inlines, owned, files = self.split(spec, row, where, folder)
        lookup = self.key_lookup(spec, values, where)
        if parent is not None:
            values[spec.parent_field.attname] = lookup[spec.parent_field.attname] = parent.pk
        obj = self.get(model, lookup, where)
        created = obj is None
        if created:
            obj = model(**values)
        elif spec.create_only is True:
            tally.outcomes.append((self.key_text(spec, lookup), False))
            return obj
        else:
            values = {
                name: value
                for name, value in values.items()
                if self.field_name(model, name) not in spec.create_only
            }
        changed = [name for name, value in values.items() if not self.same(obj, name, value)]
        for name, value in values.items():
            setattr(obj, name, value)
        for model_field, data in owned.items():
            pk = getattr(obj, model_field.attname)
            current = None if pk is None else model_field.related_model._default_manager.get(pk=pk)
            target = self.upsert_owned(
                model_field.related_model, data, current, tally, f"{where}, {model_field.name}"
            )
            if pk != target.pk:
                setattr(obj, model_field.attname, target.pk)
                changed.append(model_field.attname)
        for name, path in files.items():
            if not getattr(obj, name):
                with path.open("rb") as handle:
                    getattr(obj, name).save(path.name, File(handle), save=False)
                changed.append(name)
        if created or changed:
            self.validate(obj, where)
            obj.save(force_insert=created)
            if created:
                tally.created += 1
            else:
                tally.changed += 1
        if spec.create_only is True:
            tally.outcomes.append((self.key_text(spec, lookup), True))
        m2m_changed = False
        for name, keys in many.items():
            related = model._meta.get_field(name).related_model
            pks = [self.resolve(related, key, f"{where}, {name}") for key in keys]
            manager = getattr(obj, name)
            if set(manager.values_list("pk", flat=True)) != set(pks):
                manager.set(pks)
                m2m_changed = True
        if m2m_changed and not (created or changed):
            tally.changed += 1
        for name, rows in inlines.items():
            self.load_inline(spec.inlines[name], name, rows, obj, tally, where, folder)
        return obj

    def upsert_owned(self, model, data, current, tally, where):
        """A row that belongs to the one referring to it (it has no natural key of its own)."""
        values, many, inlines, owned, files = self.split(Spec(model, key=()), data, where, None)
        if many or inlines or owned or files:
            raise SeedError(f"{where}: an owned row takes plain values only")
        if current is None:
            obj = model(**values)
            self.validate(obj, where)
            obj.save(force_insert=True)
            tally.created += 1
            return obj
        changed = [name for name, value in values.items() if not self.same(current, name, value)]
        if changed:
            for name in changed:
                setattr(current, name, values[name])
            self.validate(current, where)
            current.save()
            tally.changed += 1
        return current

    def load_inline(self, spec, name, rows, parent, tally, where, folder):
        if not isinstance(rows, list):
            raise SeedError(f"{where}: {name} must be a list of tables ([[…{name}]])")
        kept = []
        for number, row in enumerate(rows, start=1):
            child = self.upsert(
                spec, row, tally, f"{where}, {name} no. {number}", folder, parent, label=name
            )
            kept.append(child.pk)
        if spec.prune:
            self.prune(spec, rows, parent, kept, tally)

    def prune(self, spec, rows, parent, kept, tally):
        """Delete the parent's rows of this inline that the seed does not have.

        Rows they owned (an event's quotes) go with them, unless something else
        still refers to one (a quote that is also on the office page).
        """
        stale = spec.model._default_manager.filter(**{spec.parent_field.name: parent}).exclude(
            pk__in=kept
        )
        owned_fields = {
            spec.model._meta.get_field(name)
            for row in rows
            for name, value in row.items()
            if isinstance(value, dict) and name not in translated_fields(spec.model)
        }
        owned = {
            model_field: list(stale.values_list(model_field.attname, flat=True))
            for model_field in owned_fields
        }
        tally.deleted += stale.delete()[1].get(spec.model._meta.label, 0)
        for model_field, pks in owned.items():
            target_model = model_field.related_model
            for target in target_model._default_manager.filter(pk__in=pks):
                if not self.referred_to(target):
                    target.delete()
                    tally.deleted += 1

    @staticmethod
    def referred_to(obj):
        """Whether any row still points at `obj` (through a foreign key or many-to-many)."""
        for relation in obj._meta.related_objects:
            manager = relation.related_model._default_manager
            if manager.filter(**{relation.field.name: obj}).exists():
                return True
        return False

    # ------------------------------------------------------------ values
    def split(self, spec, row, where, folder):
        """The row's values by attribute name, and what is set after the row is saved."""
        model = spec.model
        translated = translated_fields(model)
        values, many, inlines, owned, files = {}, {}, {}, {}, {}
        for name, value in row.items():
            if name in spec.inlines:
                inlines[name] = value
                continue
            model_field = _field(model, name, where)
            if model_field.is_relation and not model_field.concrete:
                raise SeedError(f"{where}: {name} is a relation the file declares no inline for")
            if model_field.primary_key and model_field.auto_created:
                raise SeedError(f"{where}: {name}: seeds name rows by natural keys, not by ids")
            if isinstance(model_field, models.ManyToManyField):
                if not isinstance(value, list):
                    raise SeedError(f"{where}: {name} must be a list of natural keys")
                many[name] = value
            elif model_field.many_to_one or model_field.one_to_one:
                if isinstance(value, dict):
                    owned[model_field] = value
                else:
                    values[model_field.attname] = self.resolve(
                        model_field.related_model, value, f"{where}, {name}"
                    )
            elif name in translated:
                if not isinstance(value, dict):
                    raise SeedError(
                        f"{where}: {name} is translated: give it per language ({name}.de = …)"
                    )
                self.check_languages(value, f"{where}, {name}")
                for code in self.languages:
                    localized = model._meta.get_field(build_localized_fieldname(name, code))
                    text = value.get(code, "")
                    values[localized.attname] = self.convert(localized, text, where)
            elif isinstance(model_field, models.FileField):
                files[name] = self.seed_file(value, where, folder)
            else:
                values[model_field.attname] = self.convert(model_field, value, where)
        return values, many, inlines, owned, files

    def convert(self, model_field, value, where):
        if isinstance(value, dict | list):
            raise SeedError(f"{where}: {model_field.name} takes a single value")
        if isinstance(value, str):
            value = normalise(value)
            if value == "":
                # modeltranslation's empty value: NULL for slugs, so that the
                # per-language unique constraints ignore a missing translation.
                value = getattr(model_field, "empty_value", "")
        if isinstance(value, datetime.datetime) and timezone.is_naive(value):
            # The seeds give times as people in Kassel read them.
            value = timezone.make_aware(value, timezone.get_default_timezone())
        try:
            return model_field.to_python(value)
        except ValidationError as error:
            raise SeedError(f"{where}: {model_field.name}: {error.messages}") from error

    def check_languages(self, texts, where):
        # Languages the portal does not have are skipped (a file may be ahead of the
        # settings); a key that is no language at all is a typo.
        for code, text in texts.items():
            if code not in LANG_INFO and code not in self.languages:
                raise SeedError(f"{where}: {code!r} is not a language code")
            if not isinstance(text, str):
                raise SeedError(f"{where}: the {code!r} text must be a string")

    def seed_file(self, value, where, folder):
        # Relative to the seed file's folder, and never outside it.
        folder = None if folder is None else folder.resolve()
        path = None if folder is None else (folder / str(value)).resolve()
        if path is None or not path.is_relative_to(folder) or not path.is_file():
            raise SeedError(f"{where}: no file {value!r} beside the seed")
        return path

    @staticmethod
    def field_name(model, attname):
        """The seed's name of a column: the translated field for `title_en`, `speaker` for `speaker_id`."""
        model_field = next(f for f in model._meta.concrete_fields if f.attname == attname)
        translated = getattr(model_field, "translated_field", None)
        return translated.name if translated is not None else model_field.name

    @staticmethod
    def same(obj, attname, value):
        """Whether the stored value already is what saving `value` would store."""
        model_field = next(f for f in obj._meta.concrete_fields if f.attname == attname)
        if isinstance(model_field, RichTextField):
            value = sanitize(value or "")
        return getattr(obj, attname) == value

    def validate(self, obj, where):
        try:
            obj.full_clean()
        except ValidationError as error:
            with translation.override(None):  # in English, like the command's other messages
                messages = error.message_dict
            raise SeedError(f"{where}: {messages}") from error

    # ------------------------------------------------------------ natural keys
    def key_lookup(self, spec, values, where):
        lookup = {}
        for name in spec.key:
            model_field = spec.model._meta.get_field(name)
            if name in translated_fields(spec.model):
                model_field = spec.model._meta.get_field(
                    build_localized_fieldname(name, self.default_language)
                )
            if model_field.attname not in values or values[model_field.attname] in (None, ""):
                raise SeedError(f"{where}: the row needs its key {name}")
            lookup[model_field.attname] = values[model_field.attname]
        return lookup

    def get(self, model, lookup, where):
        try:
            return model._default_manager.get(**lookup)
        except model.DoesNotExist:
            return None
        except model.MultipleObjectsReturned as error:
            raise SeedError(f"{where}: more than one {model._meta.label} has {lookup}") from error

    def resolve(self, model, key, where):
        """The pk of the row of `model` a seed names by its natural key."""
        if model not in self.keys:
            raise SeedError(f"{where}: no seed file says how rows of {model._meta.label} are found")
        names = self.keys[model]
        parts = tuple(key) if isinstance(key, list) else (key,)
        if len(parts) != len(names):
            raise SeedError(f"{where}: {model._meta.label} is named by {list(names)}, not {key!r}")
        if (model, parts) in self.found:
            return self.found[(model, parts)]
        lookup = {}
        for name, part in zip(names, parts, strict=True):
            model_field = model._meta.get_field(name)
            if model_field.many_to_one:
                lookup[model_field.attname] = self.resolve(model_field.related_model, part, where)
            elif name in translated_fields(model):
                lookup[build_localized_fieldname(name, self.default_language)] = part
            else:
                lookup[model_field.attname] = part
        obj = self.get(model, lookup, where)
        if obj is None:
            raise SeedError(
                f"{where}: no {model._meta.label} {key!r}; is it in a seed file loaded "
                "before this one (an earlier file, or an app listed earlier in INSTALLED_APPS)?"
            )
        self.found[(model, parts)] = obj.pk
        return obj.pk

    @staticmethod
    def key_text(spec, lookup):
        return " ".join(str(value) for value in lookup.values())

    # ------------------------------------------------------------ log
    def describe(self, spec, tally) -> list[str]:
        with translation.override(None):  # the log is in English, like the rest of the command's
            meta = spec.model._meta
            if spec.create_only is True:
                return [
                    f"{meta.verbose_name} {key}: {'created' if created else 'kept'}"
                    for key, created in tally.outcomes
                ]
            count = tally.rows[None]
            line = f"{count} {meta.verbose_name if count == 1 else meta.verbose_name_plural}"
        inlines = [f"{tally.rows[name]} {name.replace('_', ' ')}" for name in spec.inlines]
        if inlines:
            line += " with " + ", ".join(inlines)
        done = [
            f"{n} {what}"
            for n, what in (
                (tally.created, "created"),
                (tally.changed, "changed"),
                (tally.deleted, "deleted"),
            )
            if n
        ]
        return [f"{line}: {', '.join(done) or 'unchanged'}"]


def load_seeds(log=lambda line: None, paths=None):
    """Load every app's seeds (or the given files), in order; see the module's docstring."""
    seeds = [read_seed(path) for path in (seed_files() if paths is None else paths)]
    Loader(seeds, log).load()
