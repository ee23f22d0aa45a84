from django.db import migrations

from core.migration_ops import stored_search_vectors

INDEX = "docs_newest_first"


def newest_first_index(apps, schema_editor):
    """The registry's order (DocumentQuerySet.newest_first) as an index, on PostgreSQL only:
    SQLite rejects NULLS LAST in an index and its planner does not use a plain DESC one for that
    ORDER BY (checked with EXPLAIN QUERY PLAN), so Meta.indexes cannot hold it."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "docs_registry_document" '
        '("issue_date" DESC NULLS LAST, "issue_year" DESC, "id" DESC)'
    )


def drop_newest_first_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [
        ("docs_registry", "0004_shared_topics"),
    ]

    operations = [
        # Stored tsvector columns with GIN indexes for site search (PostgreSQL only).
        stored_search_vectors("docs_registry", "document"),
        migrations.RunPython(newest_first_index, drop_newest_first_index),
    ]
