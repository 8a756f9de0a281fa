from django.urls import path
from django.utils.translation import gettext_lazy as _

from officers import views

app_name = "officers"

urlpatterns = [
    path("", views.index, name="index"),
    path(_("contact.vcf"), views.vcard, name="vcard"),
]
