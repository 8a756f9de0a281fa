"""The groups "Editors" and "Translators" with their permissions.

Frozen lists, as a migration must be: a content model added later gets its
permissions in that app's own migration (tests/kassel_integration/
test_translation_roles.py fails until every translated model is covered).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Content that editors maintain: everything except registrations (personal data).
EDITED = {
    "officers": [
        "organisation",
        "person",
        "quote",
        "office",
        "officequote",
        "task",
        "term",
        "officehours",
    ],
    "concept": [
        "conceptversion",
        "fieldofaction",
        "goal",
        "measure",
        "integrationreport",
        "reportentry",
        "document",
    ],
    "events": ["language", "venue", "eventseries", "event", "programmeitem", "eventquote"],
    "kassel_integration": ["legalpage"],
}
# Models with translated texts: translators may change (and therefore see) them.
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
DASHBOARD = ("kassel_integration", "view_translationstate")


def _codenames(models, actions):
    return [
        (app, f"{action}_{model}")
        for app, names in models.items()
        for model in names
        for action in actions
    ]


def create_groups(apps, schema_editor):
    # On a new database the permissions do not exist yet (post_migrate makes them later).
    for label in ("officers", "concept", "events", "kassel_integration"):
        config = apps.get_app_config(label)
        if getattr(config, "models_module", None) is None:
            # Historical app configs have no models module; create_permissions wants one.
            config.models_module = True
            create_permissions(config, apps=apps, verbosity=0)
            config.models_module = None
        else:
            create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    roles = {
        "Editors": [*_codenames(EDITED, ("add", "change", "delete", "view")), DASHBOARD],
        "Translators": [*_codenames(TRANSLATED, ("change", "view")), DASHBOARD],
    }
    for name, codenames in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = []
        for app, codename in codenames:
            permissions.append(
                Permission.objects.get(content_type__app_label=app, codename=codename)
            )
        group.permissions.add(*permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Translators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("kassel_integration", "0004_translation_state"),
        ("officers", "0002_office_tasks_terms"),
        ("concept", "0002_versions_goals_measures_report_documents"),
        ("events", "0003_registration_ordering"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
