"""The visual rich text editor in a real Chromium, used by keyboard as staff use it.

An editor writes a heading, bold text, a list and a link into the office's
description in the German, English and Slovenian admin, saves, and the public
page shows the cleaned result; pasted markup the sanitiser does not allow never
reaches the database; the form passes axe and the page raises no CSP violation.
"""

import pytest

from officers.models import Office
from tests.browser import assert_no_axe_violations, open_page, sign_in_to_admin
from tests.kassel_integration.admin_helpers import ADMIN, ensure_roles
from tests.languages import LANGUAGES
from tests.officers.factories import OfficeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICE_PATHS = {
    "de": "/de/integrationsbeauftragte/",
    "en": "/en/integration-officer/",
    "sl": "/sl/pooblascenka-za-integracijo/",
}
# What the editor types, per language of the version edited (and of the admin).
WORDS = {
    "de": ("Aufgaben", "Das ist", "wichtig", "Erstens", "Zweitens", "Mehr unter", "Termine"),
    "en": ("Tasks", "This is", "important", "First", "Second", "More under", "Events"),
    "sl": ("Naloge", "To je", "pomembno", "Prvič", "Drugič", "Več pod", "Dogodki"),
}
LINKS = {"de": "/de/veranstaltungen/", "en": "/en/events/", "sl": "/sl/dogodki/"}
BOLD = {"de": "Fett", "en": "Bold", "sl": "Krepko"}
TOOLBAR = {"de": "Formatierung", "en": "Formatting", "sl": "Oblikovanje"}

# Collects every CSP violation of the page (an init script is not subject to the CSP).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
  );
});
"""


def expected_html(language):
    heading, this_is, important, first, second, more, linked = WORDS[language]
    return (
        f"<h2>{heading}</h2><p>{this_is} <strong>{important}</strong>.</p>"
        f"<ul><li><p>{first}</p></li><li><p>{second}</p></li></ul>"
        f'<p>{more} <a href="{LINKS[language]}" rel="noopener noreferrer">{linked}</a></p>'
    )


@pytest.fixture
def office(django_user_model):
    ensure_roles()
    django_user_model.objects.create_superuser(
        "chefin", "chefin@example.org", "correct-horse-battery"
    )
    return OfficeFactory(
        description_de="<p>Alter Text</p>",
        description_en="<p>Old text</p>",
        description_sl="<p>Staro besedilo</p>",
    )


def open_form(page, site, office, language):
    page.add_init_script(CSP_LISTENER)
    errors = []
    page.on(
        "console",
        lambda m: errors.append(f"{m.text} {m.location}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    change = f"{ADMIN}officers/office/{office.pk}/change/"
    sign_in_to_admin(page, site, "chefin", "correct-horse-battery", change, language)
    page.wait_for_selector(f".prose-editor .ProseMirror[lang={language}]", state="attached")
    page.click(f'a[href="#tab_id_description_{language}"]')
    editor = page.locator(f".field-description_{language} .ProseMirror")
    editor.wait_for()
    return editor, errors


SELECTED = """el => {
  const {from, to} = el.editor.state.selection;
  return el.editor.state.doc.textBetween(from, to);
}"""


def select_backwards(page, editor, word):
    """Shift+ArrowLeft until the editor's own selection (not only the DOM's) is `word`."""
    for _attempt in range(len(word) + 3):
        page.wait_for_timeout(60)  # ProseMirror reads the DOM selection after the key
        selected = editor.evaluate(SELECTED)
        if selected == word:
            return
        assert word.endswith(selected), selected
        page.keyboard.press("Shift+ArrowLeft")
    raise AssertionError(f"could not select {word!r}")


def assert_no_csp_violations(page, errors):
    """No violation on the page shown now (call before axe, whose injected script sets styles)."""
    assert page.evaluate("window.__cspViolations") == []
    assert [e for e in errors if "rich text editor" in e] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_editor_writes_by_keyboard_and_the_public_page_shows_it(
    page, live_server, office, language
):
    site = live_server.url
    editor, errors = open_form(page, site, office, language)
    heading, this_is, important, first, second, more, linked = WORDS[language]

    # The editor is a named, multi-line text box in the language of its version.
    assert editor.get_attribute("role") == "textbox"
    assert editor.get_attribute("aria-multiline") == "true"
    label_id = editor.get_attribute("aria-labelledby")
    assert page.locator(f"#{label_id}").get_attribute("for") == f"id_description_{language}"
    toolbar = page.locator(f".field-description_{language} [role=toolbar]")
    assert toolbar.get_attribute("aria-label").startswith(TOOLBAR[language])

    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.press("Control+Alt+2")
    page.keyboard.type(heading)
    page.keyboard.press("Enter")
    page.keyboard.type(f"{this_is} ")
    page.keyboard.press("Control+B")
    page.keyboard.type(important)
    bold = toolbar.get_by_role("button", name=BOLD[language], exact=True)
    assert bold.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Control+B")
    page.keyboard.type(".")
    assert bold.get_attribute("aria-pressed") == "false"
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Shift+8")
    page.keyboard.type(first)
    page.keyboard.press("Enter")
    page.keyboard.type(second)
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type(f"{more} {linked}")
    # Select the last word, letter by letter, as far as the editor itself has taken in.
    select_backwards(page, editor, linked)
    page.keyboard.press("Control+K")
    dialog = page.locator("dialog.prose-editor-dialog")
    dialog.wait_for()
    dialog.locator("input").fill(LINKS[language])
    page.keyboard.press("Enter")
    dialog.wait_for(state="detached")
    assert_no_csp_violations(page, errors)

    page.click("input[name=_continue]")
    page.wait_for_selector("ul.messagelist li.success")
    office.refresh_from_db()
    stored = getattr(office, f"description_{language}")
    assert stored == expected_html(language)
    # The other versions and the other fields are as they were.
    others = {"de": "<p>Alter Text</p>", "en": "<p>Old text</p>", "sl": "<p>Staro besedilo</p>"}
    for other, text in others.items():
        if other != language:
            assert getattr(office, f"description_{other}") == text
    assert office.title_de == "Integrationsbeauftragte der Stadt Kassel"
    assert office.status == Office.Status.PUBLISHED

    # After the reload the editor shows the saved text; saving again changes nothing.
    editor = page.locator(f".field-description_{language} .ProseMirror")
    page.click(f'a[href="#tab_id_description_{language}"]')
    assert editor.locator("h2").inner_text() == heading
    assert editor.locator("strong").inner_text() == important
    assert editor.locator("li").all_inner_texts() == [first, second]
    assert_no_csp_violations(page, errors)
    page.click("input[name=_continue]")
    page.wait_for_selector("ul.messagelist li.success")
    office.refresh_from_db()
    assert getattr(office, f"description_{language}") == expected_html(language)

    open_page(page, f"{site}{OFFICE_PATHS[language]}")
    section = page.locator("section.prose")
    assert section.locator("h2").all_inner_texts()[1:] == [heading]
    assert section.locator("strong").inner_text() == important
    assert section.locator("ul li").all_inner_texts() == [first, second]
    link = section.locator(f'a[href="{LINKS[language]}"]')
    assert link.inner_text() == linked
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert_no_csp_violations(page, errors)


@pytest.mark.parametrize("language", LANGUAGES)
def test_change_form_with_the_editor_has_no_axe_violations(page, live_server, office, language):
    editor, errors = open_form(page, site := live_server.url, office, language)
    assert site
    editor.click()
    # Tab leaves the text for the next field; Shift+Tab comes back to the toolbar's one stop.
    page.keyboard.press("Shift+Tab")
    focused = page.evaluate("document.activeElement.closest('[role=toolbar]') !== null")
    assert focused
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") in {
        "Wiederholen",
        "Redo",
        "Ponovi",
    }
    assert_no_csp_violations(page, errors)
    assert_no_axe_violations(page, f".field-description_{language}")
    assert_no_axe_violations(page, ".field-description_de")
    # The link dialog, opened from the toolbar by keyboard on a selected word.
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Control+K")
    page.locator("dialog.prose-editor-dialog").wait_for()
    assert_no_axe_violations(page, "dialog.prose-editor-dialog")


PASTED = (
    '<h1 class="MsoTitle">Titel</h1>'
    '<p class="MsoNormal" style="color:red"><span style="font-family:Calibri">Text</span>'
    "<o:p></o:p></p>"
    '<table><tr><td>Zelle</td></tr></table><img src="x" onerror="alert(1)">'
    '<script>alert(1)</script><p><u>unterstrichen</u> <a href="javascript:alert(1)">böse</a></p>'
)


def test_pasted_markup_keeps_only_what_the_sanitiser_allows(page, live_server, office):
    editor, errors = open_form(page, live_server.url, office, "de")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    editor.evaluate(
        """(element, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "x");
            element.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true}));
        }""",
        PASTED,
    )
    assert_no_csp_violations(page, errors)
    page.click("input[name=_continue]")
    page.wait_for_selector("ul.messagelist li.success")
    office.refresh_from_db()
    assert office.description_de == ("<p>Titel</p><p>Text</p><p>Zelle</p><p>unterstrichen böse</p>")


@pytest.mark.parametrize("language", LANGUAGES)
def test_translator_sees_the_german_source_rendered_with_changes_marked(
    page, live_server, django_user_model, language
):
    from kassel_integration.translations import state as ts
    from tests.kassel_integration.admin_helpers import ENGLISH, member

    office = OfficeFactory(
        description_de="<p>Die Stadt berät.</p>",
        description_en="<p>The city advises.</p>",
    )
    ts.confirm_current(office)
    before = {"description": office.description_de}
    office.description_de = "<p>Die Stadt berät und begleitet.</p><ul><li>Neu</li></ul>"
    office.save()
    ts.record_save(office, german_before=before, written={"description_de"}, minor=False)
    member(django_user_model, ENGLISH, "uebersetzerin")
    page.add_init_script(CSP_LISTENER)
    change = f"{ADMIN}officers/office/{office.pk}/change/"
    sign_in_to_admin(
        page, live_server.url, "uebersetzerin", "correct-horse-battery", change, language
    )
    page.wait_for_selector(".field-description_en .prose-editor .ProseMirror")

    german = page.locator(".form-row.field-description_de .rendered-source")
    assert german.get_attribute("lang") == "de"
    assert german.locator("ins").all_inner_texts() == [" und begleitet", "Neu"]
    assert german.locator("li").all_inner_texts() == ["Neu"]
    assert "<p>" not in german.inner_text()
    # Marked words are visibly highlighted, not only in the markup.
    background = german.locator("ins").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(255, 241, 168)"
    assert page.evaluate("window.__cspViolations") == []
    assert_no_axe_violations(page, ".form-row.field-description_de")
    assert_no_axe_violations(page, "table.german-changes")
    assert_no_axe_violations(page, ".form-row.field-description_en")


def test_an_added_inline_row_gets_the_editor_too(page, live_server, office):
    from tests.officers.factories import TaskFactory

    TaskFactory(office=office)
    _editor, errors = open_form(page, live_server.url, office, "de")
    tasks = page.locator("#tasks-group")
    page.wait_for_function(
        "() => document.querySelectorAll('#tasks-group .prose-editor [role=toolbar]').length === 3"
    )
    tasks.locator(".add-row a").click()
    # The new row's three language versions, each an editor with its toolbar.
    page.wait_for_function(
        "() => document.querySelectorAll('#tasks-group .prose-editor [role=toolbar]').length === 6"
    )
    assert tasks.locator("textarea[id*='__prefix__']").count() == 3  # the template row stays
    assert_no_csp_violations(page, errors)
