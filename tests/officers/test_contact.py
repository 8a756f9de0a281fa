"""The contact form "write to the Integration Officer": stored first, mailed after commit."""

import datetime
from io import StringIO

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import caches
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from officers import contact
from officers.models import ContactMessage, Office
from tests.languages import LANGUAGES
from tests.officers.factories import ContactMessageFactory, OfficeFactory

pytestmark = pytest.mark.django_db

PATHS = {
    "de": "/de/integrationsbeauftragte/schreiben/",
    "en": "/en/integration-officer/write/",
    "sl": "/sl/pooblascenka-za-integracijo/pisite/",
}
THANKS = {
    "de": "/de/integrationsbeauftragte/schreiben/danke/",
    "en": "/en/integration-officer/write/thank-you/",
    "sl": "/sl/pooblascenka-za-integracijo/pisite/hvala/",
}
H1 = {
    "de": "Der Integrationsbeauftragten schreiben",
    "en": "Write to the Integration Officer",
    "sl": "Pišite pooblaščenki za integracijo",
}
CONFIRMATION = {
    "de": "Ihre Nachricht ist eingegangen. Das Büro der Integrationsbeauftragten antwortet "
    "Ihnen per E-Mail.",
    "en": "Your message has been received. The office of the Integration Officer will answer "
    "you by e-mail.",
    "sl": "Vaše sporočilo smo prejeli. Urad pooblaščenke za integracijo vam bo odgovoril po "
    "e-pošti.",
}
LABELS = {
    "de": [
        "Ihre Nachricht",
        "Ihr Name (freiwillig)",
        "Ihre E-Mail-Adresse, damit wir Ihnen antworten können",
    ],
    "en": [
        "Your message",
        "Your name (optional)",
        "Your e-mail address, so that we can answer you",
    ],
    "sl": [
        "Vaše sporočilo",
        "Vaše ime (neobvezno)",
        "Vaš e-poštni naslov, da vam lahko odgovorimo",
    ],
}
MISSING = {
    "de": ["Bitte schreiben Sie Ihre Nachricht."],
    "en": ["Please write your message."],
    "sl": ["Napišite svoje sporočilo."],
}
RETENTION = {
    "de": "Wir löschen Ihre Nachricht, Ihren Namen und Ihre E-Mail-Adresse 90 Tage nach dem "
    "Eingang.",
    "en": "We delete your message, name and e-mail address 90 days after we received them.",
    "sl": "Vaše sporočilo, ime in e-poštni naslov izbrišemo 90 dni po prejemu.",
}


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def text(element):
    return element.get_text(" ", strip=True)


@pytest.fixture
def office(db):
    return OfficeFactory(email="integration@example.org")


@pytest.fixture(autouse=True)
def fresh_limits():
    caches["limits"].clear()
    yield
    caches["limits"].clear()


def post(client, language, **data):
    values = {"message": "Guten Tag, ich habe eine Frage.", "name": "", "email": "a@example.org"}
    values.update(data)
    return client.post(PATHS[language], values)


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


# ---------------------------------------------------------------- the page
@pytest.mark.parametrize("language", LANGUAGES)
def test_paths_are_translated(language):
    with override(language):
        assert reverse("officers:contact") == PATHS[language]
        assert reverse("officers:contact-thanks") == THANKS[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_asks_only_what_an_answer_needs_beside_the_privacy_notice(client, db, language):
    response = client.get(PATHS[language])
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.html["lang"] == language
    assert text(soup.h1) == H1[language]
    form = soup.main.find("form")
    assert [text(label) for label in form.find_all("label")] == [
        f"{label}:" for label in LABELS[language]
    ]
    assert [field["name"] for field in form.select("input:not([type=hidden]), textarea")] == [
        "message",
        "name",
        "email",
    ]
    assert form.find("input", attrs={"name": "email"})["autocomplete"] == "email"
    notice = soup.main.select_one("aside.contact-privacy")
    assert notice is not None
    assert RETENTION[language] in text(notice)
    # The form's token is a cookie: a form page is never stored in the page cache.
    assert "csrftoken" in response.cookies


# ---------------------------------------------------------------- sending
@pytest.mark.parametrize("language", LANGUAGES)
def test_message_is_stored_in_the_citizens_language_then_mailed_to_the_office(
    client, office, language, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(client, language, name="Ana Novak", message="Dober dan!\nVprašanje.")
    assert response.status_code == 302
    assert response["Location"] == THANKS[language]
    assert len(callbacks) == 1
    message = ContactMessage.objects.get()
    assert (message.name, message.email, message.message, message.language) == (
        "Ana Novak",
        "a@example.org",
        "Dober dan!\nVprašanje.",
        language,
    )
    assert message.handled is False
    assert message.mailed_at is not None
    [sent] = mail.outbox
    assert sent.to == ["integration@example.org"]
    assert sent.reply_to == ["a@example.org"]
    assert sent.subject == f"Nachricht über das Integrationsportal ({language})"
    assert sent.body.startswith("Dober dan!\nVprašanje.\n\n-- \nAna Novak <a@example.org>\n")
    assert f"/verwaltung/officers/contactmessage/{message.pk}/change/" in sent.body
    thanks = soup_of(client.get(response["Location"]))
    assert (
        text(thanks.h1)
        == {
            "de": "Vielen Dank für Ihre Nachricht",
            "en": "Thank you for your message",
            "sl": "Hvala za vaše sporočilo",
        }[language]
    )
    assert text(thanks.main.find("p")) == CONFIRMATION[language]
    # Nothing typed is shown again on the confirmation page.
    assert "Ana Novak" not in thanks.get_text()


def test_without_an_office_address_the_settings_fallback_receives_it(
    client, db, settings, django_capture_on_commit_callbacks
):
    OfficeFactory(email="")
    settings.CONTACT_FORM_EMAIL = "fallback@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "de")
    assert [m.to for m in mail.outbox] == [["fallback@example.org"]]


def test_without_any_address_the_message_stays_in_the_admin_only(
    client, db, settings, django_capture_on_commit_callbacks
):
    OfficeFactory(email="")
    settings.CONTACT_FORM_EMAIL = ""
    settings.MANAGERS = []
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "en")
    assert response.status_code == 302
    assert mail.outbox == []
    assert ContactMessage.objects.get().mailed_at is None


def test_mail_failure_keeps_the_message_and_it_can_be_sent_again(
    client, office, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "sl", message="Pomembno sporočilo")
    # The citizen is not bothered with our mail server: the message is safe.
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert message.message == "Pomembno sporočilo"
    assert message.mailed_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert contact.forward(message.pk) is True
    message.refresh_from_db()
    assert message.mailed_at is not None
    assert [m.to for m in mail.outbox] == [["integration@example.org"]]


def test_nothing_is_mailed_when_the_transaction_is_rolled_back(client, office):
    # Without the commit callbacks running, no mail goes out (it is sent after commit).
    post(client, "de")
    assert ContactMessage.objects.count() == 1
    assert mail.outbox == []


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize("language", LANGUAGES)
def test_errors_in_the_citizens_language_keep_what_was_typed(client, office, language):
    response = post(client, language, message="", name="Ana Novak", email="not-an-address")
    assert response.status_code == 200
    soup = soup_of(response)
    assert text(soup.title).startswith({"de": "Fehler:", "en": "Error:", "sl": "Napaka:"}[language])
    summary = soup.select_one(".error-summary")
    assert [text(li) for li in summary.select("li")] == [
        f"{LABELS[language][0]}: {MISSING[language][0]}",
        f"{LABELS[language][2]}: "
        + {
            "de": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org.",
            "en": "Please enter a valid e-mail address, e.g. name@example.org.",
            "sl": "Vnesite veljaven e-poštni naslov, npr. ime@example.org.",
        }[language],
    ]
    assert soup.find("input", attrs={"name": "name"})["value"] == "Ana Novak"
    assert soup.find("input", attrs={"name": "email"})["value"] == "not-an-address"
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


def test_control_characters_and_line_breaks_in_the_name_are_refused(client, office):
    response = post(client, "en", name="Ana\nBcc: x@example.org", message="Hi\u202e there")
    assert response.status_code == 200
    errors = [text(li) for li in soup_of(response).select(".error-summary li")]
    assert errors == [
        "Your message: Please remove the invisible control characters (such as text-direction "
        "marks) from this text.",
        "Your name (optional): Please write this on one line, without line breaks.",
    ]
    assert ContactMessage.objects.count() == 0


def test_a_too_long_message_is_refused_with_the_numbers(client, office):
    response = post(client, "de", message="x" * 5001)
    errors = [text(li) for li in soup_of(response).select(".error-summary li")]
    assert errors == [
        "Ihre Nachricht: Bitte kürzen Sie Ihre Nachricht auf höchstens 5000 Zeichen (sie hat 5001)."
    ]


def test_csrf_is_required(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(PATHS["de"], {"message": "x", "email": "a@example.org"})
    assert response.status_code == 403
    assert ContactMessage.objects.count() == 0


# ---------------------------------------------------------------- abuse limits
def test_rate_limit_per_client_keeps_the_input_and_stores_nothing(
    client, office, settings, time_machine
):
    # The window starts at a known moment: 10 minutes to wait.
    time_machine.move_to("2029-12-01 12:00:00+00:00", tick=False)
    settings.FORM_RATE_LIMIT_PER_CLIENT = (2, 600)
    assert post(client, "en").status_code == 302
    assert post(client, "en").status_code == 302
    response = post(client, "en", message="Third message", name="Ana")
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    soup = soup_of(response)
    assert text(soup.select_one(".error-summary li")) == (
        "Too many submissions in a short time. Please try again in 10 minutes; what you "
        "typed is kept below."
    )
    assert soup.find("textarea").get_text() == "\nThird message"
    assert soup.find("input", attrs={"name": "name"})["value"] == "Ana"
    assert ContactMessage.objects.count() == 2


def test_rate_limit_per_email_address(client, office, settings):
    settings.FORM_RATE_LIMIT_PER_EMAIL = (1, 3600)
    assert post(client, "de", email="same@example.org").status_code == 302
    assert post(client, "de", email="SAME@example.org ").status_code == 429
    assert post(client, "de", email="other@example.org").status_code == 302
    assert ContactMessage.objects.count() == 2


def test_the_limits_are_the_contact_forms_own(client, office, settings):
    settings.FORM_RATE_LIMIT_PER_CLIENT = (1, 600)
    assert post(client, "de").status_code == 302
    # The barrier report counts separately: one form cannot block the other.
    response = client.post(
        "/de/barrierefreiheit/barriere-melden/", {"description": "Kontrast zu gering"}
    )
    assert response.status_code == 302


# ---------------------------------------------------------------- retention
def test_retention_deletes_messages_older_than_the_period(db, settings):
    settings.CONTACT_MESSAGE_RETENTION_DAYS = 90
    now = timezone.now()
    with time_machine.travel(now - datetime.timedelta(days=91), tick=False):
        old = ContactMessageFactory(handled=True)
        unhandled_old = ContactMessageFactory(handled=False)
    with time_machine.travel(now - datetime.timedelta(days=89), tick=False):
        recent = ContactMessageFactory()
    out = StringIO()
    call_command("delete_expired_personal_data", stdout=out)
    assert out.getvalue() == "Deleted 2 contact messages.\n"
    assert list(ContactMessage.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not ContactMessage.objects.filter(pk__in=[old.pk, unhandled_old.pk]).exists()
    # A second run finds nothing more.
    out = StringIO()
    call_command("delete_expired_personal_data", stdout=out)
    assert out.getvalue() == "Deleted 0 contact messages.\n"


def test_retention_period_comes_from_the_settings(db, settings):
    settings.CONTACT_MESSAGE_RETENTION_DAYS = 7
    with time_machine.travel(timezone.now() - datetime.timedelta(days=8), tick=False):
        ContactMessageFactory()
    assert contact.delete_expired() == 1
    assert ContactMessage.objects.count() == 0


def test_messages_are_personal_data_and_never_versioned(client, office):
    from reversion.models import Version

    post(client, "de")
    assert Version.objects.count() == 0


def test_office_with_email_is_where_messages_go():
    office = Office(email="x@example.org")
    assert contact.recipients(office) == ["x@example.org"]
