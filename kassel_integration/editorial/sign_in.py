"""Sign-in security: login throttling (django-axes) and its audit for administrators.

Throttling counts failed sign-ins per user name *and* client address
(settings.AXES_LOCKOUT_PARAMETERS): after AXES_FAILURE_LIMIT failures that
pair waits AXES_COOLOFF_TIME, then may try again. Someone guessing a
colleague's password from another address never locks the colleague out.

The failed sign-ins, the current throttles and the successful sign-ins are
listed read-only in the admin, to superusers only: they hold IP addresses
and the user names people typed (sometimes a password by mistake).
"""

import ipaddress
import math

from axes.apps import AppConfig as BaseAxesConfig
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from kassel_integration.admin_mixins import ReadOnlyAdminMixin

# django-axes ships no Slovenian (and no English-friendly) wording for its models:
# these msgids are the package's own, translated in our catalogues, which take
# precedence over the package's.
AXES_STRINGS = (
    _("access attempt"),
    _("access attempts"),
    _("access failure"),
    _("access failures"),
    _("access log"),
    _("access logs"),
    _("User Agent"),
    _("IP Address"),
    _("Username"),
    _("HTTP Accept"),
    _("Path"),
    _("Attempt Time"),
    _("Access lock out"),
    _("GET Data"),
    _("POST Data"),
    _("Failed Logins"),
    _("Logout Time"),
    _("Session key hash (sha256)"),
)

# Django's Slovenian catalogue lacks the current wording of this validator message,
# so Slovenian staff would get the German fallback.
PASSWORD_STRINGS = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        12,
    ),
)


class AxesConfig(BaseAxesConfig):
    """django-axes with a translated name and our own admin pages."""

    verbose_name = _("Sign-in security")

    def ready(self):
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        for model, model_admin in (
            (AccessFailureLog, FailedSignInAdmin),
            (AccessAttempt, ThrottleAdmin),
            (AccessLog, SignInAdmin),
        ):
            if not admin.site.is_registered(model):
                admin.site.register(model, model_admin)


# ---------------------------------------------------------------- client address
def _parse_address(value):
    """An IP address from a header entry ("1.2.3.4", "1.2.3.4:80", "[::1]:443"), or None."""
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request):
    """The address failures are counted against (AXES_CLIENT_IP_CALLABLE).

    Only behind the reverse proxy (DJANGO_BEHIND_PROXY) is X-Forwarded-For
    read, and then only the entry our own proxies appended: the entries
    before it come from the client and could name any address at all.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
        ]
        if len(forwarded) >= count:
            address = _parse_address(forwarded[-count])
            if address is not None:
                return address
    return remote


# ---------------------------------------------------------------- lockout page
def cool_off_seconds():
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def lockout_response(request, original_response=None, credentials=None):
    """429 with the portal's layout, in the visitor's language, naming the wait."""
    seconds = cool_off_seconds()
    response = render(
        request,
        "login_locked.html",
        {
            "minutes": max(1, math.ceil(seconds / 60)),
            "login_url": reverse("admin:login"),
            "breadcrumbs": [(_("Sign-in paused"), None)],
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- admin (superusers only)
class SuperuserAuditAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only and for superusers alone; editors and translators get a 403."""

    date_hierarchy = "attempt_time"
    search_fields = ["username", "ip_address"]
    list_per_page = 50

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields if field.name != "id"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class FailedSignInAdmin(SuperuserAuditAdmin):
    """Every failed sign-in, kept after the throttle itself has expired."""

    list_display = ["attempt_time", "username", "ip_address", "locked_out", "user_agent"]
    list_filter = ["locked_out", "attempt_time"]


class ThrottleAdmin(SuperuserAuditAdmin):
    """The failures being counted right now; deleting a row lifts that throttle early."""

    list_display = ["attempt_time", "username", "ip_address", "failures_since_start", "user_agent"]
    list_filter = ["attempt_time"]
    exclude = ["get_data", "post_data"]

    def get_readonly_fields(self, request, obj=None):
        return [
            name for name in super().get_readonly_fields(request, obj) if name not in self.exclude
        ]

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class SignInAdmin(SuperuserAuditAdmin):
    """Successful sign-ins and sign-outs."""

    list_display = ["attempt_time", "logout_time", "username", "ip_address", "user_agent"]
    list_filter = ["attempt_time"]
    exclude = ["session_hash"]

    def get_readonly_fields(self, request, obj=None):
        return [
            name for name in super().get_readonly_fields(request, obj) if name not in self.exclude
        ]
