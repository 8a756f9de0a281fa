from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from kassel_integration.models import LegalPage

# Content is written in the source language: its texts are required, the
# translations optional (settings.MODELTRANSLATION_DEFAULT_LANGUAGE).
SOURCE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


@register(LegalPage)
class LegalPageTranslationOptions(TranslationOptions):
    fields = ("title", "body")
    required_languages = (SOURCE,)
