"""The portal's languages as the tests see them: read from the settings, never listed here.

Tests that run once per language take `LANGUAGES`; a language added to
settings.LANGUAGES is then tested like the others. Expected texts per language
stay in the tests: they are data, not the list of languages.
"""

from django.conf import settings

LANGUAGES = [code for code, _name in settings.LANGUAGES]
