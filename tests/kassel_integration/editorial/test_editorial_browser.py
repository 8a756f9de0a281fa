"""The editorial pages in a real Chromium: preview, review panel, history and compare."""

import pytest
import reversion

from events.models import Event
from tests.browser import assert_no_axe_violations, open_page, sign_in_to_admin
from tests.events.factories import EventFactory
from tests.kassel_integration.admin_helpers import ADMIN, member
from tests.languages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADINGS = {
    "de": ("Änderungsgeschichte", "Fassungen von"),
    "en": ("Change history", "Compare versions of"),
    "sl": ("Zgodovina sprememb", "Primerjava različic"),
}


@pytest.fixture
def draft(django_user_model):
    user = member(django_user_model, "Editors", "pruefer", "Reviewers")
    event = EventFactory(
        title_de="Runder Tisch Integration 2026",
        title_en="Round Table on Integration 2026",
        title_sl="Okrogla miza o integraciji 2026",
        status=Event.Status.REVIEW,
    )
    for title in ("Runder Tisch 2026", "Runder Tisch Integration 2026"):
        with reversion.create_revision():
            event.title_de = title
            event.save()
            reversion.set_user(user)
    return event


def log_in(page, site, language):
    sign_in_to_admin(page, site, "pruefer", "correct-horse-battery", ADMIN, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_editorial_pages_have_no_axe_violations(page, live_server, draft, language):
    site = live_server.url
    log_in(page, site, language)
    segment = {"de": "vorschau", "en": "preview", "sl": "predogled"}[language]

    open_page(page, f"{site}/{language}/{segment}/events.event/{draft.pk}/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(".preview-notice").count() == 1
    assert_no_axe_violations(page)

    change = f"{site}{ADMIN}events/event/{draft.pk}/change/"
    open_page(page, change)
    # Only the part this project adds: Django's own autocomplete and
    # filter widgets elsewhere on the form have known axe findings.
    assert page.locator("fieldset.editorial-review ol.review-steps").count() == 0
    assert page.locator("fieldset.editorial-review textarea").count() == 1
    assert_no_axe_violations(page, "fieldset.editorial-review")
    # The date and time inputs (start, end, deadline, publication window).
    assert page.locator("p.datetime input").count() == 10
    assert_no_axe_violations(page, "p.datetime")

    open_page(page, f"{site}{ADMIN}events/event/{draft.pk}/history/")
    assert HEADINGS[language][0] in page.locator("h1").inner_text()
    assert page.locator('input[name="older"]').count() == 2
    assert_no_axe_violations(page)

    page.click(".submit-row input[type=submit]")
    page.wait_for_url("**/history/compare/**")
    assert page.locator("h1").inner_text().startswith(HEADINGS[language][1])
    assert page.locator("table.version-compare ins").all_inner_texts() == ["Integration "]
    assert_no_axe_violations(page)
