import csv
import logging

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationStackedInline,
)

from events import registration as service
from events.models import (
    Event,
    EventQuote,
    EventSeries,
    Language,
    ProgrammeItem,
    Registration,
    Venue,
)
from kassel_integration.editorial.widgets import NamedDateTimeInputsMixin
from kassel_integration.editorial.workflow import ContentAdmin, PublishableAdmin

logger = logging.getLogger(__name__)
PERSONAL_DATA_PERMISSION = "events.view_registration_personal_data"
PERSONAL_FIELDS = [
    "name",
    "email",
    "organisation",
    "needs_sign_language",
    "needs_step_free_access",
    "needs_childcare",
    "accessibility_notes",
]


def sees_personal_data(request):
    return request.user.has_perm(PERSONAL_DATA_PERMISSION)


def _csv_cell(value):
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def participants_csv(events, request):
    """The door list: confirmed participants with what the entrance needs, nothing more."""
    events = list(events)
    rows = (
        Registration.objects.filter(event__in=events, status=Registration.Status.CONFIRMED)
        .select_related("event")
        .order_by("event__start", "event__pk", "name", "pk")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = events[0].slug if len(events) == 1 else "participants"
    response["Content-Disposition"] = f'attachment; filename="{name}-participants.csv"'
    response["Cache-Control"] = "no-store, private"
    # The BOM and semicolons make Excel in German settings open it correctly.
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [gettext("Event"), gettext("Name"), gettext("Organisation"), gettext("Accessibility needs")]
    )
    count = 0
    for registration in rows:
        writer.writerow(
            _csv_cell(value)
            for value in (
                registration.event.title,
                registration.name,
                registration.organisation,
                "; ".join(registration.accessibility_needs()),
            )
        )
        count += 1
    logger.info(
        "User %s exported %s participants of events %s",
        request.user.pk,
        count,
        [event.pk for event in events],
    )
    return response


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Event.objects.dates("start", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(start__year=int(value))
        return queryset


class ProgrammeItemInline(TranslationStackedInline):
    model = ProgrammeItem
    extra = 0
    fields = ["order", "start_time", "kind", "title", "description", "speakers"]
    autocomplete_fields = ["speakers"]


class RegistrationInline(admin.TabularInline):
    """Read only: places change through the public links and the list's actions, under the lock."""

    model = Registration
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("registrations")

    def get_fields(self, request, obj=None):
        fields = ["status", "language", "registered_at", "mail_failed_at"]
        if sees_personal_data(request):
            return ["name", "organisation", "needs", *fields]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    @admin.display(description=_("accessibility needs"))
    def needs(self, registration):
        return "; ".join(registration.accessibility_needs()) or "–"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EventQuoteInline(admin.TabularInline):
    model = EventQuote
    extra = 0
    fields = ["order", "quote"]
    autocomplete_fields = ["quote"]


@admin.register(Language)
class LanguageAdmin(ContentAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Venue)
class VenueAdmin(ContentAdmin):
    list_display = ["name", "street_address", "locality"]
    search_fields = ["name", "street_address", "locality"]


@admin.register(EventSeries)
class EventSeriesAdmin(PublishableAdmin):
    list_display = ["title", "order", "status"]
    list_filter = ["status"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    list_display = ["title", "start", "series", "event_status", "status"]
    list_filter = ["series", YearFilter, "event_status", "status"]
    search_fields = ["title", "motto", "summary"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "series",
        "venue",
        "organiser",
        "co_organisers",
        "invited_by",
        "languages",
    ]
    filter_horizontal = ["fields_of_action"]
    inlines = [ProgrammeItemInline, EventQuoteInline, RegistrationInline]
    actions = ["export_participants"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "series", "motto", "motto_kind", "summary"]}),
        (
            _("Date and time (Europe/Berlin)"),
            {"fields": ["start", "end", "end_is_approximate", "all_day", "event_status"]},
        ),
        (_("Place and registration"), {"fields": ["venue", "languages", "registration"]}),
        (
            _("Online registration"),
            {
                "fields": [
                    "online_registration",
                    "capacity",
                    "registration_deadline",
                    "ask_organisation",
                    "ask_accessibility_needs",
                    "registration_counts",
                ]
            },
        ),
        (
            _("Organisers and audience"),
            {
                "fields": [
                    "organiser",
                    "co_organisers",
                    "invited_by",
                    "focus",
                    "audience",
                    "fields_of_action",
                    "participants",
                    "participants_approximate",
                ]
            },
        ),
        (_("Announcement"), {"fields": ["description"]}),
        (_("Report"), {"fields": ["report", "results", "next_steps"]}),
        (_("Publication"), {"fields": ["status", "publish_from", "publish_until"]}),
    ]

    readonly_fields = ["registration_counts"]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "registration_counts"]

    def get_queryset(self, request):
        now = timezone.now()
        status = Registration.Status
        active = Q(registrations__hold_expires_at__gt=now) | Q(
            registrations__email_confirmed_at__isnull=False
        )
        return (
            super()
            .get_queryset(request)
            .select_related("series")
            .annotate(
                confirmed_count=Count(
                    "registrations", filter=Q(registrations__status=status.CONFIRMED)
                ),
                held_count=Count(
                    "registrations",
                    filter=Q(registrations__status=status.HELD)
                    & Q(registrations__hold_expires_at__gt=now),
                ),
                waiting_count=Count(
                    "registrations", filter=Q(registrations__status=status.WAITING) & active
                ),
                cancelled_count=Count(
                    "registrations", filter=Q(registrations__status=status.CANCELLED)
                ),
            )
        )

    @admin.display(description=_("registrations"))
    def registration_counts(self, event):
        if event.pk is None or not event.online_registration:
            return "–"
        counts = gettext(
            "%(confirmed)s confirmed, %(held)s held, %(waiting)s waiting, %(cancelled)s cancelled"
        ) % {
            "confirmed": getattr(event, "confirmed_count", 0),
            "held": getattr(event, "held_count", 0),
            "waiting": getattr(event, "waiting_count", 0),
            "cancelled": getattr(event, "cancelled_count", 0),
        }
        if event.capacity:
            counts = gettext("%(counts)s (of %(capacity)s places)") % {
                "counts": counts,
                "capacity": event.capacity,
            }
        return counts

    def get_urls(self):
        return [
            path(
                "<int:pk>/participants.csv",
                self.admin_site.admin_view(self.participants_view),
                name="events_event_participants",
            ),
            *super().get_urls(),
        ]

    def has_view_registration_personal_data_permission(self, request):
        return sees_personal_data(request)

    def participants_view(self, request, pk):
        if not (self.has_view_permission(request) and sees_personal_data(request)):
            raise PermissionDenied
        return participants_csv([get_object_or_404(Event, pk=pk)], request)

    @admin.action(
        description=_("Export confirmed participants (CSV)"),
        permissions=["view_registration_personal_data"],
    )
    def export_participants(self, request, queryset):
        return participants_csv(queryset.order_by("start", "pk"), request)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and obj.online_registration and sees_personal_data(request):
            context["participants_url"] = reverse("admin:events_event_participants", args=[obj.pk])
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.online_registration:
            # More places (or a later deadline) may let the waiting list move up.
            transaction.on_commit(lambda: service.settle_event(obj.pk))


class MailFailedFilter(admin.SimpleListFilter):
    title = _("e-mail")
    parameter_name = "mail"

    def lookups(self, request, model_admin):
        return [("failed", _("Last e-mail failed"))]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.filter(mail_failed_at__isnull=False)
        return queryset


@admin.register(Registration)
class RegistrationAdmin(NamedDateTimeInputsMixin, admin.ModelAdmin):
    """Personal fields only for staff with the personal-data permission (translators never)."""

    list_filter = ["status", "event", "language", MailFailedFilter, "registered_at"]
    list_select_related = ["event"]
    date_hierarchy = "registered_at"
    actions = ["cancel_registrations", "resend_mail"]
    STATE_FIELDS = [
        "event",
        "status",
        "language",
        "registered_at",
        "hold_expires_at",
        "email_confirmed_at",
        "confirmed_at",
        "promoted_at",
        "cancelled_at",
        "anonymised_at",
        "last_mail",
        "mail_sent_at",
        "mail_failure",
    ]

    def get_list_display(self, request):
        shown = ["__str__", "event", "status", "registered_at", "mail_state"]
        if sees_personal_data(request):
            return [*shown[:1], "name", "organisation", "needs", *shown[1:]]
        return shown

    def get_search_fields(self, request):
        return ["name", "email", "organisation"] if sees_personal_data(request) else []

    def get_fields(self, request, obj=None):
        if sees_personal_data(request):
            return [*PERSONAL_FIELDS, *self.STATE_FIELDS]
        return self.STATE_FIELDS

    def get_readonly_fields(self, request, obj=None):
        if sees_personal_data(request):
            # Corrections of personal data are allowed (Art. 16 GDPR); states go through actions.
            return [*self.STATE_FIELDS, *(PERSONAL_FIELDS if obj and obj.anonymised_at else [])]
        return self.STATE_FIELDS

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("accessibility needs"))
    def needs(self, registration):
        return "; ".join(registration.accessibility_needs()) or "–"

    @admin.display(description=_("e-mail"), ordering="mail_failed_at")
    def mail_state(self, registration):
        if registration.mail_failed_at:
            return format_html(
                '<strong class="errornote">{}</strong>',
                gettext("failed on %(date)s")
                % {
                    "date": timezone.localtime(registration.mail_failed_at).strftime(
                        "%d.%m.%Y %H:%M"
                    )
                },
            )
        if registration.mail_sent_at:
            return registration.get_last_mail_display()
        return "–"

    @admin.display(description=_("e-mail failed"))
    def mail_failure(self, registration):
        """Explains a refused e-mail only where there is one (a help text would always show)."""
        if registration.mail_failed_at is None:
            return "–"
        return format_html(
            '<strong class="errornote">{}</strong> {}',
            gettext("failed on %(date)s")
            % {"date": timezone.localtime(registration.mail_failed_at).strftime("%d.%m.%Y %H:%M")},
            gettext("The mail server refused the last e-mail. Send it again from the list."),
        )

    @admin.action(description=_("Cancel the selected registrations"), permissions=["change"])
    def cancel_registrations(self, request, queryset):
        cancelled = 0
        for registration in queryset.filter(status__in=Registration.ACTIVE):
            service.cancel(registration)
            cancelled += 1
        self.message_user(
            request,
            ngettext(
                "%(count)s registration cancelled; the waiting list has moved up where places became free.",
                "%(count)s registrations cancelled; the waiting list has moved up where places became free.",
                cancelled,
            )
            % {"count": cancelled},
            messages.SUCCESS,
        )

    @admin.action(description=_("Send the last e-mail again"), permissions=["change"])
    def resend_mail(self, request, queryset):
        results = [service.resend_last_mail(r) for r in queryset.filter(anonymised_at__isnull=True)]
        sent, failed = results.count(True), results.count(False)
        self.message_user(
            request,
            gettext("E-mails sent: %(sent)s. Failed: %(failed)s.")
            % {"sent": sent, "failed": failed},
            messages.WARNING if failed else messages.SUCCESS,
        )
