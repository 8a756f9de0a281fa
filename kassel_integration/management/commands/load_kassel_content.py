from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from reversion.models import Revision, Version

from kassel_integration.content.seeds import SeedError, load_seeds
from kassel_integration.editorial.history import LOADED, register_history, version_each_item


class Command(BaseCommand):
    help = (
        "Load the Kassel content (the apps' seed files, from the source texts) into a new database. "
        "Once loaded, the content is the office's: later runs leave it alone (see --overwrite)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help=(
                "Load the source texts again over what the office has changed since "
                "(states, texts, dates). For development; a live portal loses its edits."
            ),
        )

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 1
        # `make run` calls this at every start. Loading again would publish
        # again what a reviewer archived, un-cancel a cancelled event and put
        # back texts the office has corrected.
        if not options["overwrite"] and Revision.objects.filter(comment=LOADED).exists():
            if options["verbosity"]:
                self.stdout.write(
                    "The Kassel content is already loaded; the office's changes are kept "
                    "(--overwrite loads the source texts again)."
                )
            return

        def log(line):
            if verbose:
                self.stdout.write(f"  {line}")

        register_history()
        # On a new database the loaded state becomes each item's first version,
        # so the office's first edit can be compared with the source texts:
        # one revision per item with its inlines, never one for everything.
        # Reloads add none: the content is the same, and reversion would store
        # the followed programme items and quotes again.
        first_load = not Version.objects.exists()
        # The seeds are the apps' `seeds/` folders, in INSTALLED_APPS order
        # (kassel_integration/content/seeds.py). All or nothing: a seed that
        # cannot be loaded leaves the database as it was.
        try:
            with transaction.atomic():
                load_seeds(log)
                if first_load:
                    version_each_item(LOADED)
        except SeedError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS("Kassel content loaded."))
