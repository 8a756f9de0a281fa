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


@register(FieldOfAction)
class FieldOfActionTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "description")
    required_languages = ("de",)


@register(ConceptVersion)
class ConceptVersionTranslationOptions(TranslationOptions):
    fields = ("title", "official_title_meaning", "summary", "description")
    required_languages = ("de",)


@register(Goal)
class GoalTranslationOptions(TranslationOptions):
    fields = ("title", "description", "status_source")
    required_languages = ("de",)


@register(Measure)
class MeasureTranslationOptions(TranslationOptions):
    fields = ("title", "description", "status_source")
    required_languages = ("de",)


@register(IntegrationReport)
class IntegrationReportTranslationOptions(TranslationOptions):
    fields = ("title", "author", "discussed_at", "summary")
    required_languages = ("de",)


@register(ReportEntry)
class ReportEntryTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("de",)


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("de",)
