"""Daily: delete the personal data of the public forms once its retention period is over.

    python manage.py delete_expired_personal_data

What each app deletes, and after how long, it declares itself (site/retention.py);
the contact form's messages go after CONTACT_MESSAGE_RETENTION_DAYS.
"""

from django.core.management.base import BaseCommand

from kassel_integration.site import retention


class Command(BaseCommand):
    help = "Delete the personal data of the public forms that is past its retention period."

    def handle(self, *args, verbosity=1, **options):
        for label, count in retention.delete_expired():
            if verbosity:
                self.stdout.write(f"Deleted {count} {label}.")
