"""The concept overview's loader.

Its sections share rows: the report entries appear both on the field cards and
under their report, the documents under their version or report. Six queries
load each kind of row once and hand the rows out in Python (`hang_report_entries`,
`hang_documents`); separate prefetches per section would take eight. A field's
own page needs no sharing and loads through `FieldOfAction.objects.with_details()`.
"""

from concept.models import (
    ConceptVersion,
    Document,
    FieldOfAction,
    IntegrationReport,
    ReportEntry,
    attach_progress_counts,
    hang_documents,
    hang_report_entries,
    progress_rows,
)


def overview(at):
    """Versions, fields of action (with progress counts) and reports, in six queries."""
    versions = list(ConceptVersion.objects.published(at))
    fields = attach_progress_counts(list(FieldOfAction.objects.published(at)), progress_rows())
    reports = list(IntegrationReport.objects.published(at).with_concept_version())
    entries = ReportEntry.objects.filter(report__in=IntegrationReport.objects.published(at))
    hang_report_entries(entries, reports, fields)
    hang_documents(Document.objects.published(at), versions, reports)
    return {"versions": versions, "fields": fields, "reports": reports}
