"""Accepted uploads of interface texts (.po) and the per-language translator groups.

Frozen names, as a migration must be; kassel_integration/translations/catalogue.py
holds the same ones and tests/kassel_integration/translations/test_interface_catalogue.py
checks that they agree.
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

# German interface texts are the source side: the editors handle them.
GROUPS = {
    "Translators (English)": ["translate_interface_en"],
    "Translators (Slovenian)": ["translate_interface_sl"],
    "Editors": ["translate_interface_de"],
}
# The export and upload live on the translation dashboard.
DASHBOARD = "view_translationstate"


def create_groups(apps, schema_editor):
    # The new permissions exist only after post_migrate unless created here.
    config = apps.get_app_config("kassel_integration")
    if getattr(config, "models_module", None) is None:
        # Historical app configs have no models module; create_permissions wants one.
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    else:
        create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        if name != "Editors":
            codenames = [*codenames, DASHBOARD]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="kassel_integration", codename__in=codenames
            )
        )


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Translators (English)", "Translators (Slovenian)"]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('kassel_integration', '0005_translation_roles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='InterfaceCatalogueUpload',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(choices=[('de', 'Deutsch'), ('en', 'English'), ('sl', 'Slovenščina')], max_length=8, verbose_name='language')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='uploaded at')),
                ('po_text', models.TextField(verbose_name='file content')),
                ('message_count', models.PositiveIntegerField(verbose_name='messages in the file')),
                ('changed_count', models.PositiveIntegerField(verbose_name='changed messages')),
                ('changes', models.JSONField(blank=True, default=list, verbose_name='changed messages, before and after')),
                ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'interface text upload',
                'verbose_name_plural': 'interface text uploads',
                'ordering': ['-uploaded_at', '-pk'],
                'permissions': [('translate_interface_de', 'Can export and import the German interface texts'), ('translate_interface_en', 'Can export and import the English interface texts'), ('translate_interface_sl', 'Can export and import the Slovenian interface texts')],
                'default_permissions': (),
                'constraints': [models.CheckConstraint(condition=models.Q(('changed_count__lte', models.F('message_count'))), name='interfacecatalogueupload_changed_within_messages'), models.CheckConstraint(condition=models.Q(('language__in', ['de', 'en', 'sl'])), name='interfacecatalogueupload_known_language')],
            },
        ),
        migrations.RunPython(create_groups, remove_groups),
    ]
