from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kassel_integration.models import Publishable
from kassel_integration.richtext import RichTextField


class FieldOfAction(Publishable):
    """One of the six Handlungsfelder of the integration concept."""

    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    summary = models.CharField(_("short description"), max_length=300, blank=True)
    description = RichTextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="fieldofaction_unique_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="fieldofaction_number_positive"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("concept:field", kwargs={"slug": self.slug})
