from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from officers.models import (
    Office,
    OfficeHours,
    OfficeHoursException,
    Organisation,
    Person,
    Quote,
    Task,
    Term,
)

# Content is written in the source language: its texts are required, the
# translations optional (settings.MODELTRANSLATION_DEFAULT_LANGUAGE).
SOURCE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = (SOURCE,)


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("role", "biography", "portrait_alt")


@register(Quote)
class QuoteTranslationOptions(TranslationOptions):
    fields = ("text", "speaker_role", "source")
    required_languages = (SOURCE,)


@register(Office)
class OfficeTranslationOptions(TranslationOptions):
    fields = ("title", "lead", "description", "contact_note", "accessible_arrival")
    required_languages = (SOURCE,)


@register(Task)
class TaskTranslationOptions(TranslationOptions):
    fields = ("title", "explanation")
    required_languages = (SOURCE,)


@register(Term)
class TermTranslationOptions(TranslationOptions):
    fields = ("previous_position", "next_position", "dates_note")


@register(OfficeHours)
class OfficeHoursTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(OfficeHoursException)
class OfficeHoursExceptionTranslationOptions(TranslationOptions):
    fields = ("note",)
