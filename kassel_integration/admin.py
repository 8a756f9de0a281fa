from django.contrib import admin, messages
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from kassel_integration.admin_mixins import ReadOnlyAdminMixin
from kassel_integration.editorial import notices
from kassel_integration.editorial.pending_admin import PendingChangesMixin
from kassel_integration.editorial.workflow import ContentAdmin
from kassel_integration.models import (
    BarrierReport,
    LegalPage,
    Notice,
    ReviewEvent,
    SiteSettings,
    StaffPreferences,
)

admin.site.site_header = _("Integration Officer of the City of Kassel: editorial office")
admin.site.site_title = _("Editorial office")
admin.site.index_title = _("Manage content")


@admin.register(LegalPage)
class LegalPageAdmin(PendingChangesMixin, ContentAdmin):
    list_display = ["title", "kind", "updated_at"]
    readonly_fields = ["updated_at"]

    def has_delete_permission(self, request, obj=None):
        # The site must always have its legal pages.
        return False


@admin.register(BarrierReport)
class BarrierReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "page_url", "language", "handled"]
    list_filter = ["handled", "language"]
    search_fields = ["page_url", "description"]
    readonly_fields = ["page_url", "description", "name", "email", "language", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row of settings: staff edit it, never add a second one or delete it."""

    fieldsets = [
        (
            _("Security contact"),
            {
                "fields": ["security_email", "security_url", "security_txt_expires"],
                "description": _(
                    "Saving this page confirms the security contact for another year: "
                    "security.txt then carries a new expiry date."
                ),
            },
        ),
    ]
    readonly_fields = ["security_txt_expires"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "security_email", "security_txt_expires"]

    @admin.display(description=_("security.txt valid until"))
    def security_txt_expires(self, obj):
        return obj.security_txt_expires if obj else None

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The record of the review path: read-only, it is written by the editorial workflow."""

    list_display = ["created_at", "object_repr", "content_type", "action", "user"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "comment"]
    list_select_related = ["content_type", "user"]
    date_hierarchy = "created_at"


@admin.register(StaffPreferences)
class StaffPreferencesAdmin(admin.ModelAdmin):
    """Each staff member's own notification settings, and nobody else's."""

    fields = ["language", "notify_by_email"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user=request.user)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or obj.user == request.user)

    has_change_permission = has_view_permission

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def get_model_perms(self, request):
        # The menu links to one's settings only (and costs no query on every admin page).
        return {"add": False, "change": False, "delete": False, "view": True}

    def add_view(self, request, form_url="", extra_context=None):
        own = StaffPreferences.objects.filter(user=request.user).first()
        if own is not None:
            return redirect("admin:kassel_integration_staffpreferences_change", own.pk)
        return super().add_view(request, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row per person: the list is that person's settings.
        own = StaffPreferences.objects.filter(user=request.user).first()
        if own is None:
            return redirect("admin:kassel_integration_staffpreferences_add")
        return redirect("admin:kassel_integration_staffpreferences_change", own.pk)

    def save_model(self, request, obj, form, change):
        obj.user = request.user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        return self.response_post_save_add(request, obj)

    def response_post_save_add(self, request, obj):
        return redirect("admin:kassel_integration_staffpreferences_change", obj.pk)

    def response_post_save_change(self, request, obj):
        return redirect("admin:kassel_integration_staffpreferences_change", obj.pk)


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The review's e-mails: written by the workflow; unsent ones can be sent again."""

    list_display = ["created_at", "event", "recipient", "sent_at", "attempts", "error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    list_select_related = ["event", "recipient"]
    actions = ["send_again"]

    @admin.action(description=_("Send the selected unsent notifications again"))
    def send_again(self, request, queryset):
        sent, failed = notices.send(list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            _("Sent: %(sent)s. Failed again: %(failed)s.") % {"sent": sent, "failed": failed},
            messages.WARNING if failed else messages.SUCCESS,
        )
