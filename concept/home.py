"""What the concept app shows on the home page (kassel_integration.site.home)."""

from concept.models import FieldOfAction, IntegrationReport


def latest_report(now):
    """The latest published integration report, in one query; nothing if there is none."""
    report = IntegrationReport.objects.published(now).first()
    return None if report is None else {"concept_report": report}


def fields(now):
    """The fields of action at a glance, in one query."""
    fields = list(FieldOfAction.objects.published(now))
    return {"concept_fields": fields} if fields else None
