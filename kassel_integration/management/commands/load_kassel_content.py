from importlib import import_module

import reversion
from django.core.management.base import BaseCommand
from django.db import transaction
from reversion.models import Version

from kassel_integration.editorial import register_history

# Order matters: events refer to people (officers) and fields of action (concept).
CONTENT_MODULES = [
    "kassel_integration.content",
    "officers.content",
    "concept.content",
    "events.content",
]


class Command(BaseCommand):
    help = "Load the Kassel content from the source texts in de/en/sl. Safe to run repeatedly."

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 1

        def log(line):
            if verbose:
                self.stdout.write(f"  {line}")

        register_history()
        # On a new database the loaded state becomes each item's first version,
        # so the office's first edit can be compared with the source texts.
        # Reloads add none: the content is the same, and reversion would store
        # the followed programme items and quotes again.
        first_load = not Version.objects.exists()
        with transaction.atomic(), reversion.create_revision(manage_manually=not first_load):
            if first_load:
                reversion.set_comment("Loaded from the source texts (load_kassel_content)")
            for module_path in CONTENT_MODULES:
                import_module(module_path).load(log)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS("Kassel content loaded."))
