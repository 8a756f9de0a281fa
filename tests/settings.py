"""Test override: the real settings with the few things tests must control."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")

from kassel_integration.settings import *  # noqa: F403

DEBUG = False
# Tests talk plain HTTP to the test client and the live server.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# No collectstatic before tests: plain storage serves from the source folders.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SITE_URL = "http://testserver"
# Serve static files straight from the source folders (no collectstatic needed).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Pages are rendered fresh in tests; tests/kassel_integration/cache/test_page_cache.py turns the cache on.
CACHES["pages"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
}
PAGE_CACHE_SECONDS = 0
# Loaders run every time, so query counts are those of a miss;
# tests/kassel_integration/cache/test_values.py turns the value cache on.
VALUE_CACHE_SECONDS = 0
# Form rate limits are counted per test in memory and set high; tests of the limits lower them.
CACHES["limits"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "limits",
}
FORM_RATE_LIMIT_PER_CLIENT = (10_000, 600)
FORM_RATE_LIMIT_PER_EMAIL = (10_000, 3600)
# Page-cache tests read X-Cache; tests/kassel_integration/site/test_hardening.py checks it is hidden.
EXPOSE_CACHE_STATUS = True
# The test process itself creates, flushes and drops whole databases, and the
# registration storms wait for row locks on a loaded two-core machine: the
# production statement timeout (5 s) would cancel those, not a hung server.
# Tests of the timeout run gunicorn with production settings (tests/quality/).
if (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"  # noqa: F405
    and "DJANGO_DB_STATEMENT_TIMEOUT" not in os.environ
):
    DATABASES["default"]["OPTIONS"]["options"] = "-c statement_timeout=0"  # noqa: F405
    DATABASE_ANSWER_TIMEOUT = 0
# Workers pick up accepted interface texts only in the tests of that
# (tests/kassel_integration/translations/test_interface_texts_live.py), so query counts stay exact.
INTERFACE_TEXTS_CHECK_SECONDS = 0
