from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from concept import pages
from concept.documents import FileFormat
from concept.models import Document, FieldOfAction
from kassel_integration.content.slugs import get_by_any_slug, redirect_if_not_canonical


@require_GET
def index(request):
    loaded = pages.overview(timezone.now())
    context = {
        **loaded,
        "in_force": next((v for v in loaded["versions"] if v.is_in_force), None),
        "breadcrumbs": [(_("Integration concept"), None)],
    }
    return render(request, "concept/index.html", context)


@require_GET
def field_detail(request, slug):
    now = timezone.now()
    field = get_by_any_slug(FieldOfAction.objects.published(now).with_details(now), slug)
    return redirect_if_not_canonical(request, field) or render(
        request,
        "concept/field_detail.html",
        {
            "object": field,
            "breadcrumbs": [
                (_("Integration concept"), reverse("concept:index")),
                (str(field), None),
            ],
        },
    )


@require_GET
def document(request, pk):
    doc = get_object_or_404(Document.objects.published(), pk=pk)
    try:
        handle = doc.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"{slugify(doc.title) or 'document'}.{doc.file_format}"
    response = FileResponse(
        handle,
        # PDFs open in the browser's viewer; office files are always downloaded.
        as_attachment=doc.file_format != FileFormat.PDF,
        filename=filename,
        content_type=doc.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
