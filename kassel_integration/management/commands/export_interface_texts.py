"""Write the accepted interface texts into locale/<lang>/LC_MESSAGES/django.po for a commit.

Run in a checkout, against the database that holds the accepted texts (uploads
and changes made in the browser, translations/overrides.py). Only the
translations of those texts change; the rest of each file stays byte for byte
(Babel, the width the catalogues are written with). The texts the file now
contains are marked exported: the running site keeps showing them until the
release with the file is deployed, and after that the catalogue has them itself.
`--output` writes one language's file elsewhere (or `-` for standard output)
and marks nothing.
"""

import os
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db import transaction

from kassel_integration.translations import catalogue as ic
from kassel_integration.translations import live, overrides


class Command(BaseCommand):
    help = (
        "Write the accepted interface texts into the .po files (only the translations they "
        "change) and mark them exported."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "languages", nargs="*", choices=ic.language_codes(), help="Default: every language."
        )
        parser.add_argument(
            "--locale-dir", help="The locale folder to write (default: the project's locale/)."
        )
        parser.add_argument(
            "--output", help="Write the file of one language here instead (- for standard output)."
        )

    @no_translations  # a developer's tool: its report is in English
    def handle(self, *args, languages, locale_dir=None, output=None, **options):
        languages = languages or ic.language_codes()
        if output and len(languages) != 1:
            raise CommandError("--output needs exactly one language.")
        marked_any = False
        for language in languages:
            path = ic.catalogue_path(language, locale_dir)
            if not path.is_file():
                raise CommandError(f"{path} does not exist.")
            before = ic.read_catalogue(path)
            catalog = overrides.effective_catalogue(language, locale_dir)
            changed = sum(
                1
                for message in catalog
                if message.id
                and ic.as_tuple(message.string)
                != ic.as_tuple(before.get(message.id, message.context).string)
            )
            content = ic.catalogue_bytes(catalog)
            if output == "-":
                sys.stdout.buffer.write(content)
                sys.stdout.buffer.flush()
                continue
            if output:
                Path(output).write_bytes(content)
                self.stdout.write(f"{language}: {changed} texts changed, written to {output}")
                continue
            with transaction.atomic():
                if changed:
                    _replace(path, content)
                marked = overrides.mark_exported(language, catalog)
            marked_any = marked_any or bool(marked)
            self.stdout.write(
                f"{language}: {changed} texts written into {path}, {marked} marked exported"
            )
        if marked_any:
            transaction.on_commit(live.publish)
            self.stdout.write("Next: make messages && make check-messages, then commit and deploy.")


def _replace(path, content: bytes):
    """Write next to the file and rename, so a failure never leaves half a catalogue."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".django.po.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
