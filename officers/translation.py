from modeltranslation.translator import TranslationOptions, register

from officers.models import Organisation, Person, Quote


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("de",)


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("role",)


@register(Quote)
class QuoteTranslationOptions(TranslationOptions):
    fields = ("text", "speaker_role", "source")
    required_languages = ("de",)
