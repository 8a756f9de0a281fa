"""The caches and the media storage are built from the environment (README, Configuration)."""

import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from kassel_integration.settings import BASE_DIR, caches_from_environment, storages_from_environment

REDIS = "django.core.cache.backends.redis.RedisCache"
FILES = "django.core.cache.backends.filebased.FileBasedCache"
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
WHITENOISE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


def backends(caches):
    return {alias: config["BACKEND"] for alias, config in caches.items()}


# ---------------------------------------------------------------- caches
def test_without_redis_pages_and_limits_live_in_files_on_this_machine():
    caches = caches_from_environment({})
    assert backends(caches) == {
        "default": LOCMEM,
        "pages": FILES,
        "values": LOCMEM,
        "limits": FILES,
    }
    assert caches["pages"]["LOCATION"] == str(BASE_DIR / "var" / "page-cache")
    assert caches["limits"]["LOCATION"] == str(BASE_DIR / "var" / "rate-limits")


def test_the_folders_come_from_the_environment():
    caches = caches_from_environment({"DJANGO_PAGE_CACHE_DIR": "/srv/cache/pages"})
    assert caches["pages"]["LOCATION"] == "/srv/cache/pages"
    assert caches["limits"]["LOCATION"] == "/srv/cache/rate-limits"
    caches = caches_from_environment({"DJANGO_RATE_LIMIT_CACHE_DIR": "/srv/limits"})
    assert caches["limits"]["LOCATION"] == "/srv/limits"


def test_with_redis_url_every_shared_cache_is_redis_with_its_own_prefix():
    caches = caches_from_environment({"REDIS_URL": "redis://cache.internal:6379/0"})
    assert backends(caches) == {"default": REDIS, "pages": REDIS, "values": LOCMEM, "limits": REDIS}
    assert {alias: caches[alias]["LOCATION"] for alias in ("default", "pages", "limits")} == {
        "default": "redis://cache.internal:6379/0",
        "pages": "redis://cache.internal:6379/0",
        "limits": "redis://cache.internal:6379/0",
    }
    assert {alias: caches[alias]["KEY_PREFIX"] for alias in ("default", "pages", "limits")} == {
        "default": "kassel:default",
        "pages": "kassel:pages",
        "limits": "kassel:limits",
    }
    # A gone or hung Redis fails a request in seconds.
    assert caches["pages"]["OPTIONS"] == {"socket_connect_timeout": 2.0, "socket_timeout": 2.0}
    # Loaded values stay in each worker's memory; their version tokens are in "pages".
    assert caches["values"] == {
        "BACKEND": LOCMEM,
        "LOCATION": "kassel-values",
        "OPTIONS": {"MAX_ENTRIES": 300},
    }


def test_each_alias_may_have_its_own_redis_database_prefix_and_timeout():
    caches = caches_from_environment(
        {
            "REDIS_URL": "redis://127.0.0.1:6379/1",
            "REDIS_PAGES_URL": "redis://127.0.0.1:6379/2",
            "REDIS_LIMITS_URL": "rediss://limits.internal:6380/0",
            "REDIS_KEY_PREFIX": "staging",
            "REDIS_TIMEOUT": "0.5",
        }
    )
    assert [caches[alias]["LOCATION"] for alias in ("default", "pages", "limits")] == [
        "redis://127.0.0.1:6379/1",
        "redis://127.0.0.1:6379/2",
        "rediss://limits.internal:6380/0",
    ]
    assert caches["limits"]["KEY_PREFIX"] == "staging:limits"
    assert caches["default"]["OPTIONS"]["socket_timeout"] == 0.5


@pytest.mark.parametrize("url", ["127.0.0.1:6379", "http://redis:6379/0", "memcached://x"])
def test_a_url_that_is_no_redis_url_is_refused_with_the_reason(url):
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL must start with redis://"):
        caches_from_environment({"REDIS_URL": url})


# ---------------------------------------------------------------- media storage
def test_media_default_to_files_under_media_root():
    assert storages_from_environment({}) == (
        {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": WHITENOISE,
        },
        [],
    )
    assert storages_from_environment({"DJANGO_MEDIA_STORAGE": "files"})[1] == []


def test_s3_compatible_storage_with_an_endpoint():
    storages, origins = storages_from_environment(
        {
            "DJANGO_MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": "kassel-media",
            "AWS_S3_ENDPOINT_URL": "https://objects.example.net:9000",
            "AWS_S3_REGION_NAME": "eu-central-1",
            "AWS_ACCESS_KEY_ID": "never-in-the-settings",
        }
    )
    assert storages == {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "kassel-media",
                "location": "media",
                "querystring_auth": False,
                "file_overwrite": False,
                "default_acl": None,
                "region_name": "eu-central-1",
                "endpoint_url": "https://objects.example.net:9000",
                "addressing_style": "path",
            },
        },
        "staticfiles": WHITENOISE,
    }
    assert origins == ["https://objects.example.net:9000"]


def test_s3_with_a_public_domain_serves_media_from_that_domain():
    storages, origins = storages_from_environment(
        {
            "DJANGO_MEDIA_STORAGE": "S3",
            "AWS_STORAGE_BUCKET_NAME": "kassel-media",
            "AWS_S3_CUSTOM_DOMAIN": "media.example.org/",
            "AWS_LOCATION": "/uploads/",
        }
    )
    options = storages["default"]["OPTIONS"]
    assert (options["custom_domain"], options["location"]) == ("media.example.org", "uploads")
    assert "endpoint_url" not in options
    assert origins == ["https://media.example.org"]


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"DJANGO_MEDIA_STORAGE": "ftp"}, "DJANGO_MEDIA_STORAGE must be files or s3"),
        (
            {"DJANGO_MEDIA_STORAGE": "s3", "AWS_S3_ENDPOINT_URL": "https://s3.example.net"},
            "needs AWS_STORAGE_BUCKET_NAME",
        ),
        (
            {"DJANGO_MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "kassel-media"},
            "AWS_S3_ENDPOINT_URL or AWS_S3_CUSTOM_DOMAIN",
        ),
    ],
)
def test_an_incomplete_storage_setting_is_refused_with_the_reason(environ, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        storages_from_environment(environ)


def test_the_portal_started_with_s3_stores_there_and_allows_its_images():
    """The real settings module in a new process: storage class, media URLs, the CSP."""
    script = (
        "import json, django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.core.files.storage import storages\n"
        "print(json.dumps({'class': type(storages['default']).__name__,"
        " 'url': storages['default'].url('images/rathaus.jpg'),"
        " 'img_src': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))\n"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "AWS_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="kassel_integration.settings",
        DJANGO_SECRET_KEY="settings-test-secret-key-0123456789-0123456789-01234",
        DJANGO_MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="kassel-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.net",
        AWS_S3_REGION_NAME="eu-central-1",
    )
    output = subprocess.run(
        [sys.executable, "-c", script], cwd=BASE_DIR, env=env, check=True, capture_output=True
    ).stdout
    result = json.loads(output.decode().strip().splitlines()[-1])
    assert result == {
        "class": "S3Storage",
        "url": "https://objects.example.net/kassel-media/media/images/rathaus.jpg",
        "img_src": ["'self'", "data:", "https://objects.example.net"],
    }
