# Accepted interface texts and their history (translations/overrides.py). Numbered 0012:
# the lead relinks it after the other branch's 0011 at merge.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kassel_integration', '0011_review_of_live_changes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='InterfaceText',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(choices=[('de', 'Deutsch'), ('en', 'English'), ('sl', 'Slovenščina')], max_length=8, verbose_name='language')),
                ('context', models.CharField(blank=True, max_length=200, verbose_name='context')),
                ('msgid', models.TextField(verbose_name='source text (English)')),
                ('msgid_plural', models.TextField(blank=True, verbose_name='source text, plural')),
                ('strings', models.JSONField(default=list, verbose_name='translation')),
                ('baseline', models.JSONField(default=list, verbose_name='catalogue translation')),
                ('status', models.CharField(choices=[('live', 'live, not yet in a release'), ('exported', 'exported for the next release'), ('undone', 'undone: the released text again')], default='live', max_length=10, verbose_name='status')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='changed at')),
                ('exported_at', models.DateTimeField(blank=True, null=True, verbose_name='exported at')),
            ],
            options={
                'verbose_name': 'interface text',
                'verbose_name_plural': 'interface texts',
                'ordering': ['language', 'msgid', 'context'],
                'default_permissions': (),
                'constraints': [models.UniqueConstraint(fields=('language', 'context', 'msgid'), name='interfacetext_one_per_message'), models.CheckConstraint(condition=models.Q(('language__in', ['de', 'en', 'sl'])), name='interfacetext_known_language'), models.CheckConstraint(condition=models.Q(('status__in', ['live', 'exported', 'undone'])), name='interfacetext_known_status')],
            },
        ),
        migrations.CreateModel(
            name='InterfaceTextChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('old', models.JSONField(default=list, verbose_name='before')),
                ('new', models.JSONField(default=list, verbose_name='after')),
                ('source', models.CharField(choices=[('upload', 'uploaded file'), ('browser', 'changed in the browser'), ('undo', 'undo')], max_length=10, verbose_name='how')),
                ('changed_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='changed at')),
                ('undone', models.BooleanField(default=False, verbose_name='undone')),
                ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
                ('text', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='kassel_integration.interfacetext', verbose_name='interface text')),
                ('upload', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='text_changes', to='kassel_integration.interfacecatalogueupload', verbose_name='upload')),
            ],
            options={
                'verbose_name': 'interface text change',
                'verbose_name_plural': 'interface text changes',
                'ordering': ['-changed_at', '-pk'],
                'default_permissions': (),
                'constraints': [models.CheckConstraint(condition=models.Q(('source__in', ['upload', 'browser', 'undo'])), name='interfacetextchange_known_source')],
            },
        ),
    ]
