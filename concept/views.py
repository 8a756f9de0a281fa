from django.apps import apps
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from concept.documents import FileFormat
from concept.models import (
    ConceptVersion,
    Document,
    FieldOfAction,
    Goal,
    IntegrationReport,
    Measure,
    ReportEntry,
    attach_progress_counts,
    hang_documents,
    hang_report_entries,
    progress_rows,
)
from kassel_integration.prepared import attach_related, prepared
from kassel_integration.slugs import any_slug, redirect_if_not_canonical
from officers.models import Organisation

# The overview's six queries, prepared: compiled once per process (see
# `kassel_integration.prepared`), since they run on every uncached view.


def _published_versions(at):
    return ConceptVersion.objects.published(at)


def _published_fields(at):
    return FieldOfAction.objects.published(at)


def _published_reports(at):
    return IntegrationReport.objects.published(at).with_details()


def _entries_of_published_reports(at):
    return ReportEntry.objects.filter(report__in=IntegrationReport.objects.published(at))


def _published_documents(at):
    return Document.objects.published(at)


@require_GET
def index(request):
    at = timezone.now()
    versions = prepared(_published_versions, at=at)
    fields = attach_progress_counts(prepared(_published_fields, at=at), prepared(progress_rows))
    reports = prepared(_published_reports, at=at)
    hang_report_entries(prepared(_entries_of_published_reports, at=at), reports, fields)
    hang_documents(prepared(_published_documents, at=at), versions, reports)
    context = {
        "versions": versions,
        "in_force": next((v for v in versions if v.is_in_force), None),
        "fields": fields,
        "reports": reports,
        "breadcrumbs": [(_("Integration concept"), None)],
    }
    return render(request, "concept/index.html", context)


# The field page's six queries, prepared like the overview's: the field, then
# its goals, measures, entries of published reports, partners and published events.


def _field_by_slug(slug, at):
    return FieldOfAction.objects.published(at).filter(any_slug(slug))[:1]


def _goals(field):
    return Goal.objects.filter(field=field)


def _measures(field):
    return Measure.objects.filter(field=field)


def _public_report_entries(field, at):
    published_reports = IntegrationReport.objects.published(at)
    return ReportEntry.objects.filter(field=field, report__in=published_reports).select_related(
        "report"
    )


def _partners(field):
    return Organisation.objects.filter(fields_of_action=field)


def _public_events(field, at):
    # Looked up by name: the events app depends on this one, not the other way round.
    events = apps.get_model("events", "Event").objects.published(at).prefetch_related(None)
    return events.filter(fields_of_action=field).order_by("-start", "pk")


def _field_for_page(slug, at):
    found = prepared(_field_by_slug, slug=slug, at=at)
    if not found:
        raise Http404
    field = found[0]
    attach_related(field, "goals", prepared(_goals, field=field.pk))
    attach_related(field, "measures", prepared(_measures, field=field.pk))
    field.public_report_entries = prepared(_public_report_entries, field=field.pk, at=at)
    attach_related(field, "partners", prepared(_partners, field=field.pk))
    field.public_events = prepared(_public_events, field=field.pk, at=at)
    return field


@require_GET
def field_detail(request, slug):
    field = _field_for_page(slug, timezone.now())
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
