from django.shortcuts import render

from concept.models import FieldOfAction
from kassel_integration.slugs import get_by_any_slug, redirect_if_not_canonical


def index(request):
    # Placeholder until the concept issue lands; the navigation already links here.
    return render(request, "coming_soon.html", {"section": "concept"})


def field_detail(request, slug):
    field = get_by_any_slug(FieldOfAction.objects.published(), slug)
    return redirect_if_not_canonical(request, field) or render(
        request, "concept/field_detail.html", {"object": field}
    )
