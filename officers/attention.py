"""The officers' parts of the admin's start page (contributed in contributions.py).

- New contact messages: not yet handled, newest first (one query), only for
  users who may see the messages (they hold personal data);
- gaps: what the office's public contact still lacks (editorial/gaps.py).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from kassel_integration.content import languages
from kassel_integration.editorial.attention import change_url
from kassel_integration.editorial.gaps import Gap, admin_url, empty_languages, every_language
from officers.contact import OFFICE_KEY
from officers.models import ContactMessage, Office

MAX_MESSAGES = 10


@dataclass
class MessageEntry:
    label: str
    url: str
    received: datetime
    language: str
    mailed: bool


def new_messages(site, request, now):
    """Unhandled contact messages, newest first; None for users who may not see them."""
    message_admin = site._registry.get(ContactMessage)
    if message_admin is None or not message_admin.has_view_permission(request):
        return None
    return [
        MessageEntry(
            message.name or message.email,
            change_url(ContactMessage, message.pk),
            message.created_at,
            languages.name(message.language) if message.language in languages.codes() else "",
            message.mailed_at is not None,
        )
        for message in ContactMessage.objects.unhandled().only(
            "name", "email", "created_at", "language", "mailed_at"
        )
    ]


def contact_gaps():
    """What the office's public contact details lack: one query."""
    office = Office.objects.filter(key=OFFICE_KEY).annotate(hours_count=Count("hours")).first()
    if office is None:
        return []
    url = admin_url(office)
    missing = [
        (not office.has_address, _("postal address")),
        (not office.phone, _("telephone")),
        (not office.email, _("e-mail address")),
    ]
    gaps = [Gap(str(office), url, label, every_language()) for absent, label in missing if absent]
    if not office.hours_count:
        gaps.append(Gap(str(office), url, _("office hours"), every_language()))
    arrival = empty_languages(office, "accessible_arrival")
    if arrival:
        gaps.append(Gap(str(office), url, _("accessible arrival"), arrival))
    return gaps
