import vobject
from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import FormView, TemplateView

from kassel_integration.site import abuse
from officers import contact
from officers.contact import OFFICE_KEY
from officers.forms import ContactForm
from officers.models import Office


@require_safe
def index(request):
    offices = Office.objects.published(timezone.now()).with_details(timezone.localdate())
    office = get_object_or_404(offices, key=OFFICE_KEY)
    terms = list(office.terms.all())
    details = contact.contact_details(office=office)
    return render(
        request,
        "officers/index.html",
        {
            "object": office,
            "office": office,
            "current_term": office.current_term,
            "terms": terms,
            "tasks": office.tasks.all(),
            "hours": details.hours,
            "hours_exceptions": details.exceptions,
            # The contact box of the page's frame shows the same office without a query.
            "contact_details": details,
            "quotes": [link.quote for link in office.quote_links.all()],
            "breadcrumbs": [(office.title, None)],
        },
    )


@require_safe
def vcard(request):
    """The office's contact as a vCard, once the office has published contact details."""
    offices = Office.objects.published().with_unit().prefetch_related("hours")
    office = get_object_or_404(offices, key=OFFICE_KEY)
    if not office.has_contact:
        raise Http404
    card = vobject.vCard()
    # An office, not a person: the name parts stay empty and FN carries the title.
    card.add("n").value = vobject.vcard.Name()
    card.add("fn").value = office.title
    organisation = office.organisation
    if organisation is not None:
        units = [organisation.parent.name] if organisation.parent else []
        card.add("org").value = [*units, organisation.name]
    if office.has_address:
        address = card.add("adr")
        address.value = vobject.vcard.Address(
            street=office.street_address,
            city=office.locality,
            code=office.postal_code,
            country=gettext("Germany"),
        )
        address.type_param = "WORK"
    if office.phone:
        phone = card.add("tel")
        phone.value = office.phone
        phone.type_param = "WORK"
    if office.email:
        email = card.add("email")
        email.value = office.email
        email.type_param = "INTERNET"
    hours = [
        f"{slot.get_weekday_display()} {slot.opens:%H:%M}–{slot.closes:%H:%M}"
        + (f" ({slot.note})" if slot.note else "")
        for slot in office.hours.all()
    ]
    notes = [office.contact_note, office.accessible_arrival]
    if hours:
        notes.append(f"{gettext('Office hours')}: " + "; ".join(hours))
    notes = [text for text in notes if text]
    if notes:
        card.add("note").value = "\n\n".join(notes)
    card.add("url").value = f"{settings.SITE_URL}{office.get_absolute_url()}"
    response = HttpResponse(card.serialize(), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{office.key}.vcf"
    )
    return response


class ContactView(abuse.RateLimitedFormMixin, FormView):
    """ "Write to the Integration Officer": stored first, then mailed after the commit."""

    template_name = "officers/contact.html"
    rate_limit_scope = "contact"
    form_class = ContactForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[
                (_("Integration Officer"), reverse("officers:index")),
                (_("Write to the Integration Officer"), None),
            ],
            retention_days=settings.CONTACT_MESSAGE_RETENTION_DAYS,
            **kwargs,
        )

    def form_valid(self, form):
        message = form.save(commit=False)
        message.language = get_language()
        message.save()
        transaction.on_commit(lambda: contact.forward(message.pk))
        return HttpResponseRedirect(reverse("officers:contact-thanks"))


class ContactThanksView(TemplateView):
    template_name = "officers/contact_thanks.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[
                (_("Integration Officer"), reverse("officers:index")),
                (_("Write to the Integration Officer"), reverse("officers:contact")),
                (_("Thank you"), None),
            ],
            **kwargs,
        )
