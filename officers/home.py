"""What the officers app shows on the home page (kassel_integration.site.home)."""

from officers.models import Office
from officers.views import OFFICE_KEY


def officer(now):
    """The office, its tasks and its current holder; also the home page's contact details."""
    office = Office.objects.published(now).for_home().filter(key=OFFICE_KEY).first()
    if office is None:
        return None
    return {
        "officer_office": office,
        "officer_term": office.current_terms[0] if office.current_terms else None,
        # What includes/contact_box.html shows of the office.
        "contact": office,
    }
