from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from concept import views

app_name = "concept"

urlpatterns = [
    path("", views.index, name="index"),
    # Only the word is translated; the converter stays out of the translators' hands.
    path(format_lazy("{}<int:pk>/", _("documents/")), views.document, name="document"),
    path("<slug:slug>/", views.field_detail, name="field"),
]
