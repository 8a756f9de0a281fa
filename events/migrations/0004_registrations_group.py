"""The group "Registrations": the people who run the door of an event.

They see and correct registrations (with the personal data) and download the
door list of an event, which needs the right to view events; nothing else.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUP = "Registrations"
PERMISSIONS = [
    "view_registration",
    "change_registration",
    "view_registration_personal_data",
    # The door list is a link on the event's form and an action of the event list.
    "view_event",
]


def create_group(apps, schema_editor):
    # On a new database the permissions do not exist yet (post_migrate makes them later).
    config = apps.get_app_config("events")
    config.models_module = True  # historical configs have none; create_permissions wants one
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="events", codename__in=PERMISSIONS)
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0003_registration_ordering"),
    ]

    operations = [
        migrations.AlterField(
            model_name="registration",
            name="mail_failed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="e-mail failed"),
        ),
        migrations.RunPython(create_group, remove_group),
    ]
