"""Every form that changes something refuses a POST without a CSRF token or from another origin.

Each case is checked three ways with Django's CSRF checks switched on: no token
(403), a valid token sent from a foreign Origin (403), and the same valid token
from the site's own origin (accepted: not 403), so the 403s cannot come from
something else being broken.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from tests.events.factories import RegistrationEventFactory
from tests.kassel_integration.admin_helpers import ADMIN, member

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
FOREIGN = "https://evil.example"


def registration_url():
    event = RegistrationEventFactory()
    with override("de"):
        return reverse("events:register", kwargs={"slug": event.slug})


FORMS = {
    # name: (login as, URL builder, fields besides the token)
    "barrier report": (None, lambda: "/de/barrierefreiheit/barriere-melden/", {"description": "x"}),
    "event registration": (None, registration_url, {"name": "A", "email": "a@example.org"}),
    "admin login": (None, lambda: f"{ADMIN}login/", {"username": "x", "password": "y"}),
    "admin change form": ("Editors", lambda: f"{ADMIN}events/venue/add/", {"name_de": "Ort"}),
    # The logout button sits on every admin page; the token comes from the index.
    "admin logout": ("Editors", lambda: (ADMIN, f"{ADMIN}logout/"), {}),
}


@pytest.fixture(params=list(FORMS))
def form(request, django_user_model):
    role, url_of, fields = FORMS[request.param]
    client = Client(enforce_csrf_checks=True)
    if role:
        client.force_login(member(django_user_model, role))
    url = url_of()
    page_url, url = url if isinstance(url, tuple) else (url, url)
    page = client.get(page_url)
    assert page.status_code == 200, page_url
    token = BeautifulSoup(page.content, "html.parser").find(
        "input", attrs={"name": "csrfmiddlewaretoken"}
    )["value"]
    return client, url, fields, token


def test_post_without_token_is_refused(form):
    client, url, fields, _token = form
    assert client.post(url, fields).status_code == 403


def test_post_from_a_foreign_origin_is_refused(form):
    client, url, fields, token = form
    response = client.post(
        url, {**fields, "csrfmiddlewaretoken": token}, headers={"Origin": FOREIGN}
    )
    assert response.status_code == 403


def test_the_same_post_from_the_site_itself_passes_the_check(form):
    client, url, fields, token = form
    response = client.post(
        url, {**fields, "csrfmiddlewaretoken": token}, headers={"Origin": ORIGIN}
    )
    assert response.status_code != 403
