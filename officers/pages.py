"""What the office page loads, in prepared queries.

It runs on every uncached view, so each query is compiled once per process
(see `kassel_integration.content.prepared`): the office, then its tasks, hours,
terms and quotes.
"""

from kassel_integration.content.prepared import attach_related, prepared
from officers.models import Office, OfficeHours, OfficeQuote, Task, Term


def _published_office(key, at):
    return Office.objects.published(at).filter(key=key)[:1]


def _tasks(office):
    return Task.objects.filter(office=office)


def _hours(office):
    return OfficeHours.objects.filter(office=office)


def _terms(office):
    return Term.objects.select_related("person", "person__organisation").filter(office=office)


def _quote_links(office):
    return OfficeQuote.objects.select_related("quote__speaker").filter(office=office)


def office_page(key, at):
    """The published office with `key`, with its tasks, hours, terms and quotes, or None."""
    found = prepared(_published_office, key=key, at=at)
    if not found:
        return None
    office = found[0]
    for name, build in [
        ("tasks", _tasks),
        ("hours", _hours),
        ("terms", _terms),
        ("quote_links", _quote_links),
    ]:
        attach_related(office, name, prepared(build, office=office.pk))
    return office
