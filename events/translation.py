from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from events.models import Event, EventSeries, Language, ProgrammeItem, Venue

# Content is written in the source language: its texts are required, the
# translations optional (settings.MODELTRANSLATION_DEFAULT_LANGUAGE).
SOURCE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


@register(Language)
class LanguageTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = (SOURCE,)


@register(Venue)
class VenueTranslationOptions(TranslationOptions):
    fields = ("name", "accessibility")
    required_languages = (SOURCE,)


@register(EventSeries)
class EventSeriesTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "description")
    required_languages = {SOURCE: ("title", "slug")}
    # Empty slugs are NULL so the per-language unique constraints ignore them.
    empty_values = {"slug": None}


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "slug",
        "motto",
        "summary",
        "description",
        "registration",
        "focus",
        "audience",
        "report",
        "results",
        "next_steps",
    )
    required_languages = {SOURCE: ("title", "slug")}
    empty_values = {"slug": None}


@register(ProgrammeItem)
class ProgrammeItemTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {SOURCE: ("title",)}
