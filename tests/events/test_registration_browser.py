"""The registration pages in a real Chromium: axe-core WCAG 2.1 A/AA in three languages."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from events import registration as service
from events.models import Registration
from tests.browser import assert_no_axe_violations, open_page
from tests.events.factories import RegistrationEventFactory
from tests.languages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADINGS = {
    "de": ("Bitte sehen Sie in Ihre E-Mails", "Anmeldung bestätigen", "Anmeldung bestätigt"),
    "en": ("Please check your e-mail", "Confirm registration", "Registration confirmed"),
    "sl": ("Preverite svojo e-pošto", "Potrdite prijavo", "Prijava potrjena"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_error_state_and_confirmation_have_no_axe_violations(page, live_server, language):
    event = RegistrationEventFactory(capacity=3)
    with override(language):
        form_url = live_server.url + event.get_registration_url()
    open_page(page, form_url)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)

    # Error state: empty required fields, summary on top, values kept.
    page.fill("#id_organisation", "Verein Nord")
    page.locator(".registration-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary li").count() == 2
    assert page.input_value("#id_organisation") == "Verein Nord"
    assert_no_axe_violations(page)

    page.fill("#id_name", "Ana Novak")
    page.fill("#id_email", f"ana-{language}@example.org")
    page.check("#id_needs_1")
    page.locator(".registration-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == HEADINGS[language][0]
    # The answer of the POST itself, no redirect: a reload asks to send the form again.
    assert page.url == form_url
    assert_no_axe_violations(page)

    registration = Registration.objects.get(email=f"ana-{language}@example.org")
    assert registration.needs_step_free_access
    with override(language):
        confirm = reverse(
            "events:registration-confirm",
            kwargs={"token": service.make_token(registration, service.CONFIRM_SALT)},
        )
    open_page(page, live_server.url + confirm)
    assert page.locator("h1").inner_text() == HEADINGS[language][1]
    assert_no_axe_violations(page)
    page.locator(".registration-action button").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == HEADINGS[language][2]
    assert_no_axe_violations(page)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize("language", ["de", "sl"])
def test_event_page_with_registration_and_cancel_page_have_no_axe_violations(
    page, live_server, language
):
    event = RegistrationEventFactory(capacity=1)
    registration = Registration.objects.create(
        event=event, name="Ana", email="ana@example.org", status=Registration.Status.CONFIRMED
    )
    with override(language):
        event_url = live_server.url + event.get_absolute_url()
        cancel = reverse(
            "events:registration-cancel",
            kwargs={"token": service.make_token(registration, service.CANCEL_SALT)},
        )
    open_page(page, event_url)
    assert page.locator("#registration-heading").count() == 1
    assert_no_axe_violations(page)
    open_page(page, live_server.url + cancel)
    assert_no_axe_violations(page)


def test_form_fits_a_320_px_screen(page, live_server):
    event = RegistrationEventFactory()
    page.set_viewport_size({"width": 320, "height": 640})
    with override("sl"):
        open_page(page, live_server.url + event.get_registration_url())
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_reloading_the_answer_sends_the_form_again_and_shows_the_same_page(page, live_server):
    """A person who took the last place and reloads still reads that the place is held.

    A browser asks before it sends a form again; under automation Chromium sends
    it without asking, which is the case that matters here.
    """
    event = RegistrationEventFactory(capacity=1)
    with override("en"):
        form_url = live_server.url + event.get_registration_url()
    open_page(page, form_url)
    page.fill("#id_name", "Ana Novak")
    page.fill("#id_email", "ana@example.org")
    page.locator(".registration-form button[type=submit]").click()
    page.wait_for_load_state()
    first = page.content()
    assert page.locator(".registration-result strong").inner_text() == (
        "We are holding a place for you."
    )
    sent = []
    page.on("request", lambda request: sent.append((request.method, request.url)))
    page.reload()
    page.wait_for_load_state()
    assert sent[0] == ("POST", form_url)
    assert page.url == form_url
    assert page.content() == first
    assert Registration.objects.get().status == Registration.Status.HELD
