"""The admin's start page with its attention panel and the lockout page, in a real browser."""

import datetime

import pytest
from django.utils import timezone

from events.models import EventSeries, Registration
from tests.browser import assert_no_axe_violations, open_page, sign_in_to_admin
from tests.events.factories import EventFactory, RegistrationEventFactory, RegistrationFactory
from tests.kassel_integration.admin_helpers import ADMIN
from tests.languages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Fulda-Ufer-Laterne-42"  # a password the validators accept
PANEL_TITLES = {"de": "Das wartet auf Sie", "en": "Needs your attention", "sl": "To čaka na vas"}
LOCKOUT_TITLES = {
    "de": "Anmeldung pausiert",
    "en": "Sign-in paused",
    "sl": "Prijava je začasno ustavljena",
}


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser("chefin", password=PASSWORD)


def fill_panel():
    now = timezone.now()
    EventFactory(title_de="Neujahrsempfang", status=EventSeries.Status.REVIEW, series=None)
    EventFactory(title_de="Sommerfest", publish_from=now + datetime.timedelta(days=2), series=None)
    event = RegistrationEventFactory(
        title_de="Runder Tisch",
        start=now + datetime.timedelta(days=4),
        end=now + datetime.timedelta(days=4, hours=2),
        capacity=30,
        series=None,
    )
    RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)


@pytest.mark.parametrize("language", LANGUAGES)
def test_start_page_with_the_panel_has_no_axe_violations(page, live_server, chief, language):
    fill_panel()
    sign_in_to_admin(page, live_server.url, "chefin", PASSWORD, ADMIN, language)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("section.attention h2").inner_text() == PANEL_TITLES[language]
    assert page.locator("section.attention table").count() == 3
    assert page.locator("section.attention a", has_text="Runder Tisch").count() == 1
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_lockout_page_has_no_axe_violations(page, live_server, chief, language):
    page.set_extra_http_headers({"Accept-Language": language})
    open_page(page, f"{live_server.url}{ADMIN}login/?next={ADMIN}")
    statuses = []
    for _ in range(5):
        page.fill("#id_username", "chefin")
        page.fill("#id_password", "falsch-geraten")
        with page.expect_navigation() as navigation:
            page.click("input[type=submit]")
        statuses.append(navigation.value.status)
    assert statuses == [200, 200, 200, 200, 429]
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("main h1").inner_text() == LOCKOUT_TITLES[language]
    assert_no_axe_violations(page)
    # The way back leads to the sign-in form, which is still there for others.
    page.locator("main a").first.click()
    page.wait_for_url(f"{live_server.url}{ADMIN}login/")
    assert page.locator("#id_username").count() == 1
