from django.contrib import admin
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from concept.models import (
    ConceptVersion,
    Document,
    FieldOfAction,
    Goal,
    IntegrationReport,
    Measure,
    ReportEntry,
)
from kassel_integration.editorial.workflow import ContentAdmin, PublishableAdmin

PUBLICATION = (_("Publication"), {"fields": ["status", "publish_from", "publish_until"]})


class DocumentInline(TranslationStackedInline):
    model = Document
    extra = 0
    fields = ["title", "language", "file", "order", "status", "publish_from", "publish_until"]


@admin.register(ConceptVersion)
class ConceptVersionAdmin(PublishableAdmin):
    list_display = ["title", "stage", "adopted_label", "order", "status"]
    list_filter = ["stage", "status"]
    search_fields = ["title", "official_title"]
    inlines = [DocumentInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "code",
                    "official_title",
                    "official_title_meaning",
                    "stage",
                    "order",
                ]
            },
        ),
        (
            _("Dates (only as precisely as the source says)"),
            {
                "fields": [
                    ("as_of_year", "as_of_month"),
                    ("adopted_year", "adopted_season", "adopted_month", "adopted_day"),
                    "adopted_unanimously",
                    "work_started_on",
                ]
            },
        ),
        (_("Text"), {"fields": ["summary", "description"]}),
        PUBLICATION,
    ]

    @admin.display(description=_("adopted"))
    def adopted_label(self, obj):
        return obj.adopted or "–"


class GoalInline(TranslationStackedInline):
    model = Goal
    extra = 0
    # Django 6 assumes https for scheme-less input; say so now (and silence the warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["order", "title", "progress", "status_source", "status_source_url", "description"]


class MeasureInline(GoalInline):
    model = Measure


@admin.register(FieldOfAction)
class FieldOfActionAdmin(PublishableAdmin):
    list_display = ["number", "title", "status"]
    list_display_links = ["number", "title"]
    list_filter = ["status"]
    search_fields = ["title"]
    ordering = ["number"]
    filter_horizontal = ["partners"]
    inlines = [GoalInline, MeasureInline]
    fieldsets = [
        (None, {"fields": ["number", "title", "slug", "summary", "description"]}),
        (_("Partners"), {"fields": ["partners"]}),
        PUBLICATION,
    ]


class ReportEntryInline(TranslationStackedInline):
    model = ReportEntry
    extra = 0
    fields = ["order", "kind", "field", "text"]


@admin.register(IntegrationReport)
class IntegrationReportAdmin(PublishableAdmin):
    list_display = ["title", "first_year", "last_year", "status"]
    list_filter = ["status"]
    search_fields = ["title"]
    inlines = [ReportEntryInline, DocumentInline]
    fieldsets = [
        (None, {"fields": ["title", ("first_year", "last_year"), "concept_version", "author"]}),
        (_("Discussion"), {"fields": ["discussed_at", "discussed_on"]}),
        (None, {"fields": ["summary"]}),
        PUBLICATION,
    ]


@admin.register(ReportEntry)
class ReportEntryAdmin(ContentAdmin):
    list_display = ["text", "kind", "field", "report"]
    list_filter = ["report", "kind", "field"]
    search_fields = ["text"]


@admin.register(Document)
class DocumentAdmin(PublishableAdmin):
    list_display = [
        "title",
        "language",
        "file_format",
        "size",
        "concept_version",
        "report",
        "status",
    ]
    list_filter = ["status", "language", "file_format"]
    search_fields = ["title"]
    readonly_fields = ["file_format", "size"]
    fieldsets = [
        (None, {"fields": ["title", "language", "file", ("file_format", "size")]}),
        (_("Belongs to"), {"fields": ["concept_version", "report", "order"]}),
        PUBLICATION,
    ]

    @admin.display(description=_("file size"))
    def size(self, obj):
        return filesizeformat(obj.file_size) if obj.file_size else "–"
