# The language of a document is one of the portal languages (settings.LANGUAGES),
# read when the form is built: the migration keeps no list of languages.

import kassel_integration.content.languages
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('concept', '0002_versions_goals_measures_report_documents'),
    ]

    operations = [
        migrations.AlterField(
            model_name='document',
            name='language',
            field=models.CharField(choices=kassel_integration.content.languages.choices, default=kassel_integration.content.languages.source, max_length=8, verbose_name='language of the document'),
        ),
    ]
