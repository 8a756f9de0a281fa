from django.conf import settings

from kassel_integration.search.engine import MAX_QUERY_LENGTH


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SEARCH_MAX_LENGTH": MAX_QUERY_LENGTH,
        # Set by kassel_integration.editorial.workflow.preview for staff only.
        "preview_item": getattr(request, "editorial_preview", None),
        # The change waiting for review that the preview shows, if any.
        "preview_pending": getattr(request, "editorial_pending", None),
    }
