"""Crawl the whole public site in Chromium and check every page as a person would meet it.

Starting from /de/, /en/ and /sl/, every internal link is followed. Each HTML
page must: answer 200 with the security headers, carry `<html lang>` equal to
its URL language, have exactly one h1 and a working skip link, request nothing
from another origin, not scroll sideways at 320 CSS px, and pass axe-core's
WCAG 2.0/2.1 A and AA rules. All problems are collected and reported together.
"""

from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.conf import settings

from tests.browser import axe_results
from tests.kassel_integration.site.test_security import EXPECTED_CSP, csp_directives

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_PAGES = 400
NOT_PAGES = (".ics", ".vcf", ".xml", ".atom", ".pdf", "/feed/", "/download/")


def is_crawlable(url, origin):
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return False
    path = parts.path
    if path.startswith(f"/{settings.ADMIN_URL_PATH}") or path.startswith(settings.STATIC_URL):
        return False
    return not any(marker in path for marker in NOT_PAGES)


def check_page(page, url, origin, foreign_requests):
    problems = []
    foreign_requests.clear()
    response = page.goto(url)
    if response is None or response.status != 200:
        return [f"{url}: status {response.status if response else 'none'}"], []
    if "text/html" not in response.headers.get("content-type", ""):
        return [], []
    headers = response.headers
    if csp_directives(headers.get("content-security-policy", "")) != EXPECTED_CSP:
        problems.append(f"{url}: CSP is {headers.get('content-security-policy')!r}")
    for name, value in [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("cross-origin-opener-policy", "same-origin"),
        ("cross-origin-resource-policy", "same-origin"),
        ("referrer-policy", "strict-origin-when-cross-origin"),
    ]:
        if headers.get(name) != value:
            problems.append(f"{url}: header {name} is {headers.get(name)!r}")
    if "permissions-policy" not in headers:
        problems.append(f"{url}: no Permissions-Policy")
    if "set-cookie" in headers:
        problems.append(f"{url}: sets a cookie for an anonymous visitor")

    language = urlsplit(url).path.split("/")[1]
    facts = page.evaluate(
        """() => ({
            lang: document.documentElement.lang,
            h1: document.querySelectorAll('h1').length,
            skipHref: document.querySelector('body a') && document.querySelector('body a').getAttribute('href'),
            mainExists: !!document.getElementById('main'),
            links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
        })"""
    )
    if facts["lang"] != language:
        problems.append(f"{url}: html lang is {facts['lang']!r}, expected {language!r}")
    if facts["h1"] != 1:
        problems.append(f"{url}: {facts['h1']} h1 elements")
    if facts["skipHref"] != "#main" or not facts["mainExists"]:
        problems.append(f"{url}: the first link is not a working skip link to #main")

    results = axe_results(page)
    for violation in results["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:3]
        problems.append(f"{url}: axe {violation['id']} ({violation['impact']}): {targets}")
    for item in results.get("incomplete", []):
        print(f"review (axe incomplete) {url}: {item['id']}")

    page.set_viewport_size({"width": 320, "height": 800})
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        problems.append(f"{url}: scrolls sideways by {overflow}px at 320 CSS px")
    page.set_viewport_size({"width": 1280, "height": 900})

    problems.extend(f"{url}: requested another origin: {request}" for request in foreign_requests)
    links = [urldefrag(urljoin(url, href))[0] for href in facts["links"]]
    return problems, [link for link in links if is_crawlable(link, origin)]


def test_every_page_passes_in_the_browser(page, live_server, content):
    origin = live_server.url
    foreign_requests = []
    page.on(
        "request",
        lambda request: (
            foreign_requests.append(request.url)
            if not request.url.startswith((origin, "data:", "about:"))
            else None
        ),
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    queue = deque(f"{origin}/{code}/" for code, _name in settings.LANGUAGES)
    seen = set(queue)
    problems, visited = [], 0
    while queue and visited < MAX_PAGES:
        url = queue.popleft()
        visited += 1
        page_problems, links = check_page(page, url, origin, foreign_requests)
        problems.extend(page_problems)
        for link in links:
            if link not in seen:
                seen.add(link)
                queue.append(link)
    print(f"crawled {visited} pages")
    assert not queue, f"more than {MAX_PAGES} pages: raise MAX_PAGES or prune links"
    assert visited >= 24, f"only {visited} pages reached: the crawl is broken"
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(
    ("language", "path", "summary"),
    [
        ("de", "/de/barrierefreiheit/barriere-melden/", "Bitte korrigieren Sie Folgendes:"),
        ("en", "/en/accessibility/report-a-barrier/", "Please correct the following:"),
        ("sl", "/sl/dostopnost/prijava-ovire/", "Popravite naslednje:"),
    ],
)
def test_form_error_state_is_accessible_and_keeps_input(
    page, live_server, content, language, path, summary
):
    page.goto(f"{live_server.url}{path}")
    page.fill("#id_name", "Ana Novak")
    page.fill("#id_email", "not-an-address")
    page.click("main button[type=submit]")
    assert page.locator(".error-summary h2").inner_text() == summary
    assert page.input_value("#id_name") == "Ana Novak"
    assert page.input_value("#id_email") == "not-an-address"
    assert page.locator("html").get_attribute("lang") == language
    results = axe_results(page)
    assert [v["id"] for v in results["violations"]] == []


def test_admin_login_is_accessible(page, live_server, db):
    response = page.goto(f"{live_server.url}/{settings.ADMIN_URL_PATH}login/")
    assert response.status == 200
    results = axe_results(page)
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in results["violations"]] == []
