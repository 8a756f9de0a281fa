"""Staff users in the two roles and the data a browser would send for an admin form."""

import importlib

from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group

ADMIN = "/" + settings.ADMIN_URL_PATH


ROLE_MIGRATIONS = {
    "0005_translation_roles": "create_groups",
    "0006_interface_catalogue": "create_groups",
    "0007_review_event": "create_reviewers",
}
ROLE_GROUPS = [
    "Editors",
    "Translators",
    "Translators (English)",
    "Translators (Slovenian)",
    "Reviewers",
]


def ensure_roles():
    """The groups come from data migrations; transactional tests flush them away."""
    if Group.objects.filter(name__in=ROLE_GROUPS).count() < len(ROLE_GROUPS):
        for name, function in ROLE_MIGRATIONS.items():
            migration = importlib.import_module(f"kassel_integration.migrations.{name}")
            getattr(migration, function)(apps, None)


def member(django_user_model, group, username=None, *more_groups):
    ensure_roles()
    user = django_user_model.objects.create_user(
        username or group.lower(), password="correct-horse-battery", is_staff=True
    )
    user.groups.add(*Group.objects.filter(name__in=[group, *more_groups]))
    return user


def form_data(html):
    """What a browser would send for the admin's change form, unchanged."""
    form = BeautifulSoup(html, "html.parser").find("form", id=lambda i: i and i.endswith("_form"))
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or "__prefix__" in name:
            continue
        if field.name == "textarea":
            data[name] = field.get_text()
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
