from django.urls import path
from django.utils.translation import gettext_lazy as _

from events import feeds, views

app_name = "events"

# Fixed file names contain a dot, so they never clash with an event's slug.
urlpatterns = [
    path("", views.index, name="index"),
    path("calendar.ics", views.calendar_feed, name="calendar"),
    path("feed.atom", feeds.EventAtomFeed(), name="feed"),
    path(_("series/<slug:slug>/"), views.series_detail, name="series"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/event.ics", views.event_ics, name="ics"),
]
