"""Independent validators (issue 19, "Standards"): Nu Html Checker and ical.js.

Both come from npm: `vnu-jar` (the W3C's Nu Html Checker, needs Java) and
`ical.js` (the iCalendar parser of Thunderbird and others, needs Node).
`.ci/validate` installs them into var/validators/ and runs this module with
CI_VALIDATORS=true; without them these tests are skipped with the reason
(with CI_VALIDATORS=true a missing tool fails). VALIDATORS_DIR points
elsewhere if they are installed in another place.

Every page type in every language goes through the Nu Html Checker: the
pages a crawl of the shipped content reaches, and the pages of a
registration (form, its error state, the answer when the e-mail was sent
and when it failed, an expired link), search with hits, 404.
"""

import datetime
import json
import os
import re
import shutil
import smtplib
import subprocess
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.translation import override

from tests.events.factories import EventFactory, RegistrationEventFactory
from tests.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
VALIDATORS = Path(os.environ.get("VALIDATORS_DIR", ROOT / "var" / "validators"))
VNU_JAR = VALIDATORS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ICAL_JS = VALIDATORS / "node_modules" / "ical.js"
BERLIN = ZoneInfo("Europe/Berlin")

pytestmark = [pytest.mark.validators, pytest.mark.django_db(transaction=True)]


def need(*requirements):
    """Skip (or, with CI_VALIDATORS=true, fail) when a tool is missing."""
    missing = [name for name, present in requirements if not present]
    if not missing:
        return
    reason = f"validators not installed ({', '.join(missing)}): run .ci/validate"
    if os.environ.get("CI_VALIDATORS") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def vnu():
    need(("java", shutil.which("java")), ("vnu-jar", VNU_JAR.exists()))


@pytest.fixture
def ical_js():
    need(("node", shutil.which("node")), ("ical.js", ICAL_JS.exists()))


def html_pages(client):
    """{file name: html} of every page type, in every language."""
    pages, todo = {}, [f"/{language}/" for language in LANGUAGES]
    seen = set()
    while todo:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        pages[path] = response.content.decode()
        for href in re.findall(r'href="(/(?:de|en|sl)/[^"#?]*)"', pages[path]):
            if href not in seen:
                todo.append(href)
    return pages


def registration_pages(client, language):
    """The form, the form with errors, the answers (sent, failed) and an expired link."""
    event = RegistrationEventFactory(capacity=3, title_de="Sprechstunde")
    with override(language):
        path = event.get_registration_url()
    pages = {f"{path}#form": client.get(path).content.decode()}
    pages[f"{path}#errors"] = client.post(path, {"name": "", "email": "x"}).content.decode()
    data = {"name": "Ana Novak", "language": language}
    sent = client.post(path, {**data, "email": f"sent-{language}@example.org"})
    pages[f"{path}#sent"] = sent.content.decode()
    error = smtplib.SMTPConnectError(421, "Service not available")
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=error
    ):
        failed = client.post(path, {**data, "email": f"failed-{language}@example.org"})
    assert BeautifulSoup(failed.content, "html.parser").select_one("form button")
    pages[f"{path}#failed"] = failed.content.decode()
    with override(language):
        resend = reverse("events:register-resend", kwargs={"slug": event.slug})
    expired = client.post(resend, {"resend": "no-such-key"})
    assert expired.status_code == 410
    pages[f"{path}#expired"] = expired.content.decode()
    return pages


def run_vnu(tmp_path, pages):
    folder = tmp_path / "pages"
    folder.mkdir()
    names = {}
    for index, (path, html) in enumerate(sorted(pages.items())):
        name = f"{index:03d}.html"
        names[name] = path
        (folder / name).write_text(html, encoding="utf-8")
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stderr or '{"messages": []}')
    return [
        (names[Path(m["url"]).name], m["message"], m.get("extract", "")) for m in report["messages"]
    ]


@time_machine.travel(datetime.datetime(2025, 6, 1, 12, tzinfo=BERLIN), tick=False)
def test_every_page_type_passes_the_nu_html_checker(vnu, client, content, tmp_path):
    pages = html_pages(client)
    # The crawl reached every kind of page of the shipped content in every language.
    assert len(pages) >= 54
    for language in LANGUAGES:
        pages.update(registration_pages(client, language))
        search = {"de": "/de/suche/", "en": "/en/search/", "sl": "/sl/iskanje/"}[language]
        pages[f"{search}?q=Integration"] = client.get(search, {"q": "Integration"}).content.decode()
        pages[f"/{language}/404"] = client.get(f"/{language}/no-such-page/").content.decode()
    assert run_vnu(tmp_path, pages) == []


def run_ical_js(tmp_path, calendars):
    files = []
    for name, body in calendars.items():
        file = tmp_path / f"{name}.ics"
        file.write_bytes(body)
        files.append(str(file))
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "quality" / "ical_check.cjs"), *files],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NODE_PATH": str(VALIDATORS / "node_modules")},
        check=True,
    )
    return {Path(file).stem: value for file, value in json.loads(result.stdout).items()}


def ics(event):
    with override("en"):
        return reverse("events:ics", kwargs={"slug": event.slug})


def test_calendars_parse_with_ical_js(ical_js, client, db, tmp_path):
    with time_machine.travel(datetime.datetime(2029, 6, 1, tzinfo=BERLIN), tick=False):
        talk = EventFactory(
            title_en="Talk", start=datetime.datetime(2029, 10, 28, 18, tzinfo=BERLIN)
        )
        day = EventFactory(
            title_en="Open day", start=datetime.datetime(2029, 11, 3, tzinfo=BERLIN), all_day=True
        )
        calendars = {
            "upcoming": client.get("/en/events/calendar.ics").content,
            "one": client.get(ics(talk)).content,
        }
    with time_machine.travel(datetime.datetime(2031, 1, 1, tzinfo=BERLIN), tick=False):
        calendars["empty"] = client.get("/en/events/calendar.ics").content
        # A past event keeps its download.
        calendars["past"] = client.get(ics(day)).content
    parsed = run_ical_js(tmp_path, calendars)
    assert {name: result["ok"] for name, result in parsed.items()} == dict.fromkeys(calendars, True)
    assert parsed["upcoming"]["components"] == ["vtimezone", "vevent", "vevent"]
    assert parsed["upcoming"]["zones"] == ["Europe/Berlin"]
    # 28 October 2029, the day winter time begins: 18:00 in Kassel is 17:00 UTC.
    assert parsed["upcoming"]["events"][0]["summary"] == "Talk"
    assert parsed["upcoming"]["events"][0]["start"] == "2029-10-28T17:00:00.000Z"
    assert parsed["one"]["components"] == ["vtimezone", "vevent"]
    # RFC 5545: at least one component, also without events.
    assert parsed["empty"]["components"] == ["vtimezone"]
    assert parsed["empty"]["events"] == []
    assert [e["summary"] for e in parsed["past"]["events"]] == ["Open day"]
