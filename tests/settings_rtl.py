"""Test settings with a fourth language that runs right to left: Arabic.

Used by tests/kassel_integration/site/test_fourth_language.py, which runs
tests/kassel_integration/site/fourth_language_pages.py in a process of its
own with these settings: modeltranslation adds the per-language fields
(title_ar…) when the apps load, so the languages must be known before then.

The shipped migrations know only the shipped languages; the portal's apps are
built from their models instead, as `makemigrations` would build them for an
office that adds a language. No interface catalogue for Arabic (locale/ar):
its interface texts appear in German, the default language.
"""

from tests.settings import *  # noqa: F403

LANGUAGES = [*LANGUAGES, ("ar", "العربية")]  # noqa: F405
LANGUAGE_DETAILS = {**LANGUAGE_DETAILS, "ar": {"og_locale": "ar_AR"}}  # noqa: F405


class _FromTheModels(dict):
    """No app has migrations here: every table is made from its model.

    Only our apps need it (the shipped migrations lack the _ar columns), but an
    app built without migrations may not refer to one with them: PostgreSQL
    refuses a foreign key to django_content_type before that table exists.
    """

    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


MIGRATION_MODULES = _FromTheModels()

# Never the test database of the run that started this one (PostgreSQL).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_rtl"}  # noqa: F405
