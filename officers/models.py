import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, resolution_order

from kassel_integration.content import languages
from kassel_integration.content.dates import day_element, format_day
from kassel_integration.content.i18n import cached_reverse
from kassel_integration.content.images import ProcessedImageField, RandomName, check_alt_text
from kassel_integration.content.richtext import RichTextField
from kassel_integration.models import Publishable, PublishableQuerySet

# The portrait's description in the source language, the column the constraint checks.
SOURCE_PORTRAIT_ALT = f"portrait_alt_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"


class Organisation(models.Model):
    """An office of the city or a partner organisation (welfare association, club, ...).

    Shared by all apps: the office sits in one, concept fields name partners,
    events list organisers and co-organisers.
    """

    class Kind(models.TextChoices):
        CITY = "city", _("City of Kassel (office or department)")
        WELFARE = "welfare", _("Welfare organisation")
        ASSOCIATION = "association", _("Association or initiative")
        MIGRANT_ORGANISATION = "migrant", _("Migrant organisation")
        PUBLIC_BODY = "public", _("Other public body")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
    )
    description = RichTextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="organisation_unique_slug"),
        ]

    def __str__(self):
        return self.name


class Person(models.Model):
    """A person named in the portal: officeholders, speakers, people quoted."""

    honorific_prefix = models.CharField(
        _("academic title"), max_length=30, blank=True, help_text=_("For example “Dr.”")
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=200)
    role = models.CharField(
        _("current role"),
        max_length=200,
        blank=True,
        help_text=_("For example “Mayor” or “lawyer specialising in migration law”."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    works_for_city = models.BooleanField(
        _("works for the City of Kassel"),
        default=False,
        help_text=_("People of the city can be chosen as speakers and quoted across the portal."),
    )
    biography = RichTextField(
        _("background"),
        blank=True,
        help_text=_("Only what the person has made public about themselves."),
    )
    portrait = ProcessedImageField(
        _("portrait"),
        upload_to=RandomName("people"),
        blank=True,
        width_field="portrait_width",
        height_field="portrait_height",
        renditions_field="portrait_renditions",
        alt_field="portrait_alt",
        decorative_field="portrait_decorative",
        help_text=_(
            "JPEG, PNG or WebP. Hidden information such as where the photo was taken is "
            "removed, and smaller copies for phones are made automatically."
        ),
    )
    # Stored so pages can reserve the image's space without opening the file.
    portrait_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    portrait_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    portrait_renditions = models.JSONField(default=list, blank=True, editable=False)
    portrait_alt = models.CharField(
        _("portrait description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_(
            "Required with a portrait. Describe what the photo shows for people who cannot "
            "see it, for example “Alena Schütz in front of the town hall”."
        ),
    )
    portrait_decorative = models.BooleanField(
        _("decorative image"),
        default=False,
        help_text=_(
            "Tick only if the image adds nothing a reader needs to know. Screen readers then "
            "skip it, and it needs no description."
        ),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="person_unique_slug"),
            # The German description is the one every language falls back to.
            models.CheckConstraint(
                condition=Q(portrait="")
                | Q(portrait_decorative=True)
                | (
                    Q(**{f"{SOURCE_PORTRAIT_ALT}__isnull": False}) & ~Q(**{SOURCE_PORTRAIT_ALT: ""})
                ),
                name="person_portrait_described_or_decorative",
                violation_error_message=_(
                    "A portrait needs a German description unless it is marked decorative."
                ),
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return " ".join(p for p in (self.honorific_prefix, self.given_name, self.family_name) if p)

    def clean(self):
        super().clean()
        check_alt_text(self, "portrait")


class Quote(models.Model):
    """Something a person said, with where and when it was said."""

    class Kind(models.TextChoices):
        VERBATIM = "verbatim", _("Verbatim quote")
        REPORTED = "reported", _("Reported speech (the source summarises what was said)")

    key = models.SlugField(
        _("key"),
        max_length=100,
        blank=True,
        help_text=_("A stable name for quotes shipped with the portal. Leave empty otherwise."),
    )
    kind = models.CharField(
        _("kind of quote"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.VERBATIM,
        help_text=_(
            "Choose “reported speech” when the source only tells in its own words what the "
            "person said: the page then does not present it as the person's own words."
        ),
    )
    text = models.TextField(_("quote"))
    speaker = models.ForeignKey(
        Person, verbose_name=_("speaker"), on_delete=models.PROTECT, related_name="quotes"
    )
    speaker_role = models.CharField(
        _("speaker's role at the time"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to show the person's current role."),
    )
    said_on = models.DateField(_("date"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source address"), blank=True)
    original_language = models.CharField(
        _("original language"),
        max_length=8,
        default=settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
        help_text=_("The language the person spoke in."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["order", "-said_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~Q(key=""), name="quote_unique_key_when_set"
            ),
        ]

    def __str__(self):
        return f"{self.speaker}: {self.text[:60]}"

    @property
    def role_shown(self):
        return self.speaker_role or self.speaker.role

    @property
    def is_reported(self):
        return self.kind == self.Kind.REPORTED

    @property
    def text_language(self):
        """The language of the text shown now (a missing translation falls back to German)."""
        for code in resolution_order(get_language() or settings.LANGUAGE_CODE):
            if getattr(self, build_localized_fieldname("text", code), None):
                return code
        return self.original_language

    @property
    def is_translation(self):
        return self.text_language != self.original_language

    @property
    def translation_note(self):
        # Whole sentences per language (settings.LANGUAGE_DETAILS): "from German"
        # inflects differently in every language, so it is no name in a template.
        note = languages.detail(self.original_language, "translated_from")
        return str(note) if note else gettext("Translated from the original language.")


def long_date(value):
    """A date written out as people read it in the current language (content/dates.py)."""
    return format_day(value)


def time_element(value):
    return day_element(value)


class OfficeQuerySet(PublishableQuerySet):
    def with_unit(self):
        """Offices with their organisational unit and the unit above it, as the vCard names them."""
        return self.select_related("organisation", "organisation__parent")

    def with_contact(self, today=None):
        """Offices with their office hours and the exceptions to them that have not ended
        by `today` (as `current_exceptions`): two queries more."""
        return self.prefetch_related(
            "hours",
            Prefetch(
                "hours_exceptions",
                queryset=OfficeHoursException.objects.current(today or timezone.localdate()),
                to_attr="current_exceptions",
            ),
        )

    def with_details(self, today=None):
        """Offices with everything the office page shows, in six queries.

        The office with its unit; its tasks, office hours and their current
        exceptions (`with_contact`), terms (with the person and their
        organisation) and quotes (with the speaker).
        """
        return (
            self.with_unit()
            .with_contact(today)
            .prefetch_related(
                "tasks",
                Prefetch("terms", queryset=Term.objects.select_related("person__organisation")),
                Prefetch(
                    "quote_links", queryset=OfficeQuote.objects.select_related("quote__speaker")
                ),
            )
        )

    def for_home(self):
        """Offices with what the home page shows, in three queries.

        The office with its unit; its tasks; its current term (`current_terms`,
        at most one) with the person.
        """
        current = Term.objects.filter(has_ended=False).select_related("person")
        return self.with_unit().prefetch_related(
            "tasks", Prefetch("terms", queryset=current, to_attr="current_terms")
        )


class Office(Publishable):
    """A public office of the city, such as that of the Integrationsbeauftragte.

    The office outlives its holders: tasks, contact details and office hours
    belong to the office, the people who held it are recorded as terms.
    """

    key = models.SlugField(
        _("key"),
        max_length=100,
        help_text=_("A stable name used by the portal's code; do not change it."),
    )
    title = models.CharField(_("title"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisational unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offices",
        help_text=_("The part of the city administration the office belongs to."),
    )
    lead = models.CharField(
        _("short introduction"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences at the top of the page; also used by search engines."),
    )
    description = RichTextField(_("what the office is for"), blank=True)
    # Contact details stay empty until the office publishes them: the portal never guesses.
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    locality = models.CharField(_("town"), max_length=100, blank=True)
    phone = models.CharField(
        _("telephone"),
        max_length=40,
        blank=True,
        help_text=_("International format, for example +49 561 …"),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    contact_note = models.CharField(
        _("note on contact"),
        max_length=300,
        blank=True,
        help_text=_("For example “Appointments by arrangement” or how to reach the room."),
    )
    accessible_arrival = models.TextField(
        _("accessible arrival"),
        blank=True,
        help_text=_(
            "How to get to the office without steps: entrance, lift, nearest stop, parking "
            "for disabled people. Only what the office has checked."
        ),
    )
    quotes = models.ManyToManyField(
        Quote,
        verbose_name=_("quotes shown on the page"),
        through="OfficeQuote",
        blank=True,
        related_name="offices",
    )

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["key"], name="office_unique_key"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("officers:index")

    @property
    def has_contact(self):
        return bool(self.email or self.phone or self.street_address)

    @property
    def has_address(self):
        return bool(self.street_address or self.postal_code or self.locality)

    @property
    def phone_uri(self):
        """The number as a tel: link needs it: digits and a leading plus only."""
        return re.sub(r"[^\d+]", "", self.phone)

    @property
    def current_term(self):
        # Uses the prefetched terms when the office came from `with_details()`.
        return next((term for term in self.terms.all() if term.is_current), None)


class OfficeQuote(models.Model):
    """A quote shown on an office's page, in the order the page shows them."""

    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="quote_links"
    )
    quote = models.ForeignKey(
        Quote, verbose_name=_("quote"), on_delete=models.CASCADE, related_name="office_links"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("quote on the page")
        verbose_name_plural = _("quotes on the page")
        ordering = ["office_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["office", "quote"], name="officequote_unique_pair"),
        ]

    def __str__(self):
        return str(self.quote)


class Task(models.Model):
    """One of the office's tasks, with what it means in practice."""

    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="tasks"
    )
    key = models.SlugField(
        _("key"),
        max_length=100,
        help_text=_("A stable name for tasks shipped with the portal; any short name otherwise."),
    )
    title = models.CharField(_("task"), max_length=200)
    explanation = RichTextField(_("explanation"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["office_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["office", "key"], name="task_unique_key_per_office"),
        ]

    def __str__(self):
        return self.title


class Term(models.Model):
    """A person's time in an office.

    Dates are often not known exactly: a missing start date means "not
    known", and a term can be marked as ended without an end date. Only a
    term that has not ended is current.
    """

    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="terms"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="terms"
    )
    started_on = models.DateField(
        _("start of term"),
        null=True,
        blank=True,
        help_text=_("Leave empty if no source gives the date; the page then says it is not known."),
    )
    has_ended = models.BooleanField(
        _("term has ended"),
        default=False,
        help_text=_("Tick this when the term is over, even if the exact end date is not known."),
    )
    ended_on = models.DateField(
        _("end of term"),
        null=True,
        blank=True,
        help_text=_("Only if the exact date is known."),
    )
    previous_position = models.CharField(
        _("previous position"),
        max_length=300,
        blank=True,
        help_text=_("What the person did before this term."),
    )
    next_position = models.CharField(
        _("next position"),
        max_length=300,
        blank=True,
        help_text=_("What the person went on to do; it may overlap the end of the term."),
    )
    dates_note = models.CharField(
        _("what is known about the dates"),
        max_length=300,
        blank=True,
        help_text=_("For example when a source last names the person in office."),
    )

    class Meta:
        verbose_name = _("term of office")
        verbose_name_plural = _("terms of office")
        # Earliest first; the current term last. A term whose start is not
        # known is placed before the dated ones it preceded.
        ordering = [
            "office_id",
            "-has_ended",
            F("started_on").asc(nulls_first=True),
            F("ended_on").asc(nulls_last=True),
            "pk",
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(ended_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="term_does_not_end_before_start",
                violation_error_message=_("A term cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(has_ended=True),
                name="term_with_end_date_has_ended",
                violation_error_message=_("A term with an end date has ended."),
            ),
            models.UniqueConstraint(
                fields=["office"],
                condition=Q(has_ended=False),
                name="term_one_current_holder_per_office",
                violation_error_code="one_current_holder",
                violation_error_message=_(
                    "This office already has a current holder. Mark their term as ended "
                    "first, then add the new holder."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.office}"

    def save(self, *args, **kwargs):
        if self.ended_on is not None:
            self.has_ended = True
        super().save(*args, **kwargs)

    @property
    def is_current(self):
        return not self.has_ended

    def clean(self):
        super().clean()
        if self.ended_on is not None:
            self.has_ended = True
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError(
                {"ended_on": _("The term cannot end before it starts. Please check both dates.")}
            )

    @property
    def period(self):
        """The term's dates as a sentence, saying plainly what is not known."""
        start = time_element(self.started_on) if self.started_on else None
        end = time_element(self.ended_on) if self.ended_on else None
        if start and not self.has_ended:
            return format_html(gettext("In office since {start}"), start=start)
        if start and end:
            return format_html(gettext("From {start} to {end}"), start=start, end=end)
        if start:
            return format_html(gettext("From {start}; exact end date not known"), start=start)
        if not self.has_ended:
            return gettext("In office; start of term not known")
        if end:
            return format_html(gettext("Start of term not known; until {end}"), end=end)
        return gettext("Start and exact end of term not known")


class OfficeHours(models.Model):
    """When the office can be visited or called. Empty until the office publishes them."""

    class Weekday(models.IntegerChoices):
        MONDAY = 1, _("Monday")
        TUESDAY = 2, _("Tuesday")
        WEDNESDAY = 3, _("Wednesday")
        THURSDAY = 4, _("Thursday")
        FRIDAY = 5, _("Friday")
        SATURDAY = 6, _("Saturday")
        SUNDAY = 7, _("Sunday")

    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("from"))
    closes = models.TimeField(_("until"))
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("For example “by appointment only”.")
    )

    class Meta:
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")
        ordering = ["office_id", "weekday", "opens", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")),
                name="officehours_close_after_opening",
                violation_error_message=_("Office hours must end after they begin."),
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=1, weekday__lte=7), name="officehours_valid_weekday"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class OfficeHoursExceptionQuerySet(models.QuerySet):
    def current(self, today):
        """Exceptions that have not ended by `today` (a date), the soonest first."""
        return self.filter(ends_on__gte=today)


class OfficeHoursException(models.Model):
    """A day or a period when the usual office hours do not apply (holidays, closures)."""

    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        on_delete=models.CASCADE,
        related_name="hours_exceptions",
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(
        _("last day"), blank=True, help_text=_("Leave empty for a single day.")
    )
    closed = models.BooleanField(
        _("closed"),
        default=True,
        help_text=_("Untick to give different hours for these days instead."),
    )
    opens = models.TimeField(_("from"), null=True, blank=True)
    closes = models.TimeField(_("until"), null=True, blank=True)
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("For example “Christmas holidays”.")
    )

    objects = OfficeHoursExceptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("exception to the office hours")
        verbose_name_plural = _("exceptions to the office hours")
        ordering = ["office_id", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="officehoursexception_ends_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(closed=True, opens__isnull=True, closes__isnull=True)
                | Q(closed=False, opens__isnull=False, closes__isnull=False, closes__gt=F("opens")),
                name="officehoursexception_closed_or_hours",
                violation_error_message=_(
                    "Either tick “closed”, or give both times, the end after the beginning."
                ),
            ),
        ]

    def __str__(self):
        if self.ends_on and self.ends_on != self.starts_on:
            return f"{self.starts_on:%Y-%m-%d}–{self.ends_on:%Y-%m-%d}"
        return f"{self.starts_on:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.ends_on is None:
            self.ends_on = self.starts_on
        super().save(*args, **kwargs)

    @property
    def is_single_day(self):
        return self.ends_on == self.starts_on

    def clean(self):
        super().clean()
        if self.starts_on and not self.ends_on:
            self.ends_on = self.starts_on
        if self.closed:
            self.opens = self.closes = None
        elif self.opens is None or self.closes is None or self.closes <= self.opens:
            raise ValidationError(
                {
                    "closes": _(
                        "Give the hours of these days (the end after the beginning), or tick "
                        "“closed”."
                    )
                }
            )


class ContactMessageQuerySet(models.QuerySet):
    def unhandled(self):
        return self.filter(handled=False)

    def older_than(self, moment):
        return self.filter(created_at__lt=moment)


class ContactMessage(models.Model):
    """A citizen's message to the Integration Officer, sent with the contact form.

    Stored before it is mailed, so that nothing is lost when mail fails; deleted
    after the retention period (settings.CONTACT_MESSAGE_RETENTION_DAYS).
    """

    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"))
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    mailed_at = models.DateTimeField(_("forwarded by e-mail"), null=True, blank=True)
    handled = models.BooleanField(_("handled"), default=False)

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") & ~Q(message=""),
                name="contactmessage_has_address_and_text",
            ),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.name or self.email}"
