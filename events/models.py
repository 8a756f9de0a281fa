import uuid
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kassel_integration.content.i18n import cached_reverse
from kassel_integration.content.json_rows import JSONArrayAgg, instance_from_json, json_row
from kassel_integration.content.richtext import RichTextField
from kassel_integration.content.slugs import TranslatedSlugMixin
from kassel_integration.models import Publishable, PublishableQuerySet


def _published_fields_of_action(at=None):
    from concept.models import FieldOfAction

    return FieldOfAction.objects.published(at).order_by("number")


def _unique_slug_constraints(prefix):
    return [
        models.UniqueConstraint(fields=[f"slug_{code}"], name=f"{prefix}_unique_slug_{code}")
        for code, _name in settings.LANGUAGES
    ]


class Language(models.Model):
    """A language an event is held in (BCP 47 code, name translated)."""

    code = models.CharField(
        _("language code"),
        max_length=16,
        help_text=_("As used on the web, for example “de”, “en”, “ar” or “tr”."),
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("language of events")
        verbose_name_plural = _("languages of events")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="events_language_unique_code"),
        ]

    def __str__(self):
        return self.name


class Venue(models.Model):
    """Where events take place. Address fields stay empty until staff know them."""

    name = models.CharField(_("name"), max_length=200)
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    locality = models.CharField(_("town or city"), max_length=100, blank=True)
    country = models.CharField(
        _("country code"), max_length=2, blank=True, help_text=_("ISO 3166 code, e.g. “DE”.")
    )
    accessibility = models.TextField(
        _("accessibility information"),
        blank=True,
        help_text=_(
            "Step-free access, lifts, accessible toilets, induction loops and so on. "
            "Leave empty if not known: the page then says that there is no information yet."
        ),
    )

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        # Staff pick venues by this text (autocomplete, selects, history): two rooms
        # of the same name in different places must be told apart.
        return ", ".join([self.name, *self.address_lines()])

    @property
    def has_address(self):
        return bool(self.street_address or self.postal_code or self.locality)

    def address_lines(self):
        lines = [self.street_address, " ".join(p for p in (self.postal_code, self.locality) if p)]
        return [line for line in lines if line]


class EventSeriesQuerySet(PublishableQuerySet):
    def with_events(self, at=None):
        """Series with their published events as cards, by start (`public_events`)."""
        events = Event.objects.for_cards(at).order_by("start", "pk")
        return self.prefetch_related(Prefetch("events", queryset=events, to_attr="public_events"))


class EventSeries(TranslatedSlugMixin, Publishable):
    """A recurring format such as the annual Runder Tisch Integration."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    summary = models.CharField(_("short description"), max_length=300, blank=True)
    description = RichTextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = EventSeriesQuerySet.as_manager()

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["order", "title"]
        constraints = _unique_slug_constraints("eventseries")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("events:series", slug=self.slug)


# The annotation that carries an event's languages (`EventQuerySet.with_languages`).
LANGUAGE_ROWS = "language_rows"


class EventQuerySet(PublishableQuerySet):
    # `published()` (PublishableQuerySet) only filters; each method below loads
    # what one kind of page shows, so a page names what it needs in one chain.

    def with_languages(self):
        """Each event's languages inside its own row, as `Event.held_in` reads them.

        A JSON array from a correlated subquery instead of a prefetch: every list
        of event cards and the event page then need one query less, which keeps
        the event page within six queries.
        """
        rows = (
            Event.languages.through.objects.filter(event=OuterRef("pk"))
            .order_by()
            .values("event")
            .annotate(rows=JSONArrayAgg(json_row(Language, "language")))
            .values("rows")
        )
        return self.annotate(**{LANGUAGE_ROWS: Subquery(rows)})

    def for_cards(self, at=None):
        """Published events with what an event card shows (series, venue, languages), in one query."""
        return self.published(at).select_related("series", "venue").with_languages()

    def for_calendar(self, at=None):
        """Published events with what an iCalendar entry names (series, venue)."""
        return self.published(at).select_related("series", "venue")

    def with_details(self, at=None):
        """Published events with everything an event page shows, in six queries.

        The event with its series, venue, organiser, inviting person and languages;
        then its published fields of action, co-organisers, programme, the
        programme's speakers and its quotes.
        """
        from officers.models import Organisation, Person

        people = Person.objects.select_related("organisation")
        return (
            self.for_cards(at)
            .select_related("organiser", "invited_by")
            .prefetch_related(
                Prefetch("fields_of_action", queryset=_published_fields_of_action(at)),
                Prefetch("co_organisers", queryset=Organisation.objects.order_by("name")),
                Prefetch(
                    "programme_items",
                    queryset=ProgrammeItem.objects.prefetch_related(
                        Prefetch("speakers", queryset=people)
                    ),
                ),
                Prefetch(
                    "quote_links",
                    queryset=EventQuote.objects.select_related(
                        "quote__speaker", "quote__speaker__organisation"
                    ),
                ),
            )
        )

    def with_availability(self, now):
        """`places_taken` and `places_waiting` for the registration box, without extra queries.

        And `places_change_at`: when the first hold that takes a place runs out
        (None if none does), after which `places_taken` is out of date.
        """

        def count(condition):
            # A bare COUNT without GROUP BY: one row, 0 when there are none.
            rows = Registration.objects.filter(condition, event=OuterRef("pk")).order_by()
            return Subquery(rows.values(n=Func(F("pk"), function="COUNT")))

        # When the first hold that takes a place runs out, `places_taken` is one less.
        holds = Registration.objects.filter(
            event=OuterRef("pk"), status=Registration.Status.HELD, hold_expires_at__gt=now
        ).order_by()
        first_hold_ends = holds.values(
            at=Func(F("hold_expires_at"), function="MIN", output_field=models.DateTimeField())
        )
        return self.annotate(
            places_taken=count(_taking_a_place(now)),
            places_waiting=count(_waiting_in_line()),
            places_change_at=Subquery(first_hold_ends),
        )

    def in_list_order(self, now):
        """Upcoming events first (soonest first), then the past ones (latest first)."""
        return self.annotate(
            is_over=Case(
                When(ends_at__lt=now, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            upcoming_start=Case(When(ends_at__gte=now, then=F("start")), default=None),
        ).order_by("is_over", F("upcoming_start").asc(nulls_last=True), F("start").desc(), "pk")

    def upcoming_and_past(self, now):
        """The events as two lists, upcoming (soonest first) and past (latest first), in one query."""
        return upcoming_and_past(self.order_by("start", "pk"), now)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-start", "-pk")


def upcoming_and_past(events, now):
    """`events` (ordered by start) as upcoming (soonest first) and past (latest first)."""
    events = list(events)
    upcoming = [event for event in events if not event.is_past(now)]
    past = [event for event in reversed(events) if event.is_past(now)]
    return upcoming, past


class Event(TranslatedSlugMixin, Publishable):
    # Lists move an event from "upcoming" to "past" as time passes.
    SCHEDULE_FIELDS = (*Publishable.SCHEDULE_FIELDS, "start", "ends_at")

    class EventStatus(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        POSTPONED = "postponed", _("Postponed")

    class MottoKind(models.TextChoices):
        MOTTO = "motto", _("Motto")
        CORE_QUESTION = "question", _("Core question")

    uid = models.UUIDField(
        _("calendar identifier"), default=uuid.uuid4, editable=False, unique=True
    )
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    motto = models.CharField(_("motto or core question"), max_length=300, blank=True)
    motto_kind = models.CharField(
        _("shown as"), max_length=10, choices=MottoKind.choices, default=MottoKind.MOTTO
    )
    summary = models.CharField(
        _("short description"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences for lists, feeds and calendars."),
    )
    description = RichTextField(_("announcement"), blank=True)

    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    end_is_approximate = models.BooleanField(
        _("end time is approximate"),
        default=False,
        help_text=_("Shown as “until about …” when only the rough duration is known."),
    )
    all_day = models.BooleanField(
        _("date only (all day or time not known)"),
        default=False,
        help_text=_("Only the dates are shown and exported; the times are ignored."),
    )
    ends_at = models.DateTimeField(editable=False, db_index=True)
    event_status = models.CharField(
        _("event status"),
        max_length=12,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        db_index=True,
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("held in"), blank=True, related_name="events"
    )
    participants = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    participants_approximate = models.BooleanField(
        _("the number is approximate"),
        default=False,
        help_text=_("Tick when the source says “about” or “around”."),
    )

    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    registration = models.TextField(_("registration"), blank=True)
    organiser = models.ForeignKey(
        "officers.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_events",
    )
    co_organisers = models.ManyToManyField(
        "officers.Organisation",
        verbose_name=_("in cooperation with"),
        blank=True,
        related_name="co_organised_events",
    )
    invited_by = models.ForeignKey(
        "officers.Person",
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_invited_to",
    )
    focus = models.TextField(_("focus topics"), blank=True, help_text=_("One topic per line."))
    audience = models.TextField(
        _("target audience"), blank=True, help_text=_("One group per line.")
    )
    fields_of_action = models.ManyToManyField(
        "concept.FieldOfAction",
        verbose_name=_("fields of action"),
        blank=True,
        related_name="events",
    )

    online_registration = models.BooleanField(
        _("online registration"),
        default=False,
        help_text=_(
            "Visitors register through a form on the portal and confirm by e-mail. "
            "Needs a capacity."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_(
            "How many people can take part. When all places are taken, people can join the waiting list."
        ),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to take registrations until the event starts."),
    )
    ask_organisation = models.BooleanField(
        _("ask for the organisation"),
        default=True,
        help_text=_("An optional field in the registration form."),
    )
    ask_accessibility_needs = models.BooleanField(
        _("ask about accessibility needs"),
        default=True,
        help_text=_(
            "Optional questions about sign-language interpreting, step-free access and childcare."
        ),
    )

    report = RichTextField(_("report"), blank=True)
    results = RichTextField(_("results"), blank=True)
    next_steps = RichTextField(_("next steps"), blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="event_end_not_before_start",
                violation_error_message=_("The event cannot end before it starts."),
            ),
            *_unique_slug_constraints("event"),
            models.CheckConstraint(
                condition=Q(online_registration=False) | Q(capacity__gte=1),
                name="event_online_registration_needs_capacity",
                violation_error_message=_("Online registration needs at least one place."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("events:detail", slug=self.slug)

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})
        if self.online_registration and not self.capacity:
            raise ValidationError({"capacity": _("Online registration needs at least one place.")})
        if self.start:
            self.ends_at = self.compute_ends_at()

    def save(self, *args, **kwargs):
        self.ends_at = self.compute_ends_at()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"start", "end", "all_day"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "ends_at"}
        super().save(*args, **kwargs)

    def get_registration_url(self):
        return reverse("events:register", kwargs={"slug": self.slug})

    def registration_is_open(self, now=None):
        """Open until the deadline (inclusive) and never once the event has started."""
        now = now or timezone.now()
        return (
            self.online_registration
            and self.event_status == self.EventStatus.SCHEDULED
            and now < self.start
            and (self.registration_deadline is None or now <= self.registration_deadline)
        )

    def compute_ends_at(self):
        """When the event is over: the end, or the end of its last local day if no time is known.

        An event without an end time is treated as running until midnight, so a
        visitor is never told an event is over while it may still be going on.
        """
        if self.end and not self.all_day:
            return self.end
        last_day = timezone.localtime(self.end or self.start).date()
        midnight = datetime.combine(last_day + timedelta(days=1), time.min)
        return timezone.make_aware(midnight) - timedelta(microseconds=1)

    # Dates in Europe/Berlin, for templates and exports.
    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end) if self.end else None

    @property
    def start_date(self):
        return self.local_start.date()

    @property
    def end_date(self):
        return self.local_end.date() if self.end else self.start_date

    @property
    def is_multi_day(self):
        return self.end_date != self.start_date

    def is_past(self, now=None):
        return self.ends_at < (now or timezone.now())

    @property
    def is_cancelled(self):
        return self.event_status == self.EventStatus.CANCELLED

    @property
    def is_postponed(self):
        return self.event_status == self.EventStatus.POSTPONED

    @property
    def focus_list(self):
        return [line.strip() for line in (self.focus or "").splitlines() if line.strip()]

    @property
    def audience_list(self):
        return [line.strip() for line in (self.audience or "").splitlines() if line.strip()]

    @property
    def has_report(self):
        return bool(self.report or self.results or self.next_steps)

    @property
    def quotes(self):
        return [link.quote for link in self.quote_links.all()]

    @cached_property
    def held_in(self):
        """The languages the event is held in, by code.

        From the row itself when the event came from `with_languages()` (or a
        method that includes it), otherwise from the relation.
        """
        if not hasattr(self, LANGUAGE_ROWS):
            return list(self.languages.all())
        languages = [
            instance_from_json(Language, row) for row in getattr(self, LANGUAGE_ROWS) or []
        ]
        return sorted(languages, key=lambda language: (language.code, language.pk))


class ProgrammeItem(models.Model):
    class Kind(models.TextChoices):
        WELCOME = "welcome", _("Welcome")
        KEYNOTE = "keynote", _("Keynote")
        TALK = "talk", _("Talk")
        WORKING_GROUPS = "working_groups", _("Working groups")
        WORKSHOPS = "workshops", _("Workshops")
        PANEL = "panel", _("Panel discussion")
        OTHER = "other", _("Programme item")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="programme_items"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    start_time = models.TimeField(
        _("time"), null=True, blank=True, help_text=_("Leave empty if not known.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    speakers = models.ManyToManyField(
        "officers.Person", verbose_name=_("speakers"), blank=True, related_name="programme_items"
    )

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")
        ordering = ["event", "order", "start_time", "pk"]

    def __str__(self):
        return self.title


class EventQuote(models.Model):
    """A quote said at or about an event, in the order the page shows them."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="quote_links"
    )
    quote = models.ForeignKey(
        "officers.Quote",
        verbose_name=_("quote"),
        on_delete=models.CASCADE,
        related_name="event_links",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["event", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "quote"], name="eventquote_unique_pair"),
        ]

    def __str__(self):
        return str(self.quote)


# As conditions, so that an event page can count both in its own query.
def _taking_a_place(now):
    return Q(status=Registration.Status.CONFIRMED) | Q(
        status=Registration.Status.HELD, hold_expires_at__gt=now
    )


def _waiting_in_line():
    return Q(status=Registration.Status.WAITING, email_confirmed_at__isnull=False)


class RegistrationQuerySet(models.QuerySet):
    def taking_a_place(self, now=None):
        """Confirmed places plus holds that have not run out yet.

        A hold is over the moment its time is up, whether or not anything has
        marked it expired yet: the count never waits for a cron job.
        """
        return self.filter(_taking_a_place(now or timezone.now()))

    def stale(self, now=None):
        """Holds and waiting-list entries whose e-mail address was not confirmed in time."""
        return self.filter(
            status__in=[Registration.Status.HELD, Registration.Status.WAITING],
            email_confirmed_at__isnull=True,
            hold_expires_at__lte=now or timezone.now(),
        )

    def waiting_in_line(self):
        """The confirmed waiting list, first come first served."""
        return self.filter(_waiting_in_line()).order_by("registered_at", "pk")


class Registration(models.Model):
    """One person's registration for an event: a place, a hold or a waiting-list entry."""

    class Status(models.TextChoices):
        HELD = "held", _("Place held, awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired (not confirmed in time)")

    class Mail(models.TextChoices):
        CONFIRM_PLACE = "confirm_place", _("Please confirm (place held)")
        CONFIRM_WAITING = "confirm_waiting", _("Please confirm (waiting list)")
        CONFIRMED = "confirmed", _("Place confirmed")
        WAITING_CONFIRMED = "waiting_confirmed", _("On the waiting list")
        PROMOTED = "promoted", _("Moved up from the waiting list")
        CANCELLED = "cancelled", _("Registration cancelled")

    ACTIVE = (Status.HELD, Status.CONFIRMED, Status.WAITING)

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.HELD, db_index=True
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(
        _("language for messages"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    needs_sign_language = models.BooleanField(_("sign-language interpreting"), default=False)
    needs_step_free_access = models.BooleanField(_("step-free access"), default=False)
    needs_childcare = models.BooleanField(_("childcare"), default=False)
    accessibility_notes = models.TextField(_("other needs"), max_length=1000, blank=True)

    # Signed links carry this key: a new key (re-registration, anonymisation) kills old links.
    token_key = models.UUIDField(default=uuid.uuid4, editable=False)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)
    hold_expires_at = models.DateTimeField(_("confirm by"), null=True, blank=True)
    email_confirmed_at = models.DateTimeField(_("e-mail address confirmed"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("place confirmed"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    last_mail = models.CharField(_("last e-mail"), max_length=20, choices=Mail.choices, blank=True)
    mail_sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)
    # No help text: the admin explains a failure only where there is one.
    mail_failed_at = models.DateTimeField(_("e-mail failed"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        # By the column, not the relation: ordering by `event` would join the events table.
        ordering = ["event_id", "registered_at", "pk"]
        constraints = [
            # Anonymised rows have no address left, so they are exempt.
            models.UniqueConstraint(
                models.F("event"),
                Lower("email"),
                condition=~Q(email=""),
                name="registration_unique_email_per_event",
                violation_error_message=_(
                    "This e-mail address is already registered for this event."
                ),
            ),
        ]
        permissions = [
            (
                "view_registration_personal_data",
                _("Can see the personal data of registrations and export participant lists"),
            ),
        ]

    def __str__(self):
        if self.anonymised_at:
            return gettext("Anonymised registration %(number)s") % {"number": self.pk}
        return gettext("Registration %(number)s") % {"number": self.pk}

    # No get_absolute_url: a registration has no public page, only its signed links.

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    def takes_a_place(self, now=None):
        if self.status == self.Status.CONFIRMED:
            return True
        return self.status == self.Status.HELD and self.hold_expires_at > (now or timezone.now())

    def accessibility_needs(self):
        """The needs as translated words, for staff lists and the door list."""
        needs = [
            str(self._meta.get_field(name).verbose_name)
            for name in ("needs_sign_language", "needs_step_free_access", "needs_childcare")
            if getattr(self, name)
        ]
        if self.accessibility_notes:
            needs.append(self.accessibility_notes)
        return needs
