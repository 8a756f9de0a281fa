from django.urls import path
from django.utils.translation import gettext_lazy as _

from officers import views

app_name = "officers"

urlpatterns = [
    path("", views.index, name="index"),
    path(_("contact.vcf"), views.vcard, name="vcard"),
    path(_("write/"), views.ContactView.as_view(), name="contact"),
    path(_("write/thank-you/"), views.ContactThanksView.as_view(), name="contact-thanks"),
]
