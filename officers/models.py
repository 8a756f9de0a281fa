from django.db import models
from django.utils.translation import gettext_lazy as _

from kassel_integration.richtext import RichTextField


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

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="person_unique_slug"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return " ".join(p for p in (self.honorific_prefix, self.given_name, self.family_name) if p)


class Quote(models.Model):
    """Something a person said, with where and when it was said."""

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
        default="de",
        help_text=_("The language the person spoke in."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["order", "-said_on", "pk"]

    def __str__(self):
        return f"{self.speaker}: {self.text[:60]}"

    @property
    def role_shown(self):
        return self.speaker_role or self.speaker.role
