from collections import defaultdict

from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TranslationStackedInline,
    TranslationTabularInline,
)

from kassel_integration.content.images import UploadAgainMixin
from kassel_integration.editorial.widgets import RichTextEditorMixin
from kassel_integration.editorial.workflow import ContentAdmin, PublishableAdmin
from officers import contact
from officers.models import (
    ContactMessage,
    Office,
    OfficeHours,
    OfficeHoursException,
    OfficeQuote,
    Organisation,
    Person,
    Quote,
    Task,
    Term,
)

ONE_CURRENT_HOLDER = next(
    c for c in Term._meta.constraints if c.name == "term_one_current_holder_per_office"
)


class TermInlineFormSet(BaseInlineFormSet):
    """Checks "one current holder per office" across all terms edited together.

    Each form alone cannot see the others: without this, two current terms
    added in one submission would reach the database and fail there.
    """

    def clean(self):
        super().clean()
        current = defaultdict(list)
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            # A term marked for deletion does not count (the formset's documented DELETE field).
            if not data or (self.can_delete and data.get(DELETION_FIELD_NAME)):
                continue
            # Fields read-only for the user (translators) are not in the form:
            # their stored values count.
            instance = form.instance
            office = data.get("office") or getattr(instance, "office", None)
            has_ended = data.get("has_ended", instance.has_ended)
            ended = has_ended or data.get("ended_on", instance.ended_on) is not None
            if office is not None and not ended:
                current[office].append(form)
        edited = [form.instance.pk for form in self.initial_forms if form.instance.pk]
        for office, forms in current.items():
            if any(
                f.has_error(NON_FIELD_ERRORS, ONE_CURRENT_HOLDER.violation_error_code)
                for f in forms
            ):
                continue  # the form's own check has already said it
            elsewhere = 0
            if office.pk:
                elsewhere = (
                    Term.objects.filter(office=office, has_ended=False)
                    .exclude(pk__in=edited)
                    .count()
                )
            if len(forms) + elsewhere > 1:
                for form in forms:
                    field = "has_ended" if "has_ended" in form.fields else None
                    form.add_error(field, ONE_CURRENT_HOLDER.violation_error_message)

    def save_existing_objects(self, commit=True):
        # The database checks "one current holder" row by row. Save the terms
        # that end before the one that becomes current, whatever their order on
        # the page, so that handing over in one submission never hits the index.
        count = self.initial_form_count()
        self.forms[:count] = sorted(self.forms[:count], key=lambda form: form.instance.is_current)
        return super().save_existing_objects(commit)


class TermInline(TranslationStackedInline):
    model = Term
    formset = TermInlineFormSet
    extra = 0
    fields = [
        "person",
        "office",
        "started_on",
        "has_ended",
        "ended_on",
        "dates_note",
        "previous_position",
        "next_position",
    ]
    autocomplete_fields = ["person", "office"]


class OfficeTermInline(TermInline):
    fields = [f for f in TermInline.fields if f != "office"]
    autocomplete_fields = ["person"]


class PersonTermInline(TermInline):
    fields = [f for f in TermInline.fields if f != "person"]
    autocomplete_fields = ["office"]


class TaskInline(RichTextEditorMixin, TranslationStackedInline):
    model = Task
    extra = 0
    fields = ["order", "title", "explanation", "key"]


class OfficeHoursInline(TranslationTabularInline):
    model = OfficeHours
    extra = 0
    fields = ["weekday", "opens", "closes", "note"]


class OfficeHoursExceptionInline(TranslationTabularInline):
    model = OfficeHoursException
    extra = 0
    fields = ["starts_on", "ends_on", "closed", "opens", "closes", "note"]
    verbose_name_plural = _("exceptions to the office hours (holidays, closures)")


class OfficeQuoteInline(admin.TabularInline):
    model = OfficeQuote
    extra = 0
    fields = ["order", "quote"]
    autocomplete_fields = ["quote"]


@admin.register(Organisation)
class OrganisationAdmin(ContentAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(UploadAgainMixin, ContentAdmin):
    list_display = ["family_name", "given_name", "role", "organisation", "works_for_city"]
    list_filter = ["works_for_city", "organisation"]
    search_fields = ["family_name", "given_name", "role"]
    prepopulated_fields = {"slug": ["given_name", "family_name"]}
    autocomplete_fields = ["organisation"]
    inlines = [PersonTermInline]


@admin.register(Quote)
class QuoteAdmin(ContentAdmin):
    list_display = ["speaker", "kind", "said_on", "source", "original_language"]
    list_filter = ["kind", "original_language", "speaker"]
    search_fields = ["text", "speaker__family_name", "source", "key"]
    autocomplete_fields = ["speaker"]


@admin.register(Office)
class OfficeAdmin(PublishableAdmin):
    list_display = ["title", "organisation", "status", "current_holder"]
    list_filter = ["status"]
    search_fields = ["title", "key"]
    autocomplete_fields = ["organisation"]
    inlines = [
        TaskInline,
        OfficeTermInline,
        OfficeHoursInline,
        OfficeHoursExceptionInline,
        OfficeQuoteInline,
    ]
    fieldsets = [
        (None, {"fields": ["title", "key", "organisation", "lead", "description"]}),
        (
            _("Contact"),
            {
                "description": _(
                    "Fill in only what the office has published. Empty parts are left out "
                    "of the public pages; the admin's start page lists them. Messages of "
                    "the contact form go to this e-mail address."
                ),
                "fields": [
                    "street_address",
                    "postal_code",
                    "locality",
                    "phone",
                    "email",
                    "contact_note",
                    "accessible_arrival",
                ],
            },
        ),
        (_("Publication"), {"fields": ["status", "publish_from", "publish_until"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("organisation")
            .prefetch_related("terms__person")
        )

    @admin.display(description=_("current holder"))
    def current_holder(self, obj):
        term = obj.current_term
        return term.person if term else "–"


@admin.register(Term)
class TermAdmin(ContentAdmin):
    list_display = ["person", "office", "started_on", "has_ended", "ended_on"]
    list_filter = ["office", "has_ended"]
    search_fields = ["person__family_name", "person__given_name", "office__title"]
    autocomplete_fields = ["person", "office"]
    list_select_related = ["person", "office"]


@admin.register(Task)
class TaskAdmin(ContentAdmin):
    list_display = ["title", "office", "order"]
    list_editable = ["order"]
    list_filter = ["office"]
    search_fields = ["title", "explanation"]
    list_select_related = ["office"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """Messages of the contact form: read, mark handled, send an unsent one again."""

    list_display = ["created_at", "name", "email", "language", "mailed_at", "handled"]
    list_filter = ["handled", "language"]
    search_fields = ["name", "email", "message"]
    fields = ["created_at", "language", "name", "email", "message", "mailed_at", "handled"]
    readonly_fields = ["created_at", "language", "name", "email", "message", "mailed_at"]
    actions = ["mark_handled", "send_again"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Mark as handled"), permissions=["change"])
    def mark_handled(self, request, queryset):
        count = queryset.update(handled=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d message marked as handled.",
                "%(count)d messages marked as handled.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Forward by e-mail again"), permissions=["change"])
    def send_again(self, request, queryset):
        sent = sum(contact.forward(pk) for pk in queryset.values_list("pk", flat=True))
        failed = queryset.count() - sent
        if sent:
            self.message_user(
                request,
                ngettext("%(count)d message forwarded.", "%(count)d messages forwarded.", sent)
                % {"count": sent},
                messages.SUCCESS,
            )
        if failed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message could not be forwarded; it stays here.",
                    "%(count)d messages could not be forwarded; they stay here.",
                    failed,
                )
                % {"count": failed},
                messages.ERROR,
            )
