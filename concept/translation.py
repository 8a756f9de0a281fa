from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from concept.models import (
    ConceptVersion,
    Document,
    FieldOfAction,
    Goal,
    IntegrationReport,
    Measure,
    ReportEntry,
)

# Content is written in the source language: its texts are required, the
# translations optional (settings.MODELTRANSLATION_DEFAULT_LANGUAGE).
SOURCE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


@register(FieldOfAction)
class FieldOfActionTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "description")
    required_languages = (SOURCE,)


@register(ConceptVersion)
class ConceptVersionTranslationOptions(TranslationOptions):
    fields = ("title", "official_title_meaning", "summary", "description")
    required_languages = (SOURCE,)


@register(Goal)
class GoalTranslationOptions(TranslationOptions):
    fields = ("title", "description", "status_source")
    required_languages = (SOURCE,)


@register(Measure)
class MeasureTranslationOptions(TranslationOptions):
    fields = ("title", "description", "status_source")
    required_languages = (SOURCE,)


@register(IntegrationReport)
class IntegrationReportTranslationOptions(TranslationOptions):
    fields = ("title", "author", "discussed_at", "summary")
    required_languages = (SOURCE,)


@register(ReportEntry)
class ReportEntryTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = (SOURCE,)


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = (SOURCE,)
