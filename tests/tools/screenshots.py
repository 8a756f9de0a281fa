"""`make screenshots`: every page type in every language at 320, 768 and 1280 px, as PNGs.

Serves a fresh SQLite copy of the Kassel content with gunicorn and production
settings (as `make run` does, tests/quality/server.py), opens each page in
Debian's Chromium through Playwright and writes full-page screenshots to
var/screenshots/<language>/<page>-<width>.png (and the open menu of a phone as
home-menu-320.png), so anyone changing a template can look at the result:

    make screenshots
    SCREENSHOT_ARGS="--pages home,event --widths 320" make screenshots
"""

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from tests.quality.server import ROOT, gunicorn, prepare, server_env

WIDTHS = (320, 768, 1280)
HEIGHT = {320: 640, 768: 1024, 1280: 900}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
OUT = ROOT / "var" / "screenshots"


def page_paths(languages):
    """{page type: {language: path}} from the loaded content (read through the ORM)."""
    import django

    django.setup()
    from django.conf import settings
    from django.urls import reverse
    from django.utils.translation import override

    from concept.models import FieldOfAction
    from events.models import Event, EventSeries

    languages = languages or [code for code, _name in settings.LANGUAGES]
    field = FieldOfAction.objects.published().order_by("number").first()
    series = EventSeries.objects.published().order_by("order").first()
    event = Event.objects.published().order_by("-start").first()
    named = {
        "home": "home",
        "officer": "officers:index",
        "concept": "concept:index",
        "events": "events:index",
        "imprint": "imprint",
        "privacy": "privacy",
        "accessibility": "accessibility",
        "barrier-report": "barrier-report",
        "barrier-report-thanks": "barrier-report-thanks",
    }
    paths = {}
    for language in languages:
        with override(language):
            found = {kind: reverse(name) for kind, name in named.items()}
            found["field"] = field.get_absolute_url()
            found["series"] = series.get_absolute_url()
            found["event"] = event.get_absolute_url()
            found["search"] = reverse("search") + "?q=Integration"
            found["not-found"] = f"/{language}/no-such-page/"
        for kind, path in found.items():
            paths.setdefault(kind, {})[language] = path
    return paths


def shoot(base, paths, widths, out):
    from playwright.sync_api import sync_playwright

    written = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            for width in widths:
                context = browser.new_context(viewport={"width": width, "height": HEIGHT[width]})
                page = context.new_page()
                for kind, by_language in paths.items():
                    for language, path in by_language.items():
                        target = out / language / f"{kind}-{width}.png"
                        target.parent.mkdir(parents=True, exist_ok=True)
                        page.goto(base + path)
                        page.screenshot(path=target, full_page=True)
                        written += 1
                        if kind == "home" and width < 768:
                            page.locator(".site-menu-button").click()
                            page.screenshot(path=out / language / f"home-menu-{width}.png")
                            written += 1
                context.close()
        finally:
            browser.close()
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", help="comma-separated page types (default: all)")
    parser.add_argument("--languages", help="comma-separated language codes (default: all)")
    parser.add_argument("--widths", help="comma-separated widths in px (default: 320,768,1280)")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs")
    args = parser.parse_args(argv)
    widths = [int(w) for w in args.widths.split(",")] if args.widths else list(WIDTHS)
    for width in widths:
        HEIGHT.setdefault(width, 900)
    workdir = Path(tempfile.mkdtemp(prefix="kassel-screenshots-"))
    try:
        env = server_env(workdir, f"sqlite:///{workdir / 'content.sqlite3'}")
        prepare(env)
        os.environ.update(env)
        paths = page_paths(args.languages.split(",") if args.languages else None)
        if args.pages:
            paths = {kind: paths[kind] for kind in args.pages.split(",")}
        with gunicorn(env, workdir) as (base, _process):
            written = shoot(base, paths, widths, args.out)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{written} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
