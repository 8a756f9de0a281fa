"""Accepted interface texts on the running site: live in every worker, with history and undo.

The live layer writes into the translation catalogue of this process
(kassel_integration/translations/live.py); these tests also guard the one
private API it uses (`DjangoTranslation._catalog` get and set, README
"Private APIs still in use"): `test_the_catalogue_shows_an_accepted_text_and_its_undo`
fails if Django changes it. Every test puts the catalogue back (`live_layer`).
The test with two gunicorn workers is in tests/quality/test_interface_texts_server.py.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from kassel_integration.cache import pages
from kassel_integration.editorial.roles import translator_group
from kassel_integration.models import InterfaceCatalogueUpload, InterfaceText, InterfaceTextChange
from kassel_integration.translations import catalogue as ic
from kassel_integration.translations import live, overrides
from tests.browser import assert_no_axe_violations, open_page, sign_in_to_admin
from tests.kassel_integration.translations.test_interface_catalogue import (
    BRACES,
    DASHBOARD,
    PASSWORD,
    PLAIN,
    PLURAL,
    export_url,
    locale_copy,  # noqa: F401 (fixture)
    make_user,
    po_bytes,
    upload,
)
from tests.languages import LANGUAGES

TEXTS = f"{DASHBOARD}interface/texts/"
# On every public page (footer), translated in every language.
FOOTER = "Report a barrier"
FOOTER_SL = "Prijavite oviro"
NEW_FOOTER_SL = "Sporočite oviro"


def text_url(language, msgid, context=""):
    return f"{TEXTS}{language}/{InterfaceText.message_key(context, msgid)}/"


@pytest.fixture
def live_layer(settings):
    """The live layer on, with a clean page cache; the catalogue put back afterwards."""
    settings.INTERFACE_TEXTS_CHECK_SECONDS = 10
    pages.page_cache().clear()
    live.forget()
    yield
    live.forget()
    pages.page_cache().clear()


@pytest.fixture
def translator(db, django_user_model):
    return make_user(django_user_model, "prevajalka", translator_group("sl"))


def change(language, msgid, new, user=None):
    """Accept one change as the browser form does."""
    messages, _plurals = overrides.catalogue_messages(language)
    message = messages[("", msgid)]
    return overrides.change_one(language, message, new, user)


# ---------------------------------------------------------------- the live layer
def test_the_catalogue_shows_an_accepted_text_and_its_undo(
    live_layer, translator, django_capture_on_commit_callbacks
):
    old_plural = catalogue_strings("sl", PLURAL)
    new_plural = [form.replace("Preklic", "Odpoved") for form in old_plural]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = change("sl", FOOTER, [NEW_FOOTER_SL], translator)
        change("sl", PLURAL, new_plural, translator)
    assert len(callbacks) == 2
    live.refresh(force=True)

    with translation.override("sl"):
        assert translation.gettext(FOOTER) == NEW_FOOTER_SL
        assert [
            translation.ngettext(PLURAL, plural_id(PLURAL), n) % {"count": n} for n in (1, 2, 3, 5)
        ] == [form % {"count": n} for form, n in zip(new_plural, (1, 2, 3, 5), strict=True)]
    for other in ("de", "en"):
        with translation.override(other):
            assert translation.gettext(FOOTER) == {"de": "Barriere melden", "en": FOOTER}[other]

    with django_capture_on_commit_callbacks(execute=True):
        overrides.undo(InterfaceTextChange.objects.get(pk=first.pk), translator)
    live.refresh(force=True)
    with translation.override("sl"):
        assert translation.gettext(FOOTER) == FOOTER_SL
        assert translation.ngettext(PLURAL, plural_id(PLURAL), 5) == new_plural[3]

    live.forget()
    with translation.override("sl"):
        assert translation.ngettext(PLURAL, plural_id(PLURAL), 5) == old_plural[3]


def catalogue_strings(language, msgid):
    messages, _plurals = overrides.catalogue_messages(language)
    return list(next(m for m in messages.values() if m.msgid == msgid).strings)


def plural_id(msgid):
    messages, _plurals = overrides.catalogue_messages("sl")
    return next(m for m in messages.values() if m.msgid == msgid).ids[1]


def test_a_message_with_context_and_remembered_output_follow(
    live_layer, translator, django_capture_on_commit_callbacks
):
    import datetime

    from kassel_integration.content.dates import format_day

    day = datetime.date(2025, 7, 3)
    with translation.override("sl"):
        assert format_day(day) == "3. julija 2025"  # remembered per language from now on
    messages, _plurals = overrides.catalogue_messages("sl")
    context = "String to return when truncating text"
    message = messages[(context, "%(truncated_text)s…")]
    with django_capture_on_commit_callbacks(execute=True):
        overrides.change_one("sl", message, ["%(truncated_text)s ..."], translator)
    received = []

    def heard(**kwargs):
        received.append(True)

    live.texts_applied.connect(heard)
    try:
        live.refresh(force=True)
    finally:
        live.texts_applied.disconnect(heard)
    with translation.override("sl"):
        assert translation.pgettext(context, "%(truncated_text)s…") == "%(truncated_text)s ..."
        assert translation.gettext("%(truncated_text)s…") != "%(truncated_text)s ..."
        assert format_day(day) == "3. julija 2025"
    # Whoever remembers translated output (the days, content/dates.py) hears of the change.
    assert received == [True]
    live.forget()
    with translation.override("sl"):
        assert translation.pgettext(context, "%(truncated_text)s…") == "%(truncated_text)s …"


def test_each_worker_looks_at_most_every_interval(
    live_layer, translator, monkeypatch, django_capture_on_commit_callbacks
):
    clock = [1000.0]
    monkeypatch.setattr(live.time, "monotonic", lambda: clock[0])
    live.refresh()  # the first request of a worker looks at once
    with django_capture_on_commit_callbacks(execute=True):
        change("sl", FOOTER, [NEW_FOOTER_SL], translator)
    clock[0] += 9.9
    live.refresh()
    with translation.override("sl"):
        assert translation.gettext(FOOTER) == FOOTER_SL
    clock[0] += 0.1
    live.refresh()
    with translation.override("sl"):
        assert translation.gettext(FOOTER) == NEW_FOOTER_SL


def test_a_lost_cache_entry_is_rebuilt_from_the_database(
    live_layer, translator, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        change("sl", FOOTER, [NEW_FOOTER_SL], translator)
    pages.page_cache().clear()
    with django_assert_num_queries(1):
        live.refresh(force=True)
    with translation.override("sl"):
        assert translation.gettext(FOOTER) == NEW_FOOTER_SL
    with django_assert_num_queries(0):
        live.refresh(force=True)


def test_pages_are_served_when_the_texts_cannot_be_read(
    client, content, live_layer, monkeypatch, caplog
):
    def unavailable():
        raise ConnectionError("cache down")

    monkeypatch.setattr(live, "_current_payload", unavailable)
    response = client.get("/sl/")
    assert response.status_code == 200
    assert FOOTER_SL in response.content.decode()
    assert [r.getMessage() for r in caplog.records if r.name == live.__name__] == [
        "interface texts: could not read the accepted texts"
    ]


def test_public_page_shows_the_new_text_and_the_page_cache_follows(
    client,
    content,
    live_layer,
    settings,
    translator,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    settings.PAGE_CACHE_SECONDS = 600
    clock = [1000.0]
    monkeypatch.setattr(live.time, "monotonic", lambda: clock[0])
    first = client.get("/sl/")
    assert (first["X-Cache"], FOOTER_SL in first.content.decode()) == ("MISS", True)
    assert client.get("/sl/")["X-Cache"] == "HIT"

    with django_capture_on_commit_callbacks(execute=True):
        change("sl", FOOTER, [NEW_FOOTER_SL], translator)
    # Within the interval this worker still renders the old text; the saved change
    # made the stored pages stale, and what it stores now is under its old version.
    stale = client.get("/sl/")
    assert (stale["X-Cache"], FOOTER_SL in stale.content.decode()) == ("MISS", True)
    clock[0] += 10
    fresh = client.get("/sl/")
    assert fresh["X-Cache"] == "MISS"
    body = fresh.content.decode()
    assert NEW_FOOTER_SL in body
    assert FOOTER_SL not in body
    assert client.get("/sl/")["X-Cache"] == "HIT"
    german = client.get("/de/").content.decode()
    assert "Barriere melden" in german
    # No cookie for visitors, as before.
    assert not fresh.cookies


def test_messages_of_url_patterns_change_only_with_a_release(
    client, content, live_layer, translator, django_capture_on_commit_callbacks
):
    assert overrides.is_url_part("imprint/")
    assert overrides.is_url_part("contact.vcf")
    assert not overrides.is_url_part(FOOTER)
    assert not overrides.is_url_part("e.g. Kassel")
    with django_capture_on_commit_callbacks(execute=True):
        change("sl", "imprint/", ["pravno-obvestilo/"], translator)
    live.refresh(force=True)
    assert client.get("/sl/impresum/").status_code == 200
    with translation.override("sl"):
        assert translation.gettext("imprint/") == "impresum/"
    assert InterfaceText.objects.get().status == "live"


def test_an_exported_text_gives_way_once_the_repository_has_moved_on(
    locale_copy,  # noqa: F811
    live_layer,
    translator,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        change("sl", FOOTER, [NEW_FOOTER_SL], translator)
    text = InterfaceText.objects.get()
    # Exported, not yet deployed: the catalogue in use still has the old text.
    InterfaceText.objects.filter(pk=text.pk).update(status="exported")
    with django_capture_on_commit_callbacks(execute=True):
        transaction_publish()
    live.refresh(force=True)
    with translation.override("sl"):
        assert translation.gettext(FOOTER) == NEW_FOOTER_SL
    assert overrides.effective_strings("sl")[("", FOOTER)] == (NEW_FOOTER_SL,)
    # The repository then got yet another text: it wins over the exported one.
    path = ic.catalogue_path("sl", locale_copy)
    catalog = ic.read_catalogue(path)
    catalog.get(FOOTER).string = "Prijava ovire"
    path.write_bytes(ic.catalogue_bytes(catalog))
    assert overrides.effective_strings("sl")[("", FOOTER)] == ("Prijava ovire",)
    assert overrides.in_force("exported", [FOOTER_SL], ["Prijava ovire"]) is False
    assert overrides.in_force("exported", [FOOTER_SL], [FOOTER_SL]) is True
    assert overrides.in_force("live", [FOOTER_SL], ["Prijava ovire"]) is True
    assert overrides.in_force("undone", [FOOTER_SL], [FOOTER_SL]) is False


def transaction_publish():
    from django.db import transaction

    transaction.on_commit(live.publish)


# ---------------------------------------------------------------- uploads and downloads
@pytest.fixture
def sl_client(client, translator, locale_copy):  # noqa: F811
    client.force_login(translator)
    return client


def test_a_second_upload_keeps_the_first_batch_and_the_download_has_both(
    sl_client,
    locale_copy,  # noqa: F811
):
    original = po_bytes(locale_copy, "sl")
    batch1 = po_bytes(locale_copy, "sl", {BRACES: "Od {start} pa do {end}"})
    assert upload(sl_client, "sl", batch1).status_code == 302
    download = sl_client.get(export_url("sl")).content
    assert b'msgstr "Od {start} pa do {end}"' in download

    # The second file was made from a download before the first batch.
    batch2 = original.replace(
        b'msgid "Filter"\nmsgstr "Filtriraj"', b'msgid "Filter"\nmsgstr "Izberi"'
    )
    assert batch2 != original
    response = upload(sl_client, "sl", batch2)
    assert response.status_code == 302
    page = sl_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="de")
    soup = BeautifulSoup(page.content, "html.parser")
    assert [li.get_text(strip=True) for li in soup.select("ul.messagelist li")] == [
        "1 Meldung der Datei hatte noch den veröffentlichten Text, wo später eine Änderung "
        "angenommen wurde; die spätere Änderung bleibt erhalten."
    ]
    assert [
        row.th.get_text(strip=True) for row in soup.select("table.interface-changes tbody tr")
    ] == [PLAIN]

    download = sl_client.get(export_url("sl")).content
    assert b'msgstr "Od {start} pa do {end}"' in download
    assert b'msgid "Filter"\nmsgstr "Izberi"' in download
    # Everything else is the repository's file as it is.
    assert download == original.replace(
        b'msgstr "Od {start} do {end}"', b'msgstr "Od {start} pa do {end}"'
    ).replace(b'msgid "Filter"\nmsgstr "Filtriraj"', b'msgid "Filter"\nmsgstr "Izberi"')
    assert sorted(InterfaceText.objects.values_list("msgid", "status", "strings")) == [
        (PLAIN, "live", ["Izberi"]),
        (BRACES, "live", ["Od {start} pa do {end}"]),
    ]
    uploads = list(InterfaceCatalogueUpload.objects.order_by("pk"))
    assert [(u.changed_count, [c["msgid"] for c in u.changes]) for u in uploads] == [
        (1, [[BRACES]]),
        (1, [[PLAIN]]),
    ]
    assert [
        (c.text.msgid, c.source, c.upload_id, c.old, c.new)
        for c in InterfaceTextChange.objects.order_by("pk")
    ] == [
        (BRACES, "upload", uploads[0].pk, ["Od {start} do {end}"], ["Od {start} pa do {end}"]),
        (PLAIN, "upload", uploads[1].pk, ["Filtriraj"], ["Izberi"]),
    ]
    # The downloaded file, uploaded again, changes nothing.
    assert upload(sl_client, "sl", download).status_code == 302
    assert InterfaceCatalogueUpload.objects.order_by("pk").last().changed_count == 0
    assert InterfaceTextChange.objects.count() == 2


# ---------------------------------------------------------------- one text in the browser form
def form_errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(strip=True) for li in soup.select(".interface-text-form .errorlist li")]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sl", "Prevod spremeni ograde (izvirnik: {end}, {start}; prevod: {start})."),
        ("de", "Die Übersetzung ändert die Platzhalter (Original: {end}, {start}; Übersetzung: {start})."),
        ("en", "The translation changes the placeholders (original: {end}, {start}; translation: {start})."),
    ],
)  # fmt: skip
def test_a_changed_placeholder_is_refused_in_the_users_language_and_the_text_kept(
    sl_client, language, expected
):
    response = sl_client.post(
        text_url("sl", BRACES), {"form_0": "Od {start} naprej"}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    assert form_errors(response) == [expected]
    soup = BeautifulSoup(response.content, "html.parser")
    # A textarea's first line break is dropped by browsers (Django writes one).
    assert soup.select_one("#id_form_0").get_text() == "\nOd {start} naprej"
    assert InterfaceText.objects.count() == 0


def test_an_empty_text_is_refused(sl_client):
    response = sl_client.post(text_url("sl", PLAIN), {"form_0": ""}, HTTP_ACCEPT_LANGUAGE="sl")
    assert form_errors(response) == ["Prevod je prazen."]
    assert InterfaceText.objects.count() == 0


def test_a_translation_may_not_add_or_drop_html(sl_client):
    # Texts from {% translate %} are not escaped: markup typed here would reach public pages.
    response = sl_client.post(
        text_url("sl", FOOTER),
        {"form_0": 'Prijavite <a href="https://example.org">oviro</a>'},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert form_errors(response) == [
        "Die Übersetzung ändert das HTML-Markup (Original: keine; "
        'Übersetzung: </a>, <a href="https://example.org">).'
    ]
    strong = "This action will <strong>enable</strong> password-based authentication for this user."
    response = sl_client.post(
        text_url("sl", strong),
        {"form_0": "S tem dejanjem boste za tega uporabnika omogočili prijavo z geslom."},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert form_errors(response) == [
        "The translation changes the HTML markup (original: </strong>, <strong>; translation: none)."
    ]
    assert InterfaceText.objects.count() == 0
    response = sl_client.post(
        text_url("sl", strong),
        {"form_0": "To dejanje bo <strong>omogočilo</strong> prijavo z geslom za tega uporabnika."},
    )
    assert response.status_code == 302
    assert InterfaceText.objects.get().msgid == strong


def test_a_text_is_changed_twice_and_undone_step_by_step(
    sl_client, translator, django_capture_on_commit_callbacks
):
    url = text_url("sl", PLAIN)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = sl_client.post(url, {"form_0": "Izberi"}, HTTP_ACCEPT_LANGUAGE="sl")
        second = sl_client.post(url, {"form_0": "Izbor\r\nvrstice"}, HTTP_ACCEPT_LANGUAGE="sl")
        same = sl_client.post(url, {"form_0": "Izbor\nvrstice"}, HTTP_ACCEPT_LANGUAGE="sl")
    assert [r.status_code for r in (first, second, same)] == [302, 302, 302]
    assert len(callbacks) == 2  # nothing published for the unchanged third save
    text = InterfaceText.objects.get()
    assert (text.language, text.msgid, text.strings, text.baseline, text.status) == (
        "sl", PLAIN, ["Izbor\nvrstice"], ["Filtriraj"], "live",
    )  # fmt: skip

    page = sl_client.get(url, HTTP_ACCEPT_LANGUAGE="sl")
    soup = BeautifulSoup(page.content, "html.parser")
    assert [li.get_text(strip=True) for li in soup.select("ul.messagelist li")] == [
        "Besedilo je shranjeno. Na spletnem mestu bo v eni minuti.",
        "Besedilo je shranjeno. Na spletnem mestu bo v eni minuti.",
        "Nič ni spremenjeno: besedilo je enako.",
    ]
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["td"])][1:4]
        for row in soup.select("table.interface-history tbody tr")
    ]
    assert rows == [
        ["spremenjeno v brskalniku", "Izberi", "Izbor\nvrstice"],
        ["spremenjeno v brskalniku", "Filtriraj", "Izberi"],
    ]
    assert len(soup.select("table.interface-history form")) == 1  # undo only the latest
    english_source = soup.select_one(".interface-sources section .interface-source")
    assert (english_source.get_text(), english_source["lang"]) == (PLAIN, "en")
    german = soup.select(".interface-sources section")[1].select_one(".interface-source")
    assert (german.get_text(), german["lang"]) == ("Filtern", "de")

    latest, earlier = InterfaceTextChange.objects.order_by("-pk")
    with django_capture_on_commit_callbacks(execute=True):
        # Only the latest change can be undone.
        refused = sl_client.post(f"{DASHBOARD}interface/changes/{earlier.pk}/undo/")
        sl_client.post(f"{DASHBOARD}interface/changes/{latest.pk}/undo/")
    assert refused.status_code == 302
    text.refresh_from_db()
    assert (text.strings, text.status) == (["Izberi"], "live")
    undo = InterfaceTextChange.objects.order_by("-pk").first()
    assert (undo.source, undo.old, undo.new, undo.changed_by) == (
        "undo", ["Izbor\nvrstice"], ["Izberi"], translator,
    )  # fmt: skip
    assert InterfaceTextChange.objects.get(pk=latest.pk).undone is True
    assert InterfaceTextChange.objects.get(pk=earlier.pk).undone is False

    with django_capture_on_commit_callbacks(execute=True):
        # Undoing the undo brings the change back; typing the released text ends the change.
        sl_client.post(f"{DASHBOARD}interface/changes/{undo.pk}/undo/")
        text.refresh_from_db()
        assert text.strings == ["Izbor\nvrstice"]
        sl_client.post(url, {"form_0": "Filtriraj"})
    text.refresh_from_db()
    assert (text.strings, text.status) == (["Filtriraj"], "undone")
    assert overrides.effective_strings("sl")[("", PLAIN)] == ("Filtriraj",)
    assert InterfaceTextChange.objects.count() == 5


def test_a_translator_may_change_only_the_own_language(client, translator, django_user_model):
    client.force_login(translator)
    assert client.get(text_url("en", PLAIN)).status_code == 403
    assert client.post(text_url("en", PLAIN), {"form_0": "x"}).status_code == 403
    assert client.get(text_url("fr", PLAIN)).status_code == 404
    assert client.get(f"{TEXTS}sl/0000000000000000/").status_code == 404
    english = make_user(django_user_model, "translator-en", translator_group("en"))
    client.force_login(translator)
    change("sl", PLAIN, ["Izberi"], translator)
    step = InterfaceTextChange.objects.get()
    client.force_login(english)
    assert client.post(f"{DASHBOARD}interface/changes/{step.pk}/undo/").status_code == 403
    assert InterfaceTextChange.objects.count() == 1
    clerk = make_user(django_user_model, "clerk")
    client.force_login(clerk)
    assert client.get(TEXTS).status_code == 403


def test_search_by_english_or_german_text(sl_client):
    def found(query):
        response = sl_client.get(TEXTS, {"language": "sl", "q": query}, HTTP_ACCEPT_LANGUAGE="sl")
        soup = BeautifulSoup(response.content, "html.parser")
        return [
            row.find(["th", "td"]).get_text(" ", strip=True)
            for row in soup.select("table.interface-texts tbody tr")
        ]

    assert found("report a barrier") == [FOOTER]
    assert found("Barriere melden") == [FOOTER]
    assert found("PRIJAVITE OVIRO") == [FOOTER]
    assert found("zzzz-nothing") == ["Nobeno besedilo ne vsebuje teh besed."]
    response = sl_client.get(TEXTS, {"language": "sl", "q": "Barriere melden"})
    soup = BeautifulSoup(response.content, "html.parser")
    [row] = soup.select("table.interface-texts tbody tr")
    assert [td.get_text(strip=True) for td in row.find_all("td")] == [
        "Barriere melden",
        FOOTER_SL,
        "wie veröffentlicht",
    ]
    assert row.find("a")["href"] == text_url("sl", FOOTER)
    # Another language than one's own is not offered, and not searched.
    response = sl_client.get(TEXTS, {"language": "en", "q": "Filter"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#interface-language option[selected]")["value"] == "sl"


# ---------------------------------------------------------------- in a browser
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_translator_changes_a_text_in_the_browser_and_sees_it_live(
    page, live_server, content, settings, django_user_model, language
):
    settings.INTERFACE_TEXTS_CHECK_SECONDS = 1
    pages.page_cache().clear()
    live.forget()
    try:
        _change_in_the_browser(page, live_server, django_user_model, language)
    finally:
        live.forget()
        pages.page_cache().clear()


LABELS = {
    "de": {"save": "Speichern", "saved": "Der Text wurde gespeichert.",
           "undo": "Diese Änderung rückgängig machen", "undone": "Die Änderung wurde rückgängig gemacht.",
           "error": "Die Übersetzung ändert die Platzhalter"},
    "en": {"save": "Save", "saved": "The text was saved.",
           "undo": "Undo this change", "undone": "The change was undone.",
           "error": "The translation changes the placeholders"},
    "sl": {"save": "Shrani", "saved": "Besedilo je shranjeno.",
           "undo": "Razveljavi to spremembo", "undone": "Sprememba je razveljavljena.",
           "error": "Prevod spremeni ograde"},
}  # fmt: skip


def _footer(page, site):
    open_page(page, f"{site}/sl/")
    return page.locator("footer").inner_text()


def _wait_for_footer(page, site, text, seconds=15):
    import time

    deadline = time.monotonic() + seconds
    while True:
        footer = _footer(page, site)
        if text in footer or time.monotonic() > deadline:
            return footer
        time.sleep(0.5)


def _change_in_the_browser(page, live_server, django_user_model, language):
    make_user(django_user_model, "prevajalka", translator_group("sl"))
    site = live_server.url
    labels = LABELS[language]
    public = page.context.browser.new_page()
    assert FOOTER_SL in _footer(public, site)

    sign_in_to_admin(page, site, "prevajalka", PASSWORD, DASHBOARD, language)
    page.get_by_role("link", name={
        "de": "Einen einzelnen Text suchen und ändern",
        "en": "Find and change a single text",
        "sl": "Poišči in spremeni posamezno besedilo",
    }[language]).click()  # fmt: skip
    page.wait_for_url(f"{site}{TEXTS}")
    assert_no_axe_violations(page)
    page.locator("#interface-query").fill("Barriere melden")
    page.locator(".interface-search button").click()
    page.wait_for_url(re.compile(r".*\?language=sl&q=Barriere"))
    assert page.locator("table.interface-texts tbody tr").count() == 1
    assert_no_axe_violations(page)
    page.get_by_role("link", name=FOOTER).click()
    page.wait_for_url(f"{site}{text_url('sl', FOOTER)}")
    assert page.locator(".interface-sources").inner_text().count("Barriere melden") == 1
    assert_no_axe_violations(page)

    field = page.locator("#id_form_0")
    assert field.input_value() == FOOTER_SL
    field.fill("")
    field.type(NEW_FOOTER_SL)
    page.get_by_role("button", name=labels["save"]).click()
    page.wait_for_url(f"{site}{text_url('sl', FOOTER)}")
    assert labels["saved"] in page.locator("ul.messagelist").inner_text()
    assert page.locator("#id_form_0").input_value() == NEW_FOOTER_SL
    assert page.locator("table.interface-history tbody tr").count() == 1

    footer = _wait_for_footer(public, site, NEW_FOOTER_SL)
    assert NEW_FOOTER_SL in footer
    assert FOOTER_SL not in footer

    # After a reload the form still shows the saved text; a broken placeholder
    # elsewhere is refused in the admin's language and the typed text stays.
    page.reload()
    assert page.locator("#id_form_0").input_value() == NEW_FOOTER_SL
    open_page(page, f"{site}{text_url('sl', BRACES)}")
    page.locator("#id_form_0").fill("Od {start} naprej")
    page.get_by_role("button", name=labels["save"]).click()
    assert labels["error"] in page.locator(".errornote").inner_text()
    assert page.locator("#id_form_0").input_value() == "Od {start} naprej"
    assert_no_axe_violations(page)

    open_page(page, f"{site}{text_url('sl', FOOTER)}")
    page.get_by_role("button", name=labels["undo"]).click()
    page.wait_for_url(f"{site}{text_url('sl', FOOTER)}")
    assert labels["undone"] in page.locator("ul.messagelist").inner_text()
    assert page.locator("#id_form_0").input_value() == FOOTER_SL
    assert page.locator("table.interface-history tbody tr").count() == 2
    footer = _wait_for_footer(public, site, FOOTER_SL)
    assert FOOTER_SL in footer
    assert NEW_FOOTER_SL not in footer
    assert [(c.source, c.old, c.new) for c in InterfaceTextChange.objects.order_by("pk")] == [
        ("browser", [FOOTER_SL], [NEW_FOOTER_SL]),
        ("undo", [NEW_FOOTER_SL], [FOOTER_SL]),
    ]
    assert InterfaceText.objects.get().status == "undone"
    public.close()
