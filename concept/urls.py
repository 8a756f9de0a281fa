from django.urls import path

from concept import views

app_name = "concept"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.field_detail, name="field"),
]
