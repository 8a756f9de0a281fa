from modeltranslation.translator import TranslationOptions, register

from kassel_integration.models import LegalPage


@register(LegalPage)
class LegalPageTranslationOptions(TranslationOptions):
    fields = ("title", "body")
    required_languages = ("de",)
