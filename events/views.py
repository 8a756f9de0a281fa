from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, F, Value, When
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from events import ical
from events.forms import EventFilterForm
from events.models import Event, EventSeries
from events.structured_data import event_json_ld
from kassel_integration.slugs import get_by_any_slug, redirect_if_not_canonical

PAGE_SIZE = 10
# The portal-wide quote include from the officers app; ours only if it is ever missing.
QUOTE_TEMPLATE = ["officers/includes/quote.html", "events/includes/quote.html"]


def _index_breadcrumbs(*more):
    return [(_("Events"), reverse("events:index")), *more]


@require_safe
def index(request):
    """Upcoming events first (soonest first), then the archive (latest first), one pagination."""
    now = timezone.now()
    form = EventFilterForm(request.GET)
    events = form.apply(Event.objects.published()).annotate(
        is_over=Case(
            When(ends_at__lt=now, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        upcoming_start=Case(When(ends_at__gte=now, then=F("start")), default=None),
    )
    events = events.order_by(
        "is_over", F("upcoming_start").asc(nulls_last=True), F("start").desc(), "pk"
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "events": page.object_list,
        "no_upcoming": page.number == 1 and (not page.object_list or page.object_list[0].is_over),
        "filtered": bool(form.filters()),
        "query_string": query.urlencode(),
        "now": now,
        "series_list": EventSeries.objects.published(),
        "breadcrumbs": [(_("Events"), None)],
    }
    return render(request, "events/index.html", context)


@require_safe
def series_detail(request, slug):
    series = get_by_any_slug(EventSeries.objects.published(), slug)
    if redirect := redirect_if_not_canonical(request, series):
        return redirect
    now = timezone.now()
    events = Event.objects.published().filter(series=series)
    context = {
        "series": series,
        "object": series,
        "upcoming": list(events.upcoming(now)),
        "past": list(events.past(now)),
        "breadcrumbs": _index_breadcrumbs((series.title, None)),
    }
    return render(request, "events/series_detail.html", context)


@require_safe
def event_detail(request, slug):
    event = get_by_any_slug(Event.objects.published().with_details(), slug)
    if redirect := redirect_if_not_canonical(request, event):
        return redirect
    now = timezone.now()
    series = event.series if event.series and event.series.is_public(now) else None
    crumbs = [(series.title, series.get_absolute_url())] if series else []
    context = {
        "event": event,
        "object": event,
        "series": series,
        "is_past": event.is_past(now),
        "json_ld": event_json_ld(event),
        "quote_template": QUOTE_TEMPLATE,
        "breadcrumbs": _index_breadcrumbs(*crumbs, (event.title, None)),
    }
    return render(request, "events/event_detail.html", context)


def _calendar_response(body, filename, attachment):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_safe
def event_ics(request, slug):
    event = get_by_any_slug(Event.objects.published().with_details(), slug)
    body = ical.build_calendar([event], event.title)
    return _calendar_response(body, f"{event.slug}.ics", attachment=True)


@require_safe
def calendar_feed(request):
    events = Event.objects.published().upcoming()
    body = ical.build_calendar(events, _("Events of the Integration Officer of the City of Kassel"))
    return _calendar_response(body, "calendar.ics", attachment=False)
