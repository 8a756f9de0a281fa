"""A local or demo install as `make run` sets it up (issue 19, "Journeys that must work").

- E-mails (the registration's confirmation link) are printed in the terminal
  by default, so a registration can be completed without a mail server.
- `make createsuperuser` creates the first administrator without questions
  when DJANGO_SUPERUSER_PASSWORD is set, and checks the password rules there
  too (Django's own `createsuperuser --noinput` skips them).
"""

import email
import os
import re
import subprocess
import sys
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import override

from events.models import Registration
from tests.events.factories import RegistrationEventFactory

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SECRET = "local-install-test-secret-key-0123456789-0123456789-0123456789"


def clean_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "PYTEST"))
    }
    env.update(DJANGO_SECRET_KEY=SECRET, **extra)
    return env


def make_env(env):
    """The variables `make run` and `make createsuperuser` give the portal (Makefile LOCAL_ENV)."""
    result = subprocess.run(
        [
            "make",
            "-s",
            "--no-print-directory",
            "--eval",
            "local-env: ; @$(LOCAL_ENV) env",
            "local-env",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)


def setting(env, name):
    code = (
        f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    )
    result = subprocess.run(
        [str(BIN / "python"), "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "kassel_integration.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_make_run_prints_e_mails_in_the_terminal_unless_told_otherwise():
    env = make_env(clean_env())
    assert env["DJANGO_EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    # Production settings (no DEBUG), as `make run` serves them.
    assert "DJANGO_DEBUG" not in env
    assert setting(env, "EMAIL_BACKEND") == "django.core.mail.backends.console.EmailBackend"
    # An SMTP server configured by the installer wins.
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    assert make_env(clean_env(DJANGO_EMAIL_BACKEND=smtp))["DJANGO_EMAIL_BACKEND"] == smtp
    # Without make, production keeps SMTP as its default.
    assert setting(clean_env(), "EMAIL_BACKEND") == smtp


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("de", "Bitte bestätigen Sie Ihre Anmeldung"),
        ("en", "Please confirm your registration"),
        ("sl", "Prosimo, potrdite svojo prijavo"),
    ],
)
def test_a_registration_is_completed_with_the_link_printed_in_the_terminal(
    client, settings, capsys, django_capture_on_commit_callbacks, language, subject
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    event = RegistrationEventFactory(capacity=3)
    with override(language):
        path = event.get_registration_url()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            path, {"name": "Ana Novak", "email": "ana@example.org", "language": language}
        )
    assert response.status_code == 200
    printed = capsys.readouterr().out
    [message] = [
        email.message_from_string(part.strip()) for part in printed.split("-" * 79) if part.strip()
    ]
    assert message["To"] == "ana@example.org"
    assert str(make_header(decode_header(message["Subject"]))) == f"{subject}: {event.title_de}"
    body = message.get_payload()  # 8bit: printed as it is
    link = re.search(r"http://testserver(/\S+/)\s", body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(link).status_code == 200
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    registration = Registration.objects.get()
    assert registration.mail_failed_at is None
    assert registration.last_mail == Registration.Mail.CONFIRMED


# ---------------------------------------------------------------- the first administrator


@pytest.fixture
def admin_env(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "redaktion")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "redaktion@example.org")
    return monkeypatch


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Kurz-2026!", "Dieses Passwort ist zu kurz. Es muss mindestens 12 Zeichen enthalten."),
        (
            "123456789012345",
            "Dieses Passwort ist komplett numerisch.",
        ),
        ("redaktion@example.org", "Das Passwort ist zu ähnlich zu E-Mail-Adresse."),
        ("password1234", "Dieses Passwort ist zu üblich."),
    ],
    ids=["short", "digits", "like-the-e-mail", "common"],
)
def test_without_a_terminal_the_password_rules_apply_too(admin_env, password, reason):
    admin_env.setenv("DJANGO_SUPERUSER_PASSWORD", password)
    with pytest.raises(CommandError) as refused:
        call_command("create_admin", interactive=False, verbosity=0)
    assert str(refused.value) == (
        f"Das Passwort in DJANGO_SUPERUSER_PASSWORD wird nicht angenommen: {reason}"
    )
    assert get_user_model().objects.count() == 0


@pytest.mark.django_db
def test_without_a_terminal_a_password_is_required(admin_env):
    admin_env.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    with pytest.raises(CommandError) as refused:
        call_command("create_admin", interactive=False, verbosity=0)
    assert str(refused.value) == (
        "Bitte DJANGO_SUPERUSER_PASSWORD setzen: Ein Administrator ohne Passwort könnte sich "
        "nicht anmelden."
    )
    assert get_user_model().objects.count() == 0


@pytest.mark.django_db
def test_without_a_terminal_a_good_password_creates_the_administrator(admin_env):
    admin_env.setenv("DJANGO_SUPERUSER_PASSWORD", "Fulda-Ufer-Aue-2026")
    call_command("create_admin", interactive=False, verbosity=0)
    user = get_user_model().objects.get()
    assert (user.username, user.email) == ("redaktion", "redaktion@example.org")
    assert (user.is_superuser, user.is_staff) == (True, True)
    assert user.check_password("Fulda-Ufer-Aue-2026")


def test_make_createsuperuser_asks_nothing_with_the_password_in_the_environment(tmp_path):
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = clean_env(
        DATABASE_URL=database,
        DJANGO_SUPERUSER_USERNAME="redaktion",
        DJANGO_SUPERUSER_EMAIL="redaktion@example.org",
    )
    subprocess.run(
        [str(BIN / "python"), "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )

    def make_createsuperuser(password):
        return subprocess.run(
            ["make", "-s", "--no-print-directory", "createsuperuser"],
            cwd=ROOT,
            env={**env, "DJANGO_SUPERUSER_PASSWORD": password},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
        )

    refused = make_createsuperuser("kurz")
    assert refused.returncode != 0
    assert "Dieses Passwort ist zu kurz. Es muss mindestens 12 Zeichen enthalten." in refused.stderr
    created = make_createsuperuser("Fulda-Ufer-Aue-2026")
    assert created.returncode == 0, created.stderr
    assert created.stdout.strip() == "Superuser created successfully."
