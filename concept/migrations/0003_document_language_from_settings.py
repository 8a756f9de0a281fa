# The language of a document is one of the portal languages (settings.LANGUAGES),
# read when the form is built: the migration keeps no list of languages. The
# meaning of the official title is for the readers of every other language.

import kassel_integration.content.languages
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('concept', '0002_versions_goals_measures_report_documents'),
    ]

    operations = [
        migrations.AlterField(
            model_name='conceptversion',
            name='official_title_meaning',
            field=models.CharField(blank=True, help_text='For readers of the other languages; leave the German tab empty.', max_length=300, verbose_name='meaning of the official title'),
        ),
        migrations.AlterField(
            model_name='conceptversion',
            name='official_title_meaning_de',
            field=models.CharField(blank=True, help_text='For readers of the other languages; leave the German tab empty.', max_length=300, null=True, verbose_name='meaning of the official title'),
        ),
        migrations.AlterField(
            model_name='conceptversion',
            name='official_title_meaning_en',
            field=models.CharField(blank=True, help_text='For readers of the other languages; leave the German tab empty.', max_length=300, null=True, verbose_name='meaning of the official title'),
        ),
        migrations.AlterField(
            model_name='conceptversion',
            name='official_title_meaning_sl',
            field=models.CharField(blank=True, help_text='For readers of the other languages; leave the German tab empty.', max_length=300, null=True, verbose_name='meaning of the official title'),
        ),
        migrations.AlterField(
            model_name='document',
            name='language',
            field=models.CharField(choices=kassel_integration.content.languages.choices, default=kassel_integration.content.languages.source, max_length=8, verbose_name='language of the document'),
        ),
    ]
