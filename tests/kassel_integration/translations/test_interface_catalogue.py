"""Interface texts (.po) on the translation dashboard: who may export and import, the checks
an upload must pass, the stored result, the export command and the pages in a browser.

Every test works on a copy of locale/ (the `locale_copy` fixture): the real catalogues are
never written.
"""

import difflib
import importlib
import io
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from kassel_integration.editorial.roles import translator_group
from kassel_integration.models import InterfaceCatalogueUpload, InterfaceText
from kassel_integration.translations import catalogue as ic
from tests.browser import assert_no_axe_violations, sign_in_to_admin
from tests.kassel_integration.admin_helpers import ADMIN, ensure_roles
from tests.languages import LANGUAGES
from tests.tools import check_po

DASHBOARD = f"{ADMIN}kassel_integration/translationstate/"
IMPORT = f"{DASHBOARD}interface/import/"
PASSWORD = "correct-horse-battery"

# Real messages of the catalogue, one per kind of placeholder.
NAMED = "The %(language)s version (tab “%(code)s”) has errors in: %(fields)s."
BRACES = "From {start} to {end}"
PLURAL = "%(count)s registration cancelled; the waiting list has moved up where places became free."
PLAIN = "Filter"


def export_url(language):
    return f"{DASHBOARD}interface/{language}/export/"


def make_user(django_user_model, username, *groups, superuser=False):
    ensure_roles()
    user = django_user_model.objects.create_user(
        username, password=PASSWORD, is_staff=True, is_superuser=superuser
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def locale_copy(tmp_path, settings):
    """A copy of locale/ (with the compiled .mo files) that the site reads and writes instead."""
    source = Path(settings.LOCALE_PATHS[0])
    if not any(source.glob("*/LC_MESSAGES/django.mo")):
        pytest.fail("compile the messages first (make messages): the tests read German pages")
    copy = tmp_path / "locale"
    shutil.copytree(source, copy)
    settings.LOCALE_PATHS = [copy]
    return copy


def catalogue(locale_dir, language):
    return ic.read_catalogue(ic.catalogue_path(language, locale_dir))


def po_bytes(locale_dir, language, strings=None, fuzzy=(), extra=(), replace=()):
    """The current catalogue of `language` with some translations replaced, as a file."""
    catalog = catalogue(locale_dir, language)
    for msgid, string in (strings or {}).items():
        catalog.get(msgid).string = string
    for msgid in fuzzy:
        catalog.get(msgid).flags.add("fuzzy")
    for msgid, string in extra:
        catalog.add(msgid, string)
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, include_previous=False)
    data = out.getvalue()
    for old, new in replace:
        assert old in data
        data = data.replace(old, new)
    return data


def upload(client, language, data, name="django.po"):
    return client.post(
        IMPORT,
        {"language": language, "catalogue": SimpleUploadedFile(name, data)},
        HTTP_ACCEPT_LANGUAGE="de",
    )


def problems_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (row.th.get_text(" ", strip=True), row.td.get_text(" ", strip=True))
        for row in soup.select("table.interface-problems tbody tr")
    ]


def field_errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(strip=True) for li in soup.select(".interface-upload ul.errorlist li")]


@pytest.fixture
def people(db, django_user_model):
    return {
        "en": make_user(django_user_model, "en-translator", translator_group("en")),
        "sl": make_user(django_user_model, "sl-translator", translator_group("sl")),
        "editor": make_user(django_user_model, "editor", "Editors"),
        "content": make_user(django_user_model, "content-translator", "Translators"),
        "clerk": make_user(django_user_model, "clerk"),
        "admin": make_user(django_user_model, "admin", superuser=True),
    }


# ---------------------------------------------------------------- groups and permissions
def test_migration_and_code_name_the_same_groups():
    migration = importlib.import_module("kassel_integration.migrations.0006_interface_catalogue")
    assert {
        translator_group("en"): [ic.permission_codename("en")],
        translator_group("sl"): [ic.permission_codename("sl")],
        "Editors": [ic.permission_codename(settings.MODELTRANSLATION_DEFAULT_LANGUAGE)],
    } == migration.GROUPS


EXPORT_MATRIX = {
    # who: (de, en, sl)
    "en": (403, 200, 403),
    "sl": (403, 403, 200),
    "editor": (200, 403, 403),
    "content": (403, 403, 403),
    "clerk": (403, 403, 403),
    "admin": (200, 200, 200),
}


@pytest.mark.parametrize("who", EXPORT_MATRIX)
def test_export_permission_matrix(client, people, locale_copy, who):
    client.force_login(people[who])
    statuses = tuple(client.get(export_url(code)).status_code for code in LANGUAGES)
    assert statuses == EXPORT_MATRIX[who]


def test_anonymous_is_sent_to_the_login(client, people, locale_copy):
    for url in (export_url("en"), IMPORT, DASHBOARD):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{ADMIN}login/?next=")
    response = upload(client, "en", po_bytes(locale_copy, "en"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{ADMIN}login/")
    assert InterfaceCatalogueUpload.objects.count() == 0


def test_unknown_language_is_not_found(client, people, locale_copy):
    client.force_login(people["admin"])
    assert client.get(export_url("fr")).status_code == 404


def test_export_is_the_current_file_as_a_download(client, people, locale_copy):
    client.force_login(people["sl"])
    response = client.get(export_url("sl"))
    assert response.status_code == 200
    assert response.content == (locale_copy / "sl/LC_MESSAGES/django.po").read_bytes()
    assert response["Content-Type"] == "text/x-gettext-translation; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kassel-integration-sl.po"'
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("who", "language"),
    [("en", "sl"), ("sl", "en"), ("en", "de"), ("clerk", "en"), ("content", "sl")],
)
def test_import_of_a_language_not_ones_own_is_forbidden(client, people, locale_copy, who, language):
    client.force_login(people[who])
    data = po_bytes(locale_copy, language, {PLAIN: f"{language} changed"})
    assert upload(client, language, data).status_code == 403
    assert InterfaceCatalogueUpload.objects.count() == 0


def test_uploads_of_other_languages_cannot_be_seen(client, people, locale_copy):
    client.force_login(people["sl"])
    response = upload(client, "sl", po_bytes(locale_copy, "sl", {PLAIN: "Izberi"}))
    assert response.status_code == 302
    stored = InterfaceCatalogueUpload.objects.get()
    page = f"{DASHBOARD}interface/uploads/{stored.pk}/"
    assert client.get(page).status_code == 200
    assert client.get(f"{page}download/").content == stored.po_text.encode()
    client.force_login(people["en"])
    assert client.get(page).status_code == 403
    assert client.get(f"{page}download/").status_code == 403
    client.force_login(people["admin"])
    assert client.get(page).status_code == 200


def test_dashboard_section_only_for_people_with_a_language(client, people, locale_copy):
    expected = {
        "en": ["Englisch"],
        "sl": ["Slowenisch"],
        "editor": ["Deutsch"],
        "admin": ["Deutsch", "Englisch", "Slowenisch"],
        "content": None,
    }
    for who, languages in expected.items():
        client.force_login(people[who])
        soup = BeautifulSoup(client.get(DASHBOARD).content, "html.parser")
        section = soup.find(id="interface-texts")
        if languages is None:
            assert section is None, who
            continue
        assert [o.get_text() for o in section.select("#id_language option")] == languages
        assert [a["href"] for a in section.select(".interface-downloads a")] == [
            export_url(code) for code in LANGUAGES if ic.language_name(code) in languages
        ]


# ---------------------------------------------------------------- checks of an upload
@pytest.fixture
def sl_client(client, people, locale_copy):
    client.force_login(people["sl"])
    return client


def rejected(response):
    assert response.status_code == 200
    assert InterfaceCatalogueUpload.objects.count() == 0
    return problems_of(response)


def test_dropped_and_changed_named_placeholders_are_rejected(sl_client, locale_copy):
    data = po_bytes(
        locale_copy,
        "sl",
        {
            NAMED: "Jezikovna različica %(language)s vsebuje napake v: %(fields)s.",
            BRACES: "Od {start} do {konec}",
        },
    )
    assert rejected(upload(sl_client, "sl", data)) == [
        (
            NAMED,
            "Die Übersetzung ändert die Platzhalter (Original: %(code)s, %(fields)s, "
            "%(language)s; Übersetzung: %(fields)s, %(language)s).",
        ),
        (
            BRACES,
            "Die Übersetzung ändert die Platzhalter (Original: {end}, {start}; "
            "Übersetzung: {konec}, {start}).",
        ),
    ]


def test_dropped_brace_placeholder_and_renamed_named_one_are_rejected(sl_client, locale_copy):
    data = po_bytes(
        locale_copy,
        "sl",
        {
            BRACES: "Od {start}",
            NAMED: "Različica %(jezik)s (zavihek »%(code)s«) vsebuje napake v: %(fields)s.",
        },
    )
    assert rejected(upload(sl_client, "sl", data)) == [
        (
            NAMED,
            "Die Übersetzung ändert die Platzhalter (Original: %(code)s, %(fields)s, "
            "%(language)s; Übersetzung: %(code)s, %(fields)s, %(jezik)s).",
        ),
        (
            BRACES,
            "Die Übersetzung ändert die Platzhalter (Original: {end}, {start}; "
            "Übersetzung: {start}).",
        ),
    ]


def test_changed_plural_placeholder_is_rejected(sl_client, locale_copy):
    forms = list(catalogue(locale_copy, "sl").get(PLURAL).string)
    forms[2] = forms[2].replace("%(count)s", "%(number)s")
    data = po_bytes(locale_copy, "sl", {PLURAL: tuple(forms)})
    assert rejected(upload(sl_client, "sl", data)) == [
        (
            PLURAL,
            "Pluralform 3 ändert die Platzhalter (Original: %(count)s; Übersetzung: %(number)s).",
        )
    ]


def test_unknown_fuzzy_empty_and_other_plural_are_all_listed_in_file_order(sl_client, locale_copy):
    data = po_bytes(
        locale_copy,
        "sl",
        {"Previous page": ""},
        fuzzy=[PLAIN],
        extra=[("A message nobody wrote", "Sporočilo")],
        replace=[
            (
                b'msgid "From {start} to {end}"\nmsgstr "Od {start} do {end}"',
                b'msgid "From {start} to {end}"\nmsgid_plural "From {start} to {end} (all)"\n'
                b'msgstr[0] "Od {start}"\nmsgstr[1] "Od"\n',
            ),
        ],
    )
    assert rejected(upload(sl_client, "sl", data)) == [
        ("Previous page", "Die Übersetzung ist leer."),
        (PLAIN, "Die Übersetzung ist als „fuzzy“ (ungeprüft) markiert."),
        (BRACES, "Die Pluralform dieser Meldung weicht vom aktuellen Katalog ab."),
        ("A message nobody wrote", "Diese Meldung ist nicht im aktuellen Katalog."),
    ]


def test_a_wrong_plural_forms_header_is_reported_for_every_plural_message(sl_client, locale_copy):
    forms = catalogue(locale_copy, "sl").get(PLURAL).string
    last_form = f'msgstr[3] "{forms[3]}"\n'.encode()
    data = po_bytes(
        locale_copy,
        "sl",
        replace=[
            (b"nplurals=4;", b"nplurals=5;"),
            (last_form, last_form + b'msgstr[4] "Preklicanih je %(count)s prijav."\n'),
        ],
    )
    plurals = [m.id[0] for m in catalogue(locale_copy, "sl") if isinstance(m.id, tuple)]
    assert len(plurals) > 3
    assert rejected(upload(sl_client, "sl", data)) == [
        (msgid, "Anzahl der Pluralformen: 5 statt 4.") for msgid in plurals
    ]


def test_missing_plural_forms_count_as_untranslated(sl_client, locale_copy):
    forms = catalogue(locale_copy, "sl").get(PLURAL).string
    assert rejected(upload(sl_client, "sl", po_bytes(locale_copy, "sl", {PLURAL: forms[:2]}))) == [
        (PLURAL, "Die Übersetzung ist leer.")
    ]


def test_too_many_plural_forms_for_the_header_make_the_file_unreadable(sl_client, locale_copy):
    forms = catalogue(locale_copy, "sl").get(PLURAL).string
    last_form = f'msgstr[3] "{forms[3]}"\n'.encode()
    data = po_bytes(locale_copy, "sl", replace=[(last_form, last_form + b'msgstr[4] "x"\n')])
    response = upload(sl_client, "sl", data)
    assert rejected(response) == []
    # Babel names the line where the message starts.
    line = data.decode()[: data.decode().index(f'msgid "{PLURAL}"')].count("\n") + 1
    assert field_errors(response) == [
        f"Dies ist keine lesbare .po-Datei: Zeile {line} ist ungültig."
    ]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Die Datei ist nicht UTF-8-kodiert."),
        (b"Hallo, das ist keine Datei\n", "Dies ist keine lesbare .po-Datei: Zeile 1"),
        (b"", "Die übertragene Datei ist leer."),
        (b"   \n", "Die Datei ist leer."),
        (b'msgid ""\nmsgstr ""\n"Language: sl\\n"\n', "keine Meldungen"),
    ],
)
def test_garbage_is_rejected_with_a_message(sl_client, data, error):
    response = upload(sl_client, "sl", data, name="catalogue.po")
    assert rejected(response) == []
    [message] = field_errors(response)
    assert error in message


def test_wrong_language_header_is_rejected(sl_client, locale_copy):
    data = po_bytes(locale_copy, "en")
    response = upload(sl_client, "sl", data)
    assert rejected(response) == []
    assert field_errors(response) == [
        "Der Language-Kopf der Datei lautet „en“, eine Datei für Slowenisch muss aber „sl“ angeben."
    ]
    # The upload form is shown again, with the language still chosen.
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#id_language option[selected]")["value"] == "sl"


def test_latin1_charset_is_rejected(sl_client, locale_copy):
    data = po_bytes(locale_copy, "sl", replace=[(b"charset=utf-8", b"charset=iso-8859-2")])
    response = upload(sl_client, "sl", data)
    assert rejected(response) == []
    assert field_errors(response) == [
        "Die Datei gibt den Zeichensatz „iso-8859-2“ an; nur UTF-8 wird angenommen."
    ]


def test_a_file_over_the_limit_is_rejected_unread(sl_client, locale_copy):
    data = po_bytes(locale_copy, "sl") + b"#" * ic.MAX_UPLOAD_BYTES
    response = upload(sl_client, "sl", data)
    assert rejected(response) == []
    assert field_errors(response) == ["Die Datei ist größer als 2 MB."]


def test_rejection_is_in_the_users_language(sl_client, locale_copy):
    data = po_bytes(locale_copy, "sl", fuzzy=[PLAIN])
    response = sl_client.post(
        IMPORT,
        {"language": "sl", "catalogue": SimpleUploadedFile("django.po", data)},
        HTTP_ACCEPT_LANGUAGE="sl",
    )
    assert problems_of(response) == [(PLAIN, "Prevod je označen kot »fuzzy« (ni preverjen).")]


# ---------------------------------------------------------------- accepted upload
def test_valid_upload_is_stored_with_exact_counts_and_shows_the_changes(sl_client, locale_copy):
    current = catalogue(locale_copy, "sl")
    old_plural = current.get(PLURAL).string
    new_plural = tuple(form.replace("Preklic", "Odpoved") for form in old_plural)
    assert new_plural != old_plural
    data = po_bytes(
        locale_copy,
        "sl",
        {BRACES: "Od {start} pa do {end}", PLURAL: new_plural, PLAIN: current.get(PLAIN).string},
    )
    response = upload(sl_client, "sl", data)
    stored = InterfaceCatalogueUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{DASHBOARD}interface/uploads/{stored.pk}/"
    total = sum(1 for message in current if message.id)
    assert (stored.language, stored.message_count, stored.changed_count) == ("sl", total, 2)
    assert stored.uploaded_by.username == "sl-translator"
    assert stored.po_text == data.decode()
    assert stored.changes == [
        {"msgid": [PLURAL, current.get(PLURAL).id[1]], "context": None,
         "old": list(old_plural), "new": list(new_plural)},
        {"msgid": [BRACES], "context": None, "old": ["Od {start} do {end}"],
         "new": ["Od {start} pa do {end}"]},
    ]  # fmt: skip
    # The repository's catalogue is untouched: the texts are stored, and exported later.
    assert catalogue(locale_copy, "sl").get(BRACES).string == "Od {start} do {end}"
    assert sorted(InterfaceText.objects.values_list("msgid", "status", "strings")) == [
        (PLURAL, "live", list(new_plural)),
        (BRACES, "live", ["Od {start} pa do {end}"]),
    ]

    page = sl_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="de")
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one(".interface-accepted").get_text(" ", strip=True) == (
        f"Die Datei für Slowenisch hat alle Prüfungen bestanden und wurde gespeichert. "
        f"Meldungen in der Datei: {total}; geändert: 2."
    )
    rows = [
        [cell.get_text(" | ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in soup.select("table.interface-changes tbody tr")
    ]
    assert rows == [
        [PLURAL, " | ".join(old_plural), " | ".join(new_plural)],
        [BRACES, "Od {start} do {end}", "Od {start} pa do {end}"],
    ]


def test_dashboard_lists_recent_uploads_of_ones_languages_in_constant_queries(
    client, people, locale_copy, django_assert_num_queries
):
    for index in range(3):
        InterfaceCatalogueUpload.objects.create(
            language="sl",
            uploaded_by=people["sl"],
            po_text="",
            message_count=9,
            changed_count=index,
        )
    InterfaceCatalogueUpload.objects.create(
        language="en", uploaded_by=people["en"], po_text="", message_count=9, changed_count=1
    )
    client.force_login(people["sl"])
    client.get(DASHBOARD)

    def rows():
        with django_assert_num_queries(8):
            html = client.get(DASHBOARD, {"model": "concept.goal"}).content
        return [
            [td.get_text(strip=True) for td in row.find_all("td")]
            for row in BeautifulSoup(html, "html.parser").select(".interface-uploads tbody tr")
        ]

    assert rows() == [["Slowenisch", "sl-translator", "9", str(n)] for n in (2, 1, 0)]
    for _ in range(10):
        InterfaceCatalogueUpload.objects.create(
            language="sl", uploaded_by=people["admin"], po_text="", message_count=9, changed_count=5
        )
    assert len(rows()) == 13


# ---------------------------------------------------------------- exporting what was accepted
def test_export_writes_exactly_the_changed_translations(sl_client, locale_copy, capsys):
    path = locale_copy / "sl/LC_MESSAGES/django.po"
    before = path.read_text()
    current = catalogue(locale_copy, "sl")
    new_plural = (
        "Preklicana je %(count)s prijava.",
        "Preklicani sta %(count)s prijavi.",
        "Preklicane so %(count)s prijave.",
        "Preklicanih je %(count)s prijav.",
    )
    data = po_bytes(locale_copy, "sl", {BRACES: "Od {start} pa do {end}", PLURAL: new_plural})
    assert upload(sl_client, "sl", data).status_code == 302

    call_command("export_interface_texts", "sl", locale_dir=str(locale_copy))

    after = path.read_text()
    diff = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff == [
        '-msgstr[0] "Preklicana je %(count)s prijava; kjer so se sprostila mesta, se je čakalna '
        'lista pomaknila naprej."',
        '-msgstr[1] ""',
        '-"Preklicani sta %(count)s prijavi; kjer so se sprostila mesta, se je čakalna lista '
        'pomaknila "',
        '-"naprej."',
        '-msgstr[2] "Preklicane so %(count)s prijave; kjer so se sprostila mesta, se je čakalna '
        'lista pomaknila naprej."',
        '-msgstr[3] "Preklicanih je %(count)s prijav; kjer so se sprostila mesta, se je čakalna '
        'lista pomaknila naprej."',
        '+msgstr[0] "Preklicana je %(count)s prijava."',
        '+msgstr[1] "Preklicani sta %(count)s prijavi."',
        '+msgstr[2] "Preklicane so %(count)s prijave."',
        '+msgstr[3] "Preklicanih je %(count)s prijav."',
        '-msgstr "Od {start} do {end}"',
        '+msgstr "Od {start} pa do {end}"',
    ]
    applied = read_po(io.BytesIO(after.encode()))
    assert applied.get(PLURAL).string == new_plural
    assert applied.get(BRACES).string == "Od {start} pa do {end}"
    unchanged = catalogue(Path(settings.LOCALE_PATHS[0]), "sl")
    for message in applied:
        if message.id and ic.as_tuple(message.id)[0] not in (PLURAL, BRACES):
            assert message.string == current.get(message.id, message.context).string
    assert len(applied) == len(unchanged)
    assert f"sl: 2 texts written into {path}, 2 marked exported" in capsys.readouterr().out
    assert sorted(InterfaceText.objects.values_list("msgid", "status")) == [
        (PLURAL, "exported"),
        (BRACES, "exported"),
    ]
    # Still a complete, CI-clean catalogue.
    assert check_po.problems_in(path) == []

    call_command("export_interface_texts", "sl", locale_dir=str(locale_copy))
    assert path.read_text() == after
    assert f"sl: 0 texts written into {path}, 0 marked exported" in capsys.readouterr().out


def test_export_to_standard_output_marks_nothing(sl_client, locale_copy, capsysbinary):
    data = po_bytes(locale_copy, "sl", {BRACES: "Od {start} pa do {end}"})
    assert upload(sl_client, "sl", data).status_code == 302
    path = locale_copy / "sl/LC_MESSAGES/django.po"
    before = path.read_bytes()

    call_command("export_interface_texts", "sl", locale_dir=str(locale_copy), output="-")

    out = capsysbinary.readouterr().out
    assert read_po(io.BytesIO(out)).get(BRACES).string == "Od {start} pa do {end}"
    assert out == before.replace(
        b'msgstr "Od {start} do {end}"', b'msgstr "Od {start} pa do {end}"'
    )
    assert path.read_bytes() == before
    assert InterfaceText.objects.get().status == "live"


def test_export_skips_messages_removed_from_the_code(sl_client, locale_copy, capsys):
    data = po_bytes(locale_copy, "sl", {BRACES: "Od {start} pa do {end}", PLAIN: "Izberi"})
    assert upload(sl_client, "sl", data).status_code == 302
    path = locale_copy / "sl/LC_MESSAGES/django.po"
    catalog = ic.read_catalogue(path)
    catalog.delete(BRACES)
    path.write_bytes(ic.catalogue_bytes(catalog))

    call_command("export_interface_texts", "sl", locale_dir=str(locale_copy))

    assert f"sl: 1 texts written into {path}, 1 marked exported" in capsys.readouterr().out
    assert ic.read_catalogue(path).get(PLAIN).string == "Izberi"
    assert dict(InterfaceText.objects.values_list("msgid", "status")) == {
        PLAIN: "exported",
        BRACES: "live",
    }


def test_markup_added_in_an_upload_is_rejected(sl_client, locale_copy):
    data = po_bytes(locale_copy, "sl", {PLAIN: "<b>Filtriraj</b>"})
    assert rejected(upload(sl_client, "sl", data)) == [
        (PLAIN, "Die Übersetzung ändert das HTML-Markup (Original: keine; Übersetzung: </b>, <b>).")
    ]


def test_ci_check_uses_the_same_markup_rule(locale_copy):
    path = locale_copy / "sl/LC_MESSAGES/django.po"
    path.write_bytes(po_bytes(locale_copy, "sl", {PLAIN: '<img src="x">Filtriraj'}))
    assert check_po.problems_in(path) == [
        f"{path}: {PLAIN!r} changes HTML markup [] to ['<img src=\"x\">']"
    ]


def test_ci_check_uses_the_same_placeholder_rule(locale_copy):
    path = locale_copy / "sl/LC_MESSAGES/django.po"
    path.write_bytes(po_bytes(locale_copy, "sl", {BRACES: "Od {start}"}))
    assert check_po.problems_in(path) == [
        f"{path}: {BRACES!r} changes placeholders ['{{end}}', '{{start}}'] to ['{{start}}']"
    ]


# ---------------------------------------------------------------- in a browser
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_interface_pages_have_no_axe_violations(
    page, live_server, locale_copy, django_user_model, language
):
    make_user(django_user_model, "prevajalka", translator_group("sl"))
    sign_in_to_admin(page, live_server.url, "prevajalka", PASSWORD, DASHBOARD, language)
    assert page.locator("html").get_attribute("lang") == language
    section = page.locator("#interface-texts")
    assert (
        section.locator("h2").inner_text()
        == {
            "de": "Oberflächentexte",
            "en": "Interface texts",
            "sl": "Besedila vmesnika",
        }[language]
    )
    assert_no_axe_violations(page)

    # A file with a problem: the rejection page lists it.
    broken = po_bytes(locale_copy, "sl", {BRACES: "Od {start}"})
    section.locator("input[type=file]").set_input_files(
        {"name": "django.po", "mimeType": "text/x-gettext-translation", "buffer": broken}
    )
    section.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}{IMPORT}")
    assert page.locator("table.interface-problems tbody tr").count() == 1
    assert_no_axe_violations(page)

    # The corrected file: accepted, with its changes.
    fixed = po_bytes(locale_copy, "sl", {BRACES: "Od {start} pa do {end}"})
    page.locator("input[type=file]").set_input_files(
        {"name": "django.po", "mimeType": "text/x-gettext-translation", "buffer": fixed}
    )
    page.locator(".interface-upload button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}{DASHBOARD}interface/uploads/*/")
    assert page.locator("table.interface-changes tbody tr").count() == 1
    assert_no_axe_violations(page)
