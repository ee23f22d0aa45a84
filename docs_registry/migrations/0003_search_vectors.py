"""PostgreSQL only: each folded search field stored as a generated tsvector column with a GIN
index (core/search/postgres.py matches them),
and the registry's order (DocumentQuerySet.newest_first) as an index: SQLite rejects NULLS LAST in
an index and its planner does not use a plain DESC one for that ORDER BY, so Meta.indexes cannot
hold it. Other databases skip it: SQLite
searches through FTS5 (core.search.sqlite, created after migrate), others with LIKE.

The SQL is written out here, not built by a helper, so that history never changes."""

from django.db import migrations

TABLE = "docs_registry_document"
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
    schema_editor.execute(
        'CREATE INDEX IF NOT EXISTS "docs_newest_first" ON "docs_registry_document" '
        '("issue_date" DESC NULLS LAST, "issue_year" DESC, "id" DESC)'
    )


def drop_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute('DROP INDEX IF EXISTS "docs_newest_first"')
    for field in FIELDS:
        schema_editor.execute(f'ALTER TABLE "{TABLE}" DROP COLUMN IF EXISTS "{field}_tsv"')


class Migration(migrations.Migration):
    dependencies = [("docs_registry", "0002_editorial_permissions")]

    operations = [migrations.RunPython(add_vectors, drop_vectors)]
