"""The office's contact: the details every page can show, and the contact form's messages.

A message is stored first and mailed after the transaction commits, to the
office's e-mail address (the admin's "Contact" fields), else to
settings.CONTACT_FORM_EMAIL, else to the MANAGERS; with none of them it stays in
the admin only. A failed mail loses nothing: the message stays in the admin,
listed on its start page, and can be forwarded again from there.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from officers.models import ContactMessage, Office, OfficeHours, OfficeHoursException

logger = logging.getLogger(__name__)

# The office this portal is about; the page, the navigation and the contact box show it.
OFFICE_KEY = "integrationsbeauftragte"


# ---------------------------------------------------------------- contact details
@dataclass
class ContactDetails:
    """What the contact box shows; an empty part is left out of it."""

    office: Office | None
    hours: list[OfficeHours] = field(default_factory=list)
    exceptions: list[OfficeHoursException] = field(default_factory=list)

    @property
    def has_details(self):
        office = self.office
        if office is not None and (
            office.has_contact or office.contact_note or office.accessible_arrival
        ):
            return True
        return bool(self.hours or self.exceptions)


def contact_details(request=None, office=None):
    """The published office's contact details (3 queries), or those of `office` as loaded.

    `office` comes from `Office.objects.with_contact()` or `with_details()`, as the
    office page has it.
    """
    if office is None:
        office = Office.objects.published().filter(key=OFFICE_KEY).with_contact().first()
    if office is None:
        return ContactDetails(None)
    return ContactDetails(office, list(office.hours.all()), list(office.current_exceptions))


# ---------------------------------------------------------------- messages
def recipients(office):
    if office is not None and office.email:
        return [office.email]
    if settings.CONTACT_FORM_EMAIL:
        return [settings.CONTACT_FORM_EMAIL]
    return [address for _name, address in settings.MANAGERS]


def forward(message_id):
    """Mail a stored message to the office; True once it went out. Never raises on mail errors."""
    message = ContactMessage.objects.get(pk=message_id)
    office = Office.objects.filter(key=OFFICE_KEY).only("email").first()
    admin_url = settings.SITE_URL + reverse(
        "admin:officers_contactmessage_change", args=[message.pk]
    )
    # Written for the office's staff, in German like the barrier reports' mails;
    # the citizen's language is named so that the answer can be written in it.
    subject = f"Nachricht über das Integrationsportal ({message.language})"
    body = (
        f"{message.message}\n\n"
        f"-- \n{message.name or '-'} <{message.email}>\n"
        f"Sprache der Nachricht: {message.language}\n"
        f"Im Admin: {admin_url}\n"
    )
    to = recipients(office)
    if not to:
        logger.warning("Contact message %s kept in the admin only: no address set", message.pk)
        return False
    try:
        EmailMessage(subject, body, None, to, reply_to=[message.email]).send()
    except OSError:
        # Stored and listed in the admin; staff can send it again from there.
        logger.exception("Could not forward contact message %s by e-mail", message.pk)
        return False
    ContactMessage.objects.filter(pk=message.pk).update(mailed_at=timezone.now())
    return True


def delete_expired(days=None):
    """Delete messages older than the retention period; how many were deleted."""
    days = settings.CONTACT_MESSAGE_RETENTION_DAYS if days is None else days
    deleted, _by_model = ContactMessage.objects.older_than(
        timezone.now() - timedelta(days=days)
    ).delete()
    return deleted
