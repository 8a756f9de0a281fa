"""Registration for events: places, holds, the waiting list and the signed links.

Every change that can move a place happens inside one transaction that first
locks the event's row, so two people can never both get the last place:

- PostgreSQL: `SELECT … FOR UPDATE` on the event makes the second request wait
  until the first has committed, then it counts again and sees the place gone.
- SQLite ignores FOR UPDATE, but the settings open every transaction with
  BEGIN IMMEDIATE, which takes the database's single write lock up front and
  serialises the same section in the same way.

E-mails are rendered inside the transaction, from the rows in memory, and go
out only after the commit (`transaction.on_commit`): a slow mail server never
holds the lock, a mail that fails never undoes a registration (the failure is
stored on the registration for staff to see), and a database that stops
answering right after the commit cannot keep the mail from going out.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import DatabaseError, IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from events.models import Event, Registration
from kassel_integration.cache import pages as page_cache

logger = logging.getLogger(__name__)

# Only tests switch this off, to prove that the concurrency test can fail.
LOCK_EVENT_ROW = True

CONFIRM_SALT = "events.registration.confirm"
CANCEL_SALT = "events.registration.cancel"
# A cancellation link stays usable for as long as anyone plans ahead; the
# registration's own state (event over, anonymised) ends it sooner.
CANCEL_LINK_MAX_AGE = timedelta(days=400)

Status = Registration.Status
Mail = Registration.Mail

SUBJECTS = {
    Mail.CONFIRM_PLACE: _("Please confirm your registration: %(event)s"),
    Mail.CONFIRM_WAITING: _("Please confirm your place on the waiting list: %(event)s"),
    Mail.CONFIRMED: _("Your registration is confirmed: %(event)s"),
    Mail.WAITING_CONFIRMED: _("You are on the waiting list: %(event)s"),
    Mail.PROMOTED: _("A place has become free for you: %(event)s"),
    Mail.CANCELLED: _("Your registration has been cancelled: %(event)s"),
}


def hold_duration():
    return timedelta(minutes=getattr(settings, "EVENT_REGISTRATION_HOLD_MINUTES", 60))


def retention_days():
    return getattr(settings, "EVENT_REGISTRATION_RETENTION_DAYS", 30)


class RegistrationError(Exception):
    pass


class RegistrationClosedError(RegistrationError):
    pass


class AlreadyRegisteredError(RegistrationError):
    """`place_free`: whether a new registration would have got a place (what the page says)."""

    def __init__(self, registration, place_free=True):
        super().__init__(registration.pk)
        self.registration = registration
        self.place_free = place_free


class InvalidLinkError(Exception):
    """A link that was tampered with or belongs to nothing (anymore): 404, never 500."""


class ExpiredLinkError(Exception):
    pass


# ---------------------------------------------------------------- availability


@dataclass(frozen=True)
class Availability:
    capacity: int
    taken: int
    waiting: int

    @property
    def places_left(self):
        # Free places go to the confirmed waiting list first.
        return max(0, self.capacity - self.taken - self.waiting)

    @property
    def is_full(self):
        return self.places_left == 0


def availability(event, now=None):
    now = now or timezone.now()
    registrations = Registration.objects.filter(event=event)
    return Availability(
        capacity=event.capacity or 0,
        taken=registrations.taking_a_place(now).count(),
        waiting=registrations.waiting_in_line().count(),
    )


# ---------------------------------------------------------------- locking


def _locked_event(event_id):
    """The event, locked for the transaction; its cached pages go stale when it commits."""
    events = Event.objects.filter(pk=event_id)
    if LOCK_EVENT_ROW:
        events = events.select_for_update()
    event = events.get()
    # After the commit: a page rendered before it is stored under the old version.
    transaction.on_commit(lambda: page_cache.event_changed(event), robust=True)
    return event


def _count_taken(event, now):
    return Registration.objects.filter(event=event).taking_a_place(now).count()


def _settle(event, now, outbox):
    """Expire stale holds and move the waiting list up into free places. Needs the lock."""
    Registration.objects.filter(event=event).stale(now).update(status=Status.EXPIRED)
    free = (event.capacity or 0) - _count_taken(event, now)
    if free <= 0 or event.is_past(now) or event.is_cancelled:
        return []
    promoted = list(Registration.objects.filter(event=event).waiting_in_line()[:free])
    for registration in promoted:
        registration.event = event  # the mail names it: no query for it
        registration.status = Status.CONFIRMED
        registration.confirmed_at = registration.promoted_at = now
        registration.hold_expires_at = None
        registration.save(
            update_fields=["status", "confirmed_at", "promoted_at", "hold_expires_at"]
        )
        outbox.add(registration, Mail.PROMOTED)
    return promoted


def settle_event(event_id, now=None):
    """Apply expired holds and promotions now (after staff add places, and daily)."""
    with transaction.atomic():
        event = _locked_event(event_id)
        return _settle(event, now or timezone.now(), _Outbox())


# ---------------------------------------------------------------- actions


def normalise_email(email):
    return email.strip().lower()


def register(event, data, now=None):
    """Hold a place, or put the person on the waiting list. Returns the registration.

    `data` holds the form's cleaned personal fields. Raises RegistrationClosedError
    or AlreadyRegisteredError; both are explained to the person by the view.
    """
    now = now or timezone.now()
    email = normalise_email(data["email"])
    with transaction.atomic():
        event = _locked_event(event.pk)
        if not event.registration_is_open(now):
            raise RegistrationClosedError
        outbox = _Outbox()
        _settle(event, now, outbox)
        existing = Registration.objects.filter(event=event, email__iexact=email).first()
        if existing is not None:
            existing.event = event  # its notice or mail names the event: no query for it
        gets_place = _count_taken(event, now) < event.capacity
        if existing is not None and existing.is_active:
            raise AlreadyRegisteredError(existing, place_free=gets_place)
        registration = existing or Registration(event=event)
        # A registration made again starts clean: nothing left over from the first time.
        for field in ("organisation", "accessibility_notes"):
            setattr(registration, field, "")
        for field in ("needs_sign_language", "needs_step_free_access", "needs_childcare"):
            setattr(registration, field, False)
        for field, value in data.items():
            setattr(registration, field, value)
        registration.email = email
        registration.status = Status.HELD if gets_place else Status.WAITING
        registration.token_key = Registration._meta.get_field("token_key").get_default()
        registration.registered_at = now
        registration.hold_expires_at = now + hold_duration()
        registration.email_confirmed_at = registration.confirmed_at = None
        registration.promoted_at = registration.cancelled_at = None
        registration.last_mail, registration.mail_sent_at, registration.mail_failed_at = (
            "",
            None,
            None,
        )
        try:
            # A savepoint: without the lock, a twin request may have inserted the same address.
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            twin = Registration.objects.get(event=event, email__iexact=email)
            twin.event = event
            raise AlreadyRegisteredError(twin, place_free=gets_place) from None
        outbox.add(registration, Mail.CONFIRM_PLACE if gets_place else Mail.CONFIRM_WAITING)
    # The outbox has sent after the commit (inside an outer transaction it has not yet: None).
    registration.mail_delivered = outbox.delivered.get(registration.pk)
    return registration


def confirm(registration, now=None):
    """The person clicked the link in the first e-mail. Returns the registration."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked_event(registration.event_id)
        outbox = _Outbox()
        _settle(event, now, outbox)
        registration = Registration.objects.get(pk=registration.pk)
        registration.event = event
        if registration.status == Status.EXPIRED or not registration.is_active:
            return registration
        if registration.email_confirmed_at is not None:
            return registration  # a second click changes nothing
        registration.email_confirmed_at = now
        registration.hold_expires_at = None
        if registration.status == Status.HELD:
            registration.status = Status.CONFIRMED
            registration.confirmed_at = now
            mail = Mail.CONFIRMED
        else:
            mail = Mail.WAITING_CONFIRMED
        registration.save(
            update_fields=["status", "email_confirmed_at", "confirmed_at", "hold_expires_at"]
        )
        # A waiting-list entry confirmed while a place is free moves up at once.
        promoted = _settle(event, now, outbox)
        if registration not in promoted:
            outbox.add(registration, mail)
        registration.refresh_from_db()
    return registration


def cancel(registration, now=None):
    """Give up a place or leave the waiting list; the next in line moves up."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked_event(registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        registration.event = event
        if not registration.is_active:
            return registration
        outbox = _Outbox()
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        outbox.add(registration, Mail.CANCELLED)
        _settle(event, now, outbox)
    return registration


# ---------------------------------------------------------------- signed links


def make_token(registration, salt):
    return signing.dumps([registration.pk, registration.token_key.hex], salt=salt, compress=False)


def registration_for_token(token, salt, max_age):
    """The registration a link belongs to. InvalidLinkError or ExpiredLinkError otherwise."""
    try:
        pk, key = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise ExpiredLinkError from None
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidLinkError from None
    return registration_by_key(pk, key)


def registration_by_key(pk, key):
    """The registration with this id and token key (hex), not anonymised; InvalidLinkError."""
    try:
        key = uuid.UUID(hex=key)
    except (TypeError, ValueError, AttributeError):
        raise InvalidLinkError from None
    registration = (
        Registration.objects.select_related("event")
        .filter(pk=pk, token_key=key, anonymised_at__isnull=True)
        .first()
        if type(pk) is int
        else None
    )
    if registration is None:
        raise InvalidLinkError
    return registration


def confirm_url(registration):
    return _absolute(
        registration, "events:registration-confirm", make_token(registration, CONFIRM_SALT)
    )


def cancel_url(registration):
    return _absolute(
        registration, "events:registration-cancel", make_token(registration, CANCEL_SALT)
    )


def _absolute(registration, name, token):
    with translation.override(registration.language):
        return settings.SITE_URL + reverse(name, kwargs={"token": token})


# ---------------------------------------------------------------- e-mail


@dataclass(frozen=True)
class PreparedMail:
    """One registration e-mail, rendered and ready to send: sending it needs no database.

    `subject` is None when it could not be rendered; sending then records a failure.
    """

    pk: int
    kind: str
    to: str
    subject: str | None
    body: str


def prepare_mail(registration, kind):
    """Render the e-mail from the registration in memory, in the registrant's language."""
    try:
        with translation.override(registration.language):
            subject, body = render_mail(registration, kind)
    except DatabaseError:
        raise  # inside the transaction: it must fail as a whole, never commit half
    except Exception:  # a broken template must not undo the registration it is about
        logger.exception(
            "Could not render the %s e-mail for registration %s", kind, registration.pk
        )
        subject, body = None, ""
    return PreparedMail(registration.pk, kind, registration.email, subject, body)


def _deliver(mail):
    """Send a prepared e-mail; returns whether it went out and the fields that record it."""
    now = timezone.now()
    failed = {"last_mail": mail.kind, "mail_failed_at": now}
    if mail.subject is None:
        return False, failed  # logged when rendering failed
    try:
        send_mail(mail.subject, mail.body, None, [mail.to])
    except Exception:  # SMTP, DNS, timeouts: the registration is stored whatever happens
        logger.exception("Could not send the %s e-mail for registration %s", mail.kind, mail.pk)
        return False, failed
    return True, {"last_mail": mail.kind, "mail_sent_at": now, "mail_failed_at": None}


class _Outbox:
    """The e-mails of one transaction: rendered inside it, sent after its commit.

    After the commit only the sending and one UPDATE per mail remain. If the
    database is gone by then, the mails still go out and the visitor still gets
    the answer; the lost records are logged once, not once per mail (each
    further try could wait for the connect timeout again).
    """

    def __init__(self):
        self.mails = []
        # pk -> whether its mail went out, once sent (the answer page tells the visitor).
        self.delivered = {}
        # Robust: whatever happens here, the committed registration's answer is sent.
        transaction.on_commit(self.send, robust=True)

    def add(self, registration, kind):
        if not registration.anonymised_at:
            self.mails.append(prepare_mail(registration, kind))

    def send(self):
        # Every mail first: none waits for a database that may be gone.
        records = []
        for mail in self.mails:
            sent, fields = _deliver(mail)
            self.delivered[mail.pk] = sent and self.delivered.get(mail.pk, True)
            records.append((mail, fields))
        for mail, fields in records:
            try:
                Registration.objects.filter(pk=mail.pk).update(**fields)
            except DatabaseError:
                logger.exception(
                    "Could not record the %s e-mail for registration %s", mail.kind, mail.pk
                )
                return


def send_registration_mail(pk, kind):
    """Send one message in the registrant's language now (staff resending, for example).

    Reads the registration afresh; a failure of the mail is stored, never raised.
    """
    registration = Registration.objects.select_related("event", "event__venue").get(pk=pk)
    if registration.anonymised_at:
        return False
    sent, fields = _deliver(prepare_mail(registration, kind))
    Registration.objects.filter(pk=pk).update(**fields)
    return sent


ALREADY_REGISTERED_SUBJECT = _("You are already registered: %(event)s")


def notify_already_registered(registration):
    """Someone entered this address again: tell its owner by e-mail, never the visitor.

    The page answers exactly as for a new registration, so the form cannot be used
    to find out who is registered. The notice is rendered from the registration in
    memory and goes out after the commit, in the language the person chose, with
    their links again; it reads and changes nothing stored.
    """
    pk, to = registration.pk, registration.email
    event = registration.event  # in memory: the service keeps the event it locked
    outcome = {"sent": False}
    try:
        with translation.override(registration.language):
            subject = str(ALREADY_REGISTERED_SUBJECT % {"event": event.title})
            pending = registration.is_active and registration.email_confirmed_at is None
            body = render_to_string(
                "events/email/already_registered.txt",
                {
                    "registration": registration,
                    "event": event,
                    "event_url": settings.SITE_URL + event.get_absolute_url(),
                    "confirm_url": confirm_url(registration) if pending else None,
                    "cancel_url": cancel_url(registration),
                    "site_name": settings.SITE_NAME,
                },
            )
    except Exception:  # the visitor's answer never depends on this notice
        logger.exception("Could not render the already-registered notice for %s", pk)
        return outcome

    def send():
        try:
            send_mail(subject, body, None, [to])
        except Exception:  # the visitor's answer never depends on the mail server
            logger.exception("Could not send the already-registered notice for %s", pk)
            outcome["sent"] = False
        else:
            outcome["sent"] = True

    outcome["sent"] = None  # until the commit, as for `register`
    transaction.on_commit(send, robust=True)
    return outcome


def render_mail(registration, kind):
    event = registration.event
    subject = str(SUBJECTS[kind] % {"event": event.title})
    context = {
        "registration": registration,
        "event": event,
        "kind": kind,
        "event_url": settings.SITE_URL + event.get_absolute_url(),
        "register_url": settings.SITE_URL + event.get_registration_url(),
        "confirm_url": confirm_url(registration)
        if kind in (Mail.CONFIRM_PLACE, Mail.CONFIRM_WAITING)
        else None,
        "cancel_url": cancel_url(registration) if kind != Mail.CANCELLED else None,
        "hold_minutes": int(hold_duration().total_seconds() // 60),
        "site_name": settings.SITE_NAME,
    }
    body = render_to_string(f"events/email/{kind}.txt", context)
    return subject, body


# ---------------------------------------------------------------- sending again
# When the first e-mail could not be sent, the answer page says so and offers a
# button that sends it again, to the same address (the view keeps what the
# button refers to on the server, so the page reveals nothing about anyone).


def send_again(registration, *, notice):
    """Send the first e-mail again; returns whether it went out.

    A registration still waiting for its confirmation gets the confirmation
    link again; any other (confirmed meanwhile, or the page answered "already
    registered") gets the notice with its links, as the form would send it.
    """
    pending = (
        not notice
        and registration.is_active
        and registration.email_confirmed_at is None
        and registration.status in (Status.HELD, Status.WAITING)
    )
    if pending:
        kind = Mail.CONFIRM_PLACE if registration.status == Status.HELD else Mail.CONFIRM_WAITING
        return send_registration_mail(registration.pk, kind)
    return bool(notify_already_registered(registration)["sent"])


def resend_last_mail(registration):
    kind = registration.last_mail or (
        Mail.CONFIRM_PLACE if registration.status == Status.HELD else Mail.CONFIRM_WAITING
    )
    return send_registration_mail(registration.pk, kind)


# ---------------------------------------------------------------- retention


def anonymise_past(days=None, now=None):
    """Blank the personal fields of registrations for events that ended `days` days ago."""
    now = now or timezone.now()
    days = retention_days() if days is None else days
    cutoff = now - timedelta(days=days)
    registrations = Registration.objects.filter(
        event__ends_at__lt=cutoff, anonymised_at__isnull=True
    )
    count = 0
    # One by one: each row needs its own fresh token key, which kills its links.
    for registration in registrations.only("pk").iterator():
        Registration.objects.filter(pk=registration.pk).update(
            name="",
            email="",
            organisation="",
            needs_sign_language=False,
            needs_step_free_access=False,
            needs_childcare=False,
            accessibility_notes="",
            token_key=Registration._meta.get_field("token_key").get_default(),
            anonymised_at=now,
        )
        count += 1
    return count


def expire_stale_holds(now=None):
    """The daily sweep: settle every event that has holds which ran out."""
    now = now or timezone.now()
    event_ids = set(Registration.objects.stale(now).values_list("event_id", flat=True))
    for event_id in sorted(event_ids):
        settle_event(event_id, now)
    return len(event_ids)
