"""A bare Django project with one view: the throughput ceiling the portal is compared with.

Served by gunicorn with the same worker count as the portal, in the same run.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

BODY = b"<!DOCTYPE html><html lang=de><title>Baseline</title><h1>Baseline</h1></html>"


def baseline(request):
    return HttpResponse(BODY)


if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-baseline-only",
        ALLOWED_HOSTS=["127.0.0.1"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
    )

urlpatterns = [path("", baseline)]
application = get_wsgi_application()
