"""The admin speaks the user's interface language (Accept-Language), every message of it.

Django's own catalogues lag behind its code: strings new in Django 5 have no
German or Slovenian translation yet, and a message missing in Slovenian falls
back to the default language, German ("wurde erfolgreich geändert" in a
Slovenian admin). The project's catalogues fill the gaps.
"""

import json
import re
from pathlib import Path

import django
import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from django.conf import settings

from tests.events.factories import EventFactory
from tests.kassel_integration.admin_helpers import ADMIN, form_data, member
from tests.languages import LANGUAGES

DJANGO = Path(django.__file__).parent
PACKAGES = ["contrib/admin", "contrib/auth", "contrib/contenttypes", "conf"]
PROJECT = Path(settings.BASE_DIR) / "locale"


def messages_of(path):
    with path.open("rb") as file:
        return list(read_po(file))


def translated(path):
    if not path.exists():
        return set()
    return {
        (message.id, message.context)
        for message in messages_of(path)
        if message.id
        and (all(message.string) if isinstance(message.string, tuple) else message.string)
    }


@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("language", ["de", "sl"])
def test_every_message_django_shows_staff_is_translated(language, domain):
    """The whole class: no message of Django's admin, auth or forms falls back to another language."""
    missing = []
    for package in PACKAGES:
        source = DJANGO / package / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not source.exists():
            continue
        known = translated(DJANGO / package / "locale" / language / "LC_MESSAGES" / f"{domain}.po")
        known |= translated(PROJECT / language / "LC_MESSAGES" / f"{domain}.po")
        missing += [
            message.id
            for message in messages_of(source)
            if message.id and (message.id, message.context) not in known
        ]
    assert missing == []


SAVED = {
    "de": "Veranstaltung „Runder Tisch“ wurde erfolgreich geändert.",
    "en": "The event “Runder Tisch” was changed successfully.",
    "sl": "Dogodek „Runder Tisch“ je bil(a) uspešno spremenjen(a).",
}
MODEL_NAME = {"de": "Modellname", "en": "Model name", "sl": "Ime modela"}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_success_message_and_table_headers_in_the_users_language(
    client, django_user_model, language
):
    client.force_login(member(django_user_model, "Editors"))
    # A draft: an editor's save of a published event waits for review (test_pending_changes).
    event = EventFactory(title_de="Runder Tisch", status=EventFactory._meta.model.Status.DRAFT)
    url = f"{ADMIN}events/event/{event.pk}/change/"
    data = form_data(client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode())
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE=language, follow=True)
    page = BeautifulSoup(response.content, "html.parser")
    assert [li.get_text() for li in page.select("ul.messagelist li")] == [SAVED[language]]
    index = BeautifulSoup(client.get(ADMIN, HTTP_ACCEPT_LANGUAGE=language).content, "html.parser")
    headers = {th.get_text(strip=True) for th in index.select("thead th, caption + thead th")}
    assert MODEL_NAME[language] in headers | {
        th.get_text(strip=True) for th in index.select("th[scope=col]")
    }


REMOVE_ALL = {"de": "Alle %s entfernen", "en": "Remove all %s", "sl": "Odstrani vse: %s"}
CHOOSE_ALL = {
    "de": "Alle %s auswählen",
    "en": "Choose all %s",
    "sl": "Izberi vse: %s",
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_javascript_catalogue_has_the_selector_texts(admin_client, language):
    response = admin_client.get(f"{ADMIN}jsi18n/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    text = response.content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", text, re.S).group(1))
    assert catalogue.get("Choose all %s", "Choose all %s") == CHOOSE_ALL[language]
    assert catalogue.get("Remove all %s", "Remove all %s") == REMOVE_ALL[language]
