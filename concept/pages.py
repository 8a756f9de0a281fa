"""What the concept's public pages load, in prepared queries.

They run on every uncached view, so each is compiled once per process (see
`kassel_integration.content.prepared`); the publication rules stay in the models'
`published()`.
"""

from django.apps import apps

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
from kassel_integration.content.prepared import attach_related, prepared
from kassel_integration.content.slugs import any_slug
from officers.models import Organisation

# ---------------------------------------------------------------- the overview


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


def overview(at):
    """Versions, fields of action (with progress counts) and reports, in six queries."""
    versions = prepared(_published_versions, at=at)
    fields = attach_progress_counts(prepared(_published_fields, at=at), prepared(progress_rows))
    reports = prepared(_published_reports, at=at)
    hang_report_entries(prepared(_entries_of_published_reports, at=at), reports, fields)
    hang_documents(prepared(_published_documents, at=at), versions, reports)
    return {"versions": versions, "fields": fields, "reports": reports}


# ---------------------------------------------------------------- a field of action


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


def field_page(slug, at):
    """The published field with `slug` (any language's), or None, in six queries.

    With its goals, measures, partners, the entries of published reports
    (`public_report_entries`) and the published events (`public_events`).
    """
    found = prepared(_field_by_slug, slug=slug, at=at)
    if not found:
        return None
    field = found[0]
    attach_related(field, "goals", prepared(_goals, field=field.pk))
    attach_related(field, "measures", prepared(_measures, field=field.pk))
    field.public_report_entries = prepared(_public_report_entries, field=field.pk, at=at)
    attach_related(field, "partners", prepared(_partners, field=field.pk))
    field.public_events = prepared(_public_events, field=field.pk, at=at)
    return field
