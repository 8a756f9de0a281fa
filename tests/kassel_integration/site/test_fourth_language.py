"""Languages are configuration: the portal with a fourth, right-to-left language.

tests.settings_rtl adds Arabic to LANGUAGES and nothing else; the checks in
fourth_language_pages.py (every public page type in Arabic with lang="ar"
dir="rtl", German fallbacks marked lang="de" dir="ltr", the admin's Arabic
fields, the Arabic translator group, the layout in Chromium) run in a process
of their own, since modeltranslation adds the per-language fields when the
apps load.
"""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PAGES = Path(__file__).with_name("fourth_language_pages.py")


def test_a_fourth_right_to_left_language_needs_only_the_settings():
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTEST_", "DJANGO_SETTINGS_MODULE"))
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(PAGES.relative_to(settings.BASE_DIR)),
            "--ds=tests.settings_rtl",
            "-p",
            "no:cacheprovider",
            "-q",
            "-rs",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    report = result.stdout[-6000:] + result.stderr[-3000:]
    assert result.returncode == 0, report
    assert " passed" in result.stdout.splitlines()[-1], report
