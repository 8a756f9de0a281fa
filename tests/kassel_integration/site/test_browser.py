"""The home page in a real browser: axe-core WCAG 2.1 A/AA and keyboard access."""

import pytest

from tests.browser import assert_no_axe_violations, open_page
from tests.languages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, content):
    return live_server.url


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_has_no_axe_violations(page, site, language):
    open_page(page, f"{site}/{language}/")
    assert page.locator("html").get_attribute("lang") == language
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    ("language", "skip_text"),
    [
        ("de", "Zum Hauptinhalt springen"),
        ("en", "Skip to main content"),
        ("sl", "Skoči na glavno vsebino"),
    ],
)
def test_tab_reaches_skip_link_first_and_it_moves_focus_to_main(page, site, language, skip_text):
    open_page(page, f"{site}/{language}/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]"
    )
    assert focused == [skip_text, "#main"]
    # The skip link is visible while focused (it is hidden off-screen otherwise).
    box = page.locator(".skip-link").bounding_box()
    assert box is not None
    assert box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
