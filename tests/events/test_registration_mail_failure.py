"""When the confirmation e-mail cannot be sent (issue 19, "Journeys that must work").

The page must not say "we have sent you an e-mail" when nothing went out: it
says that sending failed and offers a button that sends the same e-mail again
to the same address, counted by the form's rate limits. Transactional, so the
mail is really sent after a real commit, as under `make run`.
"""

import re
import smtplib
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import caches
from django.utils.translation import override

from events.models import Registration
from tests.events.factories import RegistrationEventFactory, RegistrationFactory
from tests.languages import LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True)

Status = Registration.Status

TEXTS = {
    "de": {
        "failed": "Die E-Mail konnte nicht gesendet werden",
        "sent": "Bitte sehen Sie in Ihre E-Mails",
        "button": "E-Mail noch einmal senden",
        "held": "Wir halten einen Platz für Sie frei.",
        "waiting": "Die Veranstaltung ist ausgebucht. Sie stehen auf der Warteliste.",
        "explain_held": "Wir konnten Ihnen die E-Mail mit dem Link, der Ihre Anmeldung "
        "bestätigt, nicht senden. Bitte senden Sie sie noch einmal; der Link muss innerhalb "
        "von 60 Minuten nach der Anmeldung angeklickt werden, sonst geht der Platz an jemand "
        "anderen.",
        "subject": "Bitte bestätigen Sie Ihre Anmeldung: ",
        "notice_subject": "Sie sind bereits angemeldet: ",
        "too_many": "Zu viele Einsendungen in kurzer Zeit. Bitte versuchen Sie es in 60 "
        "Minuten noch einmal; Ihre Eingaben bleiben unten erhalten.",
    },
    "en": {
        "failed": "The e-mail could not be sent",
        "sent": "Please check your e-mail",
        "button": "Send the e-mail again",
        "held": "We are holding a place for you.",
        "waiting": "The event is fully booked. You are on the waiting list.",
        "explain_held": "We could not send you the e-mail with the link that confirms your "
        "registration. Please send it again; the link must be clicked within 60 minutes of "
        "registering, otherwise the place is given to someone else.",
        "subject": "Please confirm your registration: ",
        "notice_subject": "You are already registered: ",
        "too_many": "Too many submissions in a short time. Please try again in 60 minutes; "
        "what you typed is kept below.",
    },
    "sl": {
        "failed": "E-pošte ni bilo mogoče poslati",
        "sent": "Preverite svojo e-pošto",
        "button": "Znova pošlji e-pošto",
        "held": "Za vas smo rezervirali mesto.",
        "waiting": "Vsa mesta na dogodku so zasedena. Uvrščeni ste na čakalno listo.",
        "explain_held": "E-pošte s povezavo, s katero potrdite svojo prijavo, vam nismo mogli "
        "poslati. Pošljite jo znova; na povezavo morate klikniti v 60 minutah po prijavi, "
        "sicer mesto dobi nekdo drug.",
        "subject": "Prosimo, potrdite svojo prijavo: ",
        "notice_subject": "Že ste prijavljeni: ",
        "too_many": "Preveč oddaj v kratkem času. Prosimo, poskusite znova čez 60 minut; vaš "
        "vnos ostane spodaj.",
    },
}


@pytest.fixture(autouse=True)
def fresh_limits():
    caches["limits"].clear()
    yield
    caches["limits"].clear()


class MailServer:
    """The test mail backend with a switch: down, every message fails as SMTP would."""

    def __init__(self):
        self.down = True
        self.attempts = 0

    def send_messages(self, backend, messages):
        self.attempts += 1
        if self.down:
            raise smtplib.SMTPConnectError(421, "Service not available")
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def mail_server_down():
    server = MailServer()
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        autospec=True,
        side_effect=server.send_messages,
    ):
        yield server


def register(client, event, language, email="ana@example.org"):
    with override(language):
        path = event.get_registration_url()
    data = {"name": "Ana Novak", "email": email, "language": language}
    return client.post(path, data)


def page(response):
    soup = BeautifulSoup(response.content, "html.parser")
    main = soup.find("main") or soup
    return soup, [p.get_text(" ", strip=True) for p in main.select(".registration-result p")]


def resend(client, response):
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one(".registration-result form")
    return client.post(
        form["action"], {"resend": form.find("input", attrs={"name": "resend"})["value"]}
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_failed_mail_is_said_honestly_and_sent_again_with_the_button(
    client, language, mail_server_down
):
    texts = TEXTS[language]
    event = RegistrationEventFactory(capacity=5)
    response = register(client, event, language)

    assert response.status_code == 200
    soup, paragraphs = page(response)
    assert soup.h1.get_text(strip=True) == texts["failed"]
    assert soup.title.get_text().startswith(texts["failed"] + " – ")
    assert paragraphs[:2] == [texts["held"], texts["explain_held"]]
    assert texts["sent"] not in response.content.decode()
    button = soup.select_one(".registration-result form button")
    assert button.get_text(strip=True) == texts["button"]
    form = button.find_parent("form")
    assert form["method"] == "post"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is not None
    # The button names nothing: no address, no id, only a random key.
    key = form.find("input", attrs={"name": "resend"})["value"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", key)
    registration = Registration.objects.get()
    assert registration.status == Status.HELD
    assert registration.mail_failed_at is not None
    assert registration.mail_sent_at is None
    assert mail.outbox == []

    # The server is back: the same button sends the confirmation to the same address.
    mail_server_down.down = False
    again = resend(client, response)
    assert again.status_code == 200
    soup, paragraphs = page(again)
    assert soup.h1.get_text(strip=True) == texts["sent"]
    assert paragraphs[0] == texts["held"]
    assert soup.select(".registration-result form") == []
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert message.subject == texts["subject"] + event.title_de
    registration.refresh_from_db()
    assert registration.mail_failed_at is None
    assert registration.mail_sent_at is not None
    assert registration.last_mail == Registration.Mail.CONFIRM_PLACE
    assert Registration.objects.count() == 1

    # The link in it works: the registration is confirmed.
    link = re.search(r"http://testserver(/\S+/)\n", message.body).group(1)
    assert client.post(link).status_code == 200
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_sending_again_while_the_server_is_still_down_says_so_again(client, mail_server_down):
    event = RegistrationEventFactory(capacity=5)
    first = register(client, event, "en")
    registration = Registration.objects.get()
    failed_at = registration.mail_failed_at
    again = resend(client, first)
    assert again.status_code == 200
    soup, paragraphs = page(again)
    assert soup.h1.get_text(strip=True) == TEXTS["en"]["failed"]
    assert paragraphs[:2] == [TEXTS["en"]["held"], TEXTS["en"]["explain_held"]]
    assert soup.select_one(".registration-result form button") is not None
    assert mail_server_down.attempts == 2
    registration.refresh_from_db()
    assert registration.mail_failed_at > failed_at
    assert registration.status == Status.HELD


def test_the_waiting_list_answer_keeps_saying_waiting_list(client, mail_server_down):
    event = RegistrationEventFactory(capacity=1)
    RegistrationFactory(event=event, status=Status.CONFIRMED)
    response = register(client, event, "en")
    soup, paragraphs = page(response)
    assert soup.h1.get_text(strip=True) == TEXTS["en"]["failed"]
    assert paragraphs[0] == TEXTS["en"]["waiting"]
    assert paragraphs[1].startswith("We could not send you the e-mail with the link that confirms")
    assert "place on the waiting list" in paragraphs[1]
    again = resend(client, response)
    assert page(again)[1][0] == TEXTS["en"]["waiting"]


def test_an_address_registered_before_gets_the_same_page_and_the_notice_again(
    client, mail_server_down
):
    """Nobody learns from the page whether an address was registered: same text, same button."""
    event = RegistrationEventFactory(capacity=5)
    RegistrationFactory(event=event, email="known@example.org", status=Status.CONFIRMED)
    known = register(client, event, "de", email="known@example.org")
    new = register(client, event, "de", email="new@example.org")
    assert page(known)[1] == page(new)[1]
    assert known.status_code == new.status_code == 200

    mail_server_down.down = False
    resend(client, known)
    [notice] = mail.outbox
    assert notice.to == ["known@example.org"]
    assert notice.subject == TEXTS["de"]["notice_subject"] + event.title_de
    # The notice changes nothing stored.
    assert Registration.objects.get(email="known@example.org").status == Status.CONFIRMED


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_button_counts_against_the_limits_of_the_form(
    client, settings, language, mail_server_down, time_machine
):
    time_machine.move_to("2029-12-01 12:00:00+00:00", tick=False)
    settings.FORM_RATE_LIMIT_PER_EMAIL = (2, 3600)
    event = RegistrationEventFactory(capacity=5)
    first = register(client, event, language)  # 1
    assert resend(client, first).status_code == 200  # 2
    refused = resend(client, first)  # 3: over the limit for this address
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    soup, _paragraphs = page(refused)
    assert (
        soup.select_one(".registration-result .error-summary").get_text(strip=True)
        == (TEXTS[language]["too_many"])
    )
    # Still the honest page with its button, for later.
    assert soup.h1.get_text(strip=True) == TEXTS[language]["failed"]
    assert soup.select_one(".registration-result form button") is not None
    assert mail_server_down.attempts == 2


@pytest.mark.parametrize(
    "key",
    ["", "made-up-key", "x" * 65, "../../etc/passwd"],
    ids=["empty", "unknown", "long", "path"],
)
def test_a_key_that_names_nothing_gets_the_expired_page(client, key):
    event = RegistrationEventFactory(capacity=5)
    with override("en"):
        path = event.get_registration_url() + "send-again/"
    response = client.post(path, {"resend": key})
    assert response.status_code == 410
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "This link has expired"
    assert mail.outbox == []


def test_a_key_only_works_on_its_own_event(client, mail_server_down):
    event = RegistrationEventFactory(capacity=5)
    other = RegistrationEventFactory(capacity=5)
    response = register(client, event, "en")
    key = BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "resend"})
    with override("en"):
        path = other.get_registration_url() + "send-again/"
    assert client.post(path, {"resend": key["value"]}).status_code == 410
    assert mail_server_down.attempts == 1


def test_the_button_answers_only_posts(client):
    event = RegistrationEventFactory(capacity=5)
    with override("de"):
        path = event.get_registration_url() + "erneut-senden/"
    assert path.endswith("/anmelden/erneut-senden/")
    assert client.get(path).status_code == 405


def test_with_the_mail_server_up_the_page_says_it_was_sent_and_shows_no_button(client):
    event = RegistrationEventFactory(capacity=5)
    response = register(client, event, "sl")
    soup, paragraphs = page(response)
    assert soup.h1.get_text(strip=True) == TEXTS["sl"]["sent"]
    assert paragraphs[0] == TEXTS["sl"]["held"]
    assert soup.select(".registration-result form") == []
    assert len(mail.outbox) == 1
