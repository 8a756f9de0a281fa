"""One group of translators per language, granting exactly that language.

The combined group "Translators" (0005) granted English and Slovenian alike;
a translator now belongs to "Translators (English)", "Translators (Slovenian)"
(0006 made them for the interface texts) or both. Each gets the rights to the
translated content (its language's versions, enforced by admin_roles.py), the
translation dashboard and its language's interface texts. Members of the old
group keep what they had: they join every language group, and the old group
goes.

One group per language of settings.LANGUAGES other than the German source, named
as admin_roles.translator_group names it. Translation fingerprints are
recomputed with LF line breaks (translation_state.fingerprint).
"""

import hashlib

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

OLD_GROUP = "Translators"
# Frozen copy of 0005's list: the models with translated texts.
TRANSLATED = {
    "officers": ["organisation", "person", "quote", "office", "task", "term", "officehours"],
    "concept": [
        "conceptversion",
        "fieldofaction",
        "goal",
        "measure",
        "integrationreport",
        "reportentry",
        "document",
    ],
    "events": ["language", "venue", "eventseries", "event", "programmeitem"],
    "kassel_integration": ["legalpage"],
}


def target_languages():
    source = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [code for code, _name in settings.LANGUAGES if code != source]


def group_name(code):
    from django.utils.translation import get_language_info

    return f"Translators ({get_language_info(code)['name']})"


def _create_permissions(apps):
    for label in TRANSLATED:
        config = apps.get_app_config(label)
        if getattr(config, "models_module", None) is None:
            # Historical app configs have no models module; create_permissions wants one.
            config.models_module = True
            create_permissions(config, apps=apps, verbosity=0)
            config.models_module = None
        else:
            create_permissions(config, apps=apps, verbosity=0)


def create_language_groups(apps, schema_editor):
    _create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content = [
        Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
        for app, models in TRANSLATED.items()
        for model in models
        for action in ("change", "view")
    ]
    dashboard = Permission.objects.get(
        content_type__app_label="kassel_integration", codename="view_translationstate"
    )
    old = Group.objects.filter(name=OLD_GROUP).first()
    members = list(old.user_set.all()) if old is not None else []
    for code in target_languages():
        group, _created = Group.objects.get_or_create(name=group_name(code))
        interface = Permission.objects.filter(
            content_type__app_label="kassel_integration", codename=f"translate_interface_{code}"
        )
        group.permissions.add(*content, dashboard, *interface)
        group.user_set.add(*members)
    if old is not None:
        old.delete()
    TranslationState = apps.get_model("kassel_integration", "TranslationState")
    for state in TranslationState.objects.filter(source_text_then__contains="\r"):
        text = state.source_text_then.replace("\r\n", "\n").replace("\r", "\n")
        state.source_text_then = text
        state.source_hash = hashlib.sha256(text.encode()).hexdigest()
        state.save(update_fields=["source_text_then", "source_hash"])


def restore_combined_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    old, _created = Group.objects.get_or_create(name=OLD_GROUP)
    old.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=list(TRANSLATED),
            codename__in=[
                f"{action}_{model}"
                for models in TRANSLATED.values()
                for model in models
                for action in ("change", "view")
            ],
        ),
        *Permission.objects.filter(codename="view_translationstate"),
    )
    for code in target_languages():
        group = Group.objects.filter(name=group_name(code)).first()
        if group is not None:
            old.user_set.add(*group.user_set.all())


class Migration(migrations.Migration):
    dependencies = [
        ("kassel_integration", "0007_review_event"),
    ]

    operations = [migrations.RunPython(create_language_groups, restore_combined_group)]
