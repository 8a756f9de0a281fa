import logging
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.template.response import TemplateResponse

from kassel_integration.views import healthz

logger = logging.getLogger(__name__)


class HealthCheckMiddleware:
    """Answer /healthz before host validation and the HTTPS redirect.

    Load balancers and the Docker HEALTHCHECK call it over plain HTTP with an
    internal address as Host, which ALLOWED_HOSTS rightly rejects elsewhere.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return healthz(request)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class DatabaseUnavailableMiddleware:
    """Answer 503 with a friendly page while the database is down.

    Connection errors are turned into 503 so that visitors see "try again
    shortly" instead of a server error, and load balancers back off.
    Other database errors (bugs) still surface as 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        if "no such table" in str(exception):
            return None  # a missing migration is a deployment bug, not an outage
        logger.error("Database unavailable: %s", exception)
        return service_unavailable(request)


def service_unavailable(request):
    response = TemplateResponse(request, "503.html", status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response.render()


class RejectMalformedQueryMiddleware:
    """Answer 400 to a NUL byte or invalid UTF-8 in the URL before any view sees it.

    No browser sends either for a real link. PostgreSQL rejects NUL in text,
    so letting one through would turn a malformed request into a server
    error further down; invalid UTF-8 would be silently mangled instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        try:
            decoded = unquote_to_bytes(query).decode("utf-8")
        except UnicodeDecodeError:
            decoded = None
        if decoded is None or "\x00" in decoded or "\x00" in request.path:
            return render(request, "400.html", status=400)
        return self.get_response(request)


class AllowedMethodsMiddleware:
    """The portal reads (GET, HEAD) and takes forms (POST); any other method is a 405.

    Function views accept every method unless decorated; this keeps PUT,
    DELETE, TRACE and friends away from all of them at once.
    """

    ALLOWED = ("GET", "HEAD", "POST")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.ALLOWED:
            response = render(request, "405.html", status=405)
            response["Allow"] = ", ".join(self.ALLOWED)
            return response
        return self.get_response(request)
