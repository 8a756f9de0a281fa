import hashlib
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from kassel_integration.content import placeholders
from kassel_integration.content.richtext import RichTextField


class LegalPage(models.Model):
    """The pages every German public website must have, edited by staff."""

    class Kind(models.TextChoices):
        IMPRINT = "imprint", _("Imprint")
        PRIVACY = "privacy", _("Privacy policy")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(
        _("text"),
        help_text=_(
            "Paragraphs, headings, lists, links and emphasis are kept; anything else is removed."
        ),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind"], name="legalpage_unique_kind"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(self.kind)

    @property
    def public_text(self):
        """The body in the active language as the public page shows it, as plain text:
        without editors' placeholders (content/placeholders.py). What the search indexes."""
        return placeholders.public_text(self.body)


class BarrierReport(models.Model):
    """A visitor's report of an accessibility barrier (BITV 2.0 feedback mechanism)."""

    page_url = models.CharField(_("page concerned"), max_length=500, blank=True)
    description = models.TextField(_("description of the barrier"), max_length=5000)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.page_url or '-'}"


# Set only while kassel_integration.editorial.workflow.preview renders a page for staff:
# (model label, pk) of the one unpublished item that page may show.
previewed_item = ContextVar("previewed_item", default=None)


class PublishableQuerySet(models.QuerySet):
    """Publication rules shared by every public content type."""

    def published(self, at=None):
        now = at or timezone.now()
        rule = models.Q(
            models.Q(publish_from__isnull=True) | models.Q(publish_from__lte=now),
            models.Q(publish_until__isnull=True) | models.Q(publish_until__gt=now),
            status=Publishable.Status.PUBLISHED,
        )
        # A preview goes through the same views and querysets as the public
        # page, so staff see the draft exactly as it will look once published.
        preview = previewed_item.get()
        if preview is not None and preview[0] == self.model._meta.label_lower:
            rule |= models.Q(pk=preview[1])
        return self.filter(rule)


class Publishable(models.Model):
    """Editorial state and publication window of a public content item."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_from = models.DateTimeField(_("publish from"), null=True, blank=True)
    publish_until = models.DateTimeField(_("publish until"), null=True, blank=True)

    objects = PublishableQuerySet.as_manager()

    # Moments at which the item's public pages change by themselves (see page_cache).
    SCHEDULE_FIELDS = ("publish_from", "publish_until")

    class Meta:
        abstract = True

    def is_public(self, at=None):
        """The rule of `published()` for an object already loaded (no query)."""
        preview = previewed_item.get()
        if preview is not None and preview == (self._meta.label_lower, self.pk):
            return True
        now = at or timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and (self.publish_from is None or self.publish_from <= now)
            and (self.publish_until is None or self.publish_until > now)
        )

    def get_preview_url(self):
        """Where the item appears once published: its own page, or the page that lists it."""
        return self.get_absolute_url()

    def clean(self):
        super().clean()
        if self.publish_from and self.publish_until and self.publish_until <= self.publish_from:
            raise ValidationError(
                {"publish_until": _("The end of publication must be after its start.")}
            )


class SiteSettings(models.Model):
    """Settings of the whole site that staff maintain: one row only (pk 1)."""

    # RFC 9116 recommends that security.txt expire within a year; saving the
    # settings confirms the contact for another year.
    SECURITY_TXT_VALID_FOR = timedelta(days=365)

    security_email = models.EmailField(
        _("e-mail address for security reports"),
        blank=True,
        help_text=_(
            "Published in /.well-known/security.txt, where people who find a security "
            "problem on this website look for whom to tell. Leave empty until the "
            "address is agreed with the city's IT security team."
        ),
    )
    security_url = models.URLField(
        _("web page for security reports"),
        blank=True,
        validators=[URLValidator(schemes=["https"])],
        help_text=_("Optional: a page (https) that explains how to report a security problem."),
    )
    security_confirmed_at = models.DateTimeField(
        _("security contact last confirmed"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="sitesettings_single_row"),
        ]

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        self.security_confirmed_at = timezone.now() if self.security_contacts else None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("security-txt")

    @classmethod
    def current(cls):
        """The settings, or None while staff have never saved them (no write on a GET)."""
        return cls.objects.filter(pk=1).first()

    @property
    def security_contacts(self):
        contacts = [f"mailto:{self.security_email}"] if self.security_email else []
        if self.security_url:
            contacts.append(self.security_url)
        return contacts

    @property
    def security_txt_expires(self):
        if self.security_confirmed_at is None:
            return None
        return self.security_confirmed_at + self.SECURITY_TXT_VALID_FOR


class ReviewEvent(models.Model):
    """One step of the review path of a content item: who did what, when, and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("submitted for review")
        RETURNED = "returned", _("sent back with a comment")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")
        WITHDRAWN = "withdrawn", _("set back to draft")
        # A comment without a change of state (from_status equals to_status).
        COMMENTED = "commented", _("commented")
        # Steps of a change to a live item held for review (PendingChange): the
        # item's state stays as it is.
        CHANGE_SUBMITTED = "change_submitted", _("change submitted for review")
        CHANGE_PUBLISHED = "change_published", _("change published")
        CHANGE_RETURNED = "change_returned", _("change sent back with a comment")
        CHANGE_DISCARDED = "change_discarded", _("change discarded")

    # Steps that keep the item's state.
    CHANGE_ACTIONS = (
        Action.CHANGE_SUBMITTED,
        Action.CHANGE_PUBLISHED,
        Action.CHANGE_RETURNED,
        Action.CHANGE_DISCARDED,
    )

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object ID"))
    object_repr = models.CharField(_("item"), max_length=300)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(
        _("previous state"), max_length=12, choices=Publishable.Status.choices
    )
    to_status = models.CharField(_("new state"), max_length=12, choices=Publishable.Status.choices)
    comment = models.TextField(_("comment"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        verbose_name=_("by"),
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="reviewevent_item_idx"),
        ]
        constraints = [
            # Every step changes the state, except a comment and the steps of a
            # change held for review, which keep it.
            models.CheckConstraint(
                condition=~models.Q(from_status=models.F("to_status"))
                | models.Q(action="commented", comment__gt="")
                | models.Q(
                    action__in=[
                        "change_submitted",
                        "change_published",
                        "change_returned",
                        "change_discarded",
                    ]
                ),
                name="reviewevent_changes_state_or_comments",
            ),
            models.CheckConstraint(
                condition=~models.Q(action="change_returned") | models.Q(comment__gt=""),
                name="reviewevent_return_has_comment",
            ),
        ]
        permissions = [("publish_content", _("Can publish, archive and send back content"))]

    def __str__(self):
        return f"{self.object_repr}: {self.get_action_display()}"


class TranslationState(models.Model):
    """Which German text a translation was made from (see translations/state.py)."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    field = models.CharField(_("field"), max_length=64)
    language = models.CharField(_("language"), max_length=8)
    source_hash = models.CharField(_("fingerprint of the German text"), max_length=64)
    source_text_then = models.TextField(_("German text at the time of translation"), blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        app_label = "kassel_integration"
        verbose_name = _("translation status")
        verbose_name_plural = _("translation status")
        ordering = ["content_type", "object_id", "field", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translationstate_unique_field_language",
            ),
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.field} [{self.language}]"


class PendingChange(models.Model):
    """A change to a live item kept for review, like a draft of a live page in Wagtail.

    Someone who may not publish (an editor, a translator) changes an item the
    public already sees: the change is stored here, with the inlines edited
    with the item, and the public page keeps the published version until a
    reviewer publishes it (see kassel_integration/editorial/pending.py).
    `data` holds the serialised rows (the item, then its inline rows) and the
    translation states they had after the change.
    """

    class State(models.TextChoices):
        REVIEW = "review", _("waiting for review")
        RETURNED = "returned", _("sent back")

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object ID"))
    object_repr = models.CharField(_("item"), max_length=300)
    data = models.JSONField(_("changed content"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.REVIEW)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("waiting since"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    # Everyone who wrote into the change: they hear when it is published or sent back.
    contributors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("written by")
    )

    class Meta:
        verbose_name = _("change waiting for review")
        verbose_name_plural = _("changes waiting for review")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="pendingchange_one_per_item"
            ),
        ]

    def __str__(self):
        return self.object_repr

    def get_absolute_url(self):
        """The item's change form in the admin, where the change is reviewed."""
        meta = self.content_type.model_class()._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[self.object_id])


class StaffPreferences(models.Model):
    """A staff member's choices for the portal's e-mails to them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_preferences",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The notifications of the review are written to you in this language."),
    )
    notify_by_email = models.BooleanField(
        _("e-mail me about the review"),
        default=True,
        help_text=_(
            "Reviewers hear when an item is submitted for review; editors and translators "
            "when their item or change is published, sent back or discarded."
        ),
    )

    class Meta:
        verbose_name = _("my notification settings")
        verbose_name_plural = _("my notification settings")
        ordering = ["user"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="staffpreferences_known_language",
            ),
        ]

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("admin:kassel_integration_staffpreferences_change", args=[self.pk])


class Notice(models.Model):
    """One e-mail about one review step to one person: recorded first, sent after commit.

    Unique per step and recipient, so a step is never announced twice; an
    e-mail the mail server refused stays here unsent, with the error, until
    `manage.py send_notices` (or the admin's action) sends it.
    """

    event = models.ForeignKey(
        ReviewEvent, on_delete=models.CASCADE, related_name="notices", verbose_name=_("review step")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    url = models.CharField(_("link to the item"), max_length=500)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient"], name="notice_once_per_step_and_recipient"
            ),
        ]

    def __str__(self):
        return f"{self.event} → {self.recipient}"

    def get_absolute_url(self):
        return self.url


__all__ = [
    "BarrierReport",
    "LegalPage",
    "Notice",
    "PendingChange",
    "Publishable",
    "PublishableQuerySet",
    "ReviewEvent",
    "SiteSettings",
    "StaffPreferences",
    "TranslationState",
]


from django.conf import settings  # noqa: E402


class InterfaceCatalogueUpload(models.Model):
    """A translator's .po file of interface texts that passed every check.

    Kept with what it changed; its changes became InterfaceText rows, live
    within a minute. See kassel_integration/translations/catalogue.py and overrides.py.
    """

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True, db_index=True)
    po_text = models.TextField(_("file content"))
    message_count = models.PositiveIntegerField(_("messages in the file"))
    changed_count = models.PositiveIntegerField(_("changed messages"))
    # What the file changed against the texts in force on its day (each is also a
    # step in the history of its InterfaceText).
    changes = models.JSONField(_("changed messages, before and after"), default=list, blank=True)

    class Meta:
        verbose_name = _("interface text upload")
        verbose_name_plural = _("interface text uploads")
        ordering = ["-uploaded_at", "-pk"]
        default_permissions = ()
        # One per language of the settings (translations/catalogue.py names them);
        # names in English, as Django's own permissions are.
        permissions = [
            (
                f"translate_interface_{code}",
                f"Can export and import the {get_language_info(code)['name']} interface texts",
            )
            for code, _name in settings.LANGUAGES
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(changed_count__lte=models.F("message_count")),
                name="interfacecatalogueupload_changed_within_messages",
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="interfacecatalogueupload_known_language",
            ),
        ]

    def __str__(self):
        return f"{self.language} {self.uploaded_at:%Y-%m-%d %H:%M}"


__all__.append("InterfaceCatalogueUpload")


class InterfaceText(models.Model):
    """An accepted interface text that differs from the repository's catalogue (locale/).

    One row per message and language, whatever uploads or edits made it: the
    running site applies it within a minute (kassel_integration/translations/live.py)
    and `manage.py export_interface_texts` writes it into the catalogue for a
    commit. Every change is kept in InterfaceTextChange, with undo.
    """

    class Status(models.TextChoices):
        LIVE = "live", _("live, not yet in a release")
        EXPORTED = "exported", _("exported for the next release")
        UNDONE = "undone", _("undone: the released text again")

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    context = models.CharField(_("context"), max_length=200, blank=True)
    msgid = models.TextField(_("source text (English)"))
    msgid_plural = models.TextField(_("source text, plural"), blank=True)
    # One entry per plural form (one for a message without plural).
    strings = models.JSONField(_("translation"), default=list)
    # The repository catalogue's translation when the text was first changed:
    # an exported text stops being applied once the deployed catalogue differs from it.
    baseline = models.JSONField(_("catalogue translation"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.LIVE
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    exported_at = models.DateTimeField(_("exported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("interface text")
        verbose_name_plural = _("interface texts")
        ordering = ["language", "msgid", "context"]
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["language", "context", "msgid"], name="interfacetext_one_per_message"
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="interfacetext_known_language",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["live", "exported", "undone"]),
                name="interfacetext_known_status",
            ),
        ]

    def __str__(self):
        return f"{self.msgid} [{self.language}]"

    def get_absolute_url(self):
        return reverse(
            "admin:kassel_integration_translationstate_interface_text",
            args=[self.language, self.message_key(self.context, self.msgid)],
        )

    @staticmethod
    def message_key(context, msgid) -> str:
        """A short, stable name for one message in URLs (its context and singular msgid)."""
        return hashlib.sha256(f"{context or ''}\x04{msgid}".encode()).hexdigest()[:16]

    @property
    def is_plural(self):
        return bool(self.msgid_plural)


class InterfaceTextChange(models.Model):
    """One step in the history of an interface text: what it was, what it became, who did it."""

    class Source(models.TextChoices):
        UPLOAD = "upload", _("uploaded file")
        BROWSER = "browser", _("changed in the browser")
        UNDO = "undo", _("undo")

    text = models.ForeignKey(
        InterfaceText,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("interface text"),
    )
    old = models.JSONField(_("before"), default=list)
    new = models.JSONField(_("after"), default=list)
    source = models.CharField(_("how"), max_length=10, choices=Source.choices)
    upload = models.ForeignKey(
        InterfaceCatalogueUpload,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="text_changes",
        verbose_name=_("upload"),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True, db_index=True)
    # Set on a change that a later undo took back (the undo is a change of its own).
    undone = models.BooleanField(_("undone"), default=False)

    class Meta:
        verbose_name = _("interface text change")
        verbose_name_plural = _("interface text changes")
        ordering = ["-changed_at", "-pk"]
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source__in=["upload", "browser", "undo"]),
                name="interfacetextchange_known_source",
            ),
        ]

    def __str__(self):
        return f"{self.text} {self.changed_at:%Y-%m-%d %H:%M}"


__all__ += ["InterfaceText", "InterfaceTextChange"]


# The search index (derived from the content above; see kassel_integration/search/models.py).
from kassel_integration.search.models import DocumentPage, SearchEntry, SearchWord  # noqa: E402

__all__ += ["DocumentPage", "SearchEntry", "SearchWord"]
