"""A corpus of hostile requests over every URL pattern: none may become a 5xx or a traceback.

The URL resolver is enumerated, so a new pattern is covered (or this test fails
and asks for its parameters). Parameters come from the shipped content. Each
URL, in de, en and sl, meets control characters, invalid UTF-8, overlong paths
and queries, more than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters, bad Host
headers, malformed multipart bodies, wrong methods, and tsquery/LIKE syntax.
"""

import logging
import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.translation import override

from concept.models import Document, FieldOfAction
from events.models import Event, EventSeries
from kassel_integration.site.log import OneLineClientErrorFormatter
from tests.quality.server import get, gunicorn, prepare, server_env

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SEARCH_SYNTAX = [
    "'",
    "&",
    "|",
    "!",
    "(",
    ")",
    ":",
    "*",
    "%",
    "_",
    "\\",
    "'&|!():*%_\\",
    "a & !b | (c:*",
    "%_%",
    "\\%",
    "a:* & b:A",
    "!!!",
    "((((",
    "'' ''",
    "<->",
    "a <-> b",
    "%00",
]
MANY = "&".join(f"a{i}=1" for i in range(201))
BAD_HOSTS = ["evil.example", "localhost:99999", "[::1", "a b", "127.0.0.1.evil.example", ""]
WRONG_METHODS = ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"]


def named_patterns(patterns=None, namespace=""):
    """(qualified name, converter names) of every named pattern, admin included."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def fill(name, code):
    """Keyword arguments for reversing `name` in language `code`, from the shipped content."""
    with override(code):
        event = Event.objects.published().order_by("pk").first()
        if name == "concept:field":
            return {"slug": FieldOfAction.objects.published().order_by("number").first().slug}
        if name == "concept:document":
            document = Document.objects.order_by("pk").first()  # none shipped: a 404 then
            return {"pk": document.pk if document else 1}
        if name == "events:series":
            return {"slug": EventSeries.objects.published().order_by("pk").first().slug}
        if name.startswith("events:registration-c"):
            return {"token": "not-a-token.Zm9v"}
        if name.startswith("events:"):
            return {"slug": event.slug}
        if name == "preview":
            return {"label": "events.event", "pk": event.pk}
        if name == "media":
            return {"path": "images/not-uploaded.png"}
    return None


ADMIN_FILLERS = [
    {},
    {"object_id": "1"},
    {"app_label": "events"},
    {"content_type_id": "1", "object_id": "1"},
    {"id": "1"},
    {"object_id": "1", "version_id": "1"},
    {"language": "sl"},
    {"code": "sl"},
    {"language": "sl", "key": "not-a-key"},
    {"pk": "1"},
]


def every_url():
    """One URL per named pattern and language (admin patterns once); fails on an unknown one."""
    urls, unknown = set(), []
    for name, pattern in named_patterns():
        converters = set(pattern.pattern.converters) | set(pattern.pattern.regex.groupindex)
        if name.startswith("admin:") or name.startswith("axes"):
            regex = pattern.pattern.regex
            if regex.groups and not regex.groupindex:  # reversion's positional version id
                urls.add(reverse(name, args=["1"] * regex.groups))
                continue
            for kwargs in ADMIN_FILLERS:
                if set(kwargs) == converters:
                    urls.add(reverse(name, kwargs=kwargs))
                    break
            else:
                unknown.append(name)
            continue
        for code in LANGUAGES:
            kwargs = fill(name, code) if converters else {}
            if kwargs is None:
                unknown.append(name)
                break
            with override(code):
                urls.add(reverse(name, kwargs=kwargs))
    return sorted(urls), unknown


def hostile_requests(url):
    """(method, path, extra) triples for one URL."""
    yield "HEAD", f"{url}%01%1b%7f/", {}
    yield "GET", f"{url}?q=%0d%0aSet-Cookie:%20x%3D1&page=%e2%80%ae&year=abc&month=13", {}
    yield "GET", f"{url}?q=%ff%fe", {}
    yield "GET", f"{url}%c3%28/", {}
    yield "GET", f"{url}%00", {}
    yield "GET", f"{url}{'a' * 4000}/", {}
    yield "GET", f"{url}?q={'x' * 8000}&page=99999999999999999999999", {}
    yield "GET", f"{url}?{MANY}", {}
    yield "GET", url, {"HTTP_HOST": BAD_HOSTS[hash(url) % len(BAD_HOSTS)]}
    yield (
        "POST",
        url,
        {
            "content_type": "multipart/form-data; boundary=xyz",
            "data": b'--xyz\r\nContent-Disposition: form-data; name="a\r\n\r\n\xff\xfe--x',
        },
    )
    yield "POST", url, {"content_type": "multipart/form-data", "data": b"no boundary"}
    yield "POST", url, {"content_type": "application/x-www-form-urlencoded", "data": MANY}
    yield WRONG_METHODS[hash(url) % len(WRONG_METHODS)], url, {}


def corpus():
    urls, unknown = every_url()
    search_urls = {}
    for code in LANGUAGES:
        with override(code):
            search_urls[code] = reverse("search")
    requests = []
    admin = f"/{settings.ADMIN_URL_PATH}"
    for number, url in enumerate(urls):
        variants = list(hostile_requests(url))
        if url.startswith(admin) and url != f"{admin}login/":
            # Some 270 admin URLs, all behind the sign-in: each meets one variant
            # in turn (every variant is met by many), which keeps the run short.
            variants = [variants[number % len(variants)]]
        requests += variants
    for code in LANGUAGES:
        for syntax in SEARCH_SYNTAX:
            requests.append(("GET", search_urls[code], {"data": {"q": syntax, "page": syntax}}))
        with override(code):
            events = reverse("events:index")
        for syntax in SEARCH_SYNTAX[:11]:
            requests.append(("GET", events, {"data": {"q": syntax, "category": syntax}}))
    for host in BAD_HOSTS:
        requests.append(("GET", "/de/", {"HTTP_HOST": host}))
        requests.append(("GET", "/robots.txt", {"HTTP_HOST": host}))
    return urls, unknown, requests


def send(client, method, path, extra):
    extra = dict(extra)
    data = extra.pop("data", None)
    content_type = extra.pop("content_type", None)
    if method in ("GET", "HEAD"):
        call = client.get if method == "GET" else client.head
        return call(path, data=data, **extra)
    if method == "POST" and content_type:
        return client.generic("POST", path, data, content_type=content_type, **extra)
    return client.generic(method, path, **extra)


@pytest.mark.django_db
def test_hostile_requests_never_give_a_5xx_or_a_traceback(content, caplog):
    caplog.set_level(logging.WARNING)
    urls, unknown, requests = corpus()
    assert unknown == [], f"URL patterns without parameters in this corpus: {unknown}"
    assert len(urls) >= 50
    assert len(requests) >= 500
    client = Client(raise_request_exception=False)
    started = time.monotonic()
    problems = []
    for method, path, extra in requests:
        response = send(client, method, path, extra)
        if response.status_code >= 500:
            problems.append(f"{method} {path[:120]} {extra}: {response.status_code}")
    elapsed = time.monotonic() - started
    formatter = OneLineClientErrorFormatter()
    tracebacks = [
        formatter.format(r)[:400] for r in caplog.records if "Traceback" in formatter.format(r)
    ]
    assert problems == []
    assert tracebacks == []
    # About 25 s on an idle machine; the bound only catches a corpus grown too big.
    assert elapsed < 90, f"{len(requests)} requests took {elapsed:.0f} s"


# ---------------------------------------------------------------- through a real gunicorn
RAW = [
    b"GET /de/?" + MANY.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET /de/?q=%ff%fe HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET /de/%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET /de/ HTTP/1.1\r\nHost: evil.example\r\n\r\n",
    b"GET /de/ HTTP/1.1\r\nHost: a b\r\n\r\n",
    b"GET /de/" + b"a" * 9000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET /de/suche/?q=%27%26%7C%21%28%29%3A%2A%25_%5C HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET /de/\x01\x7f HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"TRACE /de/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"DELETE /sitemap.xml HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET /sitemap.xml?" + MANY.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET /verwaltung/login/?" + MANY.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET /de/gibt-es-nicht/?" + MANY.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"POST /de/barrierefreiheit/barriere-melden/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    b"Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 20\r\n\r\n"
    b"--xyz\r\n\xff\xfe garbage",
    b"POST /de/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded"
    b"\r\nContent-Length: " + str(len(MANY)).encode() + b"\r\n\r\n" + MANY.encode(),
]


def raw_status(base, payload):
    import socket

    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=15) as sock:
        sock.sendall(payload)
        data = b""
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    return int(data.split(b"\r\n", 1)[0].split()[1])


@pytest.mark.server
def test_hostile_requests_through_gunicorn(tmp_path):
    env = server_env(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    prepare(env)
    with gunicorn(env, tmp_path, workers=1) as (base, _process):
        statuses = {payload[:60]: raw_status(base, payload) for payload in RAW}
        manifest = get(f"{base}/static/staticfiles.json")
        robots = get(f"{base}/robots.txt", headers={"Host": "localhost"})
    log = next(tmp_path.glob("gunicorn-*.log")).read_text(errors="replace")
    assert {k: v for k, v in statuses.items() if v >= 500} == {}
    assert statuses[RAW[0][:60]] == 400
    assert manifest[0] == 404
    assert robots == (
        200,
        b"User-agent: *\nDisallow:\nSitemap: http://127.0.0.1:8000/sitemap.xml\n",
    )
    assert "Traceback" not in log
    assert len(log) < 20_000, log[-3000:]
