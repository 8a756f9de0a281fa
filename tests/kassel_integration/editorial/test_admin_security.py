"""Admin safety: login throttling per user and address, its audit, passwords, session expiry."""

import datetime
from unittest import mock

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import RequestFactory, override_settings

from kassel_integration.editorial.sign_in import client_ip
from tests.kassel_integration.admin_helpers import ADMIN, errors_of, member

pytestmark = pytest.mark.django_db

LOGIN = f"{ADMIN}login/"
PASSWORD = "correct-horse-battery"  # the test users' password, see admin_helpers
ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.20"
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def editor(django_user_model):
    return member(django_user_model, "Editors", username="redakteurin")


def sign_in(client, username, password, address, **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": ADMIN},
        REMOTE_ADDR=address,
        **extra,
    )


def fail(client, times, username="redakteurin", address=ATTACKER, **extra):
    return [
        sign_in(client, username, "wrong-guess", address, **extra).status_code for _ in range(times)
    ]


def signed_in(client):
    return client.get(ADMIN).status_code == 200


def text_of(response, selector):
    return [
        el.get_text(" ", strip=True)
        for el in BeautifulSoup(response.content, "html.parser").select(selector)
    ]


# ---------------------------------------------------------------- throttling
def test_five_failures_pause_that_user_name_from_that_address(client, editor):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert fail(client, 4) == [200, 200, 200, 200]
    response = sign_in(client, "redakteurin", "wrong-guess", ATTACKER)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert response["Cache-Control"] == "no-store"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    # The right password is refused too until the cool-off is over.
    response = sign_in(client, "redakteurin", PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert not signed_in(client)
    assert text_of(response, "main h1") == ["Anmeldung pausiert"]
    assert text_of(response, "main p")[0] == (
        "Mit diesem Benutzernamen gab es von Ihrer Verbindung aus zu viele fehlgeschlagene "
        "Anmeldungen. Bitte warten Sie 15 Minuten und versuchen Sie es dann noch einmal."
    )
    # The portal's layout, and nothing of the machinery behind it.
    assert text_of(response, "header .brand-office") == ["Integrationsbeauftragte"]
    assert b"Traceback" not in response.content
    assert b"axes" not in response.content.lower()


def test_the_real_user_from_another_address_still_signs_in(client, editor):
    fail(client, 5)
    assert sign_in(client, "redakteurin", PASSWORD, ATTACKER).status_code == 429
    response = sign_in(client, "redakteurin", PASSWORD, COLLEAGUE)
    assert response.status_code == 302
    assert response["Location"] == ADMIN
    assert signed_in(client)


def test_another_user_from_the_same_address_is_not_paused(client, editor, django_user_model):
    member(django_user_model, "Translators", username="uebersetzer")
    fail(client, 5)
    assert sign_in(client, "uebersetzer", PASSWORD, ATTACKER).status_code == 302


def test_a_forged_forwarded_header_changes_nothing_without_a_proxy(client, editor):
    codes = [
        sign_in(
            client, "redakteurin", "wrong-guess", ATTACKER, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"
        ).status_code
        for n in range(6)
    ]
    assert codes == [200, 200, 200, 200, 429, 429]
    assert set(AccessFailureLog.objects.values_list("ip_address", flat=True)) == {ATTACKER}


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_address_it_appended_counts(client, editor):
    proxy = "10.0.0.1"
    # The attacker makes up a first entry each time; the proxy appends the real address.
    codes = [
        sign_in(
            client,
            "redakteurin",
            "wrong-guess",
            proxy,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}",
        ).status_code
        for n in range(5)
    ]
    assert codes == [200, 200, 200, 200, 429]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    response = sign_in(client, "redakteurin", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=COLLEAGUE)
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("count", "remote", "forwarded", "expected"),
    [
        (0, "10.0.0.1", "203.0.113.7", "10.0.0.1"),
        (1, "10.0.0.1", "203.0.113.7", "203.0.113.7"),
        (1, "10.0.0.1", "1.2.3.4, 203.0.113.7", "203.0.113.7"),
        (1, "10.0.0.1", "203.0.113.7:51000", "203.0.113.7"),
        (1, "10.0.0.1", "[2001:db8::7]:443", "2001:db8::7"),
        (2, "10.0.0.1", "1.2.3.4, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "10.0.0.1", "203.0.113.7", "10.0.0.1"),
        (1, "10.0.0.1", "", "10.0.0.1"),
        (1, "10.0.0.1", "not-an-address", "10.0.0.1"),
    ],
)
def test_client_address(count, remote, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert client_ip(request) == expected


def test_the_pause_ends_after_the_cool_off(client, editor):
    with time_machine.travel(START, tick=False) as traveller:
        fail(client, 5)
        traveller.shift(datetime.timedelta(minutes=14))
        assert sign_in(client, "redakteurin", PASSWORD, ATTACKER).status_code == 429
        # Trying during the pause did not restart it.
        traveller.shift(datetime.timedelta(minutes=1, seconds=1))
        response = sign_in(client, "redakteurin", PASSWORD, ATTACKER)
        assert response.status_code == 302
        assert signed_in(client)


def test_a_successful_sign_in_clears_the_count(client, editor):
    assert fail(client, 4) == [200] * 4
    assert sign_in(client, "redakteurin", PASSWORD, ATTACKER).status_code == 302
    client.logout()
    assert fail(client, 4) == [200] * 4
    assert sign_in(client, "redakteurin", PASSWORD, ATTACKER).status_code == 302


@pytest.mark.parametrize(
    ("language", "title", "wait"),
    [
        ("en", "Sign-in paused", "Please wait 15 minutes and then try again."),
        ("sl", "Prijava je začasno ustavljena", "Počakajte 15 minut in nato poskusite znova."),
    ],
)
def test_the_lockout_page_speaks_the_browsers_language(client, editor, language, title, wait):
    fail(client, 5, HTTP_ACCEPT_LANGUAGE=language)
    response = sign_in(client, "redakteurin", PASSWORD, ATTACKER, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 429
    assert text_of(response, "main h1") == [title]
    assert text_of(response, "main p")[0].endswith(wait)
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == language


def test_a_wrong_password_keeps_the_user_name_and_says_why(client, editor):
    response = sign_in(client, "redakteurin", "wrong-guess", ATTACKER)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#id_username")["value"] == "redakteurin"
    assert [e.get_text(strip=True) for e in soup.select(".errornote")] == [
        "Bitte Benutzername und Passwort für einen Staff-Account eingeben. "
        "Beide Felder berücksichtigen die Groß-/Kleinschreibung."
    ]


# ---------------------------------------------------------------- the audit
FAILURES = f"{ADMIN}axes/accessfailurelog/"
THROTTLES = f"{ADMIN}axes/accessattempt/"
SIGN_INS = f"{ADMIN}axes/accesslog/"


def test_superusers_see_every_failed_sign_in(client, editor, admin_user):
    fail(client, 1)
    fail(client, 1, username="niemand", address=COLLEAGUE)
    # A try at the limit is marked as the one that paused the user name.
    with override_settings(AXES_FAILURE_LIMIT=2):
        assert fail(client, 1) == [429]
    client.force_login(admin_user)
    response = client.get(FAILURES)
    assert response.status_code == 200
    rows = [
        [
            tr.select_one(".field-username").get_text(),
            tr.select_one(".field-ip_address").get_text(),
            tr.select_one(".field-locked_out img")["alt"],
        ]
        for tr in BeautifulSoup(response.content, "html.parser").select("#result_list tbody tr")
    ]
    assert sorted(rows) == [
        ["niemand", COLLEAGUE, "False"],
        ["redakteurin", ATTACKER, "False"],
        ["redakteurin", ATTACKER, "True"],
    ]
    # On the start page under a name people understand.
    index = client.get(ADMIN).content.decode()
    assert "Anmeldesicherheit" in index
    assert "Fehlgeschlagene Anmeldungen" in index


def test_the_audit_is_read_only(client, editor, admin_user):
    fail(client, 1)
    failure = AccessFailureLog.objects.get()
    client.force_login(admin_user)
    assert client.get(f"{FAILURES}add/").status_code == 403
    change = client.get(f"{FAILURES}{failure.pk}/change/")
    assert change.status_code == 200
    assert b'name="username"' not in change.content
    response = client.post(f"{FAILURES}{failure.pk}/change/", {"username": "jemand"})
    assert response.status_code == 403
    assert client.post(f"{FAILURES}{failure.pk}/delete/", {"post": "yes"}).status_code == 403
    failure.refresh_from_db()
    assert failure.username == "redakteurin"


def test_a_superuser_may_lift_a_pause_early(client, editor, admin_user):
    fail(client, 5)
    attempt = AccessAttempt.objects.get()
    admin_client = client.__class__()
    admin_client.force_login(admin_user)
    assert admin_client.get(THROTTLES).status_code == 200
    response = admin_client.post(f"{THROTTLES}{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert sign_in(client, "redakteurin", PASSWORD, ATTACKER).status_code == 302


@pytest.mark.parametrize("group", ["Editors", "Translators"])
@pytest.mark.parametrize("url", [FAILURES, THROTTLES, SIGN_INS])
def test_editors_and_translators_get_403(client, django_user_model, group, url):
    fail(client, 1)
    client.force_login(member(django_user_model, group, username="mitarbeiterin"))
    assert client.get(url).status_code == 403
    assert "Anmeldesicherheit" not in client.get(ADMIN).content.decode()


def test_successful_sign_ins_are_listed_with_their_address(client, editor, admin_user):
    assert sign_in(client, "redakteurin", PASSWORD, COLLEAGUE).status_code == 302
    client.force_login(admin_user)
    html = client.get(SIGN_INS).content.decode()
    assert "redakteurin" in html
    assert COLLEAGUE in html


# ---------------------------------------------------------------- passwords
WEAK_PASSWORDS = [
    ("kassel2026", "Dieses Passwort ist zu kurz. Es muss mindestens 12 Zeichen enthalten."),
    ("password1234", "Dieses Passwort ist zu üblich."),
    ("202603021234", "Dieses Passwort ist komplett numerisch."),
]


@pytest.mark.parametrize(("password", "message"), WEAK_PASSWORDS)
def test_a_weak_password_is_refused_for_a_new_user(
    admin_client, django_user_model, password, message
):
    response = admin_client.post(
        f"{ADMIN}auth/user/add/",
        {
            "username": "neu",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 200
    assert message in errors_of(response)
    assert not django_user_model.objects.filter(username="neu").exists()


def test_a_weak_password_is_refused_when_changing_it(admin_client, editor):
    url = f"{ADMIN}auth/user/{editor.pk}/password/"
    response = admin_client.post(url, {"password1": "kassel2026", "password2": "kassel2026"})
    assert response.status_code == 200
    assert errors_of(response) == [
        "Dieses Passwort ist zu kurz. Es muss mindestens 12 Zeichen enthalten."
    ]
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)
    strong = "Fulda-Ufer-Laterne-42"
    assert admin_client.post(url, {"password1": strong, "password2": strong}).status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(strong)


def test_the_password_rule_is_translated_into_slovenian(admin_client, editor):
    response = admin_client.post(
        f"{ADMIN}auth/user/{editor.pk}/password/",
        {"password1": "kassel2026", "password2": "kassel2026"},
        HTTP_ACCEPT_LANGUAGE="sl",
    )
    assert errors_of(response) == ["To geslo je prekratko. Imeti mora vsaj 12 znakov."]


# ---------------------------------------------------------------- sessions
def test_the_session_cookie_ends_with_the_browser(client, editor):
    response = sign_in(client, "redakteurin", PASSWORD, COLLEAGUE)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    assert cookie["httponly"] is True
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60


def test_an_idle_session_ends_after_thirty_minutes(client, editor):
    with time_machine.travel(START, tick=False) as traveller:
        client.force_login(editor)
        assert signed_in(client)
        traveller.shift(datetime.timedelta(minutes=29))
        assert signed_in(client)
        # Counted from the last request, not from signing in.
        traveller.shift(datetime.timedelta(minutes=29))
        assert signed_in(client)
        traveller.shift(datetime.timedelta(minutes=30, seconds=1))
        response = client.get(ADMIN, follow=True)
        assert response.redirect_chain == [(f"{LOGIN}?next={ADMIN}", 302)]
        assert text_of(response, "ul.messagelist li") == [
            "Sie wurden nach 30 Minuten ohne Aktivität abgemeldet. Bitte melden Sie sich erneut an."
        ]
        assert not signed_in(client)


def test_a_session_ends_eight_hours_after_signing_in_however_busy(client, editor):
    with time_machine.travel(START, tick=False) as traveller:
        client.force_login(editor)
        for _ in range(7 * 4 + 3):  # a request every quarter of an hour up to 7:45
            assert signed_in(client)
            traveller.shift(datetime.timedelta(minutes=15))
        assert signed_in(client)  # 7:45
        traveller.shift(datetime.timedelta(minutes=15, seconds=1))
        response = client.get(ADMIN, follow=True)
        assert text_of(response, "ul.messagelist li") == [
            "Sie wurden 8 Stunden nach der Anmeldung abgemeldet. Bitte melden Sie sich erneut an."
        ]
        assert not signed_in(client)


def test_a_staff_request_while_the_database_is_down_gets_the_503_page(client, editor):
    client.force_login(editor)
    assert signed_in(client)
    with mock.patch.object(
        CursorWrapper, "execute", side_effect=OperationalError("connection refused")
    ):
        response = client.get(ADMIN)
    assert response.status_code == 503


def test_visitors_still_get_no_cookie(client, content):
    response = client.get("/de/")
    assert response.status_code == 200
    assert dict(response.cookies) == {}
    assert "Cookie" not in response.get("Vary", "")
