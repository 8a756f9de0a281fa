"""Objects addressed by a slug that differs per language.

Each translated model has one slug per language, `slug_<language>` (modeltranslation).
A URL may carry any language's slug (an old link, a link copied from another
language); the view finds the object anyway and redirects permanently to the
canonical URL of the current language, so the switcher and search engines
always see one address per object and language.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.translation import gettext_lazy as _


def any_slug(slug: str) -> Q:
    """The lookup for an object whose slug in any language is `slug`."""
    lookup = Q()
    for code, _name in settings.LANGUAGES:
        lookup |= Q(**{f"slug_{code}": slug})
    return lookup


def get_by_any_slug(queryset, slug: str):
    obj = queryset.filter(any_slug(slug)).first()
    if obj is None:
        raise Http404
    return obj


def redirect_if_not_canonical(request, obj):
    """A 301 to the object's URL in the current language, or None if already there."""
    if getattr(request, "editorial_preview", None) is not None:
        return None  # a preview stays at its own address
    canonical = obj.get_absolute_url()
    if request.path != canonical:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{canonical}?{query}" if query else canonical)
    return None


class TranslatedSlugMixin:
    """Slugs must be unique across all languages, since URLs accept any language's slug."""

    slug_error = _("This address (slug) is already used by “%(title)s”. Please choose another.")

    def clean(self):
        super().clean()
        codes = [code for code, _name in settings.LANGUAGES]
        own = {code: getattr(self, f"slug_{code}", None) for code in codes}
        others = type(self)._default_manager.exclude(pk=self.pk)
        errors = {}
        for code, slug in own.items():
            if not slug:
                continue
            lookup = Q()
            for other_code in codes:
                lookup |= Q(**{f"slug_{other_code}": slug})
            clash = others.filter(lookup).first()
            if clash is not None:
                errors[f"slug_{code}"] = ValidationError(
                    self.slug_error, code="duplicate_slug", params={"title": clash}
                )
        if errors:
            raise ValidationError(errors)
