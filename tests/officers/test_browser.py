"""The office page in a real browser: axe-core WCAG 2.1 A/AA, narrow screens."""

import pytest

from tests.browser import assert_no_axe_violations, open_page
from tests.languages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATHS = {
    "de": "/de/integrationsbeauftragte/",
    "en": "/en/integration-officer/",
    "sl": "/sl/pooblascenka-za-integracijo/",
}


@pytest.fixture
def site(live_server, content):
    return live_server.url


@pytest.mark.parametrize("language", LANGUAGES)
def test_office_page_has_no_axe_violations(page, site, language):
    open_page(page, f"{site}{PATHS[language]}")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("ol.timeline > li").count() == 2
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_office_page_with_contact_and_hours_has_no_axe_violations(page, site, language):
    import datetime

    from officers.models import Office, OfficeHours

    office = Office.objects.get(key="integrationsbeauftragte")
    office.street_address = "Musterstraße 1"
    office.postal_code = "34117"
    office.locality = "Kassel"
    office.email = "integration@example.org"
    office.save()
    OfficeHours.objects.create(
        office=office, weekday=1, opens=datetime.time(9), closes=datetime.time(12)
    )
    open_page(page, f"{site}{PATHS[language]}")
    assert page.locator("table.office-hours").count() == 1
    assert_no_axe_violations(page)


def test_office_page_fits_a_narrow_screen(page, site):
    page.set_viewport_size({"width": 320, "height": 800})
    open_page(page, f"{site}{PATHS['sl']}")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
