"""Daily: free the places of unconfirmed holds, then anonymise registrations of past events.

Run it from cron or the container's scheduler once a day (more often does no
harm and moves waiting lists up sooner after a hold runs out):

    python manage.py anonymise_registrations
"""

from django.core.management.base import BaseCommand, CommandError

from events import registration


class Command(BaseCommand):
    help = (
        "Expire unconfirmed holds (the waiting list moves up) and blank the personal data "
        "of registrations for events that ended more than the retention period ago. "
        "The number of registrations per status is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days after the end of an event (default: EVENT_REGISTRATION_RETENTION_DAYS).",
        )

    def handle(self, *args, days=None, verbosity=1, **options):
        if days is not None and days < 0:
            raise CommandError("--days must not be negative.")
        settled = registration.expire_stale_holds()
        anonymised = registration.anonymise_past(days=days)
        if verbosity:
            self.stdout.write(
                f"Settled expired holds for {settled} event(s); "
                f"anonymised {anonymised} registration(s)."
            )
