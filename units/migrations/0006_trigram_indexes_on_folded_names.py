"""Trigram indexes on the folded name columns, on PostgreSQL only.

Searches run ``name_search LIKE '%<folded query>%'`` (``__contains=fold(query)``); a B-tree cannot
serve a pattern with a leading wildcard, a ``pg_trgm`` GIN index can (three letters or more). On
SQLite both operations do nothing: the same lookups scan, with the same results.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    ("units_person", "units_person_name_search_trgm"),
    ("units_unit", "units_unit_name_search_trgm"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (name_search gin_trgm_ops)")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("units", "0005_registerentry")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
