"""Untranslated texts in a real Chromium: the notice, lang="de" and axe-core WCAG 2.1 A/AA."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from concept.models import FieldOfAction
from events.models import Event
from tests.browser import assert_no_axe_violations, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTICES = {
    "en": "This text is not yet available in English.",
    "sl": "To besedilo še ni na voljo v slovenščini.",
}


def untranslate(obj, language, *fields):
    # Saved with German active, as an editor saves; see test_fallback.py for why.
    with override("de"):
        for field in fields:
            setattr(obj, f"{field}_{language}", "")
        obj.save()


def url_of(obj, language):
    with override(language):
        return obj.get_absolute_url()


@pytest.fixture
def site(live_server, content):
    return live_server.url


@pytest.mark.parametrize("language", ["en", "sl"])
def test_event_page_with_german_fallback(page, site, language):
    event = Event.objects.published().get(slug_de="runder-tisch-integration-2025")
    untranslate(event, language, "title", "summary", "description")
    open_page(page, site + url_of(event, language))
    assert page.locator("html").get_attribute("lang") == language
    notice = page.locator("main .fallback-notice")
    assert notice.count() == 1
    assert notice.inner_text() == NOTICES[language]
    assert notice.is_visible()
    heading = page.locator("h1 > span[lang=de]")
    assert heading.inner_text() == event.title_de
    assert page.locator("main .lead > span[lang=de]").inner_text() == event.summary_de
    assert page.locator("main .prose > div[lang=de]").count() == 1
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", ["en", "sl"])
@pytest.mark.parametrize("list_page", ["events:index", "concept:index"])
def test_list_page_with_german_fallback(page, site, language, list_page):
    event = Event.objects.published().get(slug_de="runder-tisch-integration-2024")
    untranslate(event, language, "title")
    field = FieldOfAction.objects.published().get(number=1)
    untranslate(field, language, "title", "summary")
    with override(language):
        path = reverse(list_page)
    open_page(page, site + path)
    assert page.locator("main .fallback-notice").all_inner_texts() == [NOTICES[language]]
    german = {"events:index": event.title_de, "concept:index": field.title_de}[list_page]
    assert german in page.locator("main [lang=de]").all_inner_texts()
    assert_no_axe_violations(page)
