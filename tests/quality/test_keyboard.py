"""Keyboard users: Tab reaches every link and control in order, focus is always visible, nothing traps it."""

import pytest
from django.utils.translation import override

from events.models import Event
from tests.languages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARK_FOCUSABLES = """() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const all = Array.from(document.querySelectorAll(selector)).filter(
        el => !el.disabled && (el.getClientRects().length > 0 || el.classList.contains('skip-link')));
    all.forEach((el, index) => el.dataset.kbd = index);
    return all.length;
}"""

FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    return {index: el.dataset.kbd === undefined ? -1 : Number(el.dataset.kbd), visible, tag: el.tagName, text: el.textContent.trim().slice(0, 40)};
}"""


def tab_through(page):
    total = page.evaluate(MARK_FOCUSABLES)
    assert total > 5
    reached = []
    for _ in range(total + 5):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:  # focus left the document: the end, nothing trapped it
            break
        assert state["visible"], f"focus not visible on {state}"
        reached.append(state["index"])
    else:
        pytest.fail(f"focus never left the page after {total + 5} presses of Tab: {reached[-10:]}")
    return total, reached


@pytest.mark.parametrize("language", LANGUAGES)
def test_tab_through_home_page(page, live_server, content, language):
    page.goto(f"{live_server.url}/{language}/")
    total, reached = tab_through(page)
    assert reached == list(range(total))


@pytest.mark.parametrize("language", LANGUAGES)
def test_tab_through_event_page(page, live_server, content, language):
    event = Event.objects.published().order_by("start").first()
    with override(language):
        path = event.get_absolute_url()
    assert path.startswith(f"/{language}/")
    page.goto(f"{live_server.url}{path}")
    total, reached = tab_through(page)
    assert reached == list(range(total))
