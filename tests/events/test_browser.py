"""Events pages in a real Chromium: axe-core WCAG 2.1 A/AA and narrow screens."""

import pytest

from tests.browser import assert_no_axe_violations, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "de": [
        "/de/veranstaltungen/",
        "/de/veranstaltungen/?series=runder-tisch-integration&year=2024",
        "/de/veranstaltungen/reihen/runder-tisch-integration/",
        "/de/veranstaltungen/reihen/interkulturelle-woche/",
        "/de/veranstaltungen/runder-tisch-integration-2024/",
        "/de/veranstaltungen/runder-tisch-integration-2025/",
    ],
    "en": [
        "/en/events/",
        "/en/events/series/round-table-on-integration/",
        "/en/events/series/intercultural-week/",
        "/en/events/round-table-on-integration-2024/",
        "/en/events/round-table-on-integration-2025/",
    ],
    "sl": [
        "/sl/dogodki/",
        "/sl/dogodki/serije/okrogla-miza-o-integraciji/",
        "/sl/dogodki/serije/medkulturni-teden/",
        "/sl/dogodki/okrogla-miza-o-integraciji-2024/",
        "/sl/dogodki/okrogla-miza-o-integraciji-2025/",
    ],
}


@pytest.fixture
def site(live_server, content):
    return live_server.url


@pytest.mark.parametrize(
    ("language", "path"), [(lang, path) for lang, paths in PAGES.items() for path in paths]
)
def test_events_pages_have_no_axe_violations(page, site, language, path):
    open_page(page, f"{site}{path}")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    "path", ["/de/veranstaltungen/", "/sl/dogodki/okrogla-miza-o-integraciji-2024/"]
)
def test_no_horizontal_scrolling_at_320_px(page, site, path):
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, f"{site}{path}")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_filter_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    open_page(page, f"{site}/en/events/")
    page.select_option("#id_year", "2024")
    page.locator(".event-filter button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == f"{site}/en/events/?series=&field=&year=2024&language="
    assert page.locator(".event-card h3").all_inner_texts() == ["Runder Tisch Integration 2024"]
    context.close()
