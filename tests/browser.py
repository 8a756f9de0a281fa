"""Helpers for tests that look at pages in a real Chromium, as a person would."""

import json

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def axe_results(page, context=None) -> dict:
    """Run axe-core (shipped inside axe-playwright-python, never fetched) on the page.

    `context` (a CSS selector) limits the check to one part of the page.
    """
    options = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "resultTypes": ["violations", "incomplete"],
    }
    return _axe.run(page, context=context, options=options).response


def assert_no_axe_violations(page, context=None):
    results = axe_results(page, context)
    for item in results.get("incomplete", []):
        # Not failures: axe could not decide. Listed so a person reviews them.
        print(f"axe incomplete on {page.url}: {item['id']} ({len(item['nodes'])} nodes)")
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in results["violations"]
    ]
    assert violations == [], f"axe violations on {page.url}:\n{json.dumps(violations, indent=2)}"


def open_page(page, url):
    """Open a URL and fail on anything but a successful, same-origin-only page."""
    response = page.goto(url)
    assert response is not None, url
    assert response.status == 200, f"{url} answered {response.status}"
    return response


def sign_in_to_admin(page, site, username, password, next_path, language=None):
    """Sign in through the admin's own form, as staff do, and wait for `next_path`."""
    from django.conf import settings

    if language:
        page.set_extra_http_headers({"Accept-Language": language})
    open_page(page, f"{site}/{settings.ADMIN_URL_PATH}login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}{next_path}")
