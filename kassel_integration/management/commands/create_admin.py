"""`createsuperuser` that checks the password rules without a terminal too.

Django's `createsuperuser --noinput` takes the password from
DJANGO_SUPERUSER_PASSWORD but skips AUTH_PASSWORD_VALIDATORS, so a script
could create an administrator with "admin" as password. This command (what
`make createsuperuser` runs) applies the same rules as the admin's forms in
both modes: at least 12 characters, not like the user name or e-mail, not a
common password, not only digits.

    DJANGO_SUPERUSER_USERNAME=… DJANGO_SUPERUSER_EMAIL=… DJANGO_SUPERUSER_PASSWORD=… \\
        python manage.py create_admin --noinput
"""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import createsuperuser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext


class Command(createsuperuser.Command):
    help = (
        "Create an administrator. Without a terminal (--noinput) the password comes from "
        "DJANGO_SUPERUSER_PASSWORD and must pass the same rules as in the admin."
    )

    def handle(self, *args, **options):
        if not options["interactive"]:
            self._check_password(options)
        return super().handle(*args, **options)

    def _check_password(self, options):
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not password:
            raise CommandError(
                gettext(
                    "Set DJANGO_SUPERUSER_PASSWORD: an administrator without a password "
                    "could not sign in."
                )
            )
        user_model = get_user_model()
        fields = {}
        for name in (user_model.USERNAME_FIELD, *user_model.REQUIRED_FIELDS):
            value = options.get(name) or os.environ.get(f"DJANGO_SUPERUSER_{name.upper()}")
            if value and not user_model._meta.get_field(name).many_to_many:
                fields[name] = value
        try:
            validate_password(password, user_model(**fields))
        except ValidationError as error:
            raise CommandError(
                gettext("The password in DJANGO_SUPERUSER_PASSWORD is not accepted:")
                + " "
                + " ".join(message.strip() for message in error.messages)
            ) from None
