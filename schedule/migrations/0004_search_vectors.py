"""PostgreSQL only: each folded search field stored as a generated tsvector column with a GIN
index (core/search/postgres.py matches them). Other databases skip it: SQLite
searches through FTS5 (core.search.sqlite, created after migrate), others with LIKE.

The SQL is written out here, not built by a helper, so that history never changes."""

from django.db import migrations

TABLE = "schedule_workweek"
FIELDS = ("search_text", "search_title")


def _index(column):
    return f"{TABLE}_{column}_fts"[:63]


def add_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in FIELDS:
        column = f"{field}_tsv"
        schema_editor.execute(
            f'ALTER TABLE "{TABLE}" ADD COLUMN IF NOT EXISTS "{column}" tsvector '
            f"GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, "
            f"COALESCE(\"{field}\", '')))) STORED"
        )
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{_index(column)}" ON "{TABLE}" USING gin ("{column}")'
        )


def drop_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in FIELDS:
        schema_editor.execute(f'ALTER TABLE "{TABLE}" DROP COLUMN IF EXISTS "{field}_tsv"')


class Migration(migrations.Migration):
    dependencies = [("schedule", "0003_desk")]

    operations = [migrations.RunPython(add_vectors, drop_vectors)]
