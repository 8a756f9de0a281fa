import hashlib
import logging
import secrets

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from events import ical
from events import registration as service
from events.forms import EventFilterForm, RegistrationForm
from events.models import Event, EventSeries, Registration, upcoming_and_past
from events.structured_data import event_json_ld
from kassel_integration.cache import pages as page_cache
from kassel_integration.cache import values
from kassel_integration.content.pagination import OneQueryPaginator
from kassel_integration.content.slugs import get_by_any_slug, redirect_if_not_canonical
from kassel_integration.site import abuse

logger = logging.getLogger(__name__)

PAGE_SIZE = 10
# The portal-wide quote include from the officers app; ours only if it is ever missing.
QUOTE_TEMPLATE = ["officers/includes/quote.html", "events/includes/quote.html"]


def _index_breadcrumbs(*more):
    return [(_("Events"), reverse("events:index")), *more]


@require_safe
def index(request):
    """Upcoming events first (soonest first), then the archive (latest first), one pagination."""
    now = timezone.now()
    form = EventFilterForm(request.GET, at=now)
    filters = form.filters()
    events = form.apply(Event.objects.for_cards(now)).in_list_order(now)
    page = OneQueryPaginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "events": page.object_list,
        "no_upcoming": page.number == 1 and (not page.object_list or page.object_list[0].is_over),
        "filtered": bool(filters),
        "query_string": query.urlencode(),
        "now": now,
        "series_list": form.series,
        "breadcrumbs": [(_("Events"), None)],
    }
    return render(request, "events/index.html", context)


@require_safe
def series_detail(request, slug):
    now = timezone.now()
    series = get_by_any_slug(EventSeries.objects.published(now).with_events(now), slug)
    if redirect := redirect_if_not_canonical(request, series):
        return redirect
    upcoming, past = upcoming_and_past(series.public_events, now)
    context = {
        "series": series,
        "object": series,
        "upcoming": upcoming,
        "past": past,
        "breadcrumbs": _index_breadcrumbs((series.title, None)),
    }
    return render(request, "events/series_detail.html", context)


def _event_page(slug, now):
    """The event page's one loader: `with_details()`, kept between requests.

    Its six queries cost more CPU than the page may (docs/performance.md), so
    the loaded event stays in the value cache (`kassel_integration.cache.values`)
    until content changes, a registration changes its places, its first hold
    runs out or something is published or unpublished.
    """
    return values.cached(
        "events:detail",
        slug,
        lambda: get_by_any_slug(Event.objects.with_details(now).with_availability(now), slug),
        now,
        versions=[page_cache.event_version_key(slug)],
        until=lambda event: event.places_change_at,
    )


@require_safe
def event_detail(request, slug):
    now = timezone.now()
    event = _event_page(slug, now)
    if redirect := redirect_if_not_canonical(request, event):
        return redirect
    series = event.series if event.series and event.series.is_public(now) else None
    crumbs = [(series.title, series.get_absolute_url())] if series else []
    context = {
        "event": event,
        "object": event,
        "series": series,
        "is_past": event.is_past(now),
        "registration": _registration_state(event, now),
        "json_ld": event_json_ld(event, now),
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
    event = get_by_any_slug(Event.objects.for_calendar(), slug)
    body = ical.build_calendar([event], event.title)
    return _calendar_response(body, f"{event.slug}.ics", attachment=True)


@require_safe
def calendar_feed(request):
    events = Event.objects.for_calendar().upcoming()
    body = ical.build_calendar(events, _("Events of the Integration Officer of the City of Kassel"))
    return _calendar_response(body, "calendar.ics", attachment=False)


# ---------------------------------------------------------------- registration
# The form lives on its own page: its CSRF token sets a cookie, and the event
# page must stay cookie-free (and cacheable) for anonymous visitors.


class _RegistrationPage:
    """The registration page of an event, for the language switcher and canonical redirects."""

    def __init__(self, event):
        self.event = event

    def get_absolute_url(self):
        return self.event.get_registration_url()


def _registration_state(event, now):
    if not event.online_registration or event.is_past(now):
        return None
    if hasattr(event, "places_taken"):  # counted with the event (EventQuerySet.with_availability)
        availability = service.Availability(
            capacity=event.capacity or 0, taken=event.places_taken, waiting=event.places_waiting
        )
    else:
        availability = service.availability(event, now)
    return {
        "is_open": event.registration_is_open(now),
        "availability": availability,
        "url": event.get_registration_url(),
    }


def _registration_breadcrumbs(event, title):
    return _index_breadcrumbs((event.title, event.get_absolute_url()), (title, None))


def _registration_received(request, event, waiting, mail_failed=False, resend=None, too_many=None):
    """The answer to a registration that is stored: rendered from memory, not from the database.

    No redirect and no query after the commit, so a database that stops answering
    right then cannot show an error for a registration that exists. Reloading asks
    the browser to send the form again, which gets this same page (`_first_answer`).
    When the e-mail could not be sent, the page says so and offers to send it
    again (`resend`: the key of that button, see `_remember_resend`).
    """
    context = {
        "event": event,
        "alternate_object": _RegistrationPage(event),
        "waiting": waiting,
        "mail_failed": mail_failed,
        "resend": resend if mail_failed else None,
        "too_many": too_many,
        "hold_minutes": int(service.hold_duration().total_seconds() // 60),
        "breadcrumbs": _registration_breadcrumbs(event, _("Registration")),
    }
    status = 429 if too_many else 200
    response = render(request, "events/registration_received.html", context, status=status)
    return _private(response)


# The "send again" button names its registration by a random key kept on the
# server (the rate limits' shared cache) for as long as the place is held: a
# signed token would show the visitor whether the address was registered before.
RESEND_PREFIX = "registration-resend:"


def _remember_resend(registration, notice, waiting):
    key = secrets.token_urlsafe(24)
    entry = (registration.pk, registration.token_key.hex, notice, waiting)
    try:
        seconds = service.hold_duration().total_seconds()
        caches[settings.FORM_RATE_LIMIT_CACHE].set(RESEND_PREFIX + key, entry, seconds)
    except Exception:  # the answer matters more than the button
        logger.exception("Could not keep the key of a send-again button")
        return None
    return key


def _resend_entry(key):
    if not key or len(key) > 64:
        return None
    entry = caches[settings.FORM_RATE_LIMIT_CACHE].get(RESEND_PREFIX + key)
    if not (isinstance(entry, tuple) and len(entry) == 4):
        return None
    return entry


# Reloading the answer page sends the same form again, which then counts as
# "already registered" and is answered as for a new address. The person who
# took the last place would read "waiting list", so the same form gets its
# first answer again. The key is the form's own CSRF token (masked anew for
# every form page, so nobody else sends it) with the address: it tells nothing
# about anyone else's registration. The file cache of the rate limits is shared
# by the workers, as a reload may reach another one.
def _answer_key(request, event, email):
    token = request.POST.get("csrfmiddlewaretoken", "")
    if not token:
        return None
    identity = f"{event.pk}\n{token}\n{service.normalise_email(email)}"
    return "registration-answer:" + hashlib.sha256(identity.encode()).hexdigest()[:32]


def _first_answer(request, event, email):
    key = _answer_key(request, event, email)
    return None if key is None else caches[settings.FORM_RATE_LIMIT_CACHE].get(key)


def _remember_answer(request, event, email, waiting):
    key = _answer_key(request, event, email)
    if key is None:
        return
    try:
        seconds = service.hold_duration().total_seconds()
        caches[settings.FORM_RATE_LIMIT_CACHE].set(key, waiting, seconds)
    except Exception:  # after the commit: the visitor's answer matters more than this note
        logger.exception("Could not remember the answer to a registration form")


def _private(response, token_page=False):
    """Pages about one person's registration; `never_cache` keeps them out of every cache."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    if token_page:
        # Links from here must not carry the token to anyone. Not on the form page:
        # with no-referrer, browsers send `Origin: null` and the CSRF check fails.
        response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def register(request, slug):
    events = Event.objects.published().filter(online_registration=True)
    event = get_by_any_slug(events, slug)
    page = _RegistrationPage(event)
    if request.method != "POST" and (redirect := redirect_if_not_canonical(request, page)):
        return redirect
    now = timezone.now()
    form = RegistrationForm(request.POST if request.method == "POST" else None, event=event)
    wait = None
    if request.method == "POST":
        wait = abuse.client_over_limit(request, "registration")
    if wait is None and request.method == "POST" and event.registration_is_open(now):
        if form.is_valid():
            wait = abuse.email_over_limit(form.cleaned_data["email"], "registration")
        if wait is None and form.is_valid():
            email = form.cleaned_data["email"]
            try:
                registration = service.register(event, form.registration_data(), now=now)
            except service.AlreadyRegisteredError as known:
                # The same answer as for a new address; its owner learns the rest by e-mail.
                registration, notice = known.registration, True
                sent = service.notify_already_registered(registration)["sent"]
                waiting = _first_answer(request, event, email)
                if waiting is None:
                    waiting = not known.place_free
            except service.RegistrationClosedError:
                waiting = None  # the page below says that registration has closed
            else:
                notice, sent = False, registration.mail_delivered
                waiting = registration.status != Registration.Status.HELD
            if waiting is not None:
                _remember_answer(request, event, email, waiting)
                # `sent` is None only inside an outer transaction: nothing has failed yet.
                failed = sent is False
                resend = _remember_resend(registration, notice, waiting) if failed else None
                return _registration_received(request, event, waiting, failed, resend)
    if wait is not None:
        form.add_error(None, abuse.too_many_message(wait))
    context = {
        "event": event,
        "alternate_object": page,
        "form": form,
        "registration": _registration_state(event, now),
        "hold_minutes": int(service.hold_duration().total_seconds() // 60),
        "retention_days": service.retention_days(),
        "breadcrumbs": _registration_breadcrumbs(event, _("Registration")),
    }
    response = render(request, "events/register.html", context, status=429 if wait else 200)
    if wait:
        response["Retry-After"] = str(wait * 60)
    return _private(response)


@never_cache
@require_http_methods(["POST"])
def resend_registration_mail(request, slug):
    """The button on the answer page when the e-mail failed: the same mail, the same address.

    Counted by the same limits as the form (per client and per address), so the
    button cannot flood an inbox either.
    """
    event = get_by_any_slug(Event.objects.published().filter(online_registration=True), slug)
    key = request.POST.get("resend", "")
    entry = _resend_entry(key)
    if entry is None:
        return _link_error(request, 410)
    pk, token_key, notice, waiting = entry
    try:
        registration = service.registration_by_key(pk, token_key)
    except service.InvalidLinkError:
        return _link_error(request, 410)
    if registration.event_id != event.pk:
        return _link_error(request, 410)
    wait = abuse.client_over_limit(request, "registration")
    if wait is None:
        wait = abuse.email_over_limit(registration.email, "registration")
    if wait is not None:
        response = _registration_received(
            request, event, waiting, True, key, too_many=abuse.too_many_message(wait)
        )
        response["Retry-After"] = str(wait * 60)
        return response
    sent = service.send_again(registration, notice=notice)
    return _registration_received(request, event, waiting, not sent, key)


def _link_error(request, status):
    template = "events/registration_link_expired.html" if status == 410 else "404.html"
    return _private(render(request, template, {}, status=status), token_page=True)


# The signed token is the proof of ownership, so these POSTs need no CSRF
# cookie: no anonymous visitor gets a cookie just for following a link.
# GET only shows a button, since mail scanners follow links on their own.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_registration(request, token):
    try:
        registration = service.registration_for_token(
            token, service.CONFIRM_SALT, service.hold_duration()
        )
    except service.InvalidLinkError:
        return _link_error(request, 404)
    except service.ExpiredLinkError:
        return _link_error(request, 410)
    done = False
    if request.method == "POST":
        registration = service.confirm(registration)
        done = True
    # A hold that ran out counts as expired even before anything has written it so.
    is_expired = registration.status == Registration.Status.EXPIRED or (
        registration.email_confirmed_at is None
        and registration.is_active
        and registration.hold_expires_at <= timezone.now()
    )
    context = {
        "event": registration.event,
        "registration": registration,
        "done": done,
        "is_expired": is_expired,
        "cancel_url": reverse(
            "events:registration-cancel",
            kwargs={"token": service.make_token(registration, service.CANCEL_SALT)},
        ),
        "breadcrumbs": _registration_breadcrumbs(registration.event, _("Confirm registration")),
    }
    return _private(render(request, "events/registration_confirm.html", context), token_page=True)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel_registration(request, token):
    try:
        registration = service.registration_for_token(
            token, service.CANCEL_SALT, service.CANCEL_LINK_MAX_AGE
        )
    except service.InvalidLinkError:
        return _link_error(request, 404)
    except service.ExpiredLinkError:
        return _link_error(request, 410)
    event = registration.event
    is_over = event.is_past()
    done = False
    if request.method == "POST" and not is_over:
        was_active = registration.is_active
        registration = service.cancel(registration)
        done = was_active and registration.status == Registration.Status.CANCELLED
    context = {
        "event": event,
        "registration": registration,
        "done": done,
        "is_over": is_over,
        "breadcrumbs": _registration_breadcrumbs(event, _("Cancel registration")),
    }
    return _private(render(request, "events/registration_cancel.html", context), token_page=True)
