"""Contact messages in the admin: listed on the start page, read, marked handled, sent again."""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail

from officers.models import ContactMessage
from tests.kassel_integration.admin_helpers import ADMIN, member
from tests.officers.factories import ContactMessageFactory, OfficeFactory

pytestmark = pytest.mark.django_db

CHANGELIST = f"{ADMIN}officers/contactmessage/"


def messages_group():
    """Made by migration 0004; transactional tests flush it away."""
    if not Group.objects.filter(name="Contact messages").exists():
        migration = importlib.import_module("officers.migrations.0004_contact_details_and_messages")
        migration.create_group(apps, None)
    return "Contact messages"


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def messages():
    new = ContactMessageFactory(name="Ana Novak", language="sl")
    unsent = ContactMessageFactory(name="", email="b@example.org", language="en")
    ContactMessage.objects.filter(pk=new.pk).update(mailed_at=new.created_at)
    ContactMessageFactory(name="Erledigt", handled=True)
    return new, unsent


def test_the_start_page_lists_new_messages_newest_first(client, admin_user, messages):
    new, unsent = messages
    client.force_login(admin_user)
    soup = soup_of(client.get(ADMIN, HTTP_ACCEPT_LANGUAGE="de"))
    assert soup.find(id="attention-messages").get_text(strip=True) == "Neue Kontaktnachrichten"
    table = soup.find("table", attrs={"aria-labelledby": "attention-messages"})
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.tbody("tr")]
    assert [(row[0], row[2], row[3]) for row in rows] == [
        ("b@example.org", "Englisch", "nein: hier lesen"),
        ("Ana Novak", "Slowenisch", "ja"),
    ]
    assert [tr.a["href"] for tr in table.tbody("tr")] == [
        f"{CHANGELIST}{unsent.pk}/change/",
        f"{CHANGELIST}{new.pk}/change/",
    ]
    # Work is waiting: the panel does not say "nothing".
    assert soup.select_one(".attention-none") is None


def test_messages_are_personal_data_editors_see_neither_panel_nor_list(
    client, django_user_model, messages
):
    client.force_login(member(django_user_model, "Editors"))
    soup = soup_of(client.get(ADMIN))
    assert soup.find(id="attention-messages") is None
    assert client.get(CHANGELIST).status_code == 403


def test_the_contact_messages_group_reads_and_marks_handled(client, django_user_model, messages):
    new, unsent = messages
    user = member(django_user_model, messages_group())
    client.force_login(user)
    assert soup_of(client.get(ADMIN)).find(id="attention-messages") is not None
    page = soup_of(client.get(f"{CHANGELIST}{new.pk}/change/"))
    assert "Guten Tag, ich habe eine Frage." in page.get_text()
    # Read-only: the message itself cannot be changed, only "handled" ticked.
    assert page.find("textarea") is None
    assert page.find("input", attrs={"name": "handled"}) is not None
    response = client.post(
        CHANGELIST, {"action": "mark_handled", "_selected_action": [new.pk, unsent.pk]}
    )
    assert response.status_code == 302
    assert ContactMessage.objects.filter(handled=False).count() == 0
    # They cannot add messages nor change anything else.
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert client.get(f"{ADMIN}officers/office/").status_code == 403


def test_an_unsent_message_can_be_forwarded_again(client, admin_user, messages, settings):
    _new, unsent = messages
    OfficeFactory(email="integration@example.org")
    client.force_login(admin_user)
    response = client.post(
        CHANGELIST,
        {"action": "send_again", "_selected_action": [unsent.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert [str(m) for m in response.context["messages"]] == ["1 message forwarded."]
    assert [m.to for m in mail.outbox] == [["integration@example.org"]]
    unsent.refresh_from_db()
    assert unsent.mailed_at is not None


def test_forwarding_without_any_address_says_it_stays_here(client, admin_user, messages, settings):
    _new, unsent = messages
    settings.CONTACT_FORM_EMAIL = ""
    settings.MANAGERS = []
    client.force_login(admin_user)
    response = client.post(
        CHANGELIST,
        {"action": "send_again", "_selected_action": [unsent.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert [str(m) for m in response.context["messages"]] == [
        "1 message could not be forwarded; it stays here."
    ]
    assert mail.outbox == []
