"""The real server (gunicorn + whitenoise, production settings) under bad input, load and reload.

Loopback only, bounded in count and time.
"""

import contextlib
import signal
import socket
import threading
import time
from collections import Counter

import pytest

from tests.quality.server import get, gunicorn, prepare, server_env

pytestmark = pytest.mark.server

PAGES = [
    "/de/",
    "/en/",
    "/sl/",
    "/de/impressum/",
    "/en/privacy/",
    "/sl/dostopnost/",
    "/static/css/portal.css",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("server")
    env = server_env(workdir, f"sqlite:///{workdir / 'db.sqlite3'}")
    prepare(env)
    with gunicorn(env, workdir) as (base, process):
        yield base, process


def raw(base, payload: bytes, timeout=15) -> int:
    """Send bytes as they are (no client library cleans them up); return the HTTP status."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        # The server may answer and close before reading an oversized body.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(payload)
        data = b""
        while b"\r\n" not in data:
            try:
                chunk = sock.recv(4096)
            except ConnectionResetError:
                break
            if not chunk:
                break
            data += chunk
    status_line = data.split(b"\r\n", 1)[0]
    assert status_line.startswith(b"HTTP/1."), f"no HTTP answer: {data[:200]!r}"
    return int(status_line.split()[1])


def request(method, path, headers=(), body=b""):
    lines = [f"{method} ".encode() + path + b" HTTP/1.1", b"Host: 127.0.0.1", b"Connection: close"]
    lines += list(headers)
    if body:
        lines.append(f"Content-Length: {len(body)}".encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


FORM = b"/en/accessibility/report-a-barrier/"
BAD_REQUESTS = {
    "overlong url": request("GET", b"/de/" + b"a" * 9000),
    "overlong query string": request("GET", b"/de/?q=" + b"x" * 9000),
    "invalid utf-8 in path": request("GET", b"/de/\xff\xfe/"),
    "invalid percent-encoding": request("GET", b"/de/%zz%C3%28/"),
    "invalid utf-8 in query": request("GET", b"/de/?q=%ff%fe"),
    "nul byte in query": request("GET", b"/de/?q=a%00b"),
    "raw nul byte": request("GET", b"/de/\x00/"),
    "path traversal": request("GET", b"/static/../../../../etc/passwd"),
    "encoded path traversal": request(
        "GET", b"/static/%2e%2e/%2e%2e/kassel_integration/settings.py"
    ),
    "huge post body": request(
        "POST",
        FORM,
        [b"Content-Type: application/x-www-form-urlencoded"],
        b"description=" + b"x" * 5_000_000,
    ),
    "too many form fields": request(
        "POST",
        FORM,
        [b"Content-Type: application/x-www-form-urlencoded"],
        b"&".join(b"f%d=1" % i for i in range(3000)),
    ),
    "malformed multipart": request(
        "POST",
        FORM,
        [b"Content-Type: multipart/form-data; boundary=zzz"],
        b"--zzz\r\nbroken\r\n--yyy--",
    ),
    "multipart without boundary": request(
        "POST", FORM, [b"Content-Type: multipart/form-data"], b"abc"
    ),
    "post without csrf token": request(
        "POST", FORM, [b"Content-Type: application/x-www-form-urlencoded"], b"description=Barriere"
    ),
    "post from a foreign origin": request(
        "POST",
        FORM,
        [b"Content-Type: application/x-www-form-urlencoded", b"Origin: https://evil.example"],
        b"description=Barriere",
    ),
    "put": request("PUT", b"/de/", body=b"x"),
    "delete": request("DELETE", b"/de/impressum/"),
    "trace": request("TRACE", b"/de/"),
    "unknown method": request("BREW", b"/de/"),
    "bad host header": b"GET /de/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    "host header with path": b"GET /de/ HTTP/1.1\r\nHost: 127.0.0.1/../x\r\nConnection: close\r\n\r\n",
    "garbage request line": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
}


@pytest.mark.parametrize("case", sorted(BAD_REQUESTS))
def test_bad_input_gets_4xx_and_server_keeps_answering(server, case):
    base, _process = server
    status = raw(base, BAD_REQUESTS[case])
    assert 400 <= status < 500, f"{case}: {status}"
    assert get(f"{base}/de/")[0] == 200


def load(base, seconds, concurrency=8, stop=None):
    """Request the pages in a loop from several threads; count the answers by status."""
    counts, lock = Counter(), threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(offset):
        index = offset
        while time.monotonic() < deadline and not (stop and stop.is_set()):
            try:
                status, _body = get(base + PAGES[index % len(PAGES)], timeout=20)
            except OSError as error:
                status = f"error: {error}"
            with lock:
                counts[status] += 1
            index += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts


def test_thirty_seconds_of_concurrent_load_gets_only_successful_answers(server):
    base, _process = server
    counts = load(base, seconds=30)
    print(f"load: {dict(counts)}")
    assert sum(counts.values()) > 200, counts
    assert set(counts) == {200}, counts


def test_graceful_reload_under_load_loses_no_request(server):
    base, process = server
    results = {}

    def run():
        results.update(load(base, seconds=12, concurrency=6))

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(3)
    process.send_signal(signal.SIGHUP)  # gunicorn starts new workers, lets old ones finish
    time.sleep(3)
    process.send_signal(signal.SIGHUP)
    thread.join()
    print(f"reload: {results}")
    assert sum(results.values()) > 50, results
    assert set(results) == {200}, results
