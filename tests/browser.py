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
