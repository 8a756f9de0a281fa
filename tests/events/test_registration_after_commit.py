"""The database stops answering right after a registration is committed (issue 21, item 3).

A registration is either confirmed to the visitor or not stored: once the
commit is through, the answer must not need the database any more. Here every
query after the commit raises OperationalError, as a hung server does once the
watchdog has cut its connection. The visitor still gets the confirmation page
in their language and the e-mail; only recording that the mail went out is
lost, and logged once.

Transactional, so the service's commit is a real commit on the real database.
"""

import contextlib
import datetime
import logging
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections
from django.utils import timezone
from django.utils.translation import override

from events.models import Registration
from tests.events.factories import RegistrationEventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)

Status = Registration.Status

PAGES = {
    "en": {
        "heading": "Please check your e-mail",
        "held": "We are holding a place for you.",
        "waiting": "The event is fully booked. You are on the waiting list.",
        "held_subject": "Please confirm your registration: ",
        "waiting_subject": "Please confirm your place on the waiting list: ",
    },
    "de": {
        "heading": "Bitte sehen Sie in Ihre E-Mails",
        "held": "Wir halten einen Platz für Sie frei.",
        "waiting": "Die Veranstaltung ist ausgebucht. Sie stehen auf der Warteliste.",
        "held_subject": "Bitte bestätigen Sie Ihre Anmeldung: ",
        "waiting_subject": "Bitte bestätigen Sie Ihren Platz auf der Warteliste: ",
    },
    "sl": {
        "heading": "Preverite svojo e-pošto",
        "held": "Za vas smo rezervirali mesto.",
        "waiting": "Vsa mesta na dogodku so zasedena. Uvrščeni ste na čakalno listo.",
        "held_subject": "Prosimo, potrdite svojo prijavo: ",
        "waiting_subject": "Prosimo, potrdite svoje mesto na čakalni listi: ",
    },
}


@pytest.fixture(autouse=True)
def fresh_limits():
    caches["limits"].clear()
    yield
    caches["limits"].clear()


@contextlib.contextmanager
def database_gone_after_commit():
    """Every query after the next commit raises OperationalError; yields the SQL it refused."""
    database = connections[DEFAULT_DB_ALIAS]
    original_commit = database.commit
    gone = []
    refused = []

    def commit():
        original_commit()
        gone.append(True)

    def refuse(execute, sql, params, many, context):
        if gone:
            refused.append(sql)
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with (
        mock.patch.object(database, "commit", side_effect=commit),
        database.execute_wrapper(refuse),
    ):
        yield refused
    assert gone, "nothing was committed"


def post(client, event, language):
    with override(language):
        path = event.get_registration_url()
    data = {"name": "Ana Novak", "email": "ana@example.org", "language": language}
    # follow=True: whatever the visitor's browser would fetch next must work too.
    return client.post(path, data, follow=True)


def problems(caplog):
    return [
        (record.name, record.levelname, record.getMessage())
        for record in caplog.records
        if record.levelno >= logging.WARNING
    ]


@pytest.mark.parametrize("language", ["en", "de", "sl"])
@pytest.mark.parametrize("waiting", [False, True], ids=["place", "waiting-list"])
def test_the_visitor_gets_the_confirmation_and_the_mail_when_the_database_dies_after_the_commit(
    client, caplog, language, waiting
):
    event = RegistrationEventFactory(capacity=1)
    if waiting:
        RegistrationFactory(event=event, status=Status.CONFIRMED)
    with database_gone_after_commit() as refused:
        response = post(client, event, language)

    assert response.status_code == 200
    assert response.redirect_chain == []
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    soup = BeautifulSoup(response.content, "html.parser")
    texts = PAGES[language]
    assert soup.h1.get_text(strip=True) == texts["heading"]
    assert (
        soup.select_one(".registration-result strong").get_text(strip=True)
        == (texts["waiting" if waiting else "held"])
    )
    # The e-mail went out, rendered in the registrant's language before the commit.
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert message.subject == texts["waiting_subject" if waiting else "held_subject"] + (
        event.title_de
    )
    # The only thing tried after the commit: recording that the mail was sent.
    assert len(refused) == 1
    assert refused[0].startswith('UPDATE "events_registration" SET "last_mail"')
    [registration] = Registration.objects.filter(email="ana@example.org")
    kind = "confirm_waiting" if waiting else "confirm_place"
    assert problems(caplog) == [
        (
            "events.registration",
            "ERROR",
            f"Could not record the {kind} e-mail for registration {registration.pk}",
        )
    ]

    # Stored, as the page says.
    assert registration.status == (Status.WAITING if waiting else Status.HELD)
    assert registration.language == language
    assert registration.mail_sent_at is None  # that write was lost with the database


def test_with_the_database_answering_the_sent_mail_is_recorded(client, caplog):
    event = RegistrationEventFactory(capacity=1)
    response = post(client, event, "en")
    assert response.status_code == 200
    assert response.redirect_chain == []
    registration = Registration.objects.get()
    assert registration.last_mail == Registration.Mail.CONFIRM_PLACE
    assert registration.mail_sent_at is not None
    assert registration.mail_failed_at is None
    assert [m.subject for m in mail.outbox] == [
        "Please confirm your registration: " + event.title_en
    ]
    assert problems(caplog) == []


def test_several_mails_of_one_commit_all_go_out_and_the_lost_records_are_logged_once(
    client, caplog
):
    """A hold ran out, so the registration also moves the waiting list up: two mails."""
    event = RegistrationEventFactory(capacity=1)
    RegistrationFactory(
        event=event,
        status=Status.HELD,
        hold_expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    waiting = RegistrationFactory(
        event=event, status=Status.WAITING, email_confirmed_at=timezone.now(), language="en"
    )
    with database_gone_after_commit() as refused:
        response = post(client, event, "en")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert (
        soup.select_one(".registration-result strong").get_text(strip=True)
        == (PAGES["en"]["waiting"])
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([waiting.email], f"A place has become free for you: {event.title_en}"),
        (["ana@example.org"], PAGES["en"]["waiting_subject"] + event.title_en),
    ]
    # One try to record, one log entry: the next try would only wait for the database again.
    assert len(refused) == 1
    assert problems(caplog) == [
        (
            "events.registration",
            "ERROR",
            f"Could not record the promoted e-mail for registration {waiting.pk}",
        )
    ]
    assert Registration.objects.get(pk=waiting.pk).status == Status.CONFIRMED
    assert Registration.objects.get(email="ana@example.org").status == Status.WAITING
