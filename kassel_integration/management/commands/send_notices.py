"""Send the review's e-mails that the mail server refused (see editorial/notices.py)."""

from django.core.management.base import BaseCommand

from kassel_integration.editorial import notices


class Command(BaseCommand):
    help = "Send every unsent notification of the review again (e.g. from cron)."

    def handle(self, *args, **options):
        sent, failed = notices.send()
        self.stdout.write(f"sent {sent}, failed {failed}")
        if failed:
            self.stderr.write("some notifications could not be sent; they stay listed in the admin")
