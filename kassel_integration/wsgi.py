import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kassel_integration.settings")

application = get_wsgi_application()

from kassel_integration.site import db_watchdog  # noqa: E402  (needs the settings loaded)

# A hung database answers 503 in seconds instead of blocking the worker.
db_watchdog.install()
