import logging
import time
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

from kassel_integration.site.views import healthz

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


class HideStaticManifestMiddleware:
    """404 for whitenoise's manifest (staticfiles.json), which maps every static file.

    Placed before WhiteNoiseMiddleware, so the request never reaches it and
    the 404 page comes from Django with all its headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.manifest = f"{settings.STATIC_URL}staticfiles.json"

    def __call__(self, request):
        if request.path.startswith(self.manifest):
            raise Http404
        return self.get_response(request)


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
    """Answer 400 to a NUL byte, invalid UTF-8 or too many parameters in the URL.

    No browser sends either for a real link. PostgreSQL rejects NUL in text,
    so letting one through would turn a malformed request into a server
    error further down; invalid UTF-8 would be silently mangled instead.
    More than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters are refused for every
    page alike, whether or not its view reads the query.
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
        try:
            request.GET  # noqa: B018 - parsing is the check
        except TooManyFieldsSent:
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


class StaffSessionExpiryMiddleware:
    """End a signed-in session idle too long or older than SESSION_COOKIE_AGE.

    Django's own expiry slides with every save of the session, so it cannot
    cap a working day; and a browser left open at a public desk should not
    stay signed in. Only requests that already carry a session cookie are
    looked at: anonymous visitors still get no cookie and no Vary header.
    """

    LAST_SEEN = "kassel_last_seen"
    SIGNED_IN = "kassel_signed_in_at"
    # Writing the session on every click would cost a database write per request.
    TOUCH_AFTER_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = time.time()
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            try:
                if request.user.is_authenticated:
                    self._check(request, now)
            except (OperationalError, InterfaceError):
                pass  # the database is down: the view answers 503 (DatabaseUnavailableMiddleware)
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.session_key is None:
            return response  # a visitor without a session: leave it that way
        try:
            if request.user.is_authenticated and self.SIGNED_IN not in session:
                # Signed in during this request (or before this check existed): the clock starts.
                session[self.SIGNED_IN] = now
                session[self.LAST_SEEN] = now
        except (OperationalError, InterfaceError):
            pass
        return response

    def _check(self, request, now):
        session = request.session
        last_seen = session.get(self.LAST_SEEN)
        signed_in = session.get(self.SIGNED_IN)
        idle_limit = settings.SESSION_IDLE_SECONDS
        if idle_limit and last_seen is not None and now - last_seen > idle_limit:
            minutes = max(1, round(idle_limit / 60))
            message = ngettext(
                "You were signed out after %(minutes)s minute without activity. "
                "Please sign in again.",
                "You were signed out after %(minutes)s minutes without activity. "
                "Please sign in again.",
                minutes,
            ) % {"minutes": minutes}
        elif signed_in is not None and now - signed_in > settings.SESSION_COOKIE_AGE:
            hours = max(1, round(settings.SESSION_COOKIE_AGE / 3600))
            message = ngettext(
                "You were signed out %(hours)s hour after signing in. Please sign in again.",
                "You were signed out %(hours)s hours after signing in. Please sign in again.",
                hours,
            ) % {"hours": hours}
        else:
            if last_seen is None or now - last_seen >= self.TOUCH_AFTER_SECONDS:
                session[self.LAST_SEEN] = now
            return
        logout(request)
        messages.info(request, message)
