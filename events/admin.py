from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
)

from events.models import Event, EventQuote, EventSeries, Language, ProgrammeItem, Venue


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


class EventQuoteInline(admin.TabularInline):
    model = EventQuote
    extra = 0
    fields = ["order", "quote"]
    autocomplete_fields = ["quote"]


@admin.register(Language)
class LanguageAdmin(TabbedTranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Venue)
class VenueAdmin(TabbedTranslationAdmin):
    list_display = ["name", "street_address", "locality"]
    search_fields = ["name", "street_address", "locality"]


@admin.register(EventSeries)
class EventSeriesAdmin(TabbedTranslationAdmin):
    list_display = ["title", "order", "status"]
    list_filter = ["status"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
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
    inlines = [ProgrammeItemInline, EventQuoteInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "series", "motto", "motto_kind", "summary"]}),
        (
            _("Date and time (Europe/Berlin)"),
            {"fields": ["start", "end", "end_is_approximate", "all_day", "event_status"]},
        ),
        (_("Place and registration"), {"fields": ["venue", "languages", "registration"]}),
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

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("series")
