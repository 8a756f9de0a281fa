"""The office page with a portrait in a real browser: axe-core, srcset choice, text alternative."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from officers.models import Term
from tests.browser import assert_no_axe_violations, open_page
from tests.kassel_integration.content.test_images import jpeg_with_gps
from tests.languages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATHS = {
    "de": "/de/integrationsbeauftragte/",
    "en": "/en/integration-officer/",
    "sl": "/sl/pooblascenka-za-integracijo/",
}
ALT = {
    "de": ("Porträt von Erika Muster", None),
    "en": ("Portrait of Erika Muster", None),
    # No Slovenian description: the German one, marked as German.
    "sl": ("Porträt von Erika Muster", "de"),
}


@pytest.fixture
def site(live_server, content, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ROOT_URLCONF = "tests.kassel_integration.media_urls"
    person = Term.objects.get(has_ended=False).person
    person.portrait = SimpleUploadedFile("foto.jpg", jpeg_with_gps((1200, 1500)))
    person.portrait_alt_de = ALT["de"][0]
    person.portrait_alt_en = ALT["en"][0]
    person.portrait_alt_sl = ""
    person.save()
    return live_server.url, person


@pytest.mark.parametrize("language", LANGUAGES)
def test_office_page_with_portrait_has_no_axe_violations(page, site, language):
    url, person = site
    open_page(page, f"{url}{PATHS[language]}")
    portrait = page.locator("img.holder-portrait")
    portrait.wait_for()
    page.wait_for_function("() => document.querySelector('img.holder-portrait').complete")
    assert portrait.get_attribute("alt") == ALT[language][0]
    assert portrait.get_attribute("lang") == ALT[language][1]
    # The browser loaded a real image, and the small copy: 12rem at 1x needs 320 pixels.
    # (naturalWidth is in CSS pixels: the 320w copy shown 192 pixels wide.)
    assert portrait.evaluate("img => img.naturalWidth") == 192
    assert portrait.evaluate("img => img.currentSrc") == (
        f"{url}/media/{person.portrait_renditions[0]['name']}"
    )
    # width/height give the box its shape before the image arrives.
    box = portrait.bounding_box()
    assert round(box["width"]) == 192
    assert round(box["height"]) == 240
    assert_no_axe_violations(page)


def test_high_density_screen_gets_the_larger_copy(browser, site):
    url, person = site
    context = browser.new_context(device_scale_factor=3)
    page = context.new_page()
    open_page(page, f"{url}{PATHS['de']}")
    page.wait_for_function("() => document.querySelector('img.holder-portrait').complete")
    # 192 CSS pixels at 3x: 576 device pixels, so the 640 copy.
    assert page.locator("img.holder-portrait").evaluate("img => img.currentSrc") == (
        f"{url}/media/{person.portrait_renditions[1]['name']}"
    )
    context.close()
