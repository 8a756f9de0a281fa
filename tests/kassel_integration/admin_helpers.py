"""Staff users in the two roles and the data a browser would send for an admin form."""

import importlib

from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group

ADMIN = "/" + settings.ADMIN_URL_PATH


# In the order the migrations run: (app, migration) -> the function that gives the rights.
ROLE_MIGRATIONS = {
    ("kassel_integration", "0005_translation_roles"): "create_groups",
    ("kassel_integration", "0006_interface_catalogue"): "create_groups",
    ("kassel_integration", "0007_review_event"): "create_reviewers",
    ("kassel_integration", "0008_translator_groups_per_language"): "create_language_groups",
    # Editors' and translators' rights on the exceptions to the office hours.
    ("officers", "0004_contact_details_and_messages"): "create_group",
    ("kassel_integration", "0011_review_of_live_changes"): "let_reviewers_see_notices",
}
ENGLISH = "Translators (English)"
SLOVENIAN = "Translators (Slovenian)"
# The combined group of old: migration 0008 put its members into every language group.
BOTH_LANGUAGES = "Translators"
ROLE_GROUPS = [
    "Editors",
    "Translators (English)",
    "Translators (Slovenian)",
    "Reviewers",
]


def ensure_roles():
    """The groups come from data migrations; transactional tests flush them away."""
    if Group.objects.filter(name__in=ROLE_GROUPS).count() < len(ROLE_GROUPS) or (
        Group.objects.filter(name=BOTH_LANGUAGES).exists()
    ):
        for (app, name), function in ROLE_MIGRATIONS.items():
            migration = importlib.import_module(f"{app}.migrations.{name}")
            getattr(migration, function)(apps, None)


def member(django_user_model, group, username=None, *more_groups):
    ensure_roles()
    user = django_user_model.objects.create_user(
        username or group.lower(), password="correct-horse-battery", is_staff=True
    )
    names = {group, *more_groups}
    if BOTH_LANGUAGES in names:
        names |= {ENGLISH, SLOVENIAN}
    user.groups.add(*Group.objects.filter(name__in=names))
    return user


def form_data(html):
    """What a browser would send for the admin's change form, unchanged.

    As a browser does, the text of a textarea loses the line break right after
    the opening tag and is sent with CRLF line breaks.
    """
    form = BeautifulSoup(html, "html.parser").find("form", id=lambda i: i and i.endswith("_form"))
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or "__prefix__" in name:
            continue
        if field.name == "textarea":
            text = field.get_text().removeprefix("\n")
            data[name] = text.replace("\r\n", "\n").replace("\n", "\r\n")
        elif field.name == "select":
            chosen = field.find_all("option", selected=True)
            if field.has_attr("multiple"):
                data[name] = [o["value"] for o in chosen]
            elif chosen:
                data[name] = chosen[0]["value"]
            else:
                first = field.find("option")
                data[name] = first["value"] if first else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") not in ("submit", "button", "file"):
            data[name] = field.get("value", "")
    return data


def errors_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(strip=True) for li in soup.select("ul.errorlist li")]


def publish_pending(obj):
    """Publish the item's change waiting for review, as a reviewer does (no-op without one).

    Legal pages and published items are reviewed (kassel_integration/editorial/pending.py):
    tests about what a save writes look at it once it is published.
    """
    from django.contrib.auth import get_user_model
    from django.test import Client

    from kassel_integration.editorial.pending import pending_for

    if pending_for(obj) is None:
        return False
    reviewer = get_user_model().objects.filter(username="publishing-reviewer").first()
    if reviewer is None:
        reviewer = member(get_user_model(), "Editors", "publishing-reviewer", "Reviewers")
    client = Client()
    client.force_login(reviewer)
    meta = obj._meta
    url = f"{ADMIN}{meta.app_label}/{meta.model_name}/{obj.pk}/pending/"
    response = client.post(url, {"pending_action": "publish"})
    assert response.status_code == 302, response.status_code
    assert pending_for(obj) is None
    return True
