from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

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

        with transaction.atomic():
            for module_path in CONTENT_MODULES:
                import_module(module_path).load(log)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS("Kassel content loaded."))
