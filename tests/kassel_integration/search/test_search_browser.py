"""The search in a real browser: axe-core WCAG 2.1 A/AA on results and empty state."""

from urllib.parse import quote

import pytest

from tests.browser import assert_no_axe_violations, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEARCH_PATHS = {"de": "/de/suche/", "en": "/en/search/", "sl": "/sl/iskanje/"}
QUERIES = {"de": "Arbeitsmarkt", "en": "labour market", "sl": "trg dela"}


@pytest.fixture
def site(live_server, content):
    return live_server.url


@pytest.mark.parametrize("language", ["de", "en", "sl"])
def test_results_page_has_no_axe_violations(page, site, language):
    open_page(page, f"{site}{SEARCH_PATHS[language]}?q={quote(QUERIES[language])}")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(".search-hit mark").count() > 0
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", ["de", "en", "sl"])
def test_empty_state_has_no_axe_violations(page, site, language):
    open_page(page, f"{site}{SEARCH_PATHS[language]}?q=qqxxzz")
    assert page.locator(".search-empty").count() == 1
    assert page.locator(".search-empty li a").count() >= 6
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", ["de", "en", "sl"])
def test_search_page_without_query_has_no_axe_violations(page, site, language):
    open_page(page, f"{site}{SEARCH_PATHS[language]}")
    assert_no_axe_violations(page)


def test_too_long_query_error_has_no_axe_violations(page, site):
    response = page.goto(f"{site}/en/search/?q={'a' * 201}")
    assert response.status == 400
    assert page.locator(".error-summary").count() == 1
    assert_no_axe_violations(page)


def test_header_search_works_with_the_keyboard_and_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        open_page(page, f"{site}/de/")
        page.locator("#site-search-q").focus()
        page.keyboard.type("Schuetz")
        page.keyboard.press("Enter")
        page.wait_for_url("**/de/suche/?q=Schuetz")
        assert page.locator(".search-hit-title a", has_text="Alena Schütz").count() == 1
        assert page.locator(".search-hit-title mark").first.inner_text() == "Schütz"
        assert context.cookies() == []
    finally:
        context.close()


def test_header_search_fits_a_narrow_screen(page, site):
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, f"{site}/sl/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    # On a small screen the search is in the header's menu (issue 19): one tap away.
    assert not page.locator("#site-search-q").is_visible()
    page.locator(".site-menu-button").click()
    assert page.locator("#site-search-q").is_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
