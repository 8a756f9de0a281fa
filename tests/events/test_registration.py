"""Online registration: places, holds, waiting list, signed links, e-mails, privacy."""

import datetime
import re
import smtplib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import override

from events import registration as service
from events.models import Event, Registration
from kassel_integration.cache.pages import page_cache
from tests.events.factories import RegistrationEventFactory, RegistrationFactory

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime.datetime(2029, 12, 1, 12, 0, tzinfo=BERLIN)
Status = Registration.Status
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    # Factory events start in 2030; every test runs at one known moment unless it travels.
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Run the after-commit callbacks (the e-mails) of everything a test does inside."""
    return django_capture_on_commit_callbacks


def url(name, language="en", **kwargs):
    with override(language):
        return reverse(name, kwargs=kwargs)


def register_url(event, language="en"):
    with override(language):
        return event.get_registration_url()


def post(client, event, page="en", **values):
    """Send the form from the page in language `page`; `language` is the chosen mail language."""
    data = {"name": "Ana Novak", "email": "ana@example.org", "language": page}
    data.update(values)
    return client.post(register_url(event, page), data)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


HELD = ("Please check your e-mail", "We are holding a place for you.")
WAITING = ("Please check your e-mail", "The event is fully booked. You are on the waiting list.")


def received(response):
    """The heading and the verdict of the page that answers a stored registration."""
    assert response.status_code == 200
    soup = soup_of(response)
    return (
        soup.h1.get_text(strip=True),
        soup.select_one(".registration-result strong").get_text(strip=True),
    )


def links(message):
    return re.findall(r"http://testserver\S+", message.body)


def path_of(link):
    return link.removeprefix("http://testserver")


# ------------------------------------------------------------ event page


def test_event_page_shows_places_left_and_links_to_the_form_without_a_cookie(client):
    event = RegistrationEventFactory(capacity=10)
    RegistrationFactory(event=event, status=Status.CONFIRMED)
    RegistrationFactory(
        event=event, status=Status.HELD, hold_expires_at=NOW + datetime.timedelta(minutes=5)
    )
    RegistrationFactory(event=event, status=Status.CANCELLED)
    response = client.get(url("events:detail", "de", slug=event.slug_de))
    soup = soup_of(response)
    section = soup.find(id="registration-heading").find_parent("section")
    assert section.select_one(".registration-status").get_text(" ", strip=True) == (
        "Noch 8 Plätze frei (von 10)."
    )
    assert section.find("a", class_="button")["href"] == register_url(event, "de")
    assert section.find("a", class_="button").get_text(strip=True) == "Anmelden"
    # No form on the event page, so no CSRF cookie: it stays cacheable and cookie-free.
    assert soup.find("form", method="post") is None
    assert response.cookies == {}
    assert "csrftoken" not in response.cookies


def test_event_page_says_fully_booked_and_offers_the_waiting_list(client):
    event = RegistrationEventFactory(capacity=1)
    RegistrationFactory(event=event, status=Status.CONFIRMED)
    soup = soup_of(client.get(url("events:detail", "de", slug=event.slug_de)))
    section = soup.find(id="registration-heading").find_parent("section")
    assert section.select_one(".registration-status").get_text(" ", strip=True) == (
        "Ausgebucht. Sie können sich auf die Warteliste setzen lassen: Wird ein Platz frei, "
        "rücken Sie automatisch nach und wir benachrichtigen Sie per E-Mail."
    )
    assert section.find("a", class_="button").get_text(strip=True) == "Auf die Warteliste"


def test_event_without_online_registration_has_no_registration_section_or_page(client):
    event = RegistrationEventFactory(online_registration=False, capacity=None)
    soup = soup_of(client.get(event.get_absolute_url()))
    assert soup.find(id="registration-heading") is None
    assert client.get(register_url(event)).status_code == 404


# ------------------------------------------------------------ the form


def test_form_asks_only_what_is_needed_and_shows_the_privacy_notice(client, settings):
    settings.EVENT_REGISTRATION_RETENTION_DAYS = 30
    settings.EVENT_REGISTRATION_HOLD_MINUTES = 60
    event = RegistrationEventFactory()
    response = client.get(register_url(event))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    soup = soup_of(response)
    form = soup.find("form", method="post")
    names = sorted({field["name"] for field in form.select("input, select, textarea")})
    assert names == [
        "accessibility_notes",
        "csrfmiddlewaretoken",
        "email",
        "language",
        "name",
        "needs",
        "organisation",
    ]
    assert form.find("input", attrs={"name": "name"}).has_attr("required")
    assert not form.find("input", attrs={"name": "organisation"}).has_attr("required")
    assert form.select_one("#id_language option[selected]")["value"] == "en"
    legend = form.find("fieldset").legend.get_text(strip=True)
    assert legend == "Do you need any of these to take part? (optional)"
    assert [label.get_text(strip=True) for label in form.fieldset.select("label")] == [
        "Sign-language interpreting",
        "Step-free access",
        "Childcare",
    ]
    notice = soup.find(id="privacy-heading").find_parent("aside")
    assert [dt.get_text(strip=True) for dt in notice.find_all("dt")] == [
        "Who is responsible",
        "What for",
        "Legal basis",
        "Who sees your data",
        "How long we keep it",
        "Your rights",
        "Required or optional",
    ]
    text = notice.get_text(" ", strip=True)
    assert "Amt für Chancengleichheit" in text
    assert "30 days after the event" in text
    assert "within 60 minutes" in text
    assert notice.find("a", string="imprint")["href"] == "/en/imprint/"
    # No CAPTCHA, no third-party anything.
    assert soup.find("script", src=re.compile("^http")) is None
    assert soup.find("iframe") is None


def test_optional_questions_can_be_switched_off_per_event(client):
    event = RegistrationEventFactory(ask_organisation=False, ask_accessibility_needs=False)
    form = soup_of(client.get(register_url(event))).find("form", method="post")
    names = sorted({field["name"] for field in form.select("input, select, textarea")})
    assert names == ["csrfmiddlewaretoken", "email", "language", "name"]


def test_registration_page_redirects_to_the_slug_of_the_language(client):
    event = RegistrationEventFactory()
    response = client.get(f"/en/events/{event.slug_de}/register/")
    assert response.status_code == 301
    assert response["Location"] == register_url(event, "en")


def test_errors_are_summarised_at_the_top_and_every_value_stays(client):
    event = RegistrationEventFactory()
    response = post(
        client,
        event,
        name="",
        email="not-an-address",
        organisation="Verein Nord",
        needs=["needs_childcare"],
        accessibility_notes="Induktionsschleife",
        language="sl",
    )
    assert response.status_code == 200
    assert not Registration.objects.exists()
    soup = soup_of(response)
    summary = soup.select_one(".error-summary")
    assert summary["role"] == "alert"
    assert [li.get_text(strip=True) for li in summary.select("li")] == [
        "Your name: Please enter your name.",
        "Your e-mail address: Please enter a valid e-mail address, e.g. name@example.org.",
    ]
    assert [a["href"] for a in summary.select("a")] == ["#id_name", "#id_email"]
    assert soup.title.get_text().startswith("Error: Registration: ")
    email = soup.find("input", attrs={"name": "email"})
    assert email["value"] == "not-an-address"
    assert email["aria-invalid"] == "true"
    assert email["aria-describedby"] == "id_email_helptext id_email_error"
    assert soup.find("input", attrs={"name": "organisation"})["value"] == "Verein Nord"
    # Django writes a newline after <textarea>, which HTML parsing drops.
    assert soup.find("textarea", attrs={"name": "accessibility_notes"}).get_text() == (
        "\nInduktionsschleife"
    )
    assert soup.find("input", attrs={"value": "needs_childcare"}).has_attr("checked")
    assert soup.select_one("#id_language option[selected]")["value"] == "sl"


def test_error_summary_is_translated(client):
    event = RegistrationEventFactory()
    soup = soup_of(post(client, event, page="de", name="", email=""))
    assert [li.get_text(strip=True) for li in soup.select(".error-summary li")] == [
        "Ihr Name: Bitte geben Sie Ihren Namen ein.",
        "Ihre E-Mail-Adresse: Bitte geben Sie Ihre E-Mail-Adresse ein.",
    ]


# ------------------------------------------------------------ holding a place


def test_registering_holds_a_place_and_sends_the_confirmation_link_in_the_chosen_language(
    client, mails
):
    event = RegistrationEventFactory(title_sl="Okrogla miza")
    with mails(execute=True):
        response = post(
            client,
            event,
            language="de",
            email="  Ana@Example.ORG ",
            organisation="Verein",
            needs=["needs_sign_language", "needs_step_free_access"],
            accessibility_notes="Induktionsschleife",
        )
    # The answer itself, no redirect: the form was in English, but the person asked
    # for German messages.
    assert response.status_code == 200
    assert received(response) == HELD
    registration = Registration.objects.get()
    assert registration.status == Status.HELD
    assert registration.email == "ana@example.org"
    assert registration.hold_expires_at == NOW + datetime.timedelta(minutes=60)
    with override("de"):
        needs = registration.accessibility_needs()
    assert needs == [
        "Gebärdensprachdolmetschen",
        "stufenloser Zugang",
        "Induktionsschleife",
    ]
    assert not registration.needs_childcare
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert message.subject == "Bitte bestätigen Sie Ihre Anmeldung: " + event.title_de
    assert message.body.startswith("Guten Tag Ana Novak,\n\nvielen Dank für Ihre Anmeldung zu")
    confirm, event_link, cancel = links(message)
    assert confirm.startswith("http://testserver/de/veranstaltungen/anmeldung/bestaetigen/")
    assert event_link == "http://testserver" + url("events:detail", "de", slug=event.slug_de)
    assert cancel.startswith("http://testserver/de/veranstaltungen/anmeldung/absagen/")
    # Nothing personal in the links but the signed token.
    assert "ana" not in confirm.lower()
    assert "ana" not in cancel.lower()
    assert Registration.objects.get().mail_sent_at == NOW


@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("de", "Bitte bestätigen Sie Ihre Anmeldung: Runde", "Guten Tag Ana Novak,"),
        ("en", "Please confirm your registration: Round", "Hello Ana Novak,"),
        ("sl", "Prosimo, potrdite svojo prijavo: Okrogla", "Pozdravljeni, Ana Novak!"),
    ],
)
def test_every_mail_is_in_the_registrants_language(client, mails, language, subject, greeting):
    event = RegistrationEventFactory(title_de="Runde", title_en="Round", title_sl="Okrogla")
    with mails(execute=True):
        post(client, event, language=language)
    [message] = mail.outbox
    assert message.subject == subject
    assert message.body.splitlines()[0] == greeting
    assert f"testserver/{language}/" in links(message)[0]


def test_the_mail_is_sent_only_after_the_commit(client, mails):
    event = RegistrationEventFactory()
    with mails(execute=False) as callbacks:
        post(client, event)
    assert Registration.objects.get().status == Status.HELD
    assert mail.outbox == []
    assert callbacks
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_a_failing_mail_server_loses_nothing_and_staff_see_it(client, mails, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("connection lost")

    monkeypatch.setattr(service, "send_mail", refuse)
    event = RegistrationEventFactory()
    with mails(execute=True):
        response = post(client, event)
    assert received(response) == HELD
    registration = Registration.objects.get()
    assert registration.status == Status.HELD
    assert registration.mail_failed_at == NOW
    assert registration.last_mail == Registration.Mail.CONFIRM_PLACE
    assert f"Could not send the confirm_place e-mail for registration {registration.pk}" in (
        caplog.text
    )
    # Staff send it again once the server is back.
    monkeypatch.undo()
    assert service.resend_last_mail(registration) is True
    registration.refresh_from_db()
    assert registration.mail_failed_at is None
    assert len(mail.outbox) == 1


# ------------------------------------------------------------ capacity and deadline


def test_capacity_edge_last_place_then_waiting_list(client, mails):
    event = RegistrationEventFactory(capacity=2)
    with mails(execute=True):
        responses = [post(client, event, email=f"p{i}@example.org") for i in range(3)]
    assert [received(r) for r in responses] == [HELD, HELD, WAITING]
    assert list(Registration.objects.order_by("pk").values_list("status", flat=True)) == [
        Status.HELD,
        Status.HELD,
        Status.WAITING,
    ]
    assert mail.outbox[2].subject.startswith("Please confirm your place on the waiting list: ")
    assert service.availability(event).places_left == 0
    waiting_page = soup_of(responses[2])
    assert "If a place becomes free, you move up automatically" in waiting_page.get_text()


def test_sequential_registrations_never_exceed_capacity():
    """The SQLite counterpart of the PostgreSQL concurrency test: same answers, one at a time."""
    event = RegistrationEventFactory(capacity=10)
    for i in range(15):
        service.register(event, {"name": f"P{i}", "email": f"p{i}@example.org", "language": "de"})
    statuses = list(Registration.objects.values_list("status", flat=True))
    assert statuses.count(Status.HELD) == 10
    assert statuses.count(Status.WAITING) == 5
    assert service.availability(event).taken == 10


def test_cancelled_and_expired_do_not_count_but_valid_holds_do():
    event = RegistrationEventFactory(capacity=3)
    RegistrationFactory(event=event, status=Status.CONFIRMED)
    RegistrationFactory(
        event=event, status=Status.HELD, hold_expires_at=NOW + datetime.timedelta(seconds=1)
    )
    RegistrationFactory(event=event, status=Status.HELD, hold_expires_at=NOW)
    RegistrationFactory(event=event, status=Status.CANCELLED)
    RegistrationFactory(event=event, status=Status.EXPIRED)
    assert service.availability(event).taken == 2
    assert service.availability(event).places_left == 1


def test_deadline_is_inclusive_and_closes_afterwards(client, clock):
    deadline = NOW + datetime.timedelta(hours=1)
    event = RegistrationEventFactory(registration_deadline=deadline)
    clock.move_to(deadline)
    assert received(post(client, event, email="in-time@example.org")) == HELD
    clock.move_to(deadline + datetime.timedelta(seconds=1))
    response = post(client, event, email="late@example.org")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.select_one(".registration-status").get_text(strip=True) == (
        "Registration is closed."
    )
    assert soup.find("form", method="post") is None
    assert list(Registration.objects.values_list("email", flat=True)) == ["in-time@example.org"]


def test_registration_closes_when_the_event_starts_or_is_cancelled(client, clock):
    event = RegistrationEventFactory()
    clock.move_to(event.start - datetime.timedelta(microseconds=1))
    assert event.registration_is_open()
    clock.move_to(event.start)
    assert not event.registration_is_open()
    assert post(client, event).status_code == 200
    Event.objects.filter(pk=event.pk).update(start=NOW + datetime.timedelta(days=5))
    event.refresh_from_db()
    clock.move_to(NOW)
    assert event.registration_is_open()
    event.event_status = Event.EventStatus.CANCELLED
    event.save()
    with pytest.raises(service.RegistrationClosedError):
        service.register(event, {"name": "A", "email": "a@example.org", "language": "de"})


def test_online_registration_needs_a_capacity():
    event = RegistrationEventFactory.build(capacity=None)
    # In English on purpose (the language is set here, not left over from another test).
    with translation.override("en"), pytest.raises(ValidationError) as error:
        event.clean()
    with translation.override("en"):
        messages = [str(m) for m in error.value.message_dict["capacity"]]
    assert messages == ["Online registration needs at least one place."]
    event = RegistrationEventFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(capacity=0)


# ------------------------------------------------------------ duplicates


def test_a_second_registration_with_the_same_address_gets_the_same_answer_and_a_notice(
    client, mails
):
    event = RegistrationEventFactory()
    with mails(execute=True):
        first = post(client, event, email="ana@example.org", language="sl")
        second = post(client, event, email=" ANA@example.org", language="de", name="Mallory")
        unknown = post(client, event, email="new@example.org")
    # Nobody can tell from the answer whether an address was registered already.
    assert second.status_code == first.status_code == unknown.status_code == 200
    assert second.content == first.content == unknown.content
    assert received(second) == HELD
    assert Registration.objects.count() == 2
    assert Registration.objects.get(email="ana@example.org").name == "Ana Novak"
    # The owner of the address learns it, in the language they chose the first time.
    notice = mail.outbox[1]
    assert notice.to == ["ana@example.org"]
    assert notice.subject == "Že ste prijavljeni: " + event.title_sl
    assert notice.body.startswith("Pozdravljeni, Ana Novak!")
    assert "Svoje prijave še niste potrdili." in notice.body
    assert len(mail.outbox) == 3


def form_token(client, event):
    """Open the form page as a browser does; the CSRF token the form carries."""
    response = client.get(register_url(event))
    return soup_of(response).find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]


def test_reloading_the_answer_sends_the_form_again_and_gets_the_same_page(mails):
    """The answer is the POST's own page: a reload asks to resend, and that must say the same.

    The edge: the first sending took the last place. A new address now goes on the
    waiting list, but the same form sent again still reads "holding a place".
    """
    event = RegistrationEventFactory(capacity=1)
    browser = Client(enforce_csrf_checks=True)
    data = {
        "csrfmiddlewaretoken": form_token(browser, event),
        "name": "Ana Novak",
        "email": "ana@example.org",
        "language": "de",
    }
    with mails(execute=True):
        first = browser.post(register_url(event), data)
        again = browser.post(register_url(event), data)
    assert received(first) == HELD
    assert again.status_code == 200
    assert again.content == first.content
    assert Registration.objects.get().status == Status.HELD
    # The second sending changed nothing; the owner of the address hears of it.
    assert [m.subject for m in mail.outbox] == [
        "Bitte bestätigen Sie Ihre Anmeldung: " + event.title_de,
        "Sie sind bereits angemeldet: " + event.title_de,
    ]
    # Anyone else entering the address gets exactly what a new address gets.
    other = Client(enforce_csrf_checks=True)
    with mails(execute=True):
        known = other.post(
            register_url(event), {**data, "csrfmiddlewaretoken": form_token(other, event)}
        )
        unknown = other.post(
            register_url(event),
            {**data, "csrfmiddlewaretoken": form_token(other, event), "email": "new@example.org"},
        )
    assert received(known) == WAITING
    assert known.content == unknown.content
    assert list(Registration.objects.order_by("pk").values_list("email", "status")) == [
        ("ana@example.org", Status.HELD),
        ("new@example.org", Status.WAITING),
    ]


def test_the_same_address_may_register_for_another_event_and_again_after_cancelling(mails):
    first, second = RegistrationEventFactory(), RegistrationEventFactory()
    data = {"name": "A", "email": "a@example.org", "language": "de"}
    registration = service.register(
        first, {**data, "organisation": "Verein", "needs_childcare": True}
    )
    service.register(second, data)
    old_token = service.make_token(registration, service.CANCEL_SALT)
    service.cancel(registration)
    again = service.register(first, data)
    assert again.pk == registration.pk
    assert again.status == Status.HELD
    assert (again.organisation, again.needs_childcare) == ("", False)
    # The old links belonged to the old registration.
    with pytest.raises(service.InvalidLinkError):
        service.registration_for_token(old_token, service.CANCEL_SALT, 60)


def test_unique_constraint_on_event_and_normalised_email():
    registration = RegistrationFactory(email="a@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=registration.event, email="A@EXAMPLE.ORG")
    # Anonymised rows have no address and never clash.
    RegistrationFactory(event=registration.event, email="")
    RegistrationFactory(event=registration.event, email="")


# ------------------------------------------------------------ confirming


def confirm_path(registration, language="en"):
    with override(language):
        return reverse(
            "events:registration-confirm",
            kwargs={"token": service.make_token(registration, service.CONFIRM_SALT)},
        )


def cancel_path(registration, language="en"):
    with override(language):
        return reverse(
            "events:registration-cancel",
            kwargs={"token": service.make_token(registration, service.CANCEL_SALT)},
        )


def test_confirm_link_shows_a_button_and_only_the_post_confirms(client, mails):
    event = RegistrationEventFactory()
    with mails(execute=True):
        post(client, event, language="en")
    confirm = path_of(links(mail.outbox[0])[0])
    anonymous = client.__class__()
    response = anonymous.get(confirm)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response.cookies == {}
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == "Confirm registration"
    assert soup.find("input", attrs={"name": "csrfmiddlewaretoken"}) is None
    assert Registration.objects.get().status == Status.HELD
    with mails(execute=True):
        response = anonymous.post(confirm)
    assert response.status_code == 200
    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"]
    assert soup_of(response).h1.get_text(strip=True) == "Registration confirmed"
    registration = Registration.objects.get()
    assert registration.status == Status.CONFIRMED
    assert registration.confirmed_at == NOW
    assert mail.outbox[-1].subject == f"Your registration is confirmed: {event.title}"
    assert "cancel" in links(mail.outbox[-1])[-1]
    # A second click changes nothing and sends nothing.
    with mails(execute=True):
        again = anonymous.post(confirm)
    assert soup_of(again).h1.get_text(strip=True) == "Registration confirmed"
    assert len(mail.outbox) == 2


def test_hold_expires_and_frees_the_place(client, mails, clock):
    event = RegistrationEventFactory(capacity=1)
    with mails(execute=True):
        post(client, event, email="slow@example.org")
    confirm = path_of(links(mail.outbox[0])[0])
    clock.move_to(NOW + datetime.timedelta(minutes=59, seconds=59))
    assert service.availability(event).places_left == 0
    clock.move_to(NOW + datetime.timedelta(minutes=60))
    # Nothing has written "expired" yet, but the count already frees the place.
    assert Registration.objects.get().status == Status.HELD
    assert service.availability(event).places_left == 1
    assert soup_of(client.get(confirm)).h1.get_text(strip=True) == "Registration expired"
    with mails(execute=True):
        response = post(client, event, email="quick@example.org")
    assert received(response) == HELD
    assert dict(Registration.objects.values_list("email", "status")) == {
        "slow@example.org": Status.EXPIRED,
        "quick@example.org": Status.HELD,
    }
    # The first link is past its max_age now: a friendly page, not an error.
    clock.move_to(NOW + datetime.timedelta(minutes=61))
    response = client.post(confirm)
    assert response.status_code == 410
    assert soup_of(response).h1.get_text(strip=True) == "This link has expired"
    assert Registration.objects.get(email="slow@example.org").status == Status.EXPIRED


# ------------------------------------------------------------ waiting list


def test_cancelling_moves_the_waiting_list_up_with_an_email(client, mails):
    event = RegistrationEventFactory(capacity=1, title_sl="Okrogla miza")
    holder = RegistrationFactory(event=event, status=Status.CONFIRMED, language="en")
    unconfirmed = RegistrationFactory(
        event=event,
        status=Status.WAITING,
        hold_expires_at=NOW + datetime.timedelta(minutes=30),
        registered_at=NOW - datetime.timedelta(hours=2),
    )
    first = RegistrationFactory(
        event=event,
        status=Status.WAITING,
        email_confirmed_at=NOW,
        registered_at=NOW - datetime.timedelta(hours=1),
        language="sl",
    )
    second = RegistrationFactory(
        event=event, status=Status.WAITING, email_confirmed_at=NOW, registered_at=NOW
    )
    page = client.get(cancel_path(holder))
    assert soup_of(page).h1.get_text(strip=True) == "Cancel registration"
    assert Registration.objects.get(pk=holder.pk).status == Status.CONFIRMED
    with mails(execute=True):
        response = client.post(cancel_path(holder))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response.cookies == {}
    assert soup_of(response).h1.get_text(strip=True) == "Registration cancelled"
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {
        holder.pk: Status.CANCELLED,
        unconfirmed.pk: Status.WAITING,
        first.pk: Status.CONFIRMED,
        second.pk: Status.WAITING,
    }
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([holder.email], f"Your registration has been cancelled: {event.title_en}"),
        ([first.email], "Za vas se je sprostilo mesto: Okrogla miza"),
    ]
    promoted = mail.outbox[1]
    assert "S čakalne liste ste se pomaknili naprej in vaše mesto je potrjeno." in promoted.body
    cancel_link = links(promoted)[-1]
    assert cancel_link.startswith("http://testserver/sl/dogodki/prijava/preklic/")
    assert Registration.objects.get(pk=first.pk).promoted_at == NOW


def test_confirming_a_waiting_place_when_a_place_is_free_moves_up_at_once(client, mails):
    event = RegistrationEventFactory(capacity=1)
    waiting = RegistrationFactory(
        event=event,
        status=Status.WAITING,
        hold_expires_at=NOW + datetime.timedelta(minutes=10),
        language="en",
    )
    with mails(execute=True):
        response = client.post(confirm_path(waiting))
    assert soup_of(response).h1.get_text(strip=True) == "Registration confirmed"
    assert Registration.objects.get().status == Status.CONFIRMED
    assert [m.subject for m in mail.outbox] == [
        f"A place has become free for you: {event.title_en}"
    ]


def test_waiting_list_gets_a_place_before_a_newcomer_after_a_hold_expires(mails, clock):
    event = RegistrationEventFactory(capacity=1)
    RegistrationFactory(
        event=event, status=Status.HELD, hold_expires_at=NOW + datetime.timedelta(minutes=1)
    )
    waiting = RegistrationFactory(event=event, status=Status.WAITING, email_confirmed_at=NOW)
    clock.move_to(NOW + datetime.timedelta(minutes=2))
    # The page never promises the free place to a newcomer while someone waits for it.
    assert service.availability(event).places_left == 0
    with mails(execute=True):
        newcomer = service.register(
            event, {"name": "N", "email": "new@example.org", "language": "de"}
        )
    assert newcomer.status == Status.WAITING
    assert Registration.objects.get(pk=waiting.pk).status == Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.email], ["new@example.org"]]


def test_leaving_the_waiting_list(client, mails):
    event = RegistrationEventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Status.WAITING, email_confirmed_at=NOW)
    soup = soup_of(client.get(cancel_path(waiting)))
    assert "Do you want to leave the waiting list for this event?" in soup.get_text()
    with mails(execute=True):
        client.post(cancel_path(waiting))
    assert Registration.objects.get(pk=waiting.pk).status == Status.CANCELLED


def test_cancelling_after_the_event_is_refused(client, clock):
    registration = RegistrationFactory()
    clock.move_to(registration.event.ends_at + datetime.timedelta(minutes=1))
    response = client.post(cancel_path(registration))
    assert response.status_code == 200
    assert "The event is over. A registration can no longer be cancelled." in (
        soup_of(response).get_text()
    )
    assert Registration.objects.get().status == Status.CONFIRMED


def test_staff_adding_places_moves_the_waiting_list_up(mails):
    event = RegistrationEventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Status.WAITING, email_confirmed_at=NOW)
    Event.objects.filter(pk=event.pk).update(capacity=2)
    with mails(execute=True):
        service.settle_event(event.pk)
    assert Registration.objects.get(pk=waiting.pk).status == Status.CONFIRMED
    assert len(mail.outbox) == 1


# ------------------------------------------------------------ links and tokens


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "x" + token,
        lambda token: token.split(":")[0],
        lambda token: "garbage",
        lambda token: "%00",
        lambda token: signing.dumps([1, "x"], salt="wrong-salt"),
        lambda token: signing.dumps("not-a-list", salt=service.CONFIRM_SALT),
        lambda token: signing.dumps([1, 2, 3], salt=service.CONFIRM_SALT),
        lambda token: signing.dumps(["1", "key"], salt=service.CONFIRM_SALT),
        lambda token: signing.dumps([10**30, "key"], salt=service.CONFIRM_SALT),
    ],
)
@pytest.mark.parametrize("view", ["events:registration-confirm", "events:registration-cancel"])
def test_tampered_tokens_are_404_never_500(client, mangle, view):
    registration = RegistrationFactory(
        status=Status.HELD, hold_expires_at=NOW + datetime.timedelta(hours=1)
    )
    token = mangle(service.make_token(registration, service.CONFIRM_SALT))
    for method in (client.get, client.post):
        response = method(url(view, token=token))
        assert response.status_code in (400, 404), response.status_code
    assert Registration.objects.get().status == Status.HELD


def test_a_confirm_token_does_not_cancel_and_a_cancel_token_does_not_confirm(client):
    registration = RegistrationFactory(
        status=Status.HELD, hold_expires_at=NOW + datetime.timedelta(hours=1)
    )
    confirm_token = service.make_token(registration, service.CONFIRM_SALT)
    cancel_token = service.make_token(registration, service.CANCEL_SALT)
    assert client.post(url("events:registration-cancel", token=confirm_token)).status_code == 404
    assert client.post(url("events:registration-confirm", token=cancel_token)).status_code == 404
    assert Registration.objects.get().status == Status.HELD


def test_token_pages_are_never_stored_by_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    registration = RegistrationFactory()
    path = cancel_path(registration)
    first = client.get(path)
    second = client.get(path)
    assert first.status_code == second.status_code == 200
    assert "X-Cache" not in first
    assert "X-Cache" not in second
    for response in (first, second):
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Referrer-Policy"] == "no-referrer"
    # The form page and the "check your e-mail" answer are private too.
    form = register_url(registration.event)
    answer = post(client, registration.event)
    assert received(answer) == HELD
    for response in (client.get(form), client.get(form), answer):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "X-Cache" not in response


def test_the_page_cache_shows_a_fresh_count_after_a_registration(client, settings, mails):
    settings.PAGE_CACHE_SECONDS = 600
    event = RegistrationEventFactory(capacity=5)
    page_cache().clear()
    path = url("events:detail", slug=event.slug_en)
    first = client.get(path)
    assert first["X-Cache"] == "MISS"
    assert "5 places left" in first.content.decode()
    assert client.get(path)["X-Cache"] == "HIT"
    with mails(execute=True):
        service.register(event, {"name": "A", "email": "a@example.org", "language": "en"})
    response = client.get(path)
    assert response["X-Cache"] == "MISS"
    assert "4 places left" in response.content.decode()
    page_cache().clear()
