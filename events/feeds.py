"""Atom feed of event announcements and reports, one per language (the URL's prefix)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from events.models import Event
from kassel_integration.content.richtext import sanitize

FEED_SIZE = 30


class EventAtomFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Events of the Integration Officer of the City of Kassel")

    def subtitle(self):
        return _("Announcements of upcoming events and reports on past events.")

    def link(self):
        return f"{settings.SITE_URL}{reverse('events:index')}"

    def feed_url(self):
        return f"{settings.SITE_URL}{reverse('events:feed')}"

    def feed_guid(self):
        return self.feed_url()

    def author_name(self):
        return str(settings.SITE_NAME)

    def items(self):
        return Event.objects.published().order_by("-updated_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        if item.is_past() and item.has_report:
            return _("Report: %(title)s") % {"title": item.title}
        if item.is_cancelled:
            return _("Cancelled: %(title)s") % {"title": item.title}
        if item.is_postponed:
            return _("Postponed: %(title)s") % {"title": item.title}
        return item.title

    def item_description(self, item):
        # Atom1Feed sends this as <summary type="html">: the sanitised rich text as it is.
        if item.is_past() and item.has_report:
            return sanitize(item.report) or escape(item.summary)
        return sanitize(item.description) or escape(item.summary)

    def item_link(self, item):
        return f"{settings.SITE_URL}{item.get_absolute_url()}"

    def item_guid(self, item):
        # One entry per event: the announcement turns into the report, same id.
        return f"urn:uuid:{item.uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.publish_from or item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.series.title] if item.series else []
