"""Dependencies point one way (README, Architecture).

The import-linter contracts of pyproject.toml hold (as `make lint` checks), a
wrong import breaks them, and the core does not name a domain app in strings
either (app labels, URL names), which no import-linter contract can see.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

from importlinter.api import read_configuration
from importlinter.application.use_cases import lint_imports

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("kassel_integration", "officers", "concept", "events")
APPS = ("officers", "concept", "events")

# Project wiring that may name the apps (issue 17: settings and URLs stay at the top).
MAY_NAME_APPS = {"kassel_integration/settings.py", "kassel_integration/urls.py"}
NOT_YET = ()


def test_the_import_contracts_hold(capsys):
    config = str(ROOT / "pyproject.toml")
    contracts = read_configuration(config)["contracts_options"]
    assert [(c["id"], c["type"]) for c in contracts] == [
        ("apps-above-core", "layers"),
        ("core-knows-no-app", "forbidden"),
        ("core-rooms", "layers"),
    ]
    # What `lint-imports` runs; the report is printed (and shown if this fails).
    assert lint_imports(config_filename=config, cache_dir=None, no_logo=True)
    assert "Contracts: 3 kept, 0 broken." in capsys.readouterr().out


def lint_copy_with(tmp_path, module, source):
    """lint-imports on a copy of the code with one module added: (exit status, output)."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    path = tmp_path / (module.replace(".", "/") + ".py")
    path.write_text(source)
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [lint, "--no-cache"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    return result.returncode, " ".join(result.stdout.split())


def test_a_core_module_importing_an_app_fails_the_build(tmp_path):
    status, output = lint_copy_with(
        tmp_path, "kassel_integration.site.planted", "from events.models import Event\n"
    )
    assert status == 1
    assert "The core never imports a domain app: the apps contribute (contributions.py) BROKEN" in (
        output
    )
    assert "kassel_integration.site.planted -> events.models (l.1)" in output


def test_a_lower_room_importing_a_higher_one_fails_the_build(tmp_path):
    status, output = lint_copy_with(
        tmp_path,
        "kassel_integration.content.planted",
        "from kassel_integration.editorial import workflow\n",
    )
    assert status == 1
    assert "kassel_integration.content is not allowed to import kassel_integration.editorial" in (
        output
    )


# A label, URL name or admin URL name of an app in a string: "events.Event",
# 'events:detail', "admin:events_registration_changelist", ("concept", ...).
APP_IN_STRING = re.compile(r"""["'](?:admin:)?(?:{})(?:[.:_"']|$)""".format("|".join(APPS)))


def test_the_core_names_no_app_in_strings_either():
    found = []
    for path in sorted((ROOT / "kassel_integration").rglob("*")):
        relative = path.relative_to(ROOT).as_posix()
        if path.suffix not in {".py", ".html", ".txt"} or "/migrations/" in relative:
            continue
        if relative in MAY_NAME_APPS or relative.startswith(NOT_YET):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if APP_IN_STRING.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert found == []
