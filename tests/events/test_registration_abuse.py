"""Abuse of the public forms (issue 21, item 7): rate limits and characters that do not belong."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import caches
from django.utils.translation import override

from events.models import Registration
from kassel_integration.models import BarrierReport
from tests.events.factories import RegistrationEventFactory
from tests.languages import LANGUAGES

pytestmark = pytest.mark.django_db

PREFIX = {"de": "/de/", "en": "/en/", "sl": "/sl/"}
BARRIER = {
    "de": "/de/barrierefreiheit/barriere-melden/",
    "en": "/en/accessibility/report-a-barrier/",
    "sl": "/sl/dostopnost/prijava-ovire/",
}
# The answer to a stored registration: the form's own page, no redirect.
RECEIVED = {
    "de": "Bitte sehen Sie in Ihre E-Mails",
    "en": "Please check your e-mail",
    "sl": "Preverite svojo e-pošto",
}
TOO_MANY = {
    "de": "Zu viele Einsendungen in kurzer Zeit. Bitte versuchen Sie es in 10 Minuten noch "
    "einmal; Ihre Eingaben bleiben unten erhalten.",
    "en": "Too many submissions in a short time. Please try again in 10 minutes; what you "
    "typed is kept below.",
    "sl": "Preveč oddaj v kratkem času. Prosimo, poskusite znova čez 10 minut; vaš vnos "
    "ostane spodaj.",
}
ONE_LINE = {
    "de": "Bitte schreiben Sie dies in eine Zeile, ohne Zeilenumbrüche.",
    "en": "Please write this on one line, without line breaks.",
    "sl": "Prosimo, napišite to v eno vrstico, brez prelomov vrstic.",
}
CONTROL = {
    "de": "Bitte entfernen Sie die unsichtbaren Steuerzeichen (etwa Zeichen für die "
    "Schreibrichtung) aus diesem Text.",
    "en": "Please remove the invisible control characters (such as text-direction marks) "
    "from this text.",
    "sl": "Prosimo, iz tega besedila odstranite nevidne krmilne znake (na primer oznake "
    "smeri pisave).",
}


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    caches["limits"].clear()
    yield
    caches["limits"].clear()


@pytest.fixture
def limits(settings, time_machine):
    # The production defaults; the window starts at a known moment (10 minutes to wait).
    time_machine.move_to("2029-12-01 12:00:00+00:00", tick=False)
    settings.FORM_RATE_LIMIT_PER_CLIENT = (20, 600)
    settings.FORM_RATE_LIMIT_PER_EMAIL = (5, 3600)


def register_url(event, language):
    with override(language):
        return event.get_registration_url()


def errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(" ", strip=True) for li in soup.select(".error-summary li")]


def answer(response):
    """Status and heading of an answer page."""
    soup = BeautifulSoup(response.content, "html.parser")
    return response.status_code, soup.h1.get_text(strip=True)


def value_of(response, name):
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.find(["input", "textarea"], attrs={"name": name})
    return field.get_text() if field.name == "textarea" else field["value"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_client_address_is_limited_with_a_429_that_keeps_the_input(
    client, limits, language, django_capture_on_commit_callbacks
):
    event = RegistrationEventFactory(capacity=100)
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            answer(
                client.post(
                    register_url(event, language),
                    {"name": "Ana", "email": f"p{i}@example.org", "language": language},
                )
            )
            for i in range(20)
        ]
        refused = client.post(
            register_url(event, language),
            {"name": "Ana Novak", "email": "late@example.org", "language": language},
        )
    assert answers == [(200, RECEIVED[language])] * 20
    assert refused.status_code == 429
    assert refused["Retry-After"] == "600"
    assert errors(refused)[0] == TOO_MANY[language]
    assert value_of(refused, "name") == "Ana Novak"
    assert value_of(refused, "email") == "late@example.org"
    assert Registration.objects.count() == 20
    assert len(mail.outbox) == 20
    # Another client is not affected.
    other = client.post(
        register_url(event, language),
        {"name": "Bo", "email": "bo@example.org", "language": language},
        REMOTE_ADDR="192.0.2.7",
    )
    assert answer(other) == (200, RECEIVED[language])


def test_one_email_address_is_limited_from_any_client(
    client, limits, django_capture_on_commit_callbacks
):
    event = RegistrationEventFactory(capacity=100)
    data = {"name": "Ana", "email": "victim@example.org", "language": "en"}
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            answer(client.post(register_url(event, "en"), data, REMOTE_ADDR=f"192.0.2.{i}"))
            for i in range(6)
        ]
    # One registration and four notices reach the inbox; then the form refuses.
    assert answers == [(200, RECEIVED["en"])] * 5 + [(429, f"Registration: {event.title}")]
    assert len(mail.outbox) == 5
    assert Registration.objects.count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "Ana\u202eevoN", CONTROL),
        ("name", "Ana\u2066Novak\u2069", CONTROL),
        ("name", "Ana\x07Novak", CONTROL),
        ("name", "Ana\r\nBcc: x@example.org", ONE_LINE),
        ("organisation", "Verein\nZweite Zeile", ONE_LINE),
        ("accessibility_notes", "Rollstuhl\u202d", CONTROL),
    ],
)
def test_control_and_bidi_characters_are_refused_in_the_visitors_language(
    client, language, field, value, message
):
    event = RegistrationEventFactory()
    data = {"name": "Ana", "email": "ana@example.org", "language": language, field: value}
    response = client.post(register_url(event, language), data)
    assert response.status_code == 200
    [error] = errors(response)
    assert error.endswith(message[language])
    assert Registration.objects.count() == 0


def test_line_breaks_stay_allowed_in_the_notes(client, django_capture_on_commit_callbacks):
    event = RegistrationEventFactory()
    data = {
        "name": "Ana Novak",
        "email": "ana@example.org",
        "language": "en",
        "accessibility_notes": "Wheelchair\r\nand a guide dog\tplease",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert answer(client.post(register_url(event, "en"), data)) == (200, RECEIVED["en"])
    assert Registration.objects.get().accessibility_notes.splitlines() == [
        "Wheelchair",
        "and a guide dog\tplease",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_barrier_report_refuses_control_characters_and_is_rate_limited(
    client, limits, language, settings
):
    bad = client.post(
        BARRIER[language], {"description": "Kontrast", "name": "Ana\u202e", "page_url": "x"}
    )
    assert bad.status_code == 200
    assert errors(bad)[0].endswith(CONTROL[language])
    bad = client.post(BARRIER[language], {"description": "x", "page_url": "/de/\r\nBcc: y"})
    assert errors(bad)[0].endswith(ONE_LINE[language])
    assert BarrierReport.objects.count() == 0
    settings.FORM_RATE_LIMIT_PER_CLIENT = (2, 600)  # two already sent above
    refused = client.post(BARRIER[language], {"description": "Zu wenig Kontrast"})
    assert refused.status_code == 429
    assert errors(refused)[0] == TOO_MANY[language]
    assert value_of(refused, "description").strip() == "Zu wenig Kontrast"
    assert BarrierReport.objects.count() == 0
