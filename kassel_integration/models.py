from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kassel_integration.richtext import RichTextField


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


class PublishableQuerySet(models.QuerySet):
    """Publication rules shared by every public content type."""

    def published(self, at=None):
        now = at or timezone.now()
        return self.filter(
            models.Q(publish_from__isnull=True) | models.Q(publish_from__lte=now),
            models.Q(publish_until__isnull=True) | models.Q(publish_until__gt=now),
            status=Publishable.Status.PUBLISHED,
        )


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

    class Meta:
        abstract = True

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


# Defined beside the admin code that maintains it; imported here so Django
# always registers the model, whatever is imported first.
from kassel_integration.translation_state import TranslationState  # noqa: E402

__all__ = [
    "BarrierReport",
    "LegalPage",
    "Publishable",
    "PublishableQuerySet",
    "SiteSettings",
    "TranslationState",
]
