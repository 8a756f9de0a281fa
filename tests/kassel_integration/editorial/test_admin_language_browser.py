"""The admin in Chromium, in the user's language: the selector widget and the named error box."""

from pathlib import Path

import pytest

from tests.browser import assert_no_axe_violations, open_page, sign_in_to_admin
from tests.events.factories import EventFactory
from tests.factories import FieldOfActionFactory
from tests.kassel_integration.admin_helpers import ADMIN, member
from tests.languages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots-adminmisc")

SELECTOR = {
    "de": ("Alle Handlungsfelder auswählen", "Alle Handlungsfelder entfernen"),
    "en": ("Choose all fields of action", "Remove all fields of action"),
    "sl": ("Izberi vse: področja delovanja", "Odstrani vse: področja delovanja"),
}
SUMMARY = {
    "de": "Titel, Reiter „Deutsch“: Dieses Feld ist zwingend erforderlich.",
    "en": "Title, tab “Deutsch”: This field is required.",
    "sl": "Naslov, zavihek „Deutsch“: To polje je obvezno.",
}


@pytest.fixture
def event(django_user_model):
    member(django_user_model, "Editors", "redaktion")
    event = EventFactory(title_de="Runder Tisch")
    event.fields_of_action.add(FieldOfActionFactory())
    FieldOfActionFactory()
    return event


@pytest.mark.parametrize("language", LANGUAGES)
def test_selector_texts_and_error_box_in_the_users_language(page, live_server, event, language):
    site = live_server.url
    change = f"{ADMIN}events/event/{event.pk}/change/"
    sign_in_to_admin(page, site, "redaktion", "correct-horse-battery", change, language)
    choose_all, remove_all = SELECTOR[language]
    assert page.locator("#id_fields_of_action_add_all").inner_text().strip() == choose_all
    assert page.locator("#id_fields_of_action_remove_all").inner_text().strip() == remove_all

    # The German tab of the title (the admin opens the tab of its own language).
    page.locator("[role=tab]", has_text="DE").first.click()
    title = page.locator("#id_title_de")
    title.click()
    title.press("ControlOrMeta+a")
    title.press("Backspace")
    summary = page.locator(f"#id_summary_{language}")
    summary.click()
    summary.press_sequentially(" Mit Dolmetschung.")
    page.locator('input[name="_continue"]').click()
    page.wait_for_load_state()
    box = page.locator(".error-summary")
    assert box.is_visible()
    assert [" ".join(t.split()) for t in box.locator("li").all_inner_texts()] == [SUMMARY[language]]
    # Django's bare note is replaced, not shown twice.
    assert page.locator("p.errornote:visible").count() == 0
    assert " Mit Dolmetschung." in summary.input_value()  # nothing typed is lost
    assert_no_axe_violations(page, ".error-summary")
    if language == "de":
        SHOTS.mkdir(exist_ok=True)
        for width in (320, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(SHOTS / f"error-summary-{width}.png"))
    box.locator("a").click()
    assert page.evaluate("document.activeElement.id") in ("id_title_de", "")
    open_page(page, f"{site}{ADMIN}")
