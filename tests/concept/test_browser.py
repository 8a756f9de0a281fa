"""Concept pages in a real Chromium: axe-core WCAG 2.1 A/AA, and usable at phone width."""

import pytest

from tests.browser import assert_no_axe_violations, open_page
from tests.languages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "de": ("/de/integrationskonzept/", "/de/integrationskonzept/teilhabe-am-arbeitsmarkt/"),
    "en": (
        "/en/integration-concept/",
        "/en/integration-concept/participation-in-the-labour-market/",
    ),
    "sl": ("/sl/koncept-integracije/", "/sl/koncept-integracije/vkljucevanje-na-trg-dela/"),
}


@pytest.fixture
def site(live_server, content):
    return live_server.url


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("which", [0, 1], ids=["overview", "field"])
def test_concept_pages_have_no_axe_violations(page, site, language, which):
    open_page(page, site + PAGES[language][which])
    assert page.locator("html").get_attribute("lang") == language
    assert_no_axe_violations(page)


@pytest.mark.parametrize("which", [0, 1], ids=["overview", "field"])
def test_pages_fit_a_320_pixel_screen(page, site, which):
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, site + PAGES["de"][which])
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0
    # Progress is written out, so it survives without colour (e.g. forced colours).
    page.emulate_media(forced_colors="active")
    assert page.locator(".progress-summary").first.inner_text() != ""


def test_stage_of_each_version_is_readable_text(page, site):
    open_page(page, site + PAGES["en"][0])
    labels = page.locator("ol.versions .stage-label").all_inner_texts()
    # "Stage:" is there for screen readers only; the visible word follows it.
    assert [" ".join(label.split()) for label in labels] == [
        "Stage: Superseded",
        "Stage: In force",
        "Stage: In preparation",
    ]
