"""Every admin change page, for every role and interface language: opened and sent
back unchanged, as a browser sends it (CRLF in text areas), it never answers 500 and
changes nothing but bookkeeping: no text, no translation state, no "changed" message."""

import json

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from modeltranslation.translator import translator

from kassel_integration.editorial.pending import is_live
from kassel_integration.editorial.pending_admin import PendingChangesMixin
from kassel_integration.editorial.reviewers import can_publish
from tests.db_snapshot import BOOKKEEPING, assert_only_changed, snapshot
from tests.kassel_integration.admin_helpers import ENGLISH, SLOVENIAN, form_data, member

pytestmark = pytest.mark.django_db

CONTENT_APPS = ("officers", "concept", "events", "kassel_integration")
ROLES = {
    "editor": ["Editors"],
    "reviewer": ["Editors", "Reviewers"],
    "english translator": [ENGLISH],
    "slovenian translator": [SLOVENIAN],
    "superuser": None,
}
INTERFACE_LANGUAGES = [code for code, _name in settings.LANGUAGES]
# A save writes a new version of the item: history, not content.
HISTORY = {"reversion_revision", "reversion_version"}


def original_columns():
    """Table -> the columns of translated fields' originals (title, not title_de).

    django-modeltranslation keeps the original column and writes into it, on
    every save, the text of the active language; nothing reads it (every read
    goes to title_de, title_en…), so it is not content.
    """
    result = {}
    for model in translator.get_registered_models():
        names = translator.get_options_for_model(model).all_fields
        columns = {model._meta.get_field(name).column for name in names}
        result.setdefault(model._meta.db_table, set()).update(columns)
    return result


def content_snapshot():
    """The content tables, without what a save always rewrites and nobody reads as content.

    An empty text is an empty text: modeltranslation stores it as NULL or ''
    depending on the field, and either way the page shows nothing.
    """
    rows = snapshot(ignore=BOOKKEEPING | HISTORY)
    originals = original_columns()
    for table, table_rows in rows.items():
        drop = {*originals.get(table, ()), "updated_at"}
        for key, row in table_rows.items():
            table_rows[key] = {
                column: "" if value is None else value
                for column, value in row.items()
                if column not in drop
            }
    return rows


def content_admins():
    return sorted(
        (
            model
            for model in admin.site._registry
            if model._meta.app_label in CONTENT_APPS
            and model._meta.model_name not in {"translationstate"}
        ),
        key=lambda m: m._meta.label,
    )


def users(django_user_model):
    result = {}
    for role, groups in ROLES.items():
        username = role.replace(" ", "-")
        if groups is None:
            result[role] = django_user_model.objects.create_superuser(
                username, password="correct-horse-battery"
            )
        else:
            result[role] = member(django_user_model, groups[0], username, *groups[1:])
    return result


@pytest.mark.parametrize("model", content_admins(), ids=lambda m: m._meta.label_lower)
def test_an_unchanged_post_changes_nothing(client, django_user_model, content, model):
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        pytest.skip(f"no {model._meta.label} in the shipped content")
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    saved = 0
    for role, user in users(django_user_model).items():
        client.force_login(user)
        for language in INTERFACE_LANGUAGES:
            headers = {"HTTP_ACCEPT_LANGUAGE": language}
            page = client.get(url, **headers)
            assert page.status_code in (200, 403), (role, language, page.status_code)
            if page.status_code == 403 or b'name="_save"' not in page.content:
                continue  # no right to change it: nothing to send
            data = form_data(page.content.decode())
            data["_save"] = "Save"
            before = content_snapshot()
            last = LogEntry.objects.order_by("pk").values_list("pk", flat=True).last() or 0
            response = client.post(url, data, **headers)
            assert response.status_code == 302, (role, language, response.status_code)
            # No pending change either (kassel_integration_pendingchange is compared too).
            assert_only_changed(before, content_snapshot(), set())
            entry = LogEntry.objects.filter(user=user, pk__gt=last).first()
            # A save held for review writes no log entry; a direct one an empty message.
            held = (
                isinstance(admin.site._registry[model], PendingChangesMixin)
                and is_live(model, getattr(obj, "status", None))
                and not can_publish(user)
            )
            assert (entry is None) is held, (role, language, entry)
            if entry is not None:
                assert json.loads(entry.change_message or "[]") == [], (role, language, entry)
            saved += 1
    if model._meta.model_name not in {"registration", "barrierreport", "reviewevent"}:
        assert saved, "nobody could save it"
