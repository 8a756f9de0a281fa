"""The design in Chromium: home page, small-screen header, the menu by keyboard, axe on every page type."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from concept.models import FieldOfAction
from events.models import Event, EventSeries
from tests.browser import assert_no_axe_violations, open_page
from tests.languages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 900}
# Where the first screen of a 320 × 640 phone ends for the header's purposes (issue 19).
CONTENT_TOP_LIMIT = 240

PAGE_TYPES = [
    "home",
    "officers",
    "concept",
    "field",
    "events",
    "series",
    "event",
    "imprint",
    "privacy",
    "accessibility",
    "barrier-report",
    "search",
]


def path_of(kind, language):
    with override(language):
        if kind == "field":
            return FieldOfAction.objects.published().order_by("number").first().get_absolute_url()
        if kind == "series":
            return EventSeries.objects.published().order_by("order").first().get_absolute_url()
        if kind == "event":
            return Event.objects.published().order_by("-start").first().get_absolute_url()
        if kind == "search":
            return reverse("search") + "?q=Kassel"
        name = {"officers": "officers:index", "concept": "concept:index", "events": "events:index"}
        return reverse(name.get(kind, kind))


@pytest.fixture
def site(live_server, content):
    return live_server.url


HOME = {
    "de": ("Integrationsbeauftragte der Stadt Kassel", "Alena Schütz", "Menü"),
    "en": ("Integration Officer of the City of Kassel", "Alena Schütz", "Menu"),
    "sl": ("Pooblaščenka za integracijo mesta Kassel", "Alena Schütz", "Meni"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_on_a_wide_screen(page, site, language):
    h1, name, _menu = HOME[language]
    page.set_viewport_size(WIDE)
    open_page(page, f"{site}/{language}/")
    assert page.locator("h1").inner_text() == h1
    assert page.locator(".home-officer-name").inner_text() == name
    assert page.locator(".home-field-list li").count() == 6
    # The menu is always open: no button, the sections in a row under the wordmark.
    assert not page.locator(".site-menu-button").is_visible()
    links = page.locator(".main-nav a")
    assert links.count() == 4
    boxes = [links.nth(i).bounding_box() for i in range(4)]
    assert len({box["y"] for box in boxes}) == 1
    # The contact and the services stand beside the content, not below it.
    main, aside = page.locator("main").bounding_box(), page.locator("aside").bounding_box()
    assert aside["x"] >= main["x"] + main["width"]
    assert aside["y"] < main["y"] + 100
    assert page.evaluate("document.documentElement.scrollWidth") == 1280


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_content_starts_on_the_first_screen_of_a_phone(page, site, kind, language):
    page.set_viewport_size(SMALL)
    open_page(page, f"{site}{path_of(kind, language)}")
    top = page.locator("main h1").bounding_box()["y"]
    assert top <= CONTENT_TOP_LIMIT, f"h1 starts at {top} px"
    # The menu is closed: its links take no room until asked for.
    assert not page.locator(".main-nav").is_visible()
    assert page.locator(".site-menu-button").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL["width"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_menu_opens_and_closes_by_keyboard(page, site, language):
    _h1, _name, menu = HOME[language]
    page.set_viewport_size(SMALL)
    open_page(page, f"{site}/{language}/")
    button = page.locator(".site-menu-button")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the wordmark, a link home
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == menu
    assert button.evaluate("e => e === document.activeElement")
    page.keyboard.press("Enter")
    assert page.locator(".site-menu").get_attribute("open") == ""
    # Tab goes through the sections, the search and the languages, in that order.
    reached = []
    for _ in range(4 + 2 + 3):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.closest('nav, form').className"))
    assert reached == ["main-nav"] * 4 + ["site-search"] * 2 + ["language-switcher"] * 3
    # Back to the button: Space closes the menu, and opens it again.
    button.focus()
    page.keyboard.press("Space")
    assert page.locator(".site-menu").get_attribute("open") is None
    assert not page.locator(".main-nav").is_visible()
    page.keyboard.press("Space")
    assert page.locator(".main-nav a").first.is_visible()


def test_the_menu_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport=SMALL)
    page = context.new_page()
    try:
        open_page(page, f"{site}/de/")
        page.locator(".site-menu-button").click()
        page.locator(".main-nav a", has_text="Veranstaltungen").click()
        page.wait_for_url(f"{site}/de/veranstaltungen/")
        assert page.locator("h1").inner_text() == "Veranstaltungen"
        assert context.cookies() == []
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_long_words_hyphenate_in_the_page_language(page, site, language):
    open_page(page, f"{site}/{language}/")
    assert page.locator("html").get_attribute("lang") == language
    for selector in ("main h1", "main p", "aside", "footer"):
        style = page.locator(selector).first.evaluate("e => getComputedStyle(e).hyphens")
        assert style == "auto", selector


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_has_no_axe_violations(page, site, kind, language):
    page.set_viewport_size(WIDE)
    open_page(page, f"{site}{path_of(kind, language)}")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_open_menu_on_a_phone_has_no_axe_violations(page, site, language):
    page.set_viewport_size(SMALL)
    open_page(page, f"{site}/{language}/")
    page.locator(".site-menu-button").click()
    assert page.locator(".main-nav a").first.is_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sections_fit_one_row_on_a_tablet(page, site, language):
    page.set_viewport_size({"width": 768, "height": 1024})
    open_page(page, f"{site}/{language}/")
    assert not page.locator(".site-menu-button").is_visible()
    items = page.locator(".main-nav li")
    assert len({items.nth(i).bounding_box()["y"] for i in range(items.count())}) == 1
    assert page.evaluate("document.documentElement.scrollWidth") == 768
