"""Who translates into which language: one group of translators per target language.

Kept with the translations (not with the editorial roles that enforce them)
because the translation dashboard and the interface catalogues need them too.
"""

from django.utils.translation import get_language_info

from kassel_integration.translations import state as ts

# The editors' group: an editor who is also in a translator group is no translator.
EDITORS = "Editors"


def translator_group(language: str) -> str:
    """The group of the translators into `language`, e.g. "Translators (Slovenian)"."""
    return f"Translators ({get_language_info(language)['name']})"


# Group name -> language, one per language a German text is translated into.
TRANSLATOR_GROUPS = {translator_group(code): code for code in ts.TARGET_LANGUAGES}


def translator_languages(request) -> tuple[str, ...]:
    """The languages a translator may write, from their groups; () for anyone else.

    Editors and superusers who are also in a translator group keep their rights
    and count as no translator.
    """
    cached = getattr(request, "_kassel_translator_languages", None)
    if cached is None:
        user = request.user
        cached = ()
        if user.is_authenticated:
            groups = set(user.groups.values_list("name", flat=True))
            if not user.is_superuser and EDITORS not in groups:
                cached = tuple(code for name, code in TRANSLATOR_GROUPS.items() if name in groups)
        request._kassel_translator_languages = cached
    return cached


def is_translator(request) -> bool:
    """Translator (of any language) and nothing more."""
    return bool(translator_languages(request))


def writable_languages(request) -> tuple[str, ...]:
    """The target languages whose texts this user may write (all for editors)."""
    return translator_languages(request) or ts.TARGET_LANGUAGES
