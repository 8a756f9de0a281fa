"""What the officers app contributes to the shared core (see kassel_integration.contributions)."""

from kassel_integration.content.content_apps import ContentApp
from kassel_integration.contributions import contribute
from kassel_integration.editorial.history import Tracked
from kassel_integration.site.sitemaps import SectionIndex

contribute(
    ContentApp("officers"),
    SectionIndex("officers:index"),
    # Inlines edited with their parent are saved in the same revision.
    Tracked("officers.Organisation"),
    Tracked("officers.Person", follow=("terms",)),
    Tracked("officers.Quote"),
    Tracked("officers.Office", follow=("tasks", "terms", "hours", "quote_links")),
    Tracked("officers.Task"),
    Tracked("officers.Term"),
    Tracked("officers.OfficeHours"),
    Tracked("officers.OfficeQuote"),
)
