"""The translation dashboard: per language, what is complete, missing or outdated.

Every model with translated texts that staff can edit in the admin is listed,
either through its own admin or as an inline of its parent (goals are edited
on their field of action); the link goes to the form where it is edited.
"""

from dataclasses import dataclass, field

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms.models import _get_foreign_key
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from kassel_integration import translation_state as ts

APPS = ("officers", "concept", "events", "kassel_integration")
PAGE_SIZE = 100


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
    for model in admin_site._registry:
        if model._meta.app_label in APPS and ts.tracked_fields(model):
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
        columns = [
            ts.localized(name, lang)
            for name in fields
            for lang in (ts.SOURCE_LANGUAGE, *ts.TARGET_LANGUAGES)
        ]
        if source.fk:
            columns.append(source.fk)
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


class TranslationDashboardAdmin(admin.ModelAdmin):
    """The model's list page is the dashboard; its rows are never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "",
                self.admin_site.admin_view(self.dashboard_view),
                name="{}_{}_changelist".format(*info),
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
        language = request.GET.get("language", "")
        language = language if language in ts.TARGET_LANGUAGES else ""

        items = collect(chosen)
        counts = [
            {
                "code": lang,
                "name": language_name(lang),
                "counts": [
                    (key, sum(1 for i in items if i.states[lang] == key)) for key in ts.STATES
                ],
            }
            for lang in ts.TARGET_LANGUAGES
        ]
        wanted = [language] if language else list(ts.TARGET_LANGUAGES)
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
            "languages": [(lang, language_name(lang)) for lang in ts.TARGET_LANGUAGES],
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
                        for lang in ts.TARGET_LANGUAGES
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
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/kassel_integration/translation_dashboard.html", context
        )


def _app_name(label):
    from django.apps import apps

    return apps.get_app_config(label).verbose_name


def register(site=admin.site):
    if not site.is_registered(ts.TranslationState):
        site.register(ts.TranslationState, TranslationDashboardAdmin)
