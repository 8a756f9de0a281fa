"""The translation dashboard: per language, what is complete, missing or outdated.

Every model with translated texts that staff can edit in the admin is listed,
either through its own admin or as an inline of its parent (goals are edited
on their field of action); the link goes to the form where it is edited.

Its section "Interface texts" exports and imports the .po catalogues of the
languages a user may translate (see catalogue.py), and leads to the pages where
one text is found, changed and its history undone (overrides.py); accepted
texts are on the running site within a minute (live.py).
"""

import types
from dataclasses import dataclass, field

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from kassel_integration.admin_mixins import ReadOnlyAdminMixin
from kassel_integration.content.content_apps import content_app_labels
from kassel_integration.models import (
    InterfaceCatalogueUpload,
    InterfaceText,
    InterfaceTextChange,
)
from kassel_integration.translations import catalogue as ic
from kassel_integration.translations import overrides
from kassel_integration.translations import state as ts
from kassel_integration.translations.translators import writable_languages

PAGE_SIZE = 100
RECENT_UPLOADS = 20
TEXT_RESULTS = 50
HISTORY_LENGTH = 50
PO_CONTENT_TYPE = "text/x-gettext-translation; charset=utf-8"


@dataclass
class Source:
    model: type
    # For models edited only as an inline: the parent's model and the link to it.
    parent: type | None = None
    fk: str | None = None

    @property
    def key(self):
        return f"{self.model._meta.app_label}.{self.model._meta.model_name}"

    def change_url(self, row):
        model, pk = (self.parent, row[self.fk]) if self.parent else (self.model, row["pk"])
        meta = model._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[quote(pk)])


@dataclass
class Item:
    source: Source
    label: str
    url: str
    states: dict = field(default_factory=dict)  # language -> state
    details: dict = field(default_factory=dict)  # language -> {state: [field labels]}


def sources(admin_site) -> list[Source]:
    """Translated models in the content apps with the admin form each is edited in."""
    found = {}
    content_apps = content_app_labels()
    for model in admin_site._registry:
        if model._meta.app_label in content_apps and ts.tracked_fields(model):
            found[model] = Source(model)
    for model, model_admin in admin_site._registry.items():
        for inline in model_admin.inlines:
            child = inline.model
            if child in found or not ts.tracked_fields(child):
                continue
            fk = _get_foreign_key(model, child, fk_name=inline.fk_name)
            found[child] = Source(child, parent=model, fk=fk.attname)
    return sorted(found.values(), key=lambda s: s.key)


def language_name(code):
    return get_language_info(code)["name_translated"]


def value_columns(source) -> list[str]:
    """The columns that decide an item's translation state: each tracked text in every
    language, and the link to the parent for items edited inline."""
    columns = [
        ts.localized(name, lang)
        for name in ts.tracked_fields(source.model)
        for lang in (ts.SOURCE_LANGUAGE, *ts.TARGET_LANGUAGES)
    ]
    return [*columns, source.fk] if source.fk else columns


def collect(source_list) -> list[Item]:
    """All items of the given models, with their state per language; two queries per model."""
    content_types = ContentType.objects.get_for_models(
        *[s.model for s in source_list], for_concrete_models=False
    )
    states = {}
    for row in ts.TranslationState.objects.filter(content_type__in=content_types.values()):
        states[(row.content_type_id, row.object_id, row.field, row.language)] = row
    items = []
    for source in source_list:
        model = source.model
        fields = ts.tracked_fields(model)
        columns = value_columns(source)
        ct_id = content_types[model].pk
        labels = {name: str(model._meta.get_field(name).verbose_name) for name in fields}
        for row in model._default_manager.order_by("pk").values("pk", *columns):
            label = next(
                (
                    row[ts.localized(name, ts.SOURCE_LANGUAGE)]
                    for name in fields
                    if (row[ts.localized(name, ts.SOURCE_LANGUAGE)] or "").strip()
                ),
                None,
            )
            if label is None:
                continue  # no German text: nothing to translate
            item = Item(source, Truncator(strip_tags(label)).chars(80), source.change_url(row))
            for lang in ts.TARGET_LANGUAGES:
                per_field = {}
                for name in fields:
                    status = ts.field_status(
                        row[ts.localized(name, ts.SOURCE_LANGUAGE)],
                        row[ts.localized(name, lang)],
                        states.get((ct_id, row["pk"], name, lang)),
                    )
                    if status in (ts.MISSING, ts.OUTDATED):
                        per_field.setdefault(status, []).append(labels[name])
                    elif status is not None:
                        per_field.setdefault(status, [])
                item.states[lang] = ts.combine(per_field)
                item.details[lang] = per_field
            items.append(item)
    return items


class CatalogueUploadForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    catalogue = forms.FileField(
        label=_("File (.po, at most 2 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".po"}),
    )

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, ic.language_name(code)) for code in languages]
        self.catalog = None
        self.text = None

    def clean(self):
        cleaned = super().clean()
        language, upload = cleaned.get("language"), cleaned.get("catalogue")
        if not language or upload is None:
            return cleaned
        if upload.size > ic.MAX_UPLOAD_BYTES:
            # Checked before reading, so a huge file is never held in memory.
            self.add_error("catalogue", ic.too_large_message())
            return cleaned
        try:
            self.catalog, self.text = ic.parse_upload(upload.read(), language)
        except ic.CatalogueError as error:
            self.add_error("catalogue", str(error))
        return cleaned


def interface_section(languages):
    """The dashboard's section "Interface texts": downloads, upload form, recent uploads."""
    return {
        "languages": [
            {
                "code": code,
                "name": ic.language_name(code),
                "export_url": reverse(
                    "admin:kassel_integration_translationstate_interface_export", args=[code]
                ),
            }
            for code in languages
        ],
        "form": CatalogueUploadForm(languages=languages),
        "uploads": recent_uploads(languages),
        "texts_url": reverse("admin:kassel_integration_translationstate_interface_texts"),
    }


def recent_uploads(languages):
    return [
        {
            "upload": upload,
            "language_name": ic.language_name(upload.language),
            "url": reverse(
                "admin:kassel_integration_translationstate_interface_upload", args=[upload.pk]
            ),
        }
        for upload in InterfaceCatalogueUpload.objects.filter(language__in=languages)
        .select_related("uploaded_by")
        .defer("po_text", "changes")[:RECENT_UPLOADS]
    ]


def keep_later_changes(language, changes):
    """Split an upload's changes: those to accept, and those that would undo a later change.

    A file downloaded before a change was accepted still has the repository's
    text there; uploading it must not take that change back (undo does that).
    """
    catalogue, _plurals = overrides.catalogue_messages(language)
    in_force = overrides.texts_in_force(language, catalogue)
    accepted, kept = [], []
    for change in changes:
        key = (change.context or "", change.msgid[0])
        message = catalogue.get(key)
        if key in in_force and message is not None and tuple(change.new) == message.strings:
            kept.append(change)
        else:
            accepted.append(change)
    return accepted, kept


class InterfaceTextForm(forms.Form):
    """One interface text: a field per plural form, checked like a message of an upload."""

    def __init__(self, *args, message, language, num_plurals, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.message = message
        self.num_plurals = num_plurals
        plural = len(message.ids) > 1
        name = ic.language_name(language)
        for index, text in enumerate(current):
            label = (
                gettext("%(language)s, plural form %(number)s")
                % {"language": name, "number": index + 1}
                if plural
                else name
            )
            self.fields[f"form_{index}"] = forms.CharField(
                label=label,
                initial=text,
                required=False,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 3, "lang": language, "spellcheck": "true"}),
            )

    def strings(self):
        return [
            self.cleaned_data[name].replace("\r\n", "\n").replace("\r", "\n")
            for name in self.fields
        ]

    def clean(self):
        cleaned = super().clean()
        if any(name not in cleaned for name in self.fields):
            return cleaned
        strings = self.strings()
        ids = self.message.ids
        msgid = ids if len(ids) > 1 else ids[0]
        msgstr = tuple(strings) if len(ids) > 1 else strings[0]
        current = types.SimpleNamespace(id=msgid)
        for problem in ic.message_problems(msgid, msgstr, False, current, self.num_plurals):
            self.add_error(None, problem)
        return cleaned


def text_rows(language, query):
    """The messages whose English source, German text or translation contains `query`."""
    catalogue, _plurals = overrides.catalogue_messages(language)
    strings = overrides.effective_strings(language)
    german_code = ts.SOURCE_LANGUAGE
    german = strings if language == german_code else overrides.effective_strings(german_code)
    in_force = overrides.texts_in_force(language, catalogue)
    needle = query.casefold()
    rows = []
    for key, message in catalogue.items():
        texts = [*message.ids, *german.get(key, ()), *strings[key]]
        if needle and not any(needle in text.casefold() for text in texts):
            continue
        rows.append(
            {
                "message": message,
                "german": german.get(key, ()),
                "strings": strings[key],
                "changed": key in in_force,
                "url": reverse(
                    "admin:kassel_integration_translationstate_interface_text",
                    args=[language, message.key],
                ),
            }
        )
    return rows


def _po_download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=PO_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Translations in progress are not for shared caches or the browser's history.
    patch_cache_control(response, no_store=True, private=True)
    return response


class TranslationDashboardAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The model's list page is the dashboard; its rows are never edited by hand."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "",
                self.admin_site.admin_view(self.dashboard_view),
                name="{}_{}_changelist".format(*info),
            ),
            path(
                "interface/<str:language>/export/",
                self.admin_site.admin_view(self.interface_export_view),
                name="{}_{}_interface_export".format(*info),
            ),
            path(
                "interface/import/",
                self.admin_site.admin_view(self.interface_import_view),
                name="{}_{}_interface_import".format(*info),
            ),
            path(
                "interface/uploads/<int:pk>/",
                self.admin_site.admin_view(self.interface_upload_view),
                name="{}_{}_interface_upload".format(*info),
            ),
            path(
                "interface/uploads/<int:pk>/download/",
                self.admin_site.admin_view(self.interface_upload_download_view),
                name="{}_{}_interface_upload_download".format(*info),
            ),
            path(
                "interface/texts/",
                self.admin_site.admin_view(self.interface_texts_view),
                name="{}_{}_interface_texts".format(*info),
            ),
            path(
                "interface/texts/<str:language>/<str:key>/",
                self.admin_site.admin_view(self.interface_text_view),
                name="{}_{}_interface_text".format(*info),
            ),
            path(
                "interface/changes/<int:pk>/undo/",
                self.admin_site.admin_view(self.interface_undo_view),
                name="{}_{}_interface_undo".format(*info),
            ),
        ]

    def dashboard_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        all_sources = sources(self.admin_site)
        apps = sorted({s.model._meta.app_label for s in all_sources})
        app = request.GET.get("app", "")
        app = app if app in apps else ""
        in_app = [s for s in all_sources if not app or s.model._meta.app_label == app]
        model = request.GET.get("model", "")
        model = model if model in {s.key for s in in_app} else ""
        chosen = [s for s in in_app if not model or s.key == model]
        state = request.GET.get("state", "")
        state = state if state in ts.STATES else ""
        # Translators see the languages they translate into; editors see all.
        targets = writable_languages(request)
        language = request.GET.get("language", "")
        language = language if language in targets else ""

        items = collect(chosen)
        counts = [
            {
                "code": lang,
                "name": language_name(lang),
                "counts": [
                    (key, sum(1 for i in items if i.states[lang] == key)) for key in ts.STATES
                ],
            }
            for lang in targets
        ]
        wanted = [language] if language else list(targets)
        if state:
            items = [i for i in items if any(i.states[lang] == state for lang in wanted)]
        page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Translations"),
            "opts": self.opts,
            "counts": counts,
            "state_names": ts.STATES,
            "languages": [(lang, language_name(lang)) for lang in targets],
            "rows": [
                {
                    "item": item,
                    "model_name": item.source.model._meta.verbose_name,
                    "cells": [
                        {
                            "state": item.states[lang],
                            "label": ts.STATES[item.states[lang]],
                            "missing": item.details[lang].get(ts.MISSING, []),
                            "outdated": item.details[lang].get(ts.OUTDATED, []),
                        }
                        for lang in targets
                    ],
                }
                for item in page.object_list
            ],
            "page_obj": page,
            "query": query.urlencode(),
            "filters": {"app": app, "model": model, "state": state, "language": language},
            "app_choices": [(label, _app_name(label)) for label in apps],
            "model_choices": [
                (
                    s.key,
                    f"{_app_name(s.model._meta.app_label)}: {s.model._meta.verbose_name_plural}",
                )
                for s in in_app
            ],
        }
        interface_languages = ic.languages_for(request.user)
        if interface_languages:
            context["interface"] = interface_section(interface_languages)
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/kassel_integration/translation_dashboard.html", context
        )

    # ------------------------------------------------------------ interface texts (.po)
    def _interface_languages(self, request, language=None):
        """The user's languages for interface texts; 403 for anyone without (that) one."""
        languages = ic.languages_for(request.user)
        if not languages or (language is not None and language not in languages):
            raise PermissionDenied
        return languages

    def _interface_context(self, request, title, **extra):
        request.current_app = self.admin_site.name
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "dashboard_url": reverse("admin:kassel_integration_translationstate_changelist"),
            "msgid_language": ic.MSGID_LANGUAGE,
            **extra,
        }

    def interface_export_view(self, request, language):
        if language not in ic.language_codes():
            raise Http404
        self._interface_languages(request, language)
        # The repository's catalogue with every accepted text in force written into it.
        return _po_download(
            overrides.effective_bytes(language), f"kassel-integration-{language}.po"
        )

    def interface_import_view(self, request):
        languages = self._interface_languages(request)
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse("admin:kassel_integration_translationstate_changelist")
            )
        if request.POST.get("language") not in languages:
            # A crafted form: the choices only ever offer the user's own languages.
            raise PermissionDenied
        form = CatalogueUploadForm(request.POST, request.FILES, languages=languages)
        problems = []
        if form.is_valid():
            language = form.cleaned_data["language"]
            # Measured against the texts in force, so that an upload changes only what it
            # changes and leaves every earlier accepted batch alone.
            current = overrides.effective_catalogue(language)
            result = ic.review(form.catalog, current)
            problems = result.problems
            if not problems:
                upload = self._store_upload(request, language, form, result)
                return HttpResponseRedirect(
                    reverse(
                        "admin:kassel_integration_translationstate_interface_upload",
                        args=[upload.pk],
                    )
                )
        language = form.cleaned_data.get("language") or request.POST.get("language")
        context = self._interface_context(
            request,
            _("Interface texts: file rejected"),
            form=form,
            problems=problems,
            language_name=ic.language_name(language),
        )
        return TemplateResponse(
            request, "admin/kassel_integration/interface_catalogue_rejected.html", context
        )

    @transaction.atomic
    def _store_upload(self, request, language, form, result):
        changes, kept = keep_later_changes(language, result.changes)
        upload = InterfaceCatalogueUpload.objects.create(
            language=language,
            uploaded_by=request.user,
            po_text=form.text,
            message_count=result.message_count,
            changed_count=len(changes),
            changes=[change.as_json() for change in changes],
        )
        overrides.accept(
            language, changes, request.user, InterfaceTextChange.Source.UPLOAD, upload=upload
        )
        if kept:
            messages.info(
                request,
                ngettext(
                    "%(count)s message in the file still had the released text where a later "
                    "change was accepted; the later change was kept.",
                    "%(count)s messages in the file still had the released text where a later "
                    "change was accepted; the later changes were kept.",
                    len(kept),
                )
                % {"count": len(kept)},
            )
        return upload

    def _interface_upload(self, request, pk):
        languages = self._interface_languages(request)
        uploads = InterfaceCatalogueUpload.objects.select_related("uploaded_by")
        upload = get_object_or_404(uploads, pk=pk)
        if upload.language not in languages:
            raise PermissionDenied
        return upload

    def interface_upload_view(self, request, pk):
        upload = self._interface_upload(request, pk)
        context = self._interface_context(
            request,
            _("Interface texts: file accepted"),
            upload=upload,
            language_name=ic.language_name(upload.language),
            changes=[
                {
                    "label": change.label,
                    "context": change.context,
                    "old": change.old,
                    "new": change.new,
                    "url": reverse(
                        "admin:kassel_integration_translationstate_interface_text",
                        args=[upload.language, overrides.message_key(change.context, change.label)],
                    ),
                }
                for change in map(ic.Change.from_json, upload.changes)
            ],
            download_url=reverse(
                "admin:kassel_integration_translationstate_interface_upload_download",
                args=[upload.pk],
            ),
        )
        return TemplateResponse(
            request, "admin/kassel_integration/interface_catalogue_upload.html", context
        )

    def interface_upload_download_view(self, request, pk):
        upload = self._interface_upload(request, pk)
        return _po_download(
            upload.po_text.encode("utf-8"),
            f"kassel-integration-{upload.language}-upload-{upload.pk}.po",
        )

    # ------------------------------------------------------------ one interface text
    def interface_texts_view(self, request):
        languages = self._interface_languages(request)
        language = request.GET.get("language", "")
        language = language if language in languages else languages[0]
        query = request.GET.get("q", "").strip()[:200]
        rows = text_rows(language, query) if query else []
        context = self._interface_context(
            request,
            _("Interface texts: find a text"),
            languages=[(code, ic.language_name(code)) for code in languages],
            language=language,
            language_name=ic.language_name(language),
            german_code=ts.SOURCE_LANGUAGE,
            german_name=ic.language_name(ts.SOURCE_LANGUAGE),
            query=query,
            rows=rows[:TEXT_RESULTS],
            found=len(rows),
            shown=min(len(rows), TEXT_RESULTS),
        )
        return TemplateResponse(request, "admin/kassel_integration/interface_texts.html", context)

    def _message(self, request, language, key):
        if language not in ic.language_codes():
            raise Http404
        self._interface_languages(request, language)
        catalogue, num_plurals = overrides.catalogue_messages(language)
        for message in catalogue.values():
            if message.key == key:
                return message, num_plurals
        raise Http404

    def interface_text_view(self, request, language, key):
        message, num_plurals = self._message(request, language, key)
        current = overrides.effective_strings(language)[(message.context, message.msgid)]
        form = InterfaceTextForm(
            request.POST or None,
            message=message,
            language=language,
            num_plurals=num_plurals,
            current=current,
        )
        if request.method == "POST" and form.is_valid():
            change = overrides.change_one(language, message, form.strings(), request.user)
            if change is None:
                messages.info(request, gettext("Nothing changed: the text is the same."))
            else:
                messages.success(
                    request,
                    gettext("The text was saved. It is on the website within a minute."),
                )
            return HttpResponseRedirect(request.path)
        text = InterfaceText.objects.filter(
            language=language, context=message.context, msgid=message.msgid
        ).first()
        history = (
            list(text.changes.select_related("changed_by", "upload")[:HISTORY_LENGTH])
            if text
            else []
        )
        german = (
            current
            if language == ts.SOURCE_LANGUAGE
            else overrides.effective_strings(ts.SOURCE_LANGUAGE).get(
                (message.context, message.msgid), ()
            )
        )
        catalogue_strings = message.strings
        context = self._interface_context(
            request,
            _("Interface texts: change a text"),
            message=message,
            form=form,
            language=language,
            language_name=ic.language_name(language),
            german=german,
            german_code=ts.SOURCE_LANGUAGE,
            german_name=ic.language_name(ts.SOURCE_LANGUAGE),
            show_german=language != ts.SOURCE_LANGUAGE,
            catalogue_strings=catalogue_strings,
            differs=tuple(current) != tuple(catalogue_strings),
            url_part=overrides.is_url_part(message.msgid),
            text=text,
            history=history,
            latest=history[0] if history else None,
            texts_url=reverse("admin:kassel_integration_translationstate_interface_texts")
            + f"?language={language}",
        )
        return TemplateResponse(request, "admin/kassel_integration/interface_text.html", context)

    def interface_undo_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse("admin:kassel_integration_translationstate_interface_texts")
            )
        change = get_object_or_404(InterfaceTextChange.objects.select_related("text"), pk=pk)
        text = change.text
        self._interface_languages(request, text.language)
        try:
            overrides.undo(change, request.user)
        except overrides.UndoError:
            messages.error(
                request,
                gettext(
                    "This change can no longer be undone: a later change exists, or the "
                    "message has changed in the code."
                ),
            )
        else:
            messages.success(
                request,
                gettext("The change was undone. The website shows it within a minute."),
            )
        return HttpResponseRedirect(text.get_absolute_url())


def _app_name(label):
    from django.apps import apps

    return apps.get_app_config(label).verbose_name


def register(site=admin.site):
    if not site.is_registered(ts.TranslationState):
        site.register(ts.TranslationState, TranslationDashboardAdmin)
