"""What the officers app contributes to the shared core (see kassel_integration.contributions)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kassel_integration.cache.pages import NotPageContent
from kassel_integration.content.content_apps import ContentApp
from kassel_integration.contributions import contribute
from kassel_integration.editorial.attention import Panel
from kassel_integration.editorial.gaps import GapCheck
from kassel_integration.editorial.history import Tracked
from kassel_integration.search.sources import SearchSource
from kassel_integration.site.home import HomeSection
from kassel_integration.site.retention import Retention
from kassel_integration.site.sitemaps import SectionIndex
from kassel_integration.site.template_values import TemplateValue
from officers import contact, home
from officers.attention import MAX_MESSAGES, contact_gaps, new_messages

contribute(
    ContentApp("officers"),
    SectionIndex("officers:index"),
    # Inlines edited with their parent are saved in the same revision.
    Tracked("officers.Organisation"),
    Tracked("officers.Person", follow=("terms",)),
    Tracked("officers.Quote"),
    Tracked(
        "officers.Office",
        follow=("tasks", "terms", "hours", "hours_exceptions", "quote_links"),
    ),
    Tracked("officers.Task"),
    Tracked("officers.Term"),
    Tracked("officers.OfficeHours"),
    Tracked("officers.OfficeQuote"),
    Tracked("officers.OfficeHoursException"),
)

# ---------------------------------------------------------------- Contact
# The contact box of the frame and the home page (templates/includes/contact_box.html),
# the contact form's messages: personal data, never versioned, never page content.
contribute(
    TemplateValue("contact_details", contact.contact_details),
    NotPageContent("officers.contactmessage"),
    Panel("messages", new_messages, "admin/officers/attention_messages.html", MAX_MESSAGES),
    GapCheck("officers.Office", contact_gaps),
    Retention("contact messages", contact.delete_expired),
)

# ---------------------------------------------------------------- Search
# What the site search finds of this app (kassel_integration.search.sources).


def _office_page(item):
    return reverse("officers:index")


_OFFICE = {"group": "office", "group_title": _("Integration Officer")}

contribute(
    SearchSource(
        kind="office",
        model="officers.Office",
        label=_("Office"),
        text=("lead", "description", "contact_note", "accessible_arrival"),
        **_OFFICE,
    ),
    SearchSource(
        kind="task",
        model="officers.Task",
        label=_("Task of the office"),
        text=("explanation",),
        parents=("office",),
        url=_office_page,
        **_OFFICE,
    ),
    # A person is shown on the office page through their term of office there.
    SearchSource(
        kind="person",
        model="officers.Term",
        label=_("Person"),
        title=("person.full_name",),
        text=(
            "person.role",
            "person.biography",
            "previous_position",
            "next_position",
            "dates_note",
        ),
        parents=("office",),
        url=_office_page,
        **_OFFICE,
    ),
)

# ---------------------------------------------------------------- Home page
# Who the officer is and what she does (kassel_integration.site.home).
contribute(HomeSection("officer", 10, "officers/home/officer.html", load=home.officer))
