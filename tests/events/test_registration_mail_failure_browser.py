"""Registering while the mail server is down, in a real Chromium (issue 19).

Typed as a person would: the page says the e-mail could not be sent, the
button sends it again once the server answers, the confirmation link in that
e-mail confirms. axe-core on the new page in every language; the calendar
block of the events page too.
"""

import re
import smtplib

import pytest
from django.core import mail
from django.utils.translation import override

from events.models import Registration
from tests.browser import assert_no_axe_violations, open_page
from tests.events.factories import RegistrationEventFactory
from tests.languages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "de": (
        "Die E-Mail konnte nicht gesendet werden",
        "E-Mail noch einmal senden",
        "Bitte sehen Sie in Ihre E-Mails",
    ),
    "en": ("The e-mail could not be sent", "Send the e-mail again", "Please check your e-mail"),
    "sl": ("E-pošte ni bilo mogoče poslati", "Znova pošlji e-pošto", "Preverite svojo e-pošto"),
}
CONFIRMED = {"de": "Anmeldung bestätigt", "en": "Registration confirmed", "sl": "Prijava potrjena"}


class MailServer:
    def __init__(self):
        self.down = True

    def send_messages(self, backend, messages):
        if self.down:
            raise smtplib.SMTPConnectError(421, "Service not available")
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def mail_server(monkeypatch):
    server = MailServer()
    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        lambda backend, messages: server.send_messages(backend, messages),
    )
    return server


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_e_mail_is_sent_again_with_the_button_once_the_server_answers(
    page, live_server, mail_server, language
):
    failed, button, sent = TEXTS[language]
    event = RegistrationEventFactory(capacity=3)
    with override(language):
        form_url = live_server.url + event.get_registration_url()
    open_page(page, form_url)
    page.fill("#id_name", "Ana Novak")
    page.fill("#id_email", f"ana-{language}@example.org")
    with page.expect_navigation():
        page.locator(".registration-form button[type=submit]").click()

    assert page.locator("h1").inner_text() == failed
    assert page.title().startswith(failed + " – ")
    assert_no_axe_violations(page)
    registration = Registration.objects.get()
    assert registration.mail_failed_at is not None
    assert mail.outbox == []

    # Still down: the button says so again, the registration stays as it is.
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    assert page.locator("h1").inner_text() == failed
    assert Registration.objects.count() == 1

    # The server is back: by keyboard this time.
    mail_server.down = False
    page.get_by_role("button", name=button).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == sent
    assert page.get_by_role("button", name=button).count() == 0
    assert_no_axe_violations(page)
    [message] = mail.outbox
    assert message.to == [f"ana-{language}@example.org"]

    link = re.search(r"(http://\S+/)\n", message.body).group(1)
    path = link.split("/", 3)[3]
    open_page(page, f"{live_server.url}/{path}")
    page.locator(".registration-action button").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == CONFIRMED[language]
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.mail_failed_at is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_calendar_address_can_be_selected_and_the_events_page_passes_axe(
    page, live_server, language
):
    paths = {"de": "/de/veranstaltungen/", "en": "/en/events/", "sl": "/sl/dogodki/"}
    open_page(page, live_server.url + paths[language])
    field = page.locator("#calendar-address")
    assert field.get_attribute("readonly") == ""
    field.click()
    field.press("Control+a")
    selected = page.evaluate(
        "() => { const f = document.getElementById('calendar-address');"
        " return f.value.substring(f.selectionStart, f.selectionEnd); }"
    )
    assert selected.endswith(f"{paths[language]}calendar.ics")
    # Typing does not change it.
    field.press("x")
    assert field.input_value() == selected
    assert_no_axe_violations(page, ".event-subscribe")
