from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from kassel_integration.admin_mixins import ReadOnlyAdminMixin
from kassel_integration.editorial.workflow import ContentAdmin
from kassel_integration.models import BarrierReport, LegalPage, ReviewEvent, SiteSettings

admin.site.site_header = _("Integration Officer of the City of Kassel: editorial office")
admin.site.site_title = _("Editorial office")
admin.site.index_title = _("Manage content")


@admin.register(LegalPage)
class LegalPageAdmin(ContentAdmin):
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
