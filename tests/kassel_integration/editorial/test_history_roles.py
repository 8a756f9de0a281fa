"""A translator cannot restore; history comments read in the reader's admin language."""

import pytest
from bs4 import BeautifulSoup
from reversion.models import Version

from events.models import Event
from tests.db_snapshot import assert_only_changed, snapshot
from tests.events.factories import EventFactory
from tests.kassel_integration.admin_helpers import ADMIN, form_data, member

pytestmark = pytest.mark.django_db


def save_twice(client, event):
    url = f"{ADMIN}events/event/{event.pk}/change/"
    for title in ("Erste Fassung", "Zweite Fassung"):
        data = form_data(client.get(url).content.decode())
        data["title_de"] = title
        assert client.post(url, data).status_code == 302


def test_a_translator_cannot_restore(client, django_user_model):
    event = EventFactory(title_de="Start", status=Event.Status.REVIEW)
    client.force_login(member(django_user_model, "Editors", "editor"))
    save_twice(client, event)
    client.force_login(member(django_user_model, "Translators (Slovenian)", "prevajalka"))
    history = client.get(f"{ADMIN}events/event/{event.pk}/history/", HTTP_ACCEPT_LANGUAGE="sl")
    assert "/history/" in history.request["PATH_INFO"]
    assert BeautifulSoup(history.content, "html.parser").select('a[href*="/history/"]') == []
    oldest = Version.objects.get_for_object(event).order_by("pk").first()
    before = snapshot()
    url = f"{ADMIN}events/event/{event.pk}/history/{oldest.pk}/"
    for method in (client.get, client.post):
        response = method(url, HTTP_ACCEPT_LANGUAGE="sl", follow=True)
        assert "Prevajalci ne morejo obnavljati različic" in response.content.decode()
    assert_only_changed(before, snapshot(), set())


@pytest.mark.parametrize(
    ("language", "comment"),
    [
        ("de", "Titel [de] geändert."),
        ("en", "Changed Title [de]."),
        ("sl", "Spremenjeno: Naslov [de]."),
    ],
)
def test_history_comments_in_the_readers_language(client, django_user_model, language, comment):
    event = EventFactory(title_de="Start", status=Event.Status.DRAFT)
    client.force_login(member(django_user_model, "Editors", "editor"))
    save_twice(client, event)
    page = client.get(f"{ADMIN}events/event/{event.pk}/history/", HTTP_ACCEPT_LANGUAGE=language)
    cells = BeautifulSoup(page.content, "html.parser").select("#change-history tbody tr td")
    assert comment in [cell.get_text(strip=True) for cell in cells]
