from django.core.management.base import BaseCommand

from kassel_integration.search import index


class Command(BaseCommand):
    help = (
        "Build the site search's index anew from the published content of every app "
        "(saves keep it up to date; run this after bulk changes made without saving)."
    )

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 1
        count = index.rebuild(stdout=self.stdout if verbose else None)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} entries."))
