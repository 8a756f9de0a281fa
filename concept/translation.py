from modeltranslation.translator import TranslationOptions, register

from concept.models import FieldOfAction


@register(FieldOfAction)
class FieldOfActionTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "description")
    required_languages = ("de",)
