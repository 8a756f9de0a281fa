import os
import shutil

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"
# Playwright's sync API runs an event loop in the test thread; Django refuses
# ORM calls from such a thread unless told that this is intended.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        _require_postgres()


def _require_postgres():
    """Fail the run at once, with the reason, when PostgreSQL was asked for but is not there."""
    import psycopg

    db = settings.DATABASES["default"]
    try:
        psycopg.connect(
            host=db["HOST"],
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db["PASSWORD"],
            dbname="postgres",
            connect_timeout=5,
        ).close()
    except psycopg.OperationalError as error:
        pytest.exit(f"PostgreSQL from DATABASE_URL is unreachable: {error}", returncode=3)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "server" in item.keywords:
            # With pytest-xdist (--dist loadgroup) the gunicorn tests share one
            # worker, so two load tests never compete for the two CPU cores.
            item.add_marker(pytest.mark.xdist_group("server"))
    browser_items = [item for item in items if "browser" in item.keywords]
    if not browser_items or (shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)):
        return
    if IN_CI:
        raise pytest.UsageError(f"CI=true but Chromium is missing at {CHROMIUM}")
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}; install Debian's chromium")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """Forget content type IDs cached by earlier tests.

    A transactional test's flush re-creates content types with new IDs, and a
    rolled-back test can leave the cache pointing at a row that is gone;
    reversion and the review log would then store a dangling foreign key.
    """
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture
def content(db):
    """The shipped Kassel content, loaded exactly as `make run` loads it."""
    from django.core.management import call_command

    call_command("load_kassel_content", verbosity=0)


@pytest.fixture(scope="session")
def base_url():
    # pytest-base-url's own fixture trips a pytest deprecation; tests use live_server.url.
    return None


@pytest.fixture(scope="session")
def _baseline_language():
    from django.utils import translation

    return translation.get_language()


@pytest.fixture(autouse=True)
def _default_language(_baseline_language):
    """Each test ends by putting back the language the test run started with.

    A request through the test client leaves its language active in the test
    thread (LocaleMiddleware activates it); tests that ask for the admin in English
    or Slovenian must not change what the next test on the same worker reads.
    """
    from django.utils import translation

    yield
    if _baseline_language is None:
        translation.deactivate_all()
    else:
        translation.activate(_baseline_language)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """On PostgreSQL, end sessions a live-server or helper thread left on the test database.

    Dropping the test database at the end fails ("is being accessed by other
    users") while any such session lingers; the run's results are already in.
    """
    yield
    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        return
    import psycopg
    from django.db import connections

    with django_db_blocker.unblock():
        name = connections["default"].settings_dict["NAME"]
        connections.close_all()
        with psycopg.connect(
            host=db["HOST"],
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db["PASSWORD"],
            dbname="postgres",
            autocommit=True,
        ) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
