"""Write an accepted upload of interface texts into locale/<lang>/LC_MESSAGES/django.po.

Run in a checkout (the running site's code is read-only), against the
database that holds the uploads; then `make check-messages`, commit and deploy.
Only the translations the upload changed are written, each checked again
against the catalogue as it is now; the rest of the file stays byte for byte.
"""

import os
import tempfile

from django.core.management.base import BaseCommand, CommandError, no_translations
from django.utils import timezone

from kassel_integration.models import InterfaceCatalogueUpload
from kassel_integration.translations import catalogue as ic


class Command(BaseCommand):
    help = (
        "Write the latest accepted upload of interface texts for a language into its .po file "
        "(only the translations it changed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("language", choices=ic.language_codes())
        parser.add_argument(
            "--upload", type=int, help="Apply this upload (its number) instead of the latest."
        )
        parser.add_argument(
            "--locale-dir", help="The locale folder to write (default: the project's locale/)."
        )

    @no_translations  # a developer's tool: its report is in English
    def handle(self, *args, language, upload=None, locale_dir=None, **options):
        uploads = InterfaceCatalogueUpload.objects.filter(language=language)
        chosen = uploads.filter(pk=upload).first() if upload else uploads.first()
        if chosen is None:
            raise CommandError(
                f"No accepted upload {upload} for {language}."
                if upload
                else f"No accepted upload for {language} yet."
            )
        path = ic.catalogue_path(language, locale_dir)
        if not path.is_file():
            raise CommandError(f"{path} does not exist.")
        catalog = ic.read_catalogue(path)
        result = ic.apply_changes(catalog, [ic.Change.from_json(c) for c in chosen.changes])
        for problem in result.skipped:
            self.stderr.write(f"skipped {problem.msgid!r}: {problem.text}")
        if result.written:
            _replace(path, ic.catalogue_bytes(catalog))
        self.stdout.write(
            f"Upload {chosen.pk} ({timezone.localtime(chosen.uploaded_at):%Y-%m-%d %H:%M}, "
            f"{chosen.uploaded_by.get_username() if chosen.uploaded_by else '-'}): "
            f"{len(result.written)} written, {len(result.unchanged)} already there, "
            f"{len(result.skipped)} skipped, in {path}"
        )
        if result.written:
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
