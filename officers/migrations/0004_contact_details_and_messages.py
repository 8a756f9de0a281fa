"""Contact details of the office (accessible arrival, exceptions to the office hours),
shipped empty, and the contact form's messages with the group "Contact messages":
the staff who read and answer them (personal data: nobody else but superusers).
Editors and translators get their usual rights on the exceptions to the office hours.
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUP = "Contact messages"
PERMISSIONS = ["view_contactmessage", "change_contactmessage"]
# The new content model with a translated text: editors maintain it, translators translate
# it (kassel_integration 0005 and 0008 gave the models of their day the same rights).
EXCEPTIONS = "officehoursexception"
EDITORS = "Editors"


def translator_groups():
    # Frozen like kassel_integration 0008: one group per language besides the source.
    from django.utils.translation import get_language_info

    source = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [
        f"Translators ({get_language_info(code)['name']})"
        for code, _name in settings.LANGUAGES
        if code != source
    ]


def create_group(apps, schema_editor):
    # On a new database the permissions do not exist yet (post_migrate makes them later).
    config = apps.get_app_config("officers")
    if getattr(config, "models_module", None) is None:
        # Historical configs have none; create_permissions wants one (as in kassel_integration
        # 0005: a live config, as the tests' ensure_roles passes, keeps its own).
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    else:
        create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="officers", codename__in=PERMISSIONS)
    )

    def rights(*actions):
        codenames = [f"{action}_{EXCEPTIONS}" for action in actions]
        return Permission.objects.filter(content_type__app_label="officers", codename__in=codenames)

    for editors in Group.objects.filter(name=EDITORS):
        editors.permissions.add(*rights("add", "change", "delete", "view"))
    for translators in Group.objects.filter(name__in=translator_groups()):
        translators.permissions.add(*rights("change", "view"))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("officers", "0003_portrait_image"),
        # The role groups exist before their rights are extended.
        ("kassel_integration", "0008_translator_groups_per_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="office",
            name="accessible_arrival",
            field=models.TextField(
                blank=True,
                help_text="How to get to the office without steps: entrance, lift, nearest stop, parking for disabled people. Only what the office has checked.",
                verbose_name="accessible arrival",
            ),
        ),
        migrations.AddField(
            model_name="office",
            name="accessible_arrival_de",
            field=models.TextField(
                blank=True,
                help_text="How to get to the office without steps: entrance, lift, nearest stop, parking for disabled people. Only what the office has checked.",
                null=True,
                verbose_name="accessible arrival",
            ),
        ),
        migrations.AddField(
            model_name="office",
            name="accessible_arrival_en",
            field=models.TextField(
                blank=True,
                help_text="How to get to the office without steps: entrance, lift, nearest stop, parking for disabled people. Only what the office has checked.",
                null=True,
                verbose_name="accessible arrival",
            ),
        ),
        migrations.AddField(
            model_name="office",
            name="accessible_arrival_sl",
            field=models.TextField(
                blank=True,
                help_text="How to get to the office without steps: entrance, lift, nearest stop, parking for disabled people. Only what the office has checked.",
                null=True,
                verbose_name="accessible arrival",
            ),
        ),
        migrations.CreateModel(
            name="ContactMessage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                ("email", models.EmailField(max_length=254, verbose_name="e-mail address")),
                ("message", models.TextField(max_length=5000, verbose_name="message")),
                ("language", models.CharField(max_length=8, verbose_name="language")),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="received"),
                ),
                (
                    "mailed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="forwarded by e-mail"),
                ),
                ("handled", models.BooleanField(default=False, verbose_name="handled")),
            ],
            options={
                "verbose_name": "contact message",
                "verbose_name_plural": "contact messages",
                "ordering": ["-created_at", "-pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("email", ""), _negated=True),
                            models.Q(("message", ""), _negated=True),
                        ),
                        name="contactmessage_has_address_and_text",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="OfficeHoursException",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("starts_on", models.DateField(verbose_name="first day")),
                (
                    "ends_on",
                    models.DateField(
                        blank=True,
                        help_text="Leave empty for a single day.",
                        verbose_name="last day",
                    ),
                ),
                (
                    "closed",
                    models.BooleanField(
                        default=True,
                        help_text="Untick to give different hours for these days instead.",
                        verbose_name="closed",
                    ),
                ),
                ("opens", models.TimeField(blank=True, null=True, verbose_name="from")),
                ("closes", models.TimeField(blank=True, null=True, verbose_name="until")),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="For example “Christmas holidays”.",
                        max_length=200,
                        verbose_name="note",
                    ),
                ),
                (
                    "note_de",
                    models.CharField(
                        blank=True,
                        help_text="For example “Christmas holidays”.",
                        max_length=200,
                        null=True,
                        verbose_name="note",
                    ),
                ),
                (
                    "note_en",
                    models.CharField(
                        blank=True,
                        help_text="For example “Christmas holidays”.",
                        max_length=200,
                        null=True,
                        verbose_name="note",
                    ),
                ),
                (
                    "note_sl",
                    models.CharField(
                        blank=True,
                        help_text="For example “Christmas holidays”.",
                        max_length=200,
                        null=True,
                        verbose_name="note",
                    ),
                ),
                (
                    "office",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="hours_exceptions",
                        to="officers.office",
                        verbose_name="office",
                    ),
                ),
            ],
            options={
                "verbose_name": "exception to the office hours",
                "verbose_name_plural": "exceptions to the office hours",
                "ordering": ["office_id", "starts_on", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                        name="officehoursexception_ends_after_start",
                        violation_error_message="The last day cannot be before the first day.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("closed", True), ("closes__isnull", True), ("opens__isnull", True)
                            ),
                            models.Q(
                                ("closed", False),
                                ("closes__gt", models.F("opens")),
                                ("closes__isnull", False),
                                ("opens__isnull", False),
                            ),
                            _connector="OR",
                        ),
                        name="officehoursexception_closed_or_hours",
                        violation_error_message="Either tick “closed”, or give both times, the end after the beginning.",
                    ),
                ],
            },
        ),
        migrations.RunPython(create_group, remove_group),
    ]
