"""A translator changes one interface text in the browser; the other gunicorn worker shows it.

gunicorn as `make run` starts it (two workers, --preload, production settings, the page
cache in files). Its access log names the worker (process id) of every request, so the
test knows which worker saved the text and waits for a public page of the OTHER worker
with the new text: at most INTERFACE_TEXTS_CHECK_SECONDS (10) later, well within a
minute, with no restart. Then the same for the undo.
"""

import re
import threading
import time
from pathlib import Path

import pytest

from kassel_integration.models import InterfaceText
from tests.browser import open_page, sign_in_to_admin
from tests.quality.server import get, gunicorn, manage, prepare, server_env

pytestmark = [pytest.mark.server, pytest.mark.browser]

PASSWORD = "correct-horse-battery"
FOOTER = "Report a barrier"
OLD = "Prijavite oviro"
NEW = "Sporočite oviro"
LINE = re.compile(r"<(\d+)> (\w+) (\S+) (\d+)")


def access_log(path: Path):
    """[(worker pid, method, path and query (no "?" between), status)] of every request."""
    if not path.exists():
        return []
    return [
        (int(m[1]), m[2], m[3], int(m[4]))
        for m in map(LINE.match, path.read_text().splitlines())
        if m
    ]


def wait_for_entry(path: Path, predicate, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [entry for entry in access_log(path) if predicate(entry)]
        if found:
            return found[-1]
        time.sleep(0.05)
    raise AssertionError(f"no access log line matched within {seconds} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("interface-texts")
    log = workdir / "access.log"
    env = server_env(
        workdir,
        f"sqlite:///{workdir / 'db.sqlite3'}",
        # gunicorn reads extra options from here: an access log naming the worker.
        GUNICORN_CMD_ARGS=(
            f"--access-logfile {log} --access-logformat '%(p)s %(m)s %(U)s%(q)s %(s)s'"
        ),
    )
    prepare(env)
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User\n"
        f"u = User.objects.create_user('prevajalka', password='{PASSWORD}', is_staff=True)\n"
        "u.groups.add(Group.objects.get(name='Translators (Slovenian)'))\n",
    )
    with gunicorn(env, workdir, workers=2) as (base, _process):
        yield base, log


def probe_until(base, log, text, not_worker, seconds=60):
    """Ask for /sl/ (two at a time, so both workers answer) until a worker other than
    `not_worker` sends a page with `text`; (seconds taken, {worker: saw text})."""
    start = time.monotonic()
    seen = {}
    number = 0
    while time.monotonic() - start < seconds:
        results = {}

        def fetch(n, results):
            status, body = get(f"{base}/sl/?probe={n}")
            results[n] = (status, text in body.decode())

        threads = [threading.Thread(target=fetch, args=(number + i, results)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for n, (status, has_text) in results.items():
            assert status == 200
            pid, *_rest = wait_for_entry(log, lambda e, n=n: e[2] == f"/sl/probe={n}")
            seen[pid] = has_text
        number += 2
        if any(has for pid, has in seen.items() if pid != not_worker):
            return time.monotonic() - start, seen
        time.sleep(0.5)
    raise AssertionError(f"no other worker showed {text!r} within {seconds} s: {seen}")


def every_worker(base, text, since, streak=12):
    """Wait until `streak` requests in a row (both workers, by chance and by the page
    cache) show `text`; fail if that takes past a minute after `since`."""
    in_a_row = 0
    while in_a_row < streak:
        assert time.monotonic() - since < 60, f"not every worker shows {text!r} within a minute"
        in_a_row = in_a_row + 1 if text in get(f"{base}/sl/")[1].decode() else 0
        time.sleep(0.1)
    print(f"every request shows {text!r} {time.monotonic() - since:.1f} s after the change")


def test_a_text_changed_in_the_browser_reaches_the_other_worker_within_a_minute(server, page):
    base, log = server
    status, body = get(f"{base}/sl/")
    assert (status, OLD in body.decode(), NEW in body.decode()) == (200, True, False)

    url = f"/verwaltung/kassel_integration/translationstate/interface/texts/sl/{InterfaceText.message_key('', FOOTER)}/"
    sign_in_to_admin(page, base, "prevajalka", PASSWORD, url, "sl")
    field = page.locator("#id_form_0")
    assert field.input_value() == OLD
    field.fill("")
    field.type(NEW)
    page.get_by_role("button", name="Shrani").click()
    page.wait_for_url(f"{base}{url}")
    assert "Besedilo je shranjeno." in page.locator("ul.messagelist").inner_text()
    saver, *_rest = wait_for_entry(log, lambda e: e[1] == "POST" and e[2] == url and e[3] == 302)

    saved = time.monotonic()
    seconds, seen = probe_until(base, log, NEW, not_worker=saver)
    print(f"new text on another worker after {seconds:.1f} s; workers seen: {seen}")
    assert seconds < 60
    # Within the minute every worker shows it, and the page cache holds no old page.
    every_worker(base, NEW, since=saved)
    open_page(page, f"{base}/de/")
    assert "Barriere melden" in page.locator("footer").inner_text()

    open_page(page, f"{base}{url}")
    page.get_by_role("button", name="Razveljavi to spremembo").click()
    page.wait_for_url(f"{base}{url}")
    assert "Sprememba je razveljavljena." in page.locator("ul.messagelist").inner_text()
    undoer, *_rest = wait_for_entry(log, lambda e: e[1] == "POST" and e[2].endswith("/undo/"))
    undone = time.monotonic()
    seconds, seen = probe_until(base, log, OLD, not_worker=undoer)
    print(f"undo on another worker after {seconds:.1f} s; workers seen: {seen}")
    assert seconds < 60
    every_worker(base, OLD, since=undone)
