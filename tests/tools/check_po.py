"""Fail on incomplete or broken .po catalogues.

Every message must be translated, nothing fuzzy, and a translation must keep
exactly the placeholders of its source (`%(name)s`, `%s`, `{name}`), or the
page would crash or show the wrong value at run time, and exactly its HTML
tags. The rules are those uploads and changes from the translation dashboard
are checked with (kassel_integration/translations/catalogue.py).

Usage: python -m tests.tools.check_po locale
"""

import sys
from pathlib import Path

from babel.messages.pofile import read_po

from kassel_integration.translations.catalogue import (
    as_tuple,
    markup_mismatches,
    placeholder_mismatches,
)


def problems_in(path: Path) -> list[str]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    found = []
    if catalog.fuzzy:
        found.append(f"{path}: the header is marked fuzzy")
    for message in catalog:
        if not message.id:
            continue
        ids, strings = as_tuple(message.id), as_tuple(message.string)
        label = f"{path}: {ids[0][:60]!r}"
        if message.fuzzy:
            found.append(f"{label} is fuzzy")
        if not all(strings):
            found.append(f"{label} is not translated")
            continue
        for mismatch in placeholder_mismatches(message.id, message.string):
            found.append(f"{label} changes placeholders {mismatch.expected} to {mismatch.found}")
        for mismatch in markup_mismatches(message.id, message.string):
            found.append(f"{label} changes HTML markup {mismatch.expected} to {mismatch.found}")
    return found


def main(root: str) -> int:
    paths = sorted(Path(root).glob("*/LC_MESSAGES/*.po"))
    if not paths:
        print(f"no .po files under {root}")
        return 1
    problems = [problem for path in paths for problem in problems_in(path)]
    for problem in problems:
        print(problem)
    print(f"{len(paths)} catalogues checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "locale"))
