"""Staff side of registrations: counts, the door list, and who may see personal data."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.translation import override

from events import registration as service
from events.models import Registration
from tests.events.factories import RegistrationEventFactory, RegistrationFactory

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime.datetime(2029, 12, 1, 12, 0, tzinfo=BERLIN)
ADMIN = "/" + settings.ADMIN_URL_PATH
Status = Registration.Status
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _at_a_known_moment():
    with time_machine.travel(NOW, tick=False):
        yield


def staff(django_user_model, *codenames):
    user = django_user_model.objects.create_user("staff-" + "-".join(codenames), is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="events", codename__in=codenames)
    )
    return user


@pytest.fixture
def event():
    event = RegistrationEventFactory(capacity=5, title_de="Runder Tisch")
    RegistrationFactory(
        event=event,
        name="Ana Novak",
        email="ana@example.org",
        organisation="Verein Nord",
        needs_sign_language=True,
        accessibility_notes="Induktionsschleife",
    )
    RegistrationFactory(event=event, name="=HYPERLINK(1)", email="b@example.org", organisation="")
    RegistrationFactory(
        event=event,
        name="Held Person",
        status=Status.HELD,
        hold_expires_at=NOW + datetime.timedelta(minutes=5),
    )
    RegistrationFactory(
        event=event,
        name="Stale Hold",
        status=Status.HELD,
        hold_expires_at=NOW - datetime.timedelta(minutes=5),
    )
    RegistrationFactory(
        event=event, name="Waiting Person", status=Status.WAITING, email_confirmed_at=NOW
    )
    RegistrationFactory(event=event, name="Cancelled Person", status=Status.CANCELLED)
    return event


def test_event_change_page_shows_the_counts(client, admin_user, event):
    client.force_login(admin_user)
    html = client.get(f"{ADMIN}events/event/{event.pk}/change/").content.decode()
    assert "2 bestätigt, 1 vorgemerkt, 1 auf der Warteliste, 1 abgesagt (von 5 Plätzen)" in html
    assert f'href="{ADMIN}events/event/{event.pk}/participants.csv"' in html
    assert "Ana Novak" in html  # the inline, for someone with the permission
    changelist = client.get(f"{ADMIN}events/event/").content.decode()
    assert "2 bestätigt, 1 vorgemerkt, 1 auf der Warteliste, 1 abgesagt (von 5 Plätzen)" in (
        changelist
    )


def test_door_list_csv_has_confirmed_participants_only(client, admin_user, event):
    client.force_login(admin_user)
    response = client.get(f"{ADMIN}events/event/{event.pk}/participants.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert (
        response.content.decode("utf-8-sig").splitlines()
        == [
            "Veranstaltung;Name;Organisation;Bedarf an Barrierefreiheit",
            "Runder Tisch;'=HYPERLINK(1);;",
            "Runder Tisch;Ana Novak;Verein Nord;Gebärdensprachdolmetschen; Induktionsschleife",
        ]
        or response.content.decode("utf-8-sig").splitlines()
    )


def test_export_action_on_the_event_list(client, admin_user, event):
    client.force_login(admin_user)
    response = client.post(
        f"{ADMIN}events/event/",
        {"action": "export_participants", "_selected_action": [event.pk]},
    )
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 3
    assert lines[0] == "Veranstaltung;Name;Organisation;Bedarf an Barrierefreiheit"


@pytest.mark.parametrize(
    ("codenames", "sees_names", "can_export"),
    [
        (["view_event", "view_registration"], False, False),
        (["view_event", "view_registration", "view_registration_personal_data"], True, True),
        (["view_event", "change_event"], False, False),
    ],
)
def test_permission_matrix(client, django_user_model, event, codenames, sees_names, can_export):
    client.force_login(staff(django_user_model, *codenames))
    change = client.get(f"{ADMIN}events/event/{event.pk}/change/")
    assert change.status_code == 200
    assert ("Ana Novak" in change.content.decode()) is sees_names
    export = client.get(f"{ADMIN}events/event/{event.pk}/participants.csv")
    assert export.status_code == (200 if can_export else 403)
    changelist = client.get(f"{ADMIN}events/event/")
    assert ('value="export_participants"' in changelist.content.decode()) is can_export
    registrations = client.get(f"{ADMIN}events/registration/")
    if "view_registration" in codenames:
        html = registrations.content.decode()
        assert registrations.status_code == 200
        assert ("Ana Novak" in html) is sees_names
        assert ("ana@example.org" in html) is False  # the list never shows addresses
        one = Registration.objects.get(name="Ana Novak")
        detail = client.get(f"{ADMIN}events/registration/{one.pk}/change/").content.decode()
        assert ("ana@example.org" in detail) is sees_names
        assert ("Induktionsschleife" in detail) is sees_names
        # Searching by name would reveal who registered.
        found = client.get(f"{ADMIN}events/registration/?q=Ana").content.decode()
        assert ('name="q"' in found) is sees_names
    else:
        assert registrations.status_code == 403


def test_registration_list_filters_open(client, admin_user, event):
    client.force_login(admin_user)
    for query in [
        "",
        "?status=waiting",
        f"?event__id__exact={event.pk}",
        "?mail=failed",
        "?language=sl",
    ]:
        assert client.get(f"{ADMIN}events/registration/{query}").status_code == 200


def test_failed_mail_is_visible_and_can_be_sent_again(client, admin_user, event, mailoutbox):
    failed = Registration.objects.get(name="Ana Novak")
    Registration.objects.filter(pk=failed.pk).update(
        mail_failed_at=NOW, last_mail=Registration.Mail.CONFIRMED
    )
    client.force_login(admin_user)
    html = client.get(f"{ADMIN}events/registration/?mail=failed").content.decode()
    assert "fehlgeschlagen am 01.12.2029 12:00" in html
    client.post(
        f"{ADMIN}events/registration/",
        {"action": "resend_mail", "_selected_action": [failed.pk]},
    )
    assert [m.to for m in mailoutbox] == [["ana@example.org"]]
    assert mailoutbox[0].subject == "Ihre Anmeldung ist bestätigt: Runder Tisch"
    failed.refresh_from_db()
    assert failed.mail_failed_at is None


def test_staff_cancel_action_moves_the_waiting_list_up(
    client, admin_user, event, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    Registration.objects.filter(event=event, status=Status.HELD).delete()
    event.capacity = 2
    event.save()
    ana = Registration.objects.get(name="Ana Novak")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{ADMIN}events/registration/",
            {"action": "cancel_registrations", "_selected_action": [ana.pk]},
        )
    assert Registration.objects.get(pk=ana.pk).status == Status.CANCELLED
    assert Registration.objects.get(name="Waiting Person").status == Status.CONFIRMED


def test_staff_cannot_add_registrations_by_hand(client, admin_user):
    client.force_login(admin_user)
    assert client.get(f"{ADMIN}events/registration/add/").status_code == 403


# ------------------------------------------------------------ retention


def test_retention_command_anonymises_after_the_set_days_and_keeps_the_counts(settings):
    settings.EVENT_REGISTRATION_RETENTION_DAYS = 30
    old = RegistrationEventFactory(
        start=NOW - datetime.timedelta(days=31, hours=3), end=NOW - datetime.timedelta(days=31)
    )
    recent = RegistrationEventFactory(
        start=NOW - datetime.timedelta(days=29, hours=3), end=NOW - datetime.timedelta(days=29)
    )
    for status in (Status.CONFIRMED, Status.CONFIRMED, Status.CANCELLED):
        RegistrationFactory(event=old, status=status, organisation="Verein", needs_childcare=True)
    kept = RegistrationFactory(event=recent)
    call_command("anonymise_registrations", verbosity=0)
    rows = Registration.objects.filter(event=old)
    assert (
        list(rows.values_list("name", "email", "organisation", "needs_childcare"))
        == [("", "", "", False)] * 3
    )
    assert sorted(rows.values_list("status", flat=True)) == ["cancelled", "confirmed", "confirmed"]
    assert all(row.anonymised_at == NOW for row in rows)
    with override("de"):
        assert str(rows.first()) == f"Anonymisierte Anmeldung {rows.first().pk}"
    kept.refresh_from_db()
    assert kept.name.startswith("Person")
    assert kept.anonymised_at is None
    # A shorter period on the command line.
    call_command("anonymise_registrations", days=28, verbosity=0)
    kept.refresh_from_db()
    assert kept.email == ""


def test_retention_command_kills_the_links_of_anonymised_registrations(client, settings):
    registration = RegistrationFactory(
        event=RegistrationEventFactory(
            start=NOW - datetime.timedelta(days=40), end=NOW - datetime.timedelta(days=40)
        )
    )
    token = service.make_token(registration, service.CANCEL_SALT)
    call_command("anonymise_registrations", verbosity=0)
    response = client.get(reverse("events:registration-cancel", kwargs={"token": token}))
    assert response.status_code == 404


def test_retention_command_expires_stale_holds_and_promotes(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = RegistrationEventFactory(capacity=1)
    stale = RegistrationFactory(
        event=event, status=Status.HELD, hold_expires_at=NOW - datetime.timedelta(minutes=1)
    )
    waiting = RegistrationFactory(event=event, status=Status.WAITING, email_confirmed_at=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("anonymise_registrations", verbosity=0)
    stale.refresh_from_db()
    waiting.refresh_from_db()
    assert (stale.status, waiting.status) == (Status.EXPIRED, Status.CONFIRMED)
    assert [m.to for m in mailoutbox] == [[waiting.email]]


def test_retention_command_rejects_negative_days():
    with pytest.raises(CommandError, match=r"--days must not be negative\."):
        call_command("anonymise_registrations", days=-1, verbosity=0)


@pytest.mark.parametrize(
    ("language", "failure"),
    [
        ("de", "Der Mailserver hat die letzte E-Mail nicht angenommen."),
        ("en", "The mail server refused the last e-mail."),
        ("sl", "Poštni strežnik zadnjega sporočila ni sprejel."),
    ],
)
def test_detail_page_speaks_of_a_refused_mail_only_when_one_failed(
    client, admin_user, event, language, failure
):
    client.force_login(admin_user)
    ana = Registration.objects.get(name="Ana Novak")
    Registration.objects.filter(pk=ana.pk).update(mail_sent_at=NOW, mail_failed_at=None)
    url = f"{ADMIN}events/registration/{ana.pk}/change/"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert failure not in html
    Registration.objects.filter(pk=ana.pk).update(mail_failed_at=NOW)
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert html.count(failure) == 1


def test_registrations_group_runs_the_door_and_nothing_else(client, django_user_model, event):
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    if not Group.objects.filter(name="Registrations").exists():  # flushed by a transactional test
        importlib.import_module("events.migrations.0004_registrations_group").create_group(
            apps, None
        )
    group = Group.objects.get(name="Registrations")
    assert sorted(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("events", "change_registration"),
        ("events", "view_event"),
        ("events", "view_registration"),
        ("events", "view_registration_personal_data"),
    ]
    door = django_user_model.objects.create_user("door", is_staff=True)
    door.groups.add(group)
    client.force_login(door)
    registrations = client.get(f"{ADMIN}events/registration/").content.decode()
    assert "Ana Novak" in registrations
    ana = Registration.objects.get(name="Ana Novak")
    assert client.get(f"{ADMIN}events/registration/{ana.pk}/change/").status_code == 200
    csv = client.get(f"{ADMIN}events/event/{event.pk}/participants.csv")
    assert csv.status_code == 200
    assert "Ana Novak" in csv.content.decode("utf-8-sig")
    # The event itself stays read-only; other content is out of reach.
    assert client.post(f"{ADMIN}events/event/{event.pk}/change/", {}).status_code == 403
    assert client.get(f"{ADMIN}events/venue/").status_code == 403
    assert client.get(f"{ADMIN}concept/fieldofaction/").status_code == 403
