"""The portal's URLs plus /media/, as the reverse proxy serves it in production.

Django does not serve uploads; browser tests that look at images use this
URLconf so the live server can deliver them from the test's MEDIA_ROOT.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from kassel_integration.urls import (  # noqa: F401 - the error handlers are looked up here
    handler400,
    handler403,
    handler404,
    handler500,
)
from kassel_integration.urls import urlpatterns as portal_urlpatterns


def media(request, path):
    # MEDIA_ROOT is read per request: each test points it at its own folder.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.+)$", media), *portal_urlpatterns]
