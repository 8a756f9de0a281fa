"""The translation dashboard: per language, what is complete, missing or outdated.

Every model with translated texts that staff can edit in the admin is listed,
either through its own admin or as an inline of its parent (goals are edited
on their field of action); the link goes to the form where it is edited.

Its section "Interface texts" exports and imports the .po catalogues of the
languages a user may translate (see interface_catalogue.py).
"""

from dataclasses import dataclass, field

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from kassel_integration.admin_mixins import ReadOnlyAdminMixin
from kassel_integration.content.content_apps import content_app_labels
from kassel_integration.models import InterfaceCatalogueUpload
from kassel_integration.translations import catalogue as ic
from kassel_integration.translations import state as ts
from kassel_integration.translations.translators import writable_languages

PAGE_SIZE = 100
RECENT_UPLOADS = 20
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
        content = ic.catalogue_path(language).read_bytes()
        return _po_download(content, f"kassel-integration-{language}.po")

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
            current = ic.read_catalogue(ic.catalogue_path(language))
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

    def _store_upload(self, request, language, form, result):
        return InterfaceCatalogueUpload.objects.create(
            language=language,
            uploaded_by=request.user,
            po_text=form.text,
            message_count=result.message_count,
            changed_count=len(result.changes),
            changes=[change.as_json() for change in result.changes],
        )

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
            changes=[ic.Change.from_json(data) for data in upload.changes],
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


def _app_name(label):
    from django.apps import apps

    return apps.get_app_config(label).verbose_name


def register(site=admin.site):
    if not site.is_registered(ts.TranslationState):
        site.register(ts.TranslationState, TranslationDashboardAdmin)
