"""Settings for the Kassel integration portal.

Everything that differs between a laptop, CI and production comes from the
environment; the defaults are the embedded SQLite setup that `make run` uses.
The README lists every variable.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# ---------------------------------------------------------------- core
DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
LOCAL_SECRET_FILE = BASE_DIR / ".secret_key"
if not SECRET_KEY and LOCAL_SECRET_FILE.is_file():
    # The key `make run` generated for this checkout, so that management
    # commands work here without exporting it. Never present in the image.
    SECRET_KEY = LOCAL_SECRET_FILE.read_text().strip()
if not SECRET_KEY:
    if not DEBUG:
        # Fail fast: a production process without a real secret would sign
        # sessions and tokens with something guessable.
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it in the environment "
            "(`make run` keeps a generated one in .secret_key), "
            "or set DJANGO_DEBUG=true for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "reversion",
    # The rich text editor's static files (editorial/widgets.py, RichTextEditor).
    "django_prose_editor",
    "kassel_integration",
    "officers",
    "concept",
    "events",
    # Login throttling and the audit of failed sign-ins (see admin_security.py).
    "kassel_integration.editorial.sign_in.AxesConfig",
]

MIDDLEWARE = [
    # First: probes from inside the container use whatever Host they like.
    "kassel_integration.site.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before the page cache, which keys pages by the texts this worker has applied: a worker
    # that only serves stored pages still picks up accepted interface texts (translations/live.py).
    "kassel_integration.translations.live.InterfaceTextsMiddleware",
    # Right after the HTTPS redirect: a stored page was produced by everything below and is
    # answered without running it again (host and query are checked by the cache itself).
    "kassel_integration.cache.pages.PageCacheMiddleware",
    "kassel_integration.site.middleware.SecurityHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before whitenoise: a 404 raised there (the static manifest) still gets the CSP.
    "csp.middleware.CSPMiddleware",
    "kassel_integration.site.middleware.HideStaticManifestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "kassel_integration.site.middleware.RejectMalformedQueryMiddleware",
    "kassel_integration.site.middleware.AllowedMethodsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kassel_integration.site.middleware.DatabaseUnavailableMiddleware",
    # After authentication and messages: ends idle or too old staff sessions.
    "kassel_integration.site.middleware.StaffSessionExpiryMiddleware",
    # Last, as django-axes asks: turns a throttled login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kassel_integration.urls"
WSGI_APPLICATION = "kassel_integration.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kassel_integration.site.context_processors.site",
            ],
        },
    },
]

# ---------------------------------------------------------------- database
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A dead or hung server must make a page fail in seconds (503), not hang a worker:
    # the connect timeout bounds a new connection, the statement timeout makes the
    # server give up a query (or a lock wait), and TCP keepalives plus the user
    # timeout notice a server or network that is gone while a connection is reused.
    _keepalive_idle = int(os.environ.get("DJANGO_DB_KEEPALIVES_IDLE", "10"))
    _statement_timeout = int(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT", "5"))
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "3")),
            "keepalives": 1,
            "keepalives_idle": _keepalive_idle,
            "keepalives_interval": max(1, _keepalive_idle // 2),
            "keepalives_count": 3,
            # Milliseconds sent data may stay unacknowledged before the connection is dropped.
            "tcp_user_timeout": 1000 * (_keepalive_idle + 3 * max(1, _keepalive_idle // 2)),
            "options": f"-c statement_timeout={_statement_timeout * 1000}",
        }
    )
    # A server that has not answered for longer than its own statement timeout is hung:
    # the web workers' watchdog cuts such a connection (kassel_integration/site/db_watchdog.py).
    DATABASE_ANSWER_TIMEOUT = _statement_timeout + 2 if _statement_timeout else 0
else:
    DATABASE_ANSWER_TIMEOUT = 0
    # gunicorn workers write concurrently; wait for the lock instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )

# ---------------------------------------------------------------- auth
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ADMIN_URL_PATH = os.environ.get("DJANGO_ADMIN_PATH", "verwaltung/").strip("/") + "/"
# Where sign-in leads when `next` is missing or points elsewhere (Django: /accounts/profile/).
LOGIN_REDIRECT_URL = "admin:index"
AUTHENTICATION_BACKENDS = [
    # First: refuses a throttled user name and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# ---------------------------------------------------------------- login throttling (django-axes)
# Failures count per user name *and* address: someone guessing from elsewhere can
# never lock the real person out, and after the cool-off everyone may try again.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
# A try during the cool-off (even with the right password) does not restart it,
# so the time the lockout page names is the time it really takes.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "kassel_integration.editorial.sign_in.lockout_response"
AXES_CLIENT_IP_CALLABLE = "kassel_integration.editorial.sign_in.client_ip"
# Our own read-only admin pages for superusers replace the package's (admin_security.py).
AXES_ENABLE_ADMIN = False
# No start-up banner on every management command; failures are still logged.
AXES_VERBOSE = False
# Every failed sign-in stays listed for administrators, not only the current throttles.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Passwords are always masked; the CSRF token has no place in the logs either.
AXES_SENSITIVE_PARAMETERS = ["csrfmiddlewaretoken"]
# Behind the reverse proxy REMOTE_ADDR is the proxy itself: the client's address is
# the one the last DJANGO_PROXY_COUNT proxies appended to X-Forwarded-For. Without
# a proxy the header is whatever the client sent, so it is never read.
TRUSTED_PROXY_COUNT = (
    int(os.environ.get("DJANGO_PROXY_COUNT", "1")) if env_bool("DJANGO_BEHIND_PROXY") else 0
)

# ---------------------------------------------------------------- staff sessions
# Only staff have sessions (anonymous visitors get no cookie). A session ends when
# the browser closes, after DJANGO_SESSION_IDLE_MINUTES without a request, and at
# the latest DJANGO_SESSION_HOURS after signing in (StaffSessionExpiryMiddleware).
SESSION_COOKIE_AGE = int(float(os.environ.get("DJANGO_SESSION_HOURS", "8")) * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_SECONDS = int(float(os.environ.get("DJANGO_SESSION_IDLE_MINUTES", "30")) * 60)

# ---------------------------------------------------------------- i18n
# The languages of the portal. This block is the only place that names them: the
# translated fields (title_de, title_en…), slugs, translator groups, the
# translation dashboard, the language switcher, hreflang links and the
# fallbacks all follow LANGUAGES. To add a language (say Turkish):
#   1. add ("tr", "Türkçe") to LANGUAGES (code and the language's own name, as
#      the switcher shows it) and, if Django's defaults below do not suffice,
#      an entry to LANGUAGE_DETAILS;
#   2. `manage.py makemigrations` (modeltranslation adds a column per translated
#      field, e.g. title_tr) and `manage.py migrate`, which also creates the group
#      "Translators (Turkish)" and the permission for its interface texts;
#   3. locale/tr/LC_MESSAGES/django.po for the interface texts (translators
#      upload it on the translation dashboard). Until it exists they appear in
#      German, the default language; on a right-to-left page German sentences
#      then end at the wrong side, so ship the catalogue with the language.
# Text direction comes from Django (get_language_info(code)["bidi"]): Arabic,
# Farsi, Hebrew or Urdu pages get dir="rtl", and the stylesheets use logical
# properties (margin-inline-start…) so the layout mirrors by itself.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("sl", "Slovenščina"),
]
# What the portal needs to know about a language beyond Django's own data
# (kassel_integration/content/languages.py reads it). Every key is optional:
#   name                 the language's name in the reader's language, e.g. for
#                        the language of a document; default: Django's name
#                        for it, translated by Django's catalogue;
#   og_locale            Open Graph locale (language_TERRITORY); default: the
#                        code as a locale ("tr");
#   date_format          a day in running text (Django date syntax); default:
#                        the language's DATE_FORMAT from Django;
#   weekday_date_format  a day with its weekday, for events; default "l j F Y";
#   months_in_dates      the month names as a date needs them where Django only
#                        has the nominative (Slovenian "3. julija 2025");
#                        replaces "F" in date_format;
#   translated_from      the note under a quote translated from this language;
#                        default: "Translated from the original language."
LANGUAGE_DETAILS = {
    "de": {
        "name": _("German"),
        "og_locale": "de_DE",
        "date_format": "j. F Y",
        "weekday_date_format": "l, j. F Y",
        "translated_from": _("Translated from German."),
    },
    "en": {
        "name": _("English"),
        # British English matches the portal's English.
        "og_locale": "en_GB",
        # Django's own English format gives "July 3, 2025" (US).
        "date_format": "j F Y",
        "translated_from": _("Translated from English."),
    },
    "sl": {
        "name": _("Slovenian"),
        "og_locale": "sl_SI",
        "date_format": "j. F Y",
        "weekday_date_format": "l, j. F Y",
        "months_in_dates": (
            "januarja",
            "februarja",
            "marca",
            "aprila",
            "maja",
            "junija",
            "julija",
            "avgusta",
            "septembra",
            "oktobra",
            "novembra",
            "decembra",
        ),
        "translated_from": _("Translated from Slovenian."),
    },
}
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# Content is written in the default language and translated from it: a text
# missing in another language is shown in it (marked, see content/fallback.py).
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = (LANGUAGE_CODE,)
# Served from our own static files: the portal loads nothing from other hosts.
JQUERY_UI_URL = "vendor/jquery-ui-1.14.2/jquery-ui.min.js"

# ---------------------------------------------------------------- static files
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))


def storages_from_environment(environ) -> tuple[dict, list[str]]:
    """STORAGES for this environment, and the origins media are served from besides our own.

    Uploads go to MEDIA_ROOT (`files`, the default: on more than one machine a
    volume every machine mounts) or to an S3-compatible bucket through
    django-storages (`DJANGO_MEDIA_STORAGE=s3`). The bucket's objects are
    public, with plain URLs: pages are cached, and a signed URL in a cached
    page would expire. Keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
    (read by django-storages and boto3, never by these settings).
    """
    static = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    kind = environ.get("DJANGO_MEDIA_STORAGE", "files").strip().lower()
    if kind == "files":
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": static,
        }, []
    if kind != "s3":
        raise ImproperlyConfigured("DJANGO_MEDIA_STORAGE must be files or s3")
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    endpoint = environ.get("AWS_S3_ENDPOINT_URL", "").strip()
    domain = environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip().strip("/")
    if not bucket or not (endpoint or domain):
        # The origin of the media URLs goes into the Content-Security-Policy (img-src).
        raise ImproperlyConfigured(
            "DJANGO_MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME and "
            "AWS_S3_ENDPOINT_URL or AWS_S3_CUSTOM_DOMAIN"
        )
    options = {
        "bucket_name": bucket,
        "location": environ.get("AWS_LOCATION", "media").strip("/"),
        "querystring_auth": False,
        # Like the file system: a second upload of the same name gets a new name.
        "file_overwrite": False,
        "default_acl": None,
    }
    if region := environ.get("AWS_S3_REGION_NAME", "").strip():
        options["region_name"] = region
    if endpoint:
        # Path-style URLs keep the bucket in the path: every media URL has the endpoint's origin.
        options.update(endpoint_url=endpoint, addressing_style="path")
        split = urlsplit(endpoint)
        origin = f"{split.scheme}://{split.netloc}"
    if domain:
        options["custom_domain"] = domain
        origin = f"https://{domain.split('/')[0]}"
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        "staticfiles": static,
    }, [origin]


STORAGES, MEDIA_ORIGINS = storages_from_environment(os.environ)
# The portal serves uploaded images itself (kassel_integration/site/media.py);
# false when a reverse proxy serves MEDIA_ROOT at MEDIA_URL instead.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", default=True)
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# ---------------------------------------------------------------- cache
# One machine (`make run`): pages and the form rate limits live in files, so that
# every gunicorn worker sees the same cache and a save in one worker empties it for
# all (see kassel_integration/cache/pages.py). More than one machine: REDIS_URL, and
# Django's default cache, the pages (with the version tokens that the value cache
# reads) and the rate limits live in Redis, shared by every machine. Clearing the
# pages bumps a version token there, so each machine sees a save at its next request.
REDIS_ALIASES = {
    # alias: (variable naming its own Redis database or server, key prefix)
    "default": ("REDIS_URL", "default"),
    "pages": ("REDIS_PAGES_URL", "pages"),
    "limits": ("REDIS_LIMITS_URL", "limits"),
}


def caches_from_environment(environ) -> dict:
    """CACHES for this environment (a mapping like os.environ): files or Redis."""
    page_dir = environ.get("DJANGO_PAGE_CACHE_DIR", str(BASE_DIR / "var" / "page-cache"))
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kassel-integration",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": page_dir,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        # What a costly page loaded (kassel_integration/cache/values.py): in each
        # worker's memory, bounded, under version tokens that live beside the pages.
        "values": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kassel-values",
            "OPTIONS": {"MAX_ENTRIES": 300},
        },
        # Counters of the public forms' rate limits (kassel_integration/site/abuse.py).
        "limits": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": environ.get(
                "DJANGO_RATE_LIMIT_CACHE_DIR", str(Path(page_dir).parent / "rate-limits")
            ),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }
    redis_url = environ.get("REDIS_URL", "").strip()
    if not redis_url:
        return caches
    if not redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("REDIS_URL must start with redis://, rediss:// or unix://")
    prefix = environ.get("REDIS_KEY_PREFIX", "kassel").strip()
    timeout = float(environ.get("REDIS_TIMEOUT", "2"))
    for alias, (variable, key_prefix) in REDIS_ALIASES.items():
        caches[alias] = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": environ.get(variable, "").strip() or redis_url,
            # Several aliases may share one Redis database: each has its own keys.
            "KEY_PREFIX": f"{prefix}:{key_prefix}" if prefix else key_prefix,
            # A Redis that is gone or hung fails a request in seconds instead of
            # holding the worker (redis-py's connection pool options).
            "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
        }
    return caches


CACHES = caches_from_environment(os.environ)
PAGE_CACHE_ALIAS = "pages"
VALUE_CACHE_ALIAS = "values"
FORM_RATE_LIMIT_CACHE = "limits"

# How often each worker looks for accepted interface texts (translations/live.py);
# at most 30 s, so that a change is on every worker within a minute. 0: never (tests).
INTERFACE_TEXTS_CHECK_SECONDS = int(os.environ.get("DJANGO_INTERFACE_TEXTS_CHECK_SECONDS", "10"))
if not 0 <= INTERFACE_TEXTS_CHECK_SECONDS <= 30:
    raise ImproperlyConfigured("DJANGO_INTERFACE_TEXTS_CHECK_SECONDS must be between 0 and 30")


def env_rate(name: str, default: str) -> tuple[int, int]:
    """'count/seconds' from the environment, e.g. '20/600'."""
    count, _slash, seconds = os.environ.get(name, default).partition("/")
    try:
        return int(count), int(seconds)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must look like 20/600 (submissions/seconds)") from None


# Submissions of the registration and barrier forms per client address, and per e-mail address.
FORM_RATE_LIMIT_PER_CLIENT = env_rate("DJANGO_FORM_RATE_PER_CLIENT", "20/600")
FORM_RATE_LIMIT_PER_EMAIL = env_rate("DJANGO_FORM_RATE_PER_EMAIL", "5/3600")
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600"))
# How long a shared cache in front of the portal (a reverse proxy, a CDN) may keep a public
# page (s-maxage); never past the next publication boundary. Browsers always revalidate.
SHARED_CACHE_SECONDS = int(os.environ.get("DJANGO_SHARED_CACHE_SECONDS", "60"))
# Where the portal sends `PURGE` after a save, so the proxy drops its copies at once
# (README, "Deployment notes"); empty: the proxy's copies age out after s-maxage.
SHARED_CACHE_PURGE_URL = os.environ.get("DJANGO_SHARED_CACHE_PURGE_URL", "")
if SHARED_CACHE_PURGE_URL and not SHARED_CACHE_PURGE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("DJANGO_SHARED_CACHE_PURGE_URL must be an http(s) address.")
# How long a loaded value may be kept at most; 0 turns the value cache off.
VALUE_CACHE_SECONDS = int(os.environ.get("DJANGO_VALUE_CACHE_SECONDS", "600"))
# The page cache says X-Cache: HIT/MISS only when this is set, e.g. to debug the cache:
# otherwise the header would tell a scanner how the stack works.
EXPOSE_CACHE_STATUS = env_bool("DJANGO_EXPOSE_CACHE_STATUS")

# ---------------------------------------------------------------- e-mail
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where reports of accessibility barriers go besides the admin list.
ACCESSIBILITY_FEEDBACK_EMAIL = os.environ.get("ACCESSIBILITY_FEEDBACK_EMAIL", "")
# Where messages of the contact form go while the office has no e-mail address in the
# admin (besides the admin list; empty: to MANAGERS).
CONTACT_FORM_EMAIL = os.environ.get("CONTACT_FORM_EMAIL", "")
# Days after which contact messages are deleted (`delete_expired_personal_data`).
CONTACT_MESSAGE_RETENTION_DAYS = int(os.environ.get("CONTACT_MESSAGE_RETENTION_DAYS", "90"))

# ---------------------------------------------------------------- security
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if env_bool("DJANGO_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_FAILURE_VIEW = "kassel_integration.site.views.csrf_failure"
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# ---------------------------------------------------------------- event registration
# How long an unconfirmed place is held (and its confirmation link works).
EVENT_REGISTRATION_HOLD_MINUTES = int(os.environ.get("EVENT_REGISTRATION_HOLD_MINUTES", "60"))
# Days after an event before `anonymise_registrations` blanks personal data.
EVENT_REGISTRATION_RETENTION_DAYS = int(os.environ.get("EVENT_REGISTRATION_RETENTION_DAYS", "30"))

# ---------------------------------------------------------------- site
SITE_NAME = _("Integration Officer of the City of Kassel")
# Absolute URLs in feeds, sitemaps and iCal files.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"()": "kassel_integration.site.log.OneLineClientErrorFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
