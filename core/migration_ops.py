"""Migration operations shared by the content apps."""

from django.db import migrations

FULLTEXT_FIELDS = ("search_text", "search_title")


def _index_name(table, field):
    return f"{table}_{field}_fts"[:63]


def fulltext_indexes(app_label, model_name, fields=FULLTEXT_FIELDS):
    """A RunPython adding GIN full-text indexes over the folded search fields, on PostgreSQL only.

    The expression matches what `dvsite.search` queries with (SearchVector(field, config="simple")),
    so the planner can use the index. Other databases skip it: their search is a LIKE.
    """

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = apps.get_model(app_label, model_name)._meta.db_table
        for field in fields:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{_index_name(table, field)}" ON "{table}" '
                f"USING gin (to_tsvector('simple'::regconfig, COALESCE(\"{field}\", '')))"
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = apps.get_model(app_label, model_name)._meta.db_table
        for field in fields:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{_index_name(table, field)}"')

    return migrations.RunPython(forwards, backwards)


def stored_search_vectors(app_label, model_name, fields=FULLTEXT_FIELDS):
    """A RunPython storing each folded search field as a generated tsvector column with a GIN
    index (PostgreSQL only; see core/search/postgres.py). Positions are stripped: word-prefix
    queries joined with & do not use them, and the vectors are half the size. The expression indexes of
    `fulltext_indexes` are dropped: search then matches the stored columns."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = apps.get_model(app_label, model_name)._meta.db_table
        for field in fields:
            column = f"{field}_tsv"
            schema_editor.execute(
                f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS "{column}" tsvector '
                f"GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, "
                f"COALESCE(\"{field}\", '')))) STORED"
            )
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{_index_name(table, column)}" ON "{table}" '
                f'USING gin ("{column}")'
            )
            schema_editor.execute(f'DROP INDEX IF EXISTS "{_index_name(table, field)}"')

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = apps.get_model(app_label, model_name)._meta.db_table
        for field in fields:
            schema_editor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "{field}_tsv"')
        fulltext_indexes(app_label, model_name, fields).code(apps, schema_editor)

    return migrations.RunPython(forwards, backwards)
