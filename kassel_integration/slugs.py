"""Objects addressed by a slug that differs per language.

Each translated model has `slug_de`, `slug_en`, `slug_sl` (modeltranslation).
A URL may carry any language's slug (an old link, a link copied from another
language); the view finds the object anyway and redirects permanently to the
canonical URL of the current language, so the switcher and search engines
always see one address per object and language.
"""

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponsePermanentRedirect


def get_by_any_slug(queryset, slug: str):
    lookup = Q()
    for code, _name in settings.LANGUAGES:
        lookup |= Q(**{f"slug_{code}": slug})
    obj = queryset.filter(lookup).first()
    if obj is None:
        raise Http404
    return obj


def redirect_if_not_canonical(request, obj):
    """A 301 to the object's URL in the current language, or None if already there."""
    canonical = obj.get_absolute_url()
    if request.path != canonical:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{canonical}?{query}" if query else canonical)
    return None
