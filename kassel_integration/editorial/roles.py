"""Editors and translators in the admin, enforced on the server.

Translators have one group per language ("Translators (English)",
"Translators (Slovenian)", one for each language of settings.LANGUAGES but the
German source; see translations/translators.py) and may change only the
versions of translated texts in the languages of their groups. Everything else is read-only for them, the other
languages' versions too,
including the German text they translate from; they can neither add, delete,
publish nor run actions, and inlines without translatable text (quotes,
registrations) are not shown to them at all. Readonly fields are left out of
the form, so a crafted POST cannot reach them; save_model and save_formset
check again against the database before anything is written.

Editors (the group "Editors") work on the German content and publication.
They may tick "minor edit" so that a typo fix does not mark the translations
as outdated (see translation_state.py).
"""

from django import forms
from django.apps import apps as django_apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import ForeignKey, Q
from django.forms.formsets import DELETION_FIELD_NAME
from django.template.loader import render_to_string
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from kassel_integration.content.line_endings import NormalisedInputFormMixin, normalise_data
from kassel_integration.editorial.source_text import (
    changes_then_and_now,
    in_fieldsets,
    rendered_sources,
    with_rendered_sources,
)
from kassel_integration.editorial.widgets import ImageThumbnailMixin, RichTextEditorMixin
from kassel_integration.translations import state as ts
from kassel_integration.translations.translators import (
    is_translator,
    translator_group,
    translator_languages,
)

PUBLICATION_FIELDS = frozenset({"status", "publish_from", "publish_until"})
MINOR_EDIT = "minor_edit"
TRANSLATIONS_CHECKED = "translations_checked"
GERMAN_CHANGES = "german_changes"


def ensure_translator_groups(using=DEFAULT_DB_ALIAS, **kwargs):
    """Create the group of each target language that has none yet (after every migrate).

    Migration 0008 made the groups of the languages of its day; a language
    added to settings.LANGUAGES later gets its group here, with the same
    rights: its versions of every translated model, the translation dashboard
    and its interface texts. A group that exists is left as staff have set it.
    """
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    groups = Group.objects.using(using)
    missing = [
        code
        for code in ts.TARGET_LANGUAGES
        if not groups.filter(name=translator_group(code)).exists()
    ]
    if not missing:
        return
    models = list(translator.get_registered_models())
    # post_migrate reaches the apps in INSTALLED_APPS order: those after this
    # one have no permissions yet on a new database.
    labels = {model._meta.app_label for model in models} | {"kassel_integration"}
    for label in sorted(labels):
        create_permissions(django_apps.get_app_config(label), verbosity=0, using=using)
    wanted = Q(content_type__app_label="kassel_integration", codename="view_translationstate")
    for model in models:
        meta = model._meta
        for action in ("change", "view"):
            wanted |= Q(
                content_type__app_label=meta.app_label,
                content_type__model=meta.model_name,
                codename=f"{action}_{meta.model_name}",
            )
    content = list(Permission.objects.using(using).filter(wanted))
    for code in missing:
        group = groups.create(name=translator_group(code))
        interface = Permission.objects.using(using).filter(
            content_type__app_label="kassel_integration", codename=f"translate_interface_{code}"
        )
        group.permissions.add(*content, *interface)


def translated_names(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def localized_languages(model) -> dict[str, str]:
    """Each translation field modeltranslation made for `model`, with its language."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    return {
        field.name: field.language for fields in options.all_fields.values() for field in fields
    }


def translatable_names(model, languages=ts.TARGET_LANGUAGES) -> set[str]:
    """The only fields a translator may write: the versions in their languages."""
    return {
        ts.localized(name, language) for name in translated_names(model) for language in languages
    }


def locked_names(model, parent_model=None, languages=ts.TARGET_LANGUAGES) -> list[str]:
    """Every editable field a translator must not write, German and other languages included."""
    originals = translated_names(model)
    allowed = translatable_names(model, languages)
    names = []
    for field in [*model._meta.fields, *model._meta.many_to_many]:
        if not field.editable or field.auto_created or field.primary_key:
            continue
        if field.name in originals or field.name in allowed:
            continue
        if isinstance(field, ForeignKey) and field.remote_field.model is parent_model:
            continue  # an inline's link to its parent is never in its form
        names.append(field.name)
    return names


def model_order(model) -> dict[str, int]:
    """Field positions with each translation next to its German original."""
    originals = translated_names(model)
    order = []
    for field in [*model._meta.fields, *model._meta.many_to_many]:
        if getattr(field, "translated_field", None) is not None:
            continue  # placed with its original below
        if field.name in originals:
            order += [
                ts.localized(field.name, lang)
                for lang in (ts.SOURCE_LANGUAGE, *ts.TARGET_LANGUAGES)
            ]
        else:
            order.append(field.name)
    return {name: index for index, name in enumerate(order)}


def strip_fields(fieldsets, names):
    """Fieldsets without the given fields; fieldsets left empty are dropped."""
    result = []
    for title, options in fieldsets:
        fields = []
        for entry in options.get("fields", ()):
            if isinstance(entry, (list, tuple)):
                kept = [name for name in entry if name not in names]
                if kept:
                    fields.append(tuple(kept) if len(kept) > 1 else kept[0])
            elif entry not in names:
                fields.append(entry)
        if fields:
            result.append((title, {**options, "fields": fields}))
    return result


def check_only_translations(model, instance, changed_fields, languages=ts.TARGET_LANGUAGES):
    """Refuse a translator's save that would change anything but text in `languages`.

    Compares the stored columns of each language (title_<language>), never
    the original field (title): modeltranslation maps that to the language of
    the active interface, so it would look changed whenever the translator's
    admin runs in the language they translate into.
    """
    allowed = translatable_names(model, languages)
    originals = translated_names(model)
    forbidden = set(changed_fields) - allowed - {TRANSLATIONS_CHECKED}
    if forbidden:
        raise PermissionDenied(f"translators may not change {sorted(forbidden)}")
    if instance.pk is None or instance._state.adding:
        raise PermissionDenied("translators may not add objects")
    stored = type(instance)._default_manager.filter(pk=instance.pk).first()
    if stored is None:
        raise PermissionDenied("translators may not add objects")
    for field in instance._meta.concrete_fields:
        if field.name in allowed or field.name in originals:
            continue
        if not field.editable or field.primary_key:
            continue
        if field.value_from_object(instance) != field.value_from_object(stored):
            raise PermissionDenied(f"translators may not change {field.name}")


def _name(entry) -> str:
    """A fieldset entry's field name; a rendered read-only text is named after its field."""
    return getattr(entry, "__name__", entry)


def _rendered(model, request) -> dict:
    """The rendered read-only rich texts a translator sees (editorial/source_text.py)."""
    return rendered_sources(model, translator_languages(request))


def _render_sources_in(fieldsets, model, request):
    return in_fieldsets(fieldsets, _rendered(model, request))


def _language_name(code):
    return get_language_info(code)["name_translated"]


def language_errors(form, by_language):
    """Collect, per language, the labels of the translated fields with errors in `form`."""
    if not form.is_bound or not form.errors:
        return
    localized = localized_languages(form._meta.model)
    for name in form.errors:
        # Matched against the fields modeltranslation made, never parsed:
        # "source_url" is no "source" in the language "url".
        language = localized.get(name)
        if language is not None and name in form.fields:
            label = str(form.fields[name].label).split(" [")[0]
            labels = by_language.setdefault(language, [])
            if label not in labels:
                labels.append(label)


class _TranslatorInline:
    """Applied to the inline instances a translator gets: texts only, no rows added or removed."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        locked = locked_names(self.model, self.parent_model, translator_languages(request))
        readonly += [name for name in locked if name not in readonly]
        return with_rendered_sources(readonly, _rendered(self.model, request))

    def get_fieldsets(self, request, obj=None):
        fieldsets = strip_fields(super().get_fieldsets(request, obj), PUBLICATION_FIELDS)
        return _render_sources_in(fieldsets, self.model, request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


_translator_inline_classes = {}


def translator_inline(inline_class):
    if inline_class not in _translator_inline_classes:
        _translator_inline_classes[inline_class] = type(
            f"Translator{inline_class.__name__}", (_TranslatorInline, inline_class), {}
        )
    return _translator_inline_classes[inline_class]


class TranslationRolesMixin(RichTextEditorMixin, ImageThumbnailMixin):
    """Put in front of every TranslationAdmin of the content apps (see the module docstring).

    Rich text is edited in the visual editor, images show a thumbnail (editorial/widgets.py).
    """

    @property
    def media(self):
        return super().media + forms.Media(
            # Named first so that the merged media keep this file after it.
            js=[
                "modeltranslation/js/tabbed_translation_fields.js",
                "admin_extra/translation_tabs.js",
            ],
            # rich_text_editor.css also styles the rendered German beside a translator's field.
            css={"all": ["admin_extra/translation.css", "admin_extra/rich_text_editor.css"]},
        )

    # ------------------------------------------------------------ what is shown
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            # Django 6 assumes https for scheme-less input; say so now (as GoalInline does).
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not is_translator(request):
            return readonly
        locked = locked_names(self.model, languages=translator_languages(request))
        extra = [name for name in locked if name not in readonly]
        # Rich text of the other languages is shown rendered, German with its changes marked.
        return with_rendered_sources(
            [*readonly, *extra, GERMAN_CHANGES], _rendered(self.model, request)
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        declared = self.fieldsets is not None or self.fields is not None
        fieldsets = strip_fields(fieldsets, {MINOR_EDIT, TRANSLATIONS_CHECKED, GERMAN_CHANGES})
        if not ts.tracked_fields(self.model):
            return fieldsets
        if is_translator(request):
            fieldsets = strip_fields(fieldsets, PUBLICATION_FIELDS)
            if not declared:
                # Without declared fieldsets readonly fields would come last:
                # keep German next to its translations instead.
                order = model_order(self.model)
                fieldsets = [
                    (
                        title,
                        {
                            **opts,
                            "fields": sorted(
                                opts["fields"], key=lambda n: order.get(_name(n), 10**6)
                            ),
                        },
                    )
                    for title, opts in fieldsets
                ]
            head = []
            if ts.outdated_fields(obj):
                head = [(_("Changes in the German text"), {"fields": [GERMAN_CHANGES]})]
            tail = [(_("Translation"), {"fields": [TRANSLATIONS_CHECKED]})] if obj else []
            return [*head, *_render_sources_in(fieldsets, self.model, request), *tail]
        if obj is not None and self.has_change_permission(request, obj):
            return [*fieldsets, (_("Translations"), {"fields": [MINOR_EDIT]})]
        return fieldsets

    def get_prepopulated_fields(self, request, obj=None):
        prepopulated = super().get_prepopulated_fields(request, obj)
        if not is_translator(request):
            return prepopulated
        allowed = translatable_names(self.model, translator_languages(request))
        return {
            name: sources
            for name, sources in prepopulated.items()
            if name in allowed and all(source in allowed for source in sources)
        }

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.get("form", self.form)
        attrs = {}
        if ts.tracked_fields(self.model):
            if is_translator(request):
                attrs[TRANSLATIONS_CHECKED] = forms.BooleanField(
                    label=_(
                        "All translations on this page checked against the current German text"
                    ),
                    help_text=_(
                        "Tick this when the German text changed but the translations are "
                        "still right: they no longer count as outdated."
                    ),
                    required=False,
                )
            else:
                attrs[MINOR_EDIT] = forms.BooleanField(
                    label=_("Minor edit (typo fix)"),
                    help_text=_(
                        "Tick this when the change to the German text does not change its "
                        "meaning: the translations are then not marked as outdated."
                    ),
                    required=False,
                )
        # Submitted text is compared with the stored text with LF line breaks only.
        kwargs["form"] = type(base.__name__, (NormalisedInputFormMixin, base), attrs)
        return super().get_form(request, obj, change=change, **kwargs)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if "data" in kwargs:
            kwargs["data"] = normalise_data(kwargs["data"])
        return kwargs

    def render_change_form(self, request, context, *args, **kwargs):
        # The language tabs show one version of a text at a time: an error in a
        # hidden one would go unseen unless the summary names its language.
        by_language = {}
        adminform = context.get("adminform")
        if adminform is not None:
            language_errors(adminform.form, by_language)
        for inline in context.get("inline_admin_formsets", []):
            for inline_form in inline.formset.forms:
                language_errors(inline_form, by_language)
        for language, labels in by_language.items():
            self.message_user(
                request,
                gettext("The %(language)s version (tab “%(code)s”) has errors in: %(fields)s.")
                % {
                    "language": _language_name(language),
                    "code": language,
                    "fields": ", ".join(labels),
                },
                messages.ERROR,
                extra_tags="translation-errors",
            )
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.display(description=_("German text then and now"))
    def german_changes(self, obj):
        return render_to_string(
            "admin/kassel_integration/german_changes.html",
            {"changes": changes_then_and_now(obj)},
        )

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if not is_translator(request):
            return inlines
        restricted = []
        for inline in inlines:
            if not translated_names(inline.model):
                continue  # quotes and registrations: nothing to translate, nothing to see
            inline.__class__ = translator_inline(type(inline))
            restricted.append(inline)
        return restricted

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if is_translator(request):
            changelist.list_editable = ()
        return changelist

    # ------------------------------------------------------------ what is allowed
    def has_add_permission(self, request, *args):
        return not is_translator(request) and super().has_add_permission(request, *args)

    def has_delete_permission(self, request, obj=None):
        return not is_translator(request) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        if is_translator(request):
            return {}
        return super().get_actions(request)

    # ------------------------------------------------------------ saving
    def save_model(self, request, obj, form, change):
        translator_save = is_translator(request)
        if translator_save:
            check_only_translations(
                self.model, obj, form.changed_data, translator_languages(request)
            )
        german_before = _german_before(form)
        super().save_model(request, obj, form, change)
        written = set(form.changed_data)
        if translator_save and form.cleaned_data.get(TRANSLATIONS_CHECKED):
            ts.confirm_current(obj, translator_languages(request))
        else:
            ts.record_save(
                obj,
                german_before=german_before,
                written=written,
                minor=bool(form.cleaned_data.get(MINOR_EDIT)),
            )

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        ts.forget(self.model, [pk])

    def delete_queryset(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        ts.forget(self.model, pks)

    def save_formset(self, request, form, formset, change):
        translator_save = is_translator(request)
        minor = bool(form.cleaned_data.get(MINOR_EDIT))
        tracked = []
        for inline_form in formset.forms:
            if not inline_form.has_changed() or not hasattr(inline_form, "cleaned_data"):
                continue
            if translator_save:
                if inline_form.cleaned_data.get(DELETION_FIELD_NAME):
                    raise PermissionDenied("translators may not delete objects")
                check_only_translations(
                    formset.model,
                    inline_form.instance,
                    inline_form.changed_data,
                    translator_languages(request),
                )
            tracked.append((inline_form, _german_before(inline_form)))
        deleted = [f.instance.pk for f in formset.deleted_forms if f.instance.pk is not None]
        super().save_formset(request, form, formset, change)
        if not ts.tracked_fields(formset.model):
            return
        ts.forget(formset.model, deleted)
        for inline_form, german_before in tracked:
            instance = inline_form.instance
            if instance.pk is None or inline_form in formset.deleted_forms:
                continue
            ts.record_save(
                instance,
                german_before=german_before,
                written=set(inline_form.changed_data),
                minor=minor,
            )


def _german_before(form):
    """The German texts as they were before the submitted change."""
    before = {}
    for field in ts.tracked_fields(form._meta.model):
        name = ts.localized(field, ts.SOURCE_LANGUAGE)
        if name in form.changed_data:
            before[field] = form.initial.get(name) or ""
    return before


# The dashboard lives with the roles: translators and editors both need it.
from kassel_integration.translations.dashboard import register as _register_dashboard  # noqa: E402

_register_dashboard()
