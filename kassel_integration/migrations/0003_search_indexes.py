"""Formerly: GIN expression indexes of the first site search, on PostgreSQL only.

This migration built one expression index per searchable model and language
from the search code of its day, which made it import live application code.
The search now reads one index table (migration 0010, which also drops these
indexes where they exist), so this migration does nothing any more; it stays
so that the migration history of existing databases is unchanged.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kassel_integration", "0002_site_settings"),
        ("officers", "0002_office_tasks_terms"),
        ("concept", "0002_versions_goals_measures_report_documents"),
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop, elidable=False)
    ]
