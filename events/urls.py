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
    # The signed token is the only thing these addresses carry about a person.
    path(
        _("registration/confirm/<str:token>/"),
        views.confirm_registration,
        name="registration-confirm",
    ),
    path(
        _("registration/cancel/<str:token>/"),
        views.cancel_registration,
        name="registration-cancel",
    ),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/event.ics", views.event_ics, name="ics"),
    path(_("<slug:slug>/register/"), views.register, name="register"),
    path(
        _("<slug:slug>/register/send-again/"),
        views.resend_registration_mail,
        name="register-resend",
    ),
]
