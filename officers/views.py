import vobject
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from officers.models import Office

# The office this portal is about; the page and the navigation show it.
OFFICE_KEY = "integrationsbeauftragte"


@require_safe
def index(request):
    offices = Office.objects.published(timezone.now()).with_details()
    office = get_object_or_404(offices, key=OFFICE_KEY)
    terms = list(office.terms.all())
    return render(
        request,
        "officers/index.html",
        {
            "object": office,
            "office": office,
            "current_term": office.current_term,
            "terms": terms,
            "tasks": office.tasks.all(),
            "hours": office.hours.all(),
            "quotes": [link.quote for link in office.quote_links.all()],
            "breadcrumbs": [(office.title, None)],
        },
    )


@require_safe
def vcard(request):
    """The office's contact as a vCard, once the office has published contact details."""
    office = get_object_or_404(Office.objects.published().with_unit(), key=OFFICE_KEY)
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
    if office.street_address or office.postal_code or office.locality:
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
    if office.contact_note:
        card.add("note").value = office.contact_note
    card.add("url").value = f"{settings.SITE_URL}{office.get_absolute_url()}"
    response = HttpResponse(card.serialize(), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{office.key}.vcf"
    )
    return response
