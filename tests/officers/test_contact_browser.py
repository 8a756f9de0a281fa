"""Writing to the Integration Officer in a real Chromium, as a citizen does, in three languages."""

import pytest
from django.core import mail

from officers.models import ContactMessage, Office
from tests.browser import assert_no_axe_violations, open_page
from tests.languages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICE = {
    "de": "/de/integrationsbeauftragte/",
    "en": "/en/integration-officer/",
    "sl": "/sl/pooblascenka-za-integracijo/",
}
TEXT = {
    "write": {
        "de": "Der Integrationsbeauftragten schreiben",
        "en": "Write to the Integration Officer",
        "sl": "Pišite pooblaščenki za integracijo",
    },
    "send": {"de": "Nachricht senden", "en": "Send message", "sl": "Pošlji sporočilo"},
    "email_missing": {
        "de": "Bitte geben Sie Ihre E-Mail-Adresse an, damit wir Ihnen antworten können.",
        "en": "Please enter your e-mail address, so that we can answer you.",
        "sl": "Vnesite svoj e-poštni naslov, da vam lahko odgovorimo.",
    },
    "thanks": {
        "de": "Vielen Dank für Ihre Nachricht",
        "en": "Thank you for your message",
        "sl": "Hvala za vaše sporočilo",
    },
    "confirmation": {
        "de": "Ihre Nachricht ist eingegangen. Das Büro der Integrationsbeauftragten antwortet "
        "Ihnen per E-Mail.",
        "en": "Your message has been received. The office of the Integration Officer will "
        "answer you by e-mail.",
        "sl": "Vaše sporočilo smo prejeli. Urad pooblaščenke za integracijo vam bo odgovoril "
        "po e-pošti.",
    },
}
MESSAGE = {
    "de": "Guten Tag,\nwo finde ich einen Sprachkurs für meine Mutter?",
    "en": "Hello,\nwhere can I find a language course for my mother?",
    "sl": "Dober dan,\nkje najdem tečaj nemščine za svojo mamo?",
}


@pytest.fixture
def site(live_server, content):
    Office.objects.filter(key="integrationsbeauftragte").update(email="integration@example.org")
    return live_server.url


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_citizen_writes_from_the_office_page(page, site, language):
    open_page(page, f"{site}{OFFICE[language]}")
    # The office page, the column and the footer each offer the form: the page's own link.
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name=TEXT["write"][language]).click()
    assert page.locator("h1").inner_text() == TEXT["write"][language]
    assert page.locator("html").get_attribute("lang") == language
    assert_no_axe_violations(page)

    # Typed as a person types; the e-mail address forgotten.
    page.locator("#id_message").press_sequentially(MESSAGE[language], delay=0)
    page.locator("#id_name").press_sequentially("Ana Novak", delay=0)
    with page.expect_navigation():
        page.get_by_role("button", name=TEXT["send"][language]).click()
    summary = page.locator(".error-summary li")
    assert summary.count() == 1
    assert summary.inner_text().endswith(TEXT["email_missing"][language])
    # Nothing typed is lost.
    assert page.input_value("#id_message") == MESSAGE[language]
    assert page.input_value("#id_name") == "Ana Novak"
    assert ContactMessage.objects.count() == 0
    assert_no_axe_violations(page)

    # The summary's link takes the keyboard to the field.
    summary.locator("a").click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    page.keyboard.type(f"ana-{language}@example.org")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == TEXT["thanks"][language]
    assert page.locator("main p").first.inner_text() == TEXT["confirmation"][language]
    assert_no_axe_violations(page)

    message = ContactMessage.objects.get()
    assert (message.name, message.email, message.message, message.language) == (
        "Ana Novak",
        f"ana-{language}@example.org",
        MESSAGE[language],
        language,
    )
    assert message.mailed_at is not None
    assert [m.to for m in mail.outbox] == [["integration@example.org"]]
    # Nothing else was written: the office is as it was.
    assert Office.objects.get(key="integrationsbeauftragte").email == "integration@example.org"

    # A reload of the confirmation sends nothing again.
    page.reload()
    assert page.locator("h1").inner_text() == TEXT["thanks"][language]
    assert ContactMessage.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_contact_page_fits_a_narrow_screen(page, site):
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, f"{site}/sl/pooblascenka-za-integracijo/pisite/")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
